"""Staff-written Markdown as safe HTML: rendered, then sanitised to a small set of tags (no raw HTML survives).
Shared by every app whose staff write Markdown (RPJPD topics, announcements, event descriptions)."""

import markdown
import nh3
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

MARKDOWN_TAGS = {"p", "br", "strong", "em", "ul", "ol", "li", "a", "h2", "h3", "h4", "blockquote", "code", "pre", "hr"}


def markdown_html(source: str) -> SafeString:
    rendered = markdown.markdown(source or "", extensions=["sane_lists"], output_format="html")
    cleaned = nh3.clean(
        rendered,
        tags=MARKDOWN_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener",
    )
    return mark_safe(cleaned)  # noqa: S308 — nh3 has sanitised it


def markdown_summary(source: str, *, chars: int = 200) -> str:
    """The Markdown as one line of plain text, cut at `chars` (for Open Graph, feeds and lists)."""
    text = " ".join(strip_tags(markdown_html(source)).split())
    return Truncator(text).chars(chars)
