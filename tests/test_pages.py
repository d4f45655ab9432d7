import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import RegionProfile

pytestmark = pytest.mark.django_db
MENU = ["Beranda", "RPJPD", "Konsultasi", "Pustaka", "Panduan"]


@pytest.mark.parametrize("name", ["home", "guide", "rpjpd:index", "konsultasi:index", "pustaka:index"])
def test_every_public_page_has_the_menu_landmarks_and_skip_link(client, name):
    response = client.get(reverse(name))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in page
    assert all(f">{item}</a>" in page for item in MENU)
    assert 'href="#isi"' in page and '<main id="isi"' in page
    assert "<header" in page and "<nav" in page and "<footer" in page
    assert 'aria-current="page"' in page


def test_anonymous_header_offers_masuk_and_daftar(client):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("account_login")}">Masuk</a>' in page
    assert f'href="{reverse("account_signup")}">Daftar</a>' in page


def test_signed_in_header_shows_display_name_and_keluar(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="user-name">Siti Aminah<' in page
    assert "Keluar" in page and ">Daftar</a>" not in page


def test_staff_see_the_admin_link_and_citizens_do_not(client, citizen, staff):
    client.force_login(citizen)
    assert "Admin Bappeda" not in client.get(reverse("home")).content.decode()
    client.force_login(staff)
    assert "Admin Bappeda" in client.get(reverse("home")).content.decode()


def test_guide_explains_each_module_and_whom_to_contact(client):
    RegionProfile.objects.create(name="Kabupaten X", agency_name="Bappeda X", contact_phones="0811")
    page = client.get(reverse("guide")).content.decode()
    for heading in ["Daftar dan masuk", "RPJPD", "Berkonsultasi dengan pakar", "Membaca Pustaka", "Butuh bantuan"]:
        assert heading in page
    assert "Konsultasi Saya" in page
    assert 'href="tel:0811"' in page


def test_unknown_page_gets_the_indonesian_404(client):
    response = client.get("/tidak-ada/")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.content.decode()


def test_home_page_query_count_is_small_and_fixed(client, citizen, django_assert_max_num_queries):
    """Session, user and the region profile: nothing grows with content."""
    client.force_login(citizen)
    with django_assert_max_num_queries(3):
        client.get(reverse("home"))


def test_region_profile_placeholder_before_staff_fill_it_in(client):
    page = client.get(reverse("home")).content.decode()
    assert RegionProfile.objects.count() == 0
    assert "<strong>Ruang Runding</strong> <span>Kabupaten</span>" in page  # header: the placeholder name
    assert "<p><strong>Bappeda</strong></p>" in page  # footer: the placeholder agency
    assert "mailto:" not in page and "tel:" not in page  # no contacts until staff give them


def test_home_page_fits_the_30_kb_budget_for_slow_phones(client, citizen):
    """What a phone downloads for the home page — HTML, stylesheet, script — gzip-compressed, images aside."""
    client.force_login(citizen)
    html = client.get(reverse("home")).content
    assets = re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)
    assert {asset.decode() for asset in assets} == {"css/site.css", "js/site.js"}
    total = len(gzip.compress(html, 6))
    for asset in assets:
        with open(finders.find(asset.decode()), "rb") as handle:
            total += len(gzip.compress(handle.read(), 6))
    assert total < 30 * 1024, f"{total} bytes"


def test_server_error_page_is_indonesian_and_needs_nothing_from_the_database():
    page = render_to_string("500.html")
    assert "Maaf, terjadi kesalahan di server" in page
    assert "{%" not in page
