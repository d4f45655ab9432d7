import re

import pytest
from django.urls import reverse

from tests.helpers import client_for


@pytest.fixture
def page(world, staff):
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


def test_charts_need_no_inline_style_or_script(page):
    html = page()
    assert "style=" not in html
    assert "<script>" not in html and "<style" not in html


def test_chart_coordinates_are_not_localised(page):
    # Indonesian formatting writes 12,5; inside SVG that would be two numbers.
    html = page()
    assert not re.search(r'(x|y|width|height)="\d+,\d', html)


def test_hidden_counts_never_reach_the_html(page):
    html = page(periode="tahun-ini")
    kecamatan_table = html.split('data-testid="figure-per-kecamatan"')[1].split("</figure>")[0]
    # Tenggarong has 2 participants this year and Samboja 6: neither number may appear.
    assert "&lt; 5" in kecamatan_table
    assert ">2<" not in kecamatan_table and ">6<" not in kecamatan_table
    assert "Tenggarong: 2" not in html


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
