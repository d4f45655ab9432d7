"""Which page of a list someone asked for (`?halaman=3`), read one way on every list of the portal. Whatever is
typed there — nothing, "abc", "-3", "0", "2.5", a number with thousands of digits — gives a page, never an
error: page 1 for anything that is not a page number, the last page for a number past the end. Numbered lists
show `templates/includes/_pager.html`; the RPJPD topic page keeps its "Muat lebih banyak" instead."""

from django.core.paginator import Page, Paginator

PAGE_PARAMETER = "halaman"
PAGE_MAX = 100_000  # far past any real list; bounds the OFFSET a typed number can ask the database for


def page_number(value: str | None) -> int:
    """The page number asked for: 1 for anything but digits, at most PAGE_MAX (a caller that knows the number
    of pages shows the last one for a number past it)."""
    text = (value or "").strip()
    if not (text.isascii() and text.isdigit()):
        return 1
    if len(text) > len(str(PAGE_MAX)):  # int() refuses strings of over 4,300 digits; no need to try
        return PAGE_MAX
    return max(1, min(int(text), PAGE_MAX))


def paginate(items, *, per_page: int, requested: str | None, count: int | None = None) -> Page:
    """The page of `items` asked for in a query parameter's value; past the end, the last page. A caller that
    has counted the items already (with other figures, in one query) passes `count` and saves the COUNT(*)."""
    paginator = Paginator(items, per_page)
    if count is not None:
        paginator.count = count  # Paginator.count is a cached property: this is the value it would compute
    return paginator.get_page(page_number(requested))
