"""Every link and greeting in every e-mail comes from SITE_URL and the region's name, never from the Host
header of the request that caused the mail: a client chooses that header, and a password-reset link to a host
an attacker names would hand them the token."""

import os
import re
import subprocess
from pathlib import Path

import pytest
from django.core import mail
from django.urls import reverse

from rpjpd import services as rpjpd_services
from tests.accounts.test_signup import signup_data
from tests.helpers import client_for
from wilayah.models import RegionProfile

pytestmark = pytest.mark.django_db
SITE_URL = "https://rembug.contoh.go.id"
HOSTILE_HOST = "localhost:6666"  # allowed by the test settings, as a misconfigured proxy would let it through
LINK = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture(autouse=True)
def site(settings, db):
    settings.SITE_URL = SITE_URL
    RegionProfile.objects.create(name="Kabupaten Kutai Kartanegara", agency_name="Bappeda Kukar")


def hostile(client):
    client.defaults["HTTP_HOST"] = HOSTILE_HOST
    return client


def assert_all_on_site(messages) -> None:
    assert messages, "no e-mail was sent"
    for message in messages:
        texts = [message.subject, message.body, *(str(part[0]) for part in getattr(message, "alternatives", []))]
        whole = "\n".join(texts)
        links = LINK.findall(whole)
        assert links, whole
        assert all(link.startswith(f"{SITE_URL}/") for link in links), links
        assert "localhost" not in whole and "6666" not in whole, whole


def test_password_reset_link_and_greeting_ignore_the_request_host(client, citizen):
    response = hostile(client).post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    assert response.status_code == 302
    assert_all_on_site(mail.outbox)
    assert f"{SITE_URL}/akun/password/reset/key/" in mail.outbox[0].body
    assert "Ruang Runding Kabupaten Kutai Kartanegara" in mail.outbox[0].body


def test_the_reset_link_from_the_mail_works(client, citizen):
    hostile(client).post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    path = re.search(rf"{re.escape(SITE_URL)}(/akun/password/reset/key/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(path, follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": "Sungai-Mahakam-2045", "password2": "Sungai-Mahakam-2045"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password("Sungai-Mahakam-2045")


def test_sign_up_verification_mail_ignores_the_request_host(client, kecamatan):
    response = hostile(client).post(reverse("account_signup"), signup_data(kecamatan))
    assert response.status_code == 302
    assert_all_on_site(mail.outbox)
    assert f"{SITE_URL}/akun/confirm-email/" in mail.outbox[0].body


def test_verification_of_an_added_address_ignores_the_request_host(citizen):
    client = hostile(client_for(citizen))
    response = client.post(reverse("account_email"), {"action_add": "", "email": "siti.baru@contoh.id"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["siti.baru@contoh.id"]
    assert_all_on_site(mail.outbox)


def test_unknown_account_mail_ignores_the_request_host(client, citizen, settings):
    # With enumeration protection on, allauth mails a sign-up link built without any hook of its own.
    settings.ACCOUNT_PREVENT_ENUMERATION = True
    hostile(client).post(reverse("account_reset_password"), {"email": "orang.asing@contoh.id"})
    assert mail.outbox[0].to == ["orang.asing@contoh.id"]
    assert_all_on_site(mail.outbox)
    assert f"{SITE_URL}/akun/signup/" in mail.outbox[0].body


def test_reply_notification_ignores_the_request_host(topic, citizen, citizen2, django_capture_on_commit_callbacks):
    parent = rpjpd_services.reply_create(topic=topic, author=citizen, body="Pertanyaan saya")
    with django_capture_on_commit_callbacks(execute=True):
        response = hostile(client_for(citizen2)).post(reverse("rpjpd:answer", args=[parent.pk]), {"body": "Jawaban"})
    assert response.status_code == 302
    assert_all_on_site(mail.outbox)


def test_consultation_notifications_ignore_the_request_host(citizen, expert, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = hostile(client_for(citizen)).post(
            reverse("konsultasi:create", args=[expert.expert_profile.pk]),
            {"subject": "Banjir rob", "body": "Bagaimana mencegahnya?"},
        )
    assert response.status_code == 302
    send_url = reverse("konsultasi:send", args=[response["Location"].strip("/").split("/")[-1]])
    with django_capture_on_commit_callbacks(execute=True):
        hostile(client_for(expert)).post(send_url, {"body": "Begini caranya."})
    assert len(mail.outbox) == 2
    assert_all_on_site(mail.outbox)


def test_make_run_points_site_url_at_the_chosen_port(tmp_path):
    # A stand-in virtualenv whose "python" reports the SITE_URL it was started with, then stops `make run`.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    python = venv / "bin" / "python"
    python.write_text('#!/bin/sh\necho "SITE_URL seen: $SITE_URL"\nexit 3\n')
    python.chmod(0o755)
    (venv / ".installed").touch()  # newer than requirements.txt: nothing to install
    environment = {key: value for key, value in os.environ.items() if key != "SITE_URL"}
    run = subprocess.run(
        ["make", "--no-print-directory", "run", f"VENV={venv}", "PORT=8101"],
        cwd=Path(__file__).resolve().parent.parent,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "SITE_URL seen: http://127.0.0.1:8101\n" in run.stdout, run.stdout + run.stderr
