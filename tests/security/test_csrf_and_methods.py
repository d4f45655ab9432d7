"""Every POST needs the CSRF token, and no GET changes what people wrote or own."""

import pytest
from django.apps import apps
from django.test import Client

from tests.helpers import client_for
from tests.security.conftest import ROLES
from tests.security.urls import PATHS

pytestmark = pytest.mark.django_db
# Rows a GET must never add, change the number of, or remove. (Downloads and unfound searches are counted on
# GET on purpose: they are tallies, not anyone's data.)
GUARDED = [
    "accounts.User",
    "account.EmailAddress",
    "rpjpd.Reply",
    "rpjpd.Report",
    "konsultasi.Consultation",
    "konsultasi.Message",
    "pustaka.Document",
    "mfa.Authenticator",
    "musrenbang.UsulanStatusChange",
    "api.ApiDecision",
]


def fingerprint():
    counts = {label: apps.get_model(label).objects.count() for label in GUARDED}
    counts["removed replies"] = apps.get_model("rpjpd.Reply").objects.filter(removed_at__isnull=False).count()
    counts["closed consultations"] = apps.get_model("konsultasi.Consultation").objects.filter(status="selesai").count()
    return counts


# The agencies' JSON API (docs/api.md) authenticates by a bearer token alone, never by a cookie, so a forged
# cross-site POST carries no credential at all: it is refused as unauthenticated (401), or as the wrong method.
BEARER_ONLY = {"api:usulan_list": 405, "api:usulan_detail": 405, "api:usulan_decide": 401}


@pytest.mark.parametrize("name", sorted(PATHS))
def test_post_without_csrf_token_is_refused(everyone, objects, name):
    before = fingerprint()
    for role in ("anonymous", "citizen", "auditor"):
        client = Client(enforce_csrf_checks=True)
        if everyone[role]:
            client.force_login(everyone[role])
        response = client.post(PATHS[name](objects), {"body": "Tanpa token", "subject": "x", "rating": "1"})
        assert response.status_code == BEARER_ONLY.get(name, 403), (name, role)
    assert fingerprint() == before


def test_get_never_changes_data(everyone, objects):
    before = fingerprint()
    for build in PATHS.values():
        for role in ROLES:
            client_for(everyone[role]).get(build(objects))
    assert fingerprint() == before
