"""Turning stored text into safe HTML: citizens' replies as plain text, staff topics as Markdown."""

from functools import lru_cache

from django.utils.html import linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

from ruangrunding.markup import markdown_html

LINK_REL = "nofollow ugc noopener"


# Finding links costs about a millisecond per reply, and a reply is read far more often than it is written:
# each worker keeps the HTML of the replies it rendered last (a pure function of the text, so never stale).
@lru_cache(maxsize=2048)
def reply_html(text: str) -> SafeString:
    """Plain text with its line breaks, links clickable; anything that looks like HTML is shown, not run."""
    linked = urlize(text, trim_url_limit=60, nofollow=True, autoescape=True)
    linked = linked.replace('rel="nofollow"', f'rel="{LINK_REL}"')
    return mark_safe(linebreaks(linked, autoescape=False))  # noqa: S308 — urlize escaped everything first


@lru_cache(maxsize=256)  # a pure function of the text too: an edited topic is a new key
def topic_html(source: str) -> SafeString:
    """Staff-written Markdown, rendered and sanitised (the portal's one Markdown renderer)."""
    return markdown_html(source)
