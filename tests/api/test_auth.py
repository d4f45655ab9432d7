"""Only a live agency token opens the API: no token, a wrong one, a revoked one, or a signed-in browser get 401
with an Indonesian message, and nothing is decided."""

import hashlib

import pytest
from django.test import Client
from django.urls import reverse

from api.models import AgencyToken
from tests.api.conftest import api_client, decide
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def test_no_token_is_refused_in_indonesian(db):
    response = Client().get("/api/v1/usulan")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"
    assert response.json() == {"detail": "Token API tidak ada, tidak dikenal, atau sudah dicabut.", "field": None}


@pytest.mark.parametrize(
    "header",
    ["Bearer rr_000000000000_salah", "Bearer bukan-token", "Token {plain}", "Bearer {prefix_only}", "Basic {plain}"],
)
def test_a_wrong_or_malformed_token_is_refused(pupr_token, header):
    token, plain = pupr_token
    value = header.format(plain=plain, prefix_only=f"rr_{token.prefix}_")
    response = Client(headers={"Authorization": value}).get("/api/v1/usulan")
    assert response.status_code == 401


def test_the_right_prefix_with_another_secret_is_refused(pupr_token):
    _token, plain = pupr_token
    forged = plain[:-4] + ("AAAA" if not plain.endswith("AAAA") else "BBBB")
    assert api_client(forged).get("/api/v1/usulan").status_code == 401
    assert api_client(plain).get("/api/v1/usulan").status_code == 200


def test_only_a_hash_of_the_secret_is_stored(pupr_token):
    token, plain = pupr_token
    _scheme, prefix, secret = plain.split("_", 2)
    token.refresh_from_db()
    assert token.prefix == prefix
    assert token.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    stored = AgencyToken.objects.filter(pk=token.pk).values().get()
    assert not any(secret in str(value) for value in stored.values())


def test_revoking_in_the_admin_takes_effect_at_once(pupr_token, pupr, superuser, at_forum):
    token, _plain = pupr_token
    assert pupr.get("/api/v1/usulan").status_code == 200
    changelist = reverse("admin:api_agencytoken_changelist")
    client_for(superuser).post(changelist, {"action": "revoke", "_selected_action": [token.pk]})
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert pupr.get("/api/v1/usulan").status_code == 401
    assert decide(pupr, at_forum.code, {"decision": "diakomodasi"}).status_code == 401
    at_forum.refresh_from_db()
    assert at_forum.stage == "forum_pd"


def test_a_signed_in_browser_is_not_authenticated(deciders, at_forum, superuser):
    # The agency's own verifier and a superuser, signed in on the site: their session cookie is no API token.
    for person in (deciders.verifier, superuser):
        client = client_for(person)
        assert client.get("/api/v1/usulan").status_code == 401
        assert client.get(f"/api/v1/usulan/{at_forum.code}").status_code == 401


def test_a_cookie_cannot_decide_across_sites(deciders, at_forum):
    # With CSRF checks on, a forged POST carrying the verifier's cookie is refused as unauthenticated.
    client = Client(enforce_csrf_checks=True)
    client.force_login(deciders.verifier)
    response = decide(client, at_forum.code, {"decision": "diakomodasi"})
    assert response.status_code == 401
    at_forum.refresh_from_db()
    assert (at_forum.stage, at_forum.status_changes.count()) == ("forum_pd", 4)


def test_using_a_token_records_when(pupr_token, pupr):
    token, _plain = pupr_token
    assert token.last_used_at is None
    pupr.get("/api/v1/usulan")
    token.refresh_from_db()
    assert token.last_used_at is not None
