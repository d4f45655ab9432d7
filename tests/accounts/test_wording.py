"""One voice on every account page: "Anda" capitalised and "kata sandi" in full, whether the words are ours,
Django's or allauth's (their own Indonesian says "Sandi anda …", "Reset Kata Sandi")."""

import html
import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db

LOWERCASE_ANDA = re.compile(r"\banda\b")
SANDI_ALONE = re.compile(r"(?<!kata )(?<!Kata )\b[Ss]andi\b|\bSandi\b")


def offending_words(page: str) -> list[str]:
    text = html.unescape(page)  # attributes (placeholders) included: the reader sees those too
    found = [match.group(0) for match in LOWERCASE_ANDA.finditer(text)]
    found += [text[max(0, match.start() - 20) : match.end() + 20] for match in SANDI_ALONE.finditer(text)]
    return found


def pages_as_a_visitor(client: Client):
    for name in ["account_login", "account_signup", "account_reset_password", "account_reset_password_done"]:
        yield name, client.get(reverse(name))
    bad_key = reverse("account_reset_password_from_key", kwargs={"uidb36": "1", "key": "bukan-kunci"})
    yield "reset link", client.get(bad_key)
    yield "wrong password", client.post(reverse("account_login"), {"login": "siti", "password": "salah"})
    weak = {"username": "baru", "email": "baru@contoh.id", "password1": "12345678", "password2": "12345678"}
    yield "weak password", client.post(reverse("account_signup"), weak)


def pages_signed_in(client: Client):
    client.post(reverse("account_login"), {"login": "siti", "password": PASSWORD})
    for name in [
        "accounts:profile",
        "account_email",
        "account_change_password",
        "account_reauthenticate",
        "account_logout",
        "mfa_index",
        "usersessions_list",
    ]:
        yield name, client.get(reverse(name))
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    yield "mfa_activate_totp", client.get(reverse("mfa_activate_totp"))
    wrong_old = {"oldpassword": "salah", "password1": "123", "password2": "1"}
    yield "wrong old password", client.post(reverse("account_change_password"), wrong_old)


def test_account_pages_say_anda_and_kata_sandi_in_one_voice(citizen):
    checked = 0
    for source in (pages_as_a_visitor(Client()), pages_signed_in(Client())):
        for name, response in source:
            assert response.status_code in (200, 400), (name, response.status_code)
            page = response.content.decode()
            assert offending_words(page) == [], name
            checked += 1
    assert checked == 16


def test_password_rules_are_explained_in_our_voice(client):
    page = html.unescape(client.get(reverse("account_signup")).content.decode())
    assert "Kata sandi Anda tidak boleh hanya berisi angka." in page
    assert "Kata sandi Anda tidak boleh terlalu mirip dengan data pribadi Anda." in page
