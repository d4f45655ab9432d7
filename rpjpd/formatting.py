"""Turning stored text into safe HTML: citizens' replies as plain text, staff topics as Markdown."""

from functools import lru_cache

import markdown
import nh3
from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

LINK_REL = "nofollow ugc noopener"
TOPIC_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr"}


# Finding links costs about a millisecond per reply, and a reply is read far more often than it is written:
# each worker keeps the HTML of the replies it rendered last (a pure function of the text, so never stale).
@lru_cache(maxsize=2048)
def reply_html(text: str) -> SafeString:
    """Plain text with its line breaks, links clickable; anything that looks like HTML is shown, not run."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', f'rel="{LINK_REL}"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 — urlize escaped everything first


def topic_html(source: str) -> SafeString:
    """Staff-written Markdown, rendered and then sanitised to a small set of tags (no raw HTML survives)."""
    rendered = markdown.markdown(source, extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=TOPIC_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 — nh3 has sanitised it
