"""E-mail leaves through the task worker: queued by the request, delivered (or failed) by `db_worker`."""

import pytest
from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from ruangrunding.mail import data_to_message, message_to_data
from tests.helpers import run_worker

QUEUED_LOCMEM = {
    "default": {"BACKEND": "ruangrunding.mail.TaskQueueEmailBackend"},
    "delivery": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_message_survives_the_round_trip_through_json():
    message = EmailMultiAlternatives("Subjek", "Isi", "a@contoh.id", ["b@contoh.id"], cc=["c@contoh.id"])
    message.attach_alternative("<p>Isi</p>", "text/html")
    message.attach("catatan.pdf", b"%PDF-1.4 berkas", "application/pdf")
    copy = data_to_message(message_to_data(message))
    assert (copy.subject, copy.body, copy.to, copy.cc) == ("Subjek", "Isi", ["b@contoh.id"], ["c@contoh.id"])
    assert copy.alternatives[0].content == "<p>Isi</p>"
    assert copy.attachments[0].content == b"%PDF-1.4 berkas"


@pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
def test_password_reset_mail_is_queued_then_delivered_by_the_worker(client, citizen, settings):
    settings.MAILERS = QUEUED_LOCMEM
    settings.TASKS = DATABASE_TASKS
    response = client.post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    assert response.status_code == 302
    assert mail.outbox == []
    task = DBTaskResult.objects.get()
    assert task.status == "READY"

    run_worker()
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert mail.outbox[0].to == ["siti@contoh.id"]


@pytest.mark.django_db(transaction=True)
def test_a_dead_mail_server_fails_the_task_not_the_page(client, citizen, dead_mail_server):
    response = client.post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    assert response.status_code == 302

    run_worker()
    failed = DBTaskResult.objects.get(status="FAILED")
    assert "ConnectionRefusedError" in failed.exception_class_path or "Connection" in str(failed.traceback)
    assert failed.args_kwargs["args"][0]["to"] == ["siti@contoh.id"]  # nothing lost: the message is still there
    retry = DBTaskResult.objects.get(status="READY")
    assert retry.args_kwargs["args"][1] == 2
    assert retry.run_after > failed.enqueued_at


@pytest.mark.django_db
def test_queued_mail_is_sent_at_once_by_the_in_process_backend_in_tests(citizen, settings):
    settings.MAILERS = QUEUED_LOCMEM
    sent = mail.EmailMessage("Halo", "Isi", "a@contoh.id", ["siti@contoh.id"]).send()
    assert sent == 1
    assert mail.outbox[0].subject == "Halo"
