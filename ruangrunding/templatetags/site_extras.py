from django import template

from ruangrunding.notices import anchor_of

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
