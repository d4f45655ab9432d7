from django import template
from django.utils.safestring import mark_safe

from ruangrunding.inlined import icon_data_uri, inline_css, inline_js
from ruangrunding.notices import anchor_of
from ruangrunding.paging import PAGE_PARAMETER

register = template.Library()


@register.filter
def get_item(mapping, key):
    """{{ mapping|get_item:key }} — a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def messages_at(context, anchor=""):
    """{% messages_at anchor as notes %} — the pending messages meant for the element with this id; without an
    anchor, those for the top of the page."""
    return [message for message in context.get("messages") or () if anchor_of(message) == anchor]


@register.simple_tag(takes_context=True)
def page_url(context, number, parameter=PAGE_PARAMETER):
    """{% page_url 3 %} — this page's address with only the page number changed: every search term and filter
    (also one given several times) is kept."""
    query = context["request"].GET.copy()
    query[parameter] = number
    return f"?{query.urlencode()}"


@register.simple_tag
def inline_stylesheet(name):
    """{% inline_stylesheet "css/site.css" %} — the stylesheet in a <style> element, so the first paint waits
    for no other request; the Content-Security-Policy allows it by its hash (ruangrunding.inlined)."""
    return mark_safe(f"<style>{inline_css(name)}</style>")  # noqa: S308 — our own file, checked for '</'


@register.simple_tag
def inline_script(name):
    """{% inline_script "js/site.js" %} — the script in a <script> element (at the end of the <body>: it runs
    once the page is parsed, as `defer` would), allowed by its hash in the Content-Security-Policy."""
    return mark_safe(f"<script>{inline_js(name)}</script>")  # noqa: S308 — our own file, checked for '</'


@register.simple_tag
def icon_url():
    """The portal's icon as a data: address: the browser asks the server for no icon."""
    return mark_safe(icon_data_uri())  # noqa: S308 — percent-encoded: no quote, no ampersand
