from xml.etree import ElementTree

import pytest
from django.urls import reverse

from pengumuman.admin import AnnouncementAdminForm
from pengumuman.models import Announcement
from tests.konsultasi import files

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def feed_titles(response) -> list[str]:
    root = ElementTree.fromstring(response.content)  # noqa: S314 — our own feed; fails unless well-formed XML
    assert root.tag == f"{ATOM}feed"
    return [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]


def test_list_shows_published_pinned_first_and_hides_future_and_expired(client, announce):
    announce("Jadwal Musrenbang Kecamatan", days_ago=3)
    announce("Pendaftaran peserta dibuka", days_ago=1, pinned=True)
    announce("Belum waktunya", days_ago=-2)
    announce("Sudah lewat", days_ago=10, expires_in=-1)
    html = client.get(reverse("pengumuman:index")).content.decode()
    assert "Belum waktunya" not in html and "Sudah lewat" not in html
    assert html.index("Pendaftaran peserta dibuka") < html.index("Jadwal Musrenbang Kecamatan")


def test_future_or_expired_announcement_page_is_404(client, announce):
    future = announce("Belum waktunya", days_ago=-2)
    expired = announce("Sudah lewat", days_ago=10, expires_in=-1)
    assert client.get(future.get_absolute_url()).status_code == 404
    assert client.get(expired.get_absolute_url()).status_code == 404


def test_announcement_page_has_open_graph_title_summary_and_absolute_image(client, announce, settings):
    settings.SITE_URL = "https://ruangrunding.kukarkab.go.id"
    announcement = announce("Musrenbang Kecamatan Tenggarong", body="Warga diundang **hadir** di aula kecamatan.")
    announcement.image.save("aula.png", files.png(), save=True)
    html = client.get(announcement.get_absolute_url()).content.decode()
    assert '<meta property="og:title" content="Musrenbang Kecamatan Tenggarong">' in html
    assert '<meta property="og:description" content="Warga diundang hadir di aula kecamatan.">' in html
    url = f"https://ruangrunding.kukarkab.go.id/pengumuman/{announcement.pk}/"
    assert f'<meta property="og:url" content="{url}">' in html
    assert '<meta property="og:image" content="https://ruangrunding.kukarkab.go.id/media/pengumuman/aula' in html
    assert "<strong>hadir</strong>" in html


