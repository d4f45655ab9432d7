from django import template
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import get_urlconf
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from ruangrunding.navigation import menu_entries

register = template.Library()


@register.simple_tag(takes_context=True)
def main_menu(context):
    """{% main_menu as menu %} — the modules to list in the header, the current one marked."""
    return menu_entries(context.get("request"))


MENUS_TEMPLATE = "includes/_site_menus.html"
ACCOUNT_LINKS_TEMPLATE = "includes/_account_links.html"
_menus_html: dict = {}


@register.simple_tag(takes_context=True)
def site_menus(context) -> SafeString:
    """{% site_menus %} — the header's two menus. They depend only on the URLs, the page's module and name and
    the language, so each worker renders them once for each of those (a dozen links and translations were a
    fair part of every page's rendering)."""
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    key = (
        settings.ROOT_URLCONF,
        get_urlconf(),
        match.namespace if match else None,
        match.url_name if match else None,
        translation.get_language(),
    )
    html = _menus_html.get(key)
    if html is None:
        html = render_to_string(MENUS_TEMPLATE, {"menu": menu_entries(request), "request": request})
        if len(_menus_html) > 1000:  # a few dozen page names: never reached but by something unexpected
            _menus_html.clear()
        _menus_html[key] = html
    return mark_safe(html)  # noqa: S308 — template output


@register.simple_tag
def account_links(is_staff: bool) -> SafeString:
    """{% account_links user.is_staff %} — the account menu's fixed links (the reader's name, waiting count and
    sign-out form stay in the page): the same for every reader but staff, rendered once per worker for each."""
    key = ("account", settings.ROOT_URLCONF, get_urlconf(), bool(is_staff), translation.get_language())
    html = _menus_html.get(key)
    if html is None:
        html = _menus_html[key] = render_to_string(ACCOUNT_LINKS_TEMPLATE, {"is_staff": bool(is_staff)})
    return mark_safe(html)  # noqa: S308 — template output
