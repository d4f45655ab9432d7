"""A reply's HTML is rendered once and reused (rpjpd.fragments): what is kept must never show an old text, a
hidden reply's text, or one reader's own links to another."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from rpjpd import fragments, services
from rpjpd.models import Reply
from tests.helpers import client_for, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _visitor_pages_not_kept(settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 0  # every request renders: what is kept is the replies' parts alone


def page_of(client, topic) -> str:
    response = client.get(topic.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def article(page: str, reply) -> str:
    found = re.search(rf'<article [^>]*id="{reply.anchor}">(.*?)</article>', page, re.S)
    assert found, f"{reply.anchor} not on the page"
    return found[1]


def test_an_edited_reply_never_shows_its_old_text_again(topic, citizen, citizen2):
    reply = services.reply_create(topic=topic, author=citizen, body="Teks pertama")
    reader = client_for(citizen2)
    assert "Teks pertama" in page_of(reader, topic)  # now kept
    services.reply_edit(reply=Reply.objects.get(pk=reply.pk), editor=citizen, body="Teks kedua")
    for client in (reader, client_for(citizen), client_for(None)):
        shown = article(page_of(client, topic), reply)
        assert "Teks kedua" in shown and "disunting" in shown
        assert "Teks pertama" not in shown


def test_a_hidden_reply_is_hidden_from_everyone_at_once_and_its_text_comes_back_only_when_restored(
    topic, citizen, citizen2, staff
):
    reply = services.reply_create(topic=topic, author=citizen, body="Nomor telepon tetangga")
    readers = [client_for(citizen2), client_for(citizen), client_for(None)]
    for client in readers:
        assert "Nomor telepon tetangga" in page_of(client, topic)
    services.reply_hide(reply=Reply.objects.get(pk=reply.pk), moderator=staff, reason="Data pribadi")
    for client in readers:
        shown = article(page_of(client, topic), reply)
        assert "Nomor telepon tetangga" not in shown and "disembunyikan oleh moderator" in shown
        assert "Laporkan" not in shown and "Hapus" not in shown  # no links under a hidden reply
    thread = readers[0].get(reverse("rpjpd:thread", args=[reply.pk])).content.decode()
    assert "Nomor telepon tetangga" not in thread
    services.reply_restore(reply=Reply.objects.get(pk=reply.pk), moderator=staff, reason="Sudah dicek")
    assert "Nomor telepon tetangga" in article(page_of(readers[0], topic), reply)


def test_a_deleted_reply_loses_its_text_for_everyone(topic, citizen, citizen2):
    reply = services.reply_create(topic=topic, author=citizen, body="Saya tarik lagi")
    reader = client_for(citizen2)
    assert "Saya tarik lagi" in page_of(reader, topic)
    services.reply_remove(reply=Reply.objects.get(pk=reply.pk), remover=citizen)
    for client in (reader, client_for(citizen), client_for(None)):
        shown = article(page_of(client, topic), reply)
        assert "Saya tarik lagi" not in shown and "dihapus oleh penulisnya" in shown


def test_a_new_display_name_shows_on_the_kept_replies(topic, citizen, citizen2):
    reply = services.reply_create(topic=topic, author=citizen, body="Isi")
    reader = client_for(citizen2)
    page_of(reader, topic)
    citizen.display_name = "Siti Rahmah"
    citizen.save()
    assert "<strong>Siti Rahmah</strong>" in article(page_of(reader, topic), reply)


def test_own_links_reach_only_the_author_and_the_reported_mark_only_the_reporter(topic, citizen, citizen2, kecamatan):
    third = make_user("warga3", display_name="Warga Tiga")
    mine = services.reply_create(topic=topic, author=citizen, body="Punya Siti")
    services.reply_report(reply=mine, reporter=citizen2, reason="spam")
    edit, delete, report = (reverse(f"rpjpd:{name}", args=[mine.pk]) for name in ("edit", "delete", "report"))
    # Each in turn, the same kept reply: the author, the reporter, another reader, a visitor, the author again.
    author = article(page_of(client_for(citizen), topic), mine)
    assert f'href="{edit}"' in author and f'href="{delete}"' in author
    assert f'href="{report}"' not in author and "Anda telah melaporkan" not in author
    reporter = article(page_of(client_for(citizen2), topic), mine)
    assert "Anda telah melaporkan balasan ini" in reporter
    assert (
        f'href="{edit}"' not in reporter and f'href="{delete}"' not in reporter and f'href="{report}"' not in reporter
    )
    other = article(page_of(client_for(third), topic), mine)
    assert f'href="{report}"' in other
    assert f'href="{edit}"' not in other and f'href="{delete}"' not in other and "Anda telah melaporkan" not in other
    visitor = article(page_of(client_for(None), topic), mine)
    assert f'href="{report}"' not in visitor and f'href="{delete}"' not in visitor
    assert f'href="{edit}"' in article(page_of(client_for(citizen), topic), mine)


def test_ubah_goes_away_after_fifteen_minutes_though_the_reply_is_kept(topic, citizen, monkeypatch):
    reply = services.reply_create(topic=topic, author=citizen, body="Baru saja")
    client = client_for(citizen)
    edit = reverse("rpjpd:edit", args=[reply.pk])
    assert f'href="{edit}"' in article(page_of(client, topic), reply)
    later = timezone.now() + timedelta(minutes=16)  # the clock moves on; the page, kept or not, follows it
    monkeypatch.setattr(timezone, "now", lambda: later)
    shown = article(page_of(client, topic), reply)
    assert f'href="{edit}"' not in shown and reverse("rpjpd:delete", args=[reply.pk]) in shown


def test_without_javascript_the_links_are_plain_addresses_that_work(topic, citizen, citizen2):
    reply = services.reply_create(topic=topic, author=citizen, body="Bisa tanpa JavaScript")
    reader = client_for(citizen2)
    shown = article(page_of(reader, topic), reply)
    for href in re.findall(r'href="([^"]+)"', shown):
        assert reader.get(href).status_code in (200, 302), href
    assert reader.post(reverse("rpjpd:answer", args=[reply.pk]), {"body": "Jawaban biasa"}).status_code == 302
    assert "Jawaban biasa" in page_of(reader, topic)


def test_the_kept_parts_hold_nothing_of_a_reader(topic, citizen, citizen2):
    reply = services.reply_create(topic=topic, author=citizen, body="Isi bersama")
    services.reply_report(reply=reply, reporter=citizen2, reason="spam")
    fragments.content_html.cache_clear()
    page_of(client_for(citizen2), topic)
    page_of(client_for(citizen), topic)
    assert fragments.content_html.cache_info().currsize == 1  # one shared copy for both readers
    shared = fragments.content_html(*fragments.content_key(Reply.objects.select_related("author").get(), None))
    assert "Isi bersama" in shared
    for personal in ("Laporkan", "Hapus", "Ubah", "melaporkan", citizen2.public_name):
        assert personal not in shared


def test_the_confirmation_after_kirim_is_shown_beside_the_kept_reply(topic, citizen):
    client = client_for(citizen)
    first = services.reply_create(topic=topic, author=citizen, body="Yang pertama")
    page_of(client, topic)
    response = client.post(reverse("rpjpd:edit", args=[first.pk]), {"body": "Yang pertama, diperbaiki"}, follow=True)
    assert "Tanggapan Anda telah disunting." in article(response.content.decode(), first)
