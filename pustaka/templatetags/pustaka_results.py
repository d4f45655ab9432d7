"""{% search_results rows snippets version %}: the results of one page of the library's search, each one's HTML
kept per worker.

A search page shows twenty results, and rendering each through the template engine was a good part of the
page's time. A result's HTML depends only on the document (as of the library's version: any change to what it
shows gives the library a new version, pustaka.search.library_changed), the snippet, its download count (which
changes without a new version, so it is part of the key) and the language; kept under exactly those, it is
never looked up again once any of them changes. Without a version (kept rankings turned off, or the order by
downloads) each result is rendered afresh."""

from functools import partial

from django import template
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from ruangrunding.kept import Kept

register = template.Library()

TEMPLATE = "pustaka/includes/_result.html"
KEPT = 2000


@register.simple_tag
def search_results(rows, snippets, version) -> SafeString:
    """The page's results, each followed by the line break and indent that separate them in the list (one tag
    for the twenty: a {% for %} calling a tag for each result cost more than the results kept)."""
    language = translation.get_language()
    html = []
    for document in rows:
        snippet = snippets.get(document.pk) if snippets else None
        if version is None:
            html.append(_render(document, snippet))
        else:
            key = (version, document.pk, document.download_count, str(snippet or ""), language)
            html.append(_kept_results.get_or_build(key, partial(_render, document, snippet)))
    return mark_safe("".join(f"{result}\n  " for result in html))  # noqa: S308 — template output


def _render(document, snippet) -> SafeString:
    return mark_safe(render_to_string(TEMPLATE, {"document": document, "snippet": snippet}))  # noqa: S308


_kept_results = Kept(KEPT)
