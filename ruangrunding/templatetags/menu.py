from django import template

from ruangrunding.navigation import menu_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """{% main_menu as menu %} — the modules to list in the header, the current one marked."""
    return menu_entries(context.get("request"))
