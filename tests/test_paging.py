"""One way to read `?halaman=` on every list (ruangrunding.paging) and one pager (templates/includes/_pager.html)."""

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from ruangrunding.paging import PAGE_MAX, page_number, paginate


@pytest.mark.parametrize(
    ("typed", "page"),
    [
        (None, 1),
        ("", 1),
        ("3", 3),
        (" 3 ", 3),
        ("abc", 1),
        ("-3", 1),
        ("0", 1),
        ("2.5", 1),
        ("1e3", 1),
        ("٣", 1),  # an Arabic-Indic digit, which int() would read
        ("1_000", 1),  # which int() would read as 1000
        ("100001", PAGE_MAX),
        ("9" * 5000, PAGE_MAX),  # int() refuses it outright
    ],
)
def test_a_typed_page_number_is_a_page_between_one_and_the_maximum(typed, page):
    assert page_number(typed) == page


def test_a_page_past_the_end_is_the_last_and_a_bad_one_the_first():
    items = list(range(45))
    assert paginate(items, per_page=20, requested="99").number == 3
    assert list(paginate(items, per_page=20, requested="99").object_list) == list(range(40, 45))
    assert paginate(items, per_page=20, requested="-1").number == 1
    assert paginate([], per_page=20, requested="5").number == 1


def pager(query: str, page_number_asked: str, **extra) -> str:
    request = RequestFactory().get(f"/daftar/?{query}")
    page = paginate(list(range(100)), per_page=20, requested=page_number_asked)
    template = Template('{% include "includes/_pager.html" %}')
    return template.render(Context({"request": request, "page": page, **extra}))


def test_pager_links_keep_every_search_term_and_filter_even_repeated_ones():
    html = pager("q=banjir&status=berlaku&status=diubah&halaman=2", "2")
    assert 'href="?q=banjir&amp;status=berlaku&amp;status=diubah&amp;halaman=1"' in html
    assert 'href="?q=banjir&amp;status=berlaku&amp;status=diubah&amp;halaman=3"' in html
    assert "Halaman 2 dari 5" in html


def test_pager_uses_its_own_parameter_when_a_page_holds_two_lists():
    html = pager("halaman=4", "1", param="halaman_masuk")
    assert 'href="?halaman=4&amp;halaman_masuk=2"' in html and "Sebelumnya" not in html


def test_a_single_page_shows_no_pager():
    request = RequestFactory().get("/daftar/")
    html = Template('{% include "includes/_pager.html" %}').render(
        Context({"request": request, "page": paginate([1, 2], per_page=20, requested="1")})
    )
    assert html.strip() == ""
