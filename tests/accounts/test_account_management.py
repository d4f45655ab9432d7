import time

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import SECRET_SESSION_KEY, format_hotp_value, hotp_value
from allauth.usersessions.models import UserSession
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD, page_of
from wilayah.models import Desa, Kecamatan

pytestmark = pytest.mark.django_db
PROFILE = reverse("accounts:profile")


def sign_in(client: Client, login: str = "siti", password: str = PASSWORD):
    return client.post(reverse("account_login"), {"login": login, "password": password}, follow=True)


def current_totp(secret: str) -> str:
    """The code an authenticator app shows now. The server accepts only the current 30-second step, so, like a
    person who sees the countdown run out, wait for the next step when fewer than 3 seconds of this one remain:
    otherwise a code read at :29.9 reaches the server at :30.1 and is refused (a flaky test, not a bug)."""
    remaining = 30 - time.time() % 30
    if remaining < 3:
        time.sleep(remaining + 0.05)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


# --- profile


def test_profile_page_shows_the_users_own_data(client, citizen):
    client.force_login(citizen)
    page = page_of(client.get(PROFILE))
    assert 'value="Siti Aminah"' in page
    assert "siti" in page


def test_citizen_edits_profile_and_demographics(client, citizen):
    client.force_login(citizen)
    samboja = Kecamatan.objects.get(name="Samboja")
    response = client.post(
        PROFILE,
        {
            "display_name": "Bu Siti",
            "kecamatan": samboja.pk,
            "desa": Desa.objects.get(name="Kampung Lama").pk,
            "gender": "perempuan",
            "age_group": "45_59",
            "disability": "ya",
        },
        follow=True,
    )
    citizen.refresh_from_db()
    assert (citizen.display_name, citizen.kecamatan, citizen.desa.name) == ("Bu Siti", samboja, "Kampung Lama")
    assert (citizen.gender, citizen.age_group, citizen.disability) == ("perempuan", "45_59", "ya")
    assert "Profil Anda telah disimpan" in response.content.decode()


def test_profile_error_keeps_what_was_typed_and_saves_nothing(client, citizen):
    client.force_login(citizen)
    response = client.post(
        PROFILE,
        {
            "display_name": "Nama Baru",
            "kecamatan": citizen.kecamatan.pk,
            "desa": Desa.objects.get(name="Kampung Lama").pk,
        },
    )
    page = response.content.decode()
    assert "tidak berada di Kecamatan Tenggarong" in page
    assert 'value="Nama Baru"' in page
    citizen.refresh_from_db()
    assert citizen.display_name == "Siti Aminah"


def test_anonymous_visitor_is_sent_to_sign_in_from_profile(client):
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# --- password and e-mail


def test_citizen_changes_password(client, citizen):
    sign_in(client)
    new = "Tenggarong-Baru-2045"
    response = client.post(
        reverse("account_change_password"), {"oldpassword": PASSWORD, "password1": new, "password2": new}
    )
    assert response.status_code == 302
    citizen.refresh_from_db()
    assert citizen.check_password(new)


def test_wrong_current_password_is_refused(client, citizen):
    sign_in(client)
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "salah", "password1": "X-baru-2045a", "password2": "X-baru-2045a"},
    )
    assert response.status_code == 200
    assert "errorlist" in page_of(response)
    citizen.refresh_from_db()
    assert citizen.check_password(PASSWORD)


def test_citizen_changes_email_and_must_confirm_the_new_one(client, citizen):
    sign_in(client)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "siti.baru@contoh.id"})
    assert response.status_code == 302
    assert mail.outbox[-1].to == ["siti.baru@contoh.id"]
    assert EmailAddress.objects.filter(user=citizen, email="siti.baru@contoh.id", verified=False).exists()


def test_change_to_an_email_someone_else_uses_is_refused(client, citizen, citizen2):
    sign_in(client)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "budi@contoh.id"})
    page = response.content.decode()
    assert "Alamat e-mail ini sudah terdaftar" in page
    assert 'value="budi@contoh.id"' in page


# --- sessions


def test_user_lists_and_ends_other_sessions(citizen):
    phone, laptop = Client(HTTP_USER_AGENT="Android"), Client(HTTP_USER_AGENT="Laptop")
    sign_in(phone)
    sign_in(laptop)
    assert UserSession.objects.filter(user=citizen).count() == 2
    page = laptop.get(reverse("usersessions_list")).content.decode()
    assert "Android" in page

    laptop.post(reverse("usersessions_list"))
    assert UserSession.objects.filter(user=citizen).count() == 1
    assert phone.get(PROFILE).status_code == 302  # the phone's session is gone
    assert laptop.get(PROFILE).status_code == 200


# --- two-factor (TOTP)


def activate_totp(client: Client) -> str:
    """Turn TOTP on as a person would: confirm the password again when asked, scan, type the code."""
    response = client.get(reverse("mfa_activate_totp"))
    if response.status_code == 302 and response["Location"].startswith(reverse("account_reauthenticate")):
        client.post(response["Location"], {"password": PASSWORD})
        assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    response = client.post(reverse("mfa_activate_totp"), {"code": current_totp(secret)})
    assert response.status_code == 302, response.content.decode()
    return secret


def test_anyone_can_turn_on_totp_and_then_needs_a_code_to_sign_in(citizen):
    client = Client()
    sign_in(client)
    secret = activate_totp(client)
    assert Authenticator.objects.filter(user=citizen, type=Authenticator.Type.TOTP).exists()
    client.post(reverse("account_logout"))

    halfway = sign_in(client)
    assert halfway.context["user"].is_anonymous
    assert halfway.redirect_chain[-1][0] == reverse("mfa_authenticate")
    wrong = client.post(reverse("mfa_authenticate"), {"code": "000000"})
    assert wrong.status_code == 200
    done = client.post(reverse("mfa_authenticate"), {"code": current_totp(secret)}, follow=True)
    assert done.context["user"] == citizen


@pytest.mark.parametrize("role", ["staff", "expert"])
def test_required_totp_sends_staff_and_experts_to_set_it_up(role, request, settings):
    settings.REQUIRE_2FA_FOR_STAFF_AND_EXPERTS = True
    user = request.getfixturevalue(role)
    client = Client()
    sign_in(client, user.username)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")

    activate_totp(client)
    assert client.get(reverse("home")).status_code == 200


def test_required_totp_leaves_citizens_alone(client, citizen, settings):
    settings.REQUIRE_2FA_FOR_STAFF_AND_EXPERTS = True
    sign_in(client)
    assert client.get(reverse("home")).status_code == 200


def test_totp_is_not_required_by_default(client, staff):
    sign_in(client, "staf")
    assert client.get(reverse("home")).status_code == 200
