import gzip
import re
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import Role, RoleAssignment
from agenda.models import Aspiration, Event
from konsultasi.models import Consultation
from konsultasi.services import consultation_open, message_post
from musrenbang.models import Field as UsulanField
from musrenbang.models import UsulanImport
from musrenbang.services import usulan_create
from pengaduan.models import Category
from pengaduan.services import complaint_file, complaint_verify
from pengumuman.models import Announcement
from rpjpd.services import reply_create
from tests.agenda.factories import make_event
from tests.helpers import make_user
from tests.musrenbang.conftest import open_cycle, usulan_data
from wilayah.models import Agency, Desa, RegionProfile

pytestmark = pytest.mark.django_db
# Every module, between "Beranda" and "Panduan", in the order of ruangrunding/navigation.py.
MENU = ["Beranda", "RPJPD", "Musrenbang", "Pengaduan", "Agenda", "Konsultasi", "Pustaka", "Pengumuman", "Panduan"]


def menus(page: str) -> list[str]:
    """The main menu's landmarks: the phone's, behind "Menu", and the wide screen's row."""
    return re.findall(r'<nav class="[^"]*" aria-label="Menu utama">(.*?)</nav>', page, re.S)


def labels(menu: str) -> list[str]:
    """Each entry's name, without the short description the phone's menu adds below it."""
    return [re.sub(r"<span>.*?</span>", "", entry).strip() for entry in re.findall(r"<a [^>]*>(.*?)</a>", menu, re.S)]


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "guide",
        "rpjpd:index",
        "musrenbang:index",
        "pengaduan:index",
        "agenda:index",
        "konsultasi:index",
        "pustaka:index",
        "pengumuman:index",
    ],
)
def test_every_public_page_has_the_menu_landmarks_and_skip_link(client, name):
    response = client.get(reverse(name))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="id">' in page
    phone, wide = menus(page)
    assert labels(phone) == labels(wide) == MENU
    assert re.search(r'<details class="site-menu"[^>]*>\s*<summary>.*Menu.*</summary>\s*<nav class="menu-panel"', page)
    assert 'href="#isi"' in page and '<main id="isi"' in page
    assert "<header" in page and "<footer" in page
    assert all(menu.count('aria-current="page"') == 1 for menu in (phone, wide))


def test_the_phone_menu_says_in_a_line_what_each_module_holds(client):
    phone, _ = menus(client.get(reverse("home")).content.decode())
    assert f'<a href="{reverse("pustaka:index")}">Pustaka <span>Regulasi, rencana, kajian.</span></a>' in phone


@pytest.mark.parametrize(
    ("url", "current"),
    [
        ("/", "Beranda"),
        ("/panduan/", "Panduan"),
        ("/rpjpd/isu-strategis-daerah/banjir-mahakam/", "RPJPD"),
        ("/konsultasi/saya/", "Konsultasi"),
        ("/pustaka/?q=banjir", "Pustaka"),
    ],
)
def test_the_menu_marks_the_module_of_the_page_being_read(client, citizen, topic, url, current):
    client.force_login(citizen)
    for menu in menus(client.get(url).content.decode()):
        marked = re.findall(r'<a [^>]*aria-current="page">(.*?)</a>', menu, re.S)
        assert labels(f"<a >{marked[0]}</a>") == [current], url


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


def test_account_menu_leads_to_konsultasi_saya(client, citizen):
    client.force_login(citizen)
    page = client.get(reverse("home")).content.decode()
    menu = re.search(r'<details class="user-menu"[^>]*>(.*?)</details>', page, re.S)[1]
    assert f'<a href="{reverse("konsultasi:mine")}">Konsultasi Saya</a>' in menu


def test_an_expert_sees_in_the_header_how_many_consultations_wait(
    client, citizen, citizen2, expert, django_assert_num_queries
):
    for asker, subject in [(citizen, "Air sumur"), (citizen2, "Banjir"), (citizen, "Jalan desa")]:
        consultation_open(citizen=asker, expert=expert.expert_profile, subject=subject, body="Mohon saran.")
    answered = Consultation.objects.get(subject="Jalan desa")
    message_post(consultation=answered, author=expert, body="Sudah saya jawab.")
    client.force_login(expert)
    client.get(reverse("guide"))  # warms the per-worker copies
    with django_assert_num_queries(2):  # the session with its person, one count for the expert (the guide: nothing)
        page = client.get(reverse("guide")).content.decode()
    assert re.search(r'data-testid="waiting-count">2<span class="visually-hidden"> konsultasi menunggu', page)
    assert 'Konsultasi Saya <span class="count">2 menunggu</span>' in page


def test_an_expert_with_nothing_waiting_and_a_citizen_see_no_count(client, citizen, expert):
    for user in (citizen, expert):
        client.force_login(user)
        assert 'data-testid="waiting-count"' not in client.get(reverse("home")).content.decode()


def breadcrumb_pages(topic, citizen, expert, make_document):
    root = reply_create(topic=topic, author=citizen, body="Akar")
    consultation = consultation_open(citizen=citizen, expert=expert.expert_profile, subject="Air", body="Keruh")
    return [
        reverse("rpjpd:section", args=[topic.section.slug]),
        topic.get_absolute_url(),
        reverse("rpjpd:thread", args=[root.pk]),
        reverse("rpjpd:answer", args=[root.pk]),
        make_document("Perda RPJPD").get_absolute_url(),
        reverse("konsultasi:mine"),
        expert.expert_profile.get_absolute_url(),
        reverse("konsultasi:create", args=[expert.expert_profile.pk]),
        consultation.get_absolute_url(),
        Announcement.objects.create(title="Jadwal Musrenbang", body="Isi").get_absolute_url(),
        reverse("pengumuman:install"),
        make_event().get_absolute_url(),
        reverse("agenda:apply", args=[Event.objects.get().pk]),
    ]


