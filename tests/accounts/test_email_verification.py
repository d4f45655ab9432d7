import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from accounts.models import User
from tests.accounts.test_signup import signup_data
from tests.helpers import PASSWORD

pytestmark = pytest.mark.django_db


def confirmation_link() -> str:
    match = re.search(r"https?://[^/\s]+(/akun/confirm-email/\S+/)", mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def test_verification_is_optional_by_default_but_the_mail_is_sent(client, kecamatan):
    response = client.post(reverse("account_signup"), signup_data(kecamatan), follow=True)
    assert response.context["user"].username == "ahmad"
    assert mail.outbox[0].to == ["ahmad@contoh.id"]
    assert not EmailAddress.objects.get(email="ahmad@contoh.id").verified


def test_confirmation_link_verifies_the_address(client, kecamatan):
    client.post(reverse("account_signup"), signup_data(kecamatan))
    client.post(confirmation_link())
    assert EmailAddress.objects.get(email="ahmad@contoh.id").verified


def test_mandatory_verification_blocks_sign_in_until_confirmed(client, kecamatan, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    response = client.post(reverse("account_signup"), signup_data(kecamatan), follow=True)
    assert response.context["user"].is_anonymous
    assert "Verifikasi" in response.content.decode() or "verifikasi" in response.content.decode()

    blocked = client.post(reverse("account_login"), {"login": "ahmad", "password": PASSWORD}, follow=True)
    assert blocked.context["user"].is_anonymous

    client.post(confirmation_link())
    signed_in = client.post(reverse("account_login"), {"login": "ahmad", "password": PASSWORD}, follow=True)
    assert signed_in.context["user"] == User.objects.get(username="ahmad")
