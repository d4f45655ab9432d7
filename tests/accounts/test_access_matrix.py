"""Who may open which page of the foundation, for every member of the cast."""

import pytest
from django.urls import reverse

from tests.helpers import client_for

pytestmark = pytest.mark.django_db
SIGNED_IN = ["citizen", "citizen2", "expert", "expert2", "staff"]
EVERYONE = ["anonymous", *SIGNED_IN]

PUBLIC = ["home", "guide", "rpjpd:index", "konsultasi:index", "pustaka:index", "healthz"]
OWN_ACCOUNT = [
    "accounts:profile",
    "account_email",
    "account_change_password",
    "mfa_index",
    "usersessions_list",
]


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_open_for_everyone(cast, role, name):
    assert client_for(cast[role]).get(reverse(name)).status_code == 200


@pytest.mark.parametrize("name", OWN_ACCOUNT)
def test_account_pages_send_anonymous_visitors_to_masuk(cast, name):
    response = client_for(None).get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


@pytest.mark.parametrize("role", SIGNED_IN)
@pytest.mark.parametrize("name", OWN_ACCOUNT)
def test_account_pages_show_only_the_signed_in_users_own_data(cast, role, name):
    user = cast[role]
    response = client_for(user).get(reverse(name))
    assert response.status_code == 200
    others = [u for r, u in cast.items() if u is not None and u != user]
    page = response.content.decode()
    if name in {"accounts:profile", "account_email"}:
        assert (user.display_name if name == "accounts:profile" else user.email) in page
        assert not any(other.email in page for other in others)


@pytest.mark.parametrize("name", ["account_login", "account_signup"])
@pytest.mark.parametrize("role", EVERYONE)
def test_masuk_and_daftar_are_for_anonymous_visitors(cast, role, name):
    response = client_for(cast[role]).get(reverse(name))
    assert response.status_code == (200 if role == "anonymous" else 302)


@pytest.mark.parametrize("role", EVERYONE)
def test_only_staff_reach_the_admin(cast, role):
    response = client_for(cast[role]).get(reverse("admin:index"))
    if role == "staff":
        assert response.status_code == 200
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))
