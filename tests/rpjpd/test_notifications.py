import pytest
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from rpjpd import services
from rpjpd.models import Reply
from tests.helpers import client_for, run_worker

pytestmark = pytest.mark.django_db


def answer(topic, parent_author, answerer, capture):
    parent = services.reply_create(topic=topic, author=parent_author, body="Pertanyaan saya")
    with capture(execute=True):
        return services.reply_create(topic=topic, author=answerer, body="Ini jawabannya", parent=parent)


def test_parent_author_is_emailed_when_someone_answers(topic, citizen, citizen2, django_capture_on_commit_callbacks):
    made = answer(topic, citizen, citizen2, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti@contoh.id"]
    assert "Budi Santoso membalas tanggapan Anda" in message.subject
    assert "Ini jawabannya" in message.body
    assert f"/rpjpd/balasan/{made.pk}/" in message.body
    assert "/akun/profil/" in message.body  # how to opt out


def test_no_email_for_answering_oneself(topic, citizen, django_capture_on_commit_callbacks):
    answer(topic, citizen, citizen, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_people_who_opted_out_get_no_email(topic, citizen, citizen2, django_capture_on_commit_callbacks):
    citizen.notify_replies = False
    citizen.save()
    answer(topic, citizen, citizen2, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_opt_out_is_on_the_profile_page(client, citizen):
    client.force_login(citizen)
    data = {"display_name": "Siti", "kecamatan": citizen.kecamatan_id, "desa": "", "notify_replies": ""}
    client.post(reverse("accounts:profile"), data)
    citizen.refresh_from_db()
    assert citizen.notify_replies is False


@pytest.mark.django_db(transaction=True)
def test_a_dead_mail_server_neither_fails_nor_loses_the_reply(topic, citizen, citizen2, dead_mail_server):
    parent = services.reply_create(topic=topic, author=citizen, body="Pertanyaan saya")
    response = client_for(citizen2).post(reverse("rpjpd:answer", args=[parent.pk]), {"body": "Jawaban saat surel mati"})
    assert response.status_code == 302
    assert Reply.objects.filter(body="Jawaban saat surel mati").exists()
    run_worker()
    assert DBTaskResult.objects.filter(status="FAILED").count() == 1
    assert DBTaskResult.objects.filter(status="READY").count() == 1  # the retry, scheduled for later
