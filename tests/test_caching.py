"""Anonymous visitors may get a page kept for a few seconds; nobody else ever does."""

import pytest
from django.urls import reverse

from rpjpd import services
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _caching_on(settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 10


def test_visitors_share_a_recent_copy_of_a_topic_page(client, topic, citizen):
    url = topic.get_absolute_url()
    assert "Belum ada tanggapan" in client.get(url).content.decode()
    services.reply_create(topic=topic, author=citizen, body="Tanggapan baru")
    assert "Tanggapan baru" not in client.get(url).content.decode()  # the kept copy, at most 10 seconds old


def test_signed_in_users_always_get_a_fresh_page(topic, citizen):
    client = client_for(citizen)
    url = topic.get_absolute_url()
    client.get(url)
    services.reply_create(topic=topic, author=citizen, body="Tanggapan saya sendiri")
    assert "Tanggapan saya sendiri" in client.get(url).content.decode()


def test_unknown_query_parameters_are_not_cached(client, topic, citizen):
    url = topic.get_absolute_url() + "?utm_source=wa"
    client.get(url)
    services.reply_create(topic=topic, author=citizen, body="Tanggapan baru")
    assert "Tanggapan baru" in client.get(url).content.decode()


def test_a_visitor_with_a_pending_message_gets_a_fresh_page(client, topic, citizen):
    client.get(topic.get_absolute_url())
    client.force_login(citizen)
    client.post(reverse("account_logout"))  # leaves "Anda telah keluar" waiting for the next page
    page = client.get(topic.get_absolute_url()).content.decode()
    assert '<p class="message message-success">Anda telah keluar.</p>' in page


def test_fragment_and_full_page_are_kept_apart(client, topic):
    url = topic.get_absolute_url()
    full = client.get(url).content.decode()
    fragment = client.get(url, headers={"RR-Partial": "1"}).content.decode()
    assert "<html" in full and "<html" not in fragment
    assert "<html" in client.get(url).content.decode()