def test_markdown_is_sanitised(client, announce):
    announcement = announce("Awas", body="Halo <script>alert(1)</script> [klik](javascript:alert(2))")
    html = client.get(announcement.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html and "javascript:alert" not in html


def test_summary_falls_back_to_plain_text_of_the_body(announce):
    announcement = announce("Judul", body="# Penting\n\nRapat **besok** pukul 09.00.")
    assert announcement.short_text == "Penting Rapat besok pukul 09.00."


def test_region_feed_is_valid_atom_with_the_published_announcements(client, announce):
    announce("Untuk semua warga")
    announce("Belum waktunya", days_ago=-2)
    assert feed_titles(client.get(reverse("pengumuman:feed"))) == ["Untuk semua warga"]


def test_desa_feed_has_the_region_its_kecamatan_and_its_own_but_not_others(client, announce, units):
    announce("Seluruh Kukar")
    announce("Kecamatan Tenggarong", kecamatan=units["tenggarong"])
    announce("Desa Maluhu", kecamatan=units["tenggarong"], desa=units["maluhu"])
    announce("Desa Sukarame", kecamatan=units["tenggarong"], desa=units["sukarame"])
    announce("Kecamatan Samboja", kecamatan=units["samboja"])
    titles = feed_titles(client.get(reverse("pengumuman:feed"), {"desa": "64.02.05.1001"}))
    assert sorted(titles) == ["Desa Maluhu", "Kecamatan Tenggarong", "Seluruh Kukar"]
    kecamatan_titles = feed_titles(client.get(reverse("pengumuman:feed"), {"kecamatan": "64.02.11"}))
    assert sorted(kecamatan_titles) == ["Kecamatan Samboja", "Seluruh Kukar"]


def test_unknown_desa_is_404_not_the_whole_region(client, announce, units):
    announce("Seluruh Kukar")
    assert client.get(reverse("pengumuman:feed"), {"desa": "99.99"}).status_code == 404
    assert client.get(reverse("pengumuman:embed"), {"desa": "99.99"}).status_code == 404
    assert client.get(reverse("pengumuman:index"), {"kecamatan": "x" * 500}).status_code == 404


def test_desa_without_code_is_found_by_number(client, announce, units):
    units["maluhu"].code = ""
    units["maluhu"].save()
    announce("Desa Maluhu", kecamatan=units["tenggarong"], desa=units["maluhu"])
    response = client.get(reverse("pengumuman:embed"), {"desa": units["maluhu"].pk})
    assert "Desa Maluhu" in response.content.decode()


def test_embed_may_be_framed_by_other_sites_while_other_pages_may_not(client, announce, units):
    announce("Seluruh Kukar")
    embed = client.get(reverse("pengumuman:embed"), {"desa": "64.02.05.1001"})
    assert embed.status_code == 200
    assert "X-Frame-Options" not in embed.headers
    policy = embed.headers["Content-Security-Policy"]
    assert "frame-ancestors https: http:" in policy and "'none'" not in policy.split("frame-ancestors")[1]
    assert "script-src" not in policy and "default-src 'none'" in policy
    for name in ("pengumuman:index", "pengumuman:install"):
        other = client.get(reverse(name))
        assert other.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in other.headers["Content-Security-Policy"]


def test_embed_is_self_contained_without_script_cookie_or_form(client, announce, units):
    announce("Pendaftaran Musrenbang dibuka", pinned=True)
    response = client.get(reverse("pengumuman:embed"), {"kecamatan": "64.02.05", "jumlah": "3"})
    html = response.content.decode()
    assert "Pendaftaran Musrenbang dibuka" in html
    assert "<script" not in html and "<form" not in html
    assert not response.cookies
    assert 'target="_blank" rel="noopener"' in html
    assert "public" in response.headers["Cache-Control"]


def test_embed_shows_at_most_the_asked_number(client, announce):
    for number in range(12):
        announce(f"Pengumuman nomor {number}")
    html = client.get(reverse("pengumuman:embed"), {"jumlah": "2"}).content.decode()
    assert html.count("<li>") == 2
    html = client.get(reverse("pengumuman:embed"), {"jumlah": "banyak"}).content.decode()
    assert html.count("<li>") == 5


def test_install_page_gives_the_iframe_code_for_the_chosen_desa(client, units, settings):
    settings.SITE_URL = "https://ruangrunding.kukarkab.go.id"
    html = client.get(reverse("pengumuman:install"), {"desa": "64.02.05.1001"}).content.decode()
    assert '&lt;iframe src="https://ruangrunding.kukarkab.go.id/pengumuman/sematan/?desa=64.02.05.1001"' in html
    assert "Kelurahan Maluhu" in html or "Desa Maluhu" in html


def test_home_helper_gives_the_latest_published_pinned_first(announce):
    announce("Lama", days_ago=5)
    announce("Baru", days_ago=1)
    announce("Penting", days_ago=9, pinned=True)
    announce("Nanti", days_ago=-1)
    assert [a.title for a in Announcement.objects.for_home(limit=3)] == ["Penting", "Baru", "Lama"]


def test_admin_form_re_encodes_the_image_and_drops_gps(units):
    form = AnnouncementAdminForm(
        data={"title": "Foto", "body": "Isi", "publish_at": "2026-01-05 08:00"}, files={"image": files.jpeg_with_gps()}
    )
    assert form.is_valid(), form.errors
    cleaned = form.cleaned_data["image"].read()
    assert b"PhoneMaker" not in cleaned


def test_admin_form_refuses_a_desa_outside_the_kecamatan(units):
    form = AnnouncementAdminForm(
        data={
            "title": "Salah",
            "body": "Isi",
            "publish_at": "2026-01-05 08:00",
            "kecamatan": units["samboja"].pk,
            "desa": units["maluhu"].pk,
        }
    )
    assert not form.is_valid()
    assert "tidak berada di kecamatan" in str(form.errors["desa"])


def test_list_page_queries_do_not_grow_with_announcements(client, announce, units, django_assert_max_num_queries):
    for number in range(15):
        announce(f"Pengumuman {number}", kecamatan=units["tenggarong"], desa=units["maluhu"])
    with django_assert_max_num_queries(5):
        assert client.get(reverse("pengumuman:index")).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("pengumuman:embed"), {"desa": "64.02.05.1001"}).status_code == 200


def test_embed_served_from_the_visitor_cache_still_allows_framing(client, announce, settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 30
    announce("Dari tembolok")
    first = client.get(reverse("pengumuman:embed"))
    Announcement.objects.all().delete()
    cached = client.get(reverse("pengumuman:embed"))
    assert "Dari tembolok" in cached.content.decode()  # really the cached copy
    for response in (first, cached):
        assert "X-Frame-Options" not in response.headers
        assert "frame-ancestors https: http:" in response.headers["Content-Security-Policy"]
