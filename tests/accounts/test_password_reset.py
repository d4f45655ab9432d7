import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.helpers import page_of

pytestmark = pytest.mark.django_db
RESET = reverse("account_reset_password")
NEW_PASSWORD = "Sungai-Mahakam-2045"


def reset_link_from_outbox() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_citizen_resets_a_forgotten_password_by_email(client, citizen):
    response = client.post(RESET, {"email": "siti@contoh.id"})
    assert response.status_code == 302
    assert mail.outbox[0].to == ["siti@contoh.id"]
    assert "[Ruang Runding]" in mail.outbox[0].subject

    form_url = client.get(reset_link_from_outbox(), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302

    signed_in = client.post(reverse("account_login"), {"login": "siti", "password": NEW_PASSWORD}, follow=True)
    assert signed_in.context["user"] == citizen


def test_reset_form_refuses_a_weak_new_password(client, citizen):
    client.post(RESET, {"email": "siti@contoh.id"})
    form_url = client.get(reset_link_from_outbox(), follow=True).redirect_chain[-1][0]
    response = client.post(form_url, {"password1": "12345678", "password2": "12345678"})
    assert response.status_code == 200
    assert "Kata sandi ini terlalu umum" in response.content.decode()


def test_reset_for_an_unknown_address_says_so_and_keeps_it(client, citizen):
    response = client.post(RESET, {"email": "tidak.ada@contoh.id"})
    page = page_of(response)
    assert response.status_code == 200
    assert 'value="tidak.ada@contoh.id"' in page
    assert "errorlist" in page
    assert mail.outbox == []


def test_a_tampered_reset_link_is_refused(client, citizen):
    client.post(RESET, {"email": "siti@contoh.id"})
    link = reset_link_from_outbox()
    response = client.get(link[:-6] + "xxxxx/", follow=True)
    assert "tidak valid" in response.content.decode().lower()
