import re

import pytest
from django.urls import reverse

from ruangrunding.inlined import sha256_source
from tests.helpers import client_for
from tests.test_first_paint import Head, sources


@pytest.fixture
def page(world, crowd, staff):
    def get(**params):
        response = client_for(staff).get(reverse("insight:index"), params)
        assert response.status_code == 200
        return response.content.decode()

    return get


def test_every_block_and_chart_is_on_the_page(page):
    html = page(periode="semua")
    for heading in ("Partisipasi", "Jangkauan", "Konsultasi", "Pustaka"):
        assert f">{heading}</h2>" in html
    assert html.count("<svg") >= 10
    assert html.count('<rect x="') > 30
    assert "peta banjir" in html  # unfound searches listed for staff
    assert 'class="row-none"' in html and "belum ada peserta" in html


def test_charts_need_no_inline_style_or_script(world, crowd, staff):
    # The charts are plain SVG: no style attribute (no hash could allow one), and the only inline style and
    # script are the site's own, each allowed by its hash in the CSP (tests/test_first_paint.py).
    response = client_for(staff).get(reverse("insight:index"))
    html = response.content.decode()
    assert "style=" not in html
    head = Head()
    head.feed(html)
    csp = response.headers["Content-Security-Policy"]
    assert head.inline
    for tag, _attributes, text in head.inline:
        assert sha256_source(text) in sources(csp, "style-src" if tag == "style" else "script-src")


def test_chart_coordinates_are_not_localised(page):
    # Indonesian formatting writes 12,5; inside SVG that would be two numbers.
    html = page()
    assert not re.search(r'(x|y|width|height)="\d+,\d', html)


def test_exact_counts_never_reach_the_html(page):
    html = page(periode="semua")
    kecamatan = html.split('data-testid="figure-per-kecamatan"')[1].split("</figure>")[0]
    # Up to the end of last month: Muara Badak 3, Samboja 14, Tenggarong 20 — in the table and in the chart.
    assert '<td class="num">&lt; 5</td>' in kecamatan and "Samboja: 15" in kecamatan
    for exact in ("3", "14"):
        assert f">{exact}<" not in kecamatan and f": {exact}<" not in kecamatan


def test_page_says_how_reach_is_protected(page):
    html = page(periode="semua")
    assert "dibulatkan ke kelipatan 5" in html and "sampai akhir bulan yang sudah selesai" in html
    assert "Data jangkauan sampai" in html


def test_period_selector_marks_the_current_period(page):
    html = page(periode="30-hari")
    assert '<option value="30-hari" selected>' in html
    assert "30 hari terakhir" in html
    assert reverse("insight:download") + "?periode=30-hari" in html


def test_unknown_period_says_so_and_shows_all_time(page):
    html = page(periode="<script>x</script>")
    assert "tidak dikenal" in html
    assert "<script>x</script>" not in html
    assert '<option value="semua" selected>' in html


def test_dashboard_for_an_empty_portal(staff):
    response = client_for(staff).get(reverse("insight:index"))
    assert response.status_code == 200
    assert "Belum ada data untuk periode ini." in response.content.decode()
