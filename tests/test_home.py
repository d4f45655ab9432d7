"""The home page — what one can do here, what is open now — and the one list of modules behind it and the menu."""

import re
from datetime import timedelta

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from konsultasi.models import Expert
from rpjpd.models import Topic
from rpjpd.services import reply_create
from ruangrunding.navigation import MODULES, menu_entries
from tests.first_modules_urls import SECOND_WAVE
from tests.helpers import make_expert

pytestmark = pytest.mark.django_db
FIRST_MODULES = "tests.first_modules_urls"  # before the second wave was installed


def what_you_can_do(page: str) -> list[str]:
    listing = re.search(r'<ul class="do-list" data-testid="what-you-can-do">(.*?)</ul>', page, re.S)[1]
    return re.findall(r'<span class="do-action">(.*?)</span>', listing)


def menu_links(page: str) -> set[str]:
    return {
        href
        for menu in re.findall(r'aria-label="Menu utama">(.*?)</nav>', page, re.S)
        for href in re.findall(r'<a href="([^"]+)"', menu)
    }


def test_home_says_what_one_can_do_with_every_module(client):
    page = client.get(reverse("home")).content.decode()
    assert what_you_can_do(page) == [str(module.action) for module in MODULES]
    assert len(what_you_can_do(page)) == 7
    for module in MODULES:
        assert f'<li><a href="{reverse(module.url_name)}"><span class="do-action">' in page
    assert "Membaca tidak perlu akun" in page


@override_settings(ROOT_URLCONF=FIRST_MODULES)
def test_modules_not_installed_show_nowhere_not_even_as_coming_soon(client):
    page = client.get(reverse("home")).content.decode()
    assert what_you_can_do(page) == ["Tanggapi rancangan RPJPD", "Tanya pakar", "Baca dokumen"]
    for name in ("Musrenbang", "Pengaduan", "Agenda", "Pengumuman", "segera", "Segera"):
        assert name not in page
    assert [entry.module.name for entry in menu_entries()] == ["RPJPD", "Konsultasi", "Pustaka"]


def test_a_module_appears_in_the_menu_and_on_home_once_its_urls_exist(client):
    with override_settings(ROOT_URLCONF=FIRST_MODULES):
        before = menu_links(client.get(reverse("home")).content.decode())
    page = client.get(reverse("home")).content.decode()
    for name in SECOND_WAVE:
        url = reverse(f"{name}:index")
        assert url not in before and url in menu_links(page)
        module_page = client.get(url)
        assert module_page.status_code == 200
        assert re.search(rf'<a href="{url}" aria-current="page">', module_page.content.decode()), name


def test_every_link_in_the_menu_leads_to_a_page(client):
    links = menu_links(client.get(reverse("home")).content.decode())
    assert len(links) == 9  # Beranda, the seven modules, Panduan
    assert {url: client.get(url).status_code for url in links} == dict.fromkeys(links, 200)


def test_home_shows_the_topics_open_now_soonest_closing_first_with_reply_counts(client, section, citizen):
    now = timezone.now()

    def make(title, **fields):
        return Topic.objects.create(section=section, title=title, slug=title.lower(), body=".", **fields)

    later = make("Jalan", status="published", closes_at=now + timedelta(days=30))
    soon = make("Banjir", status="published", closes_at=now + timedelta(days=2))
    make("Lampau", status="published", closes_at=now - timedelta(days=1))
    make("Ditutup", status="published", is_open=False)
    make("Draf", status="draft")
    make("Sungai", status="published")  # no closing date: after the ones that close
    for body in ("Satu", "Dua"):
        reply_create(topic=soon, author=citizen, body=body)
    page = client.get(reverse("home")).content.decode()
    block = re.search(r'aria-labelledby="dibuka-rpjpd">(.*?)</section>', page, re.S)[1]
    titles = re.findall(r'<a href="/rpjpd/[^"]+/">([^<]+)</a>', block)
    assert titles == ["Banjir", "Jalan", "Sungai"]
    closing = timezone.localtime(soon.closes_at)
    assert f'2 tanggapan · ditutup <time datetime="{closing.isoformat()}">' in block
    assert later.get_absolute_url() in block


def test_home_counts_the_experts_who_accept_questions(client):
    for username in ("a", "b", "c"):
        make_expert(username, f"Dr. {username.upper()}")
    Expert.objects.filter(user__username="c").update(accepting_consultations=False)
    page = client.get(reverse("home")).content.decode()
    assert "<strong>2 pakar</strong> menerima pertanyaan baru." in page


def test_home_lists_the_newest_published_documents(client, make_document):
    for title in ("Perda Lama", "Kajian Air", "RPJMD", "Perbup Baru"):
        make_document(title)
    make_document("Draf Rahasia", published=False)
    page = client.get(reverse("home")).content.decode()
    block = re.search(r'aria-labelledby="dibuka-pustaka">(.*?)</section>', page, re.S)[1]
    assert re.findall(r'<a href="/pustaka/[^"]+">([^<]+)</a>', block) == ["Perbup Baru", "RPJMD", "Kajian Air"]


def test_home_page_query_count_is_small_and_fixed(
    client, citizen, citizen2, section, make_document, settings, django_assert_num_queries
):
    """The session with its person (accounts.sessions); open topics, experts accepting questions, upcoming
    events, newest documents, latest announcements — one query each; the region profile and the list of experts
    (for the header) once a minute per worker."""

    def fill(start):
        for number in range(start, start + 4):
            topic = Topic.objects.create(section=section, title=f"T{number}", slug=f"t{number}", body=".")
            topic.status = Topic.Status.PUBLISHED
            topic.save()
            reply_create(topic=topic, author=citizen2, body="Setuju")
            make_expert(f"pakar{number}", f"Dr. Pakar {number}")
            make_document(f"Dokumen {number}")

    settings.RPJPD_REPLIES_PER_MINUTE = 100
    client.force_login(citizen)
    fill(0)
    with django_assert_num_queries(8):
        client.get(reverse("home"))
    fill(10)  # four times the rows
    with django_assert_num_queries(7):  # new experts: this worker asks again who is one
        client.get(reverse("home"))
    with django_assert_num_queries(6):
        page = client.get(reverse("home")).content.decode()
    assert "<strong>8 pakar</strong>" in page


@pytest.fixture
def _visitor_caching(settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 10


@pytest.mark.usefixtures("_visitor_caching")
def test_visitors_share_a_recent_copy_of_the_home_page(client, django_assert_num_queries):
    client.get(reverse("home"))
    make_expert("baru", "Dr. Baru")
    with django_assert_num_queries(0):
        page = client.get(reverse("home")).content.decode()
    assert "Saat ini belum ada pakar yang menerima pertanyaan baru." in page  # the kept copy