def musrenbang_breadcrumb_pages(citizen) -> list[str]:
    """The Musrenbang pages with a breadcrumb, all open to a Bappeda person (who decides everywhere)."""
    citizen.desa = Desa.objects.get(name="Maluhu")
    citizen.save(update_fields=["desa"])
    cycle = open_cycle(2099)
    road = UsulanField.objects.get_or_create(slug="prasarana-wilayah", defaults={"name": "Prasarana Wilayah"})[0]
    usulan = usulan_create(
        cycle=cycle, desa=citizen.desa, data=usulan_data(SimpleNamespace(road=road)), proposer=citizen
    )
    upload = UsulanImport.objects.create(
        cycle=cycle, desa=citizen.desa, file="musrenbang/impor/rekap.xlsx", status=UsulanImport.Status.FAILED
    )
    return [
        reverse("musrenbang:create"),
        usulan.get_absolute_url(),
        reverse("musrenbang:worklist"),
        reverse("musrenbang:record"),
        reverse("musrenbang:decide", args=[usulan.code]),
        reverse("musrenbang:window_reopen", args=[cycle.windows.first().pk]),
        reverse("musrenbang:import_upload"),
        upload.get_absolute_url(),
    ]


def pengaduan_breadcrumb_pages(citizen):
    """(person, url) for the complaint pages with a breadcrumb; the staff ones need a complaint handler."""
    agency = Agency.objects.create(name="Dinas Pekerjaan Umum", short_name="Dinas PU", kind="dinas")
    handler = make_user("petugas", display_name="Petugas Pengaduan")
    RoleAssignment.objects.create(user=handler, role=Role.COMPLAINT_HANDLER)
    complaint = complaint_file(
        kind="pengaduan",
        category=Category.objects.create(name="Jalan", agency=agency),
        title="Jembatan retak",
        description="Retak.",
        kecamatan=citizen.kecamatan,
        reporter=citizen,
    )
    complaint_verify(complaint=complaint, actor=handler)
    return [
        (citizen, reverse("pengaduan:create")),
        (citizen, reverse("pengaduan:mine")),
        (citizen, complaint.get_absolute_url()),
        (citizen, complaint.tracking_url()),
        (handler, complaint.manage_url()),
        (handler, reverse("pengaduan:record")),
        (handler, reverse("pengaduan:report")),
    ]


def test_breadcrumbs_never_end_with_a_dangling_separator(client, topic, citizen, expert, make_document):
    pages = [(citizen, url) for url in breadcrumb_pages(topic, citizen, expert, make_document)]
    pages += pengaduan_breadcrumb_pages(citizen)
    bappeda = make_user("bappeda", display_name="Bappeda")
    RoleAssignment.objects.create(user=bappeda, role=Role.BAPPEDA)
    pages += [(bappeda, url) for url in musrenbang_breadcrumb_pages(citizen)]
    moderator = make_user("moderator", display_name="Moderator Agenda", is_staff=True)
    moderator.user_permissions.add(Permission.objects.get(codename="change_aspiration"))
    aspiration = Aspiration.objects.create(event=Event.objects.get(), author=citizen, body="Jalan", shortlisted=True)
    pages += [(moderator, reverse("agenda:staff_aspiration", args=[aspiration.pk]))]
    templates = set()
    for person, url in pages:
        client.force_login(person)
        response = client.get(url)
        assert response.status_code == 200, url
        trail = re.search(r'<nav class="breadcrumb"[^>]*>(.*?)</nav>', response.content.decode(), re.S)[1]
        text = re.sub(r"<[^>]+>", "", trail).strip()
        assert text and not text.endswith("›"), (url, text)
        templates.add(response.templates[0].name)
    # Every template that draws a breadcrumb was rendered above.
    with_breadcrumbs = {
        str(path.relative_to(settings.BASE_DIR / "templates"))
        for path in (settings.BASE_DIR / "templates").rglob("*.html")
        if 'class="breadcrumb"' in path.read_text()
    }
    assert with_breadcrumbs <= templates, with_breadcrumbs - templates


def test_region_profile_placeholder_before_staff_fill_it_in(client):
    page = client.get(reverse("home")).content.decode()
    assert RegionProfile.objects.count() == 0
    assert "<strong>Ruang Runding</strong> <span>Kabupaten</span>" in page  # header: the placeholder name
    assert "<p><strong>Bappeda</strong></p>" in page  # footer: the placeholder agency
    assert "mailto:" not in page and "tel:" not in page  # no contacts until staff give them


def test_home_page_fits_the_30_kb_budget_for_slow_phones(client, citizen):
    """What a phone downloads for the home page, gzip-compressed: the HTML alone, which carries its stylesheet
    and script inline (tests/test_first_paint.py has every page type)."""
    client.force_login(citizen)
    html = client.get(reverse("home")).content
    assert re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html) == []
    assert b"<style>" in html and b"<script>" in html
    total = len(gzip.compress(html, 6))
    assert total < 30 * 1024, f"{total} bytes"


def test_server_error_page_is_indonesian_and_needs_nothing_from_the_database():
    page = render_to_string("500.html")
    assert "Maaf, terjadi kesalahan di server" in page
    assert "{%" not in page
