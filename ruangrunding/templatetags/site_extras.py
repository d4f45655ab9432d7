from django import template

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
