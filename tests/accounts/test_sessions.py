"""The session store reads the signed-in person with the session, in one query (accounts.sessions), and
Django's own checks still decide who is signed in (accounts.middleware.AuthenticationMiddleware)."""

from importlib import import_module

import pytest
from django.apps import apps
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Session, User
from tests.helpers import PASSWORD, client_for

pytestmark = pytest.mark.django_db

migration = import_module("accounts.migrations.0006_sessions_with_their_person")
PROFILE = "/akun/profil/"  # reverse("accounts:profile"), a page only a signed-in person reaches


def signed_in_as(client: Client) -> str | None:
    user = client.get(PROFILE).wsgi_request.user
    return user.username if user.is_authenticated else None


def sign_in(client: Client, user: User) -> None:
    response = client.post(reverse("account_login"), {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302


def test_a_session_row_names_its_person_from_sign_in_to_sign_out(citizen):
    client = Client()
    sign_in(client, citizen)
    key = client.cookies["sessionid"].value
    assert Session.objects.get(session_key=key).user_id == citizen.pk
    client.post(reverse("account_logout"))
    assert not Session.objects.filter(session_key=key).exists()


def test_the_session_and_its_person_are_one_query(citizen, settings):
    client = client_for(citizen)
    client.get(PROFILE)
    with CaptureQueriesContext(connection) as ours:
        assert client.get(PROFILE).wsgi_request.user == citizen
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    django_client = Client()
    django_client.force_login(citizen)
    with CaptureQueriesContext(connection) as djangos:
        assert django_client.get(PROFILE).wsgi_request.user == citizen
    assert len(ours) == len(djangos) - 1
    assert "accounts_session" in ours[0]["sql"] and "accounts_user" in ours[0]["sql"]


def test_a_password_changed_elsewhere_signs_the_session_out(citizen):
    client = client_for(citizen)
    assert signed_in_as(client) == "siti"
    citizen.set_password("Sandi-baru-yang-panjang-2045")
    citizen.save()
    assert signed_in_as(client) is None


def test_a_deactivated_account_is_signed_out(citizen):
    client = client_for(citizen)
    User.objects.filter(pk=citizen.pk).update(is_active=False)
    assert signed_in_as(client) is None


def test_the_row_beside_the_session_never_decides_who_is_signed_in(citizen, citizen2):
    client = client_for(citizen)
    key = client.cookies["sessionid"].value
    # even for a person whose password hash is the same, so that the session's hash check alone would pass
    User.objects.filter(pk=citizen2.pk).update(password=citizen.password)
    Session.objects.filter(session_key=key).update(user_id=citizen2.pk)  # a row that lies
    assert signed_in_as(client) == "siti"  # the session's own data, checked by Django, decides
    Session.objects.filter(session_key=key).update(user_id=None)
    assert signed_in_as(client) == "siti"


def test_a_persons_sessions_go_with_them(citizen):
    client_for(citizen)
    assert Session.objects.filter(user=citizen).count() == 1
    citizen.delete()
    assert not Session.objects.exists()


def test_sessions_of_the_old_store_are_kept_on_migrating(citizen):
    old = DjangoSessionStore()
    old.update({"_auth_user_id": str(citizen.pk), "_auth_user_backend": "x", "_auth_user_hash": "y"})
    old.create()
    visitor = DjangoSessionStore()
    visitor["seen"] = True
    visitor.create()
    migration.keep_signed_in(apps, None)
    assert Session.objects.get(session_key=old.session_key).user_id == citizen.pk
    assert Session.objects.get(session_key=visitor.session_key).user_id is None
    kept = Session.objects.get(session_key=old.session_key)
    assert kept.session_data == old.model.objects.get(session_key=old.session_key).session_data


def test_a_signed_in_person_of_an_old_session_stays_signed_in(citizen, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.db"
    client = client_for(citizen)
    settings.SESSION_ENGINE = "accounts.sessions"
    migration.keep_signed_in(apps, None)
    assert signed_in_as(client) == "siti"
