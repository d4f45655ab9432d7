"""The project-wide access matrix: every URL of the project × the whole cast (anonymous, citizen, second
citizen, expert, second expert, staff without permissions, staff with all of them), by GET. Private objects
give 404 to outsiders. A URL added to the project without a row here fails the first test."""

import pytest

from tests.helpers import client_for
from tests.security.conftest import ROLES
from tests.security.urls import PATHS, project_url_names

pytestmark = pytest.mark.django_db

#            anonymous, citizen (owner), citizen2, expert (the consulted one), expert2, staff, auditor
EVERYONE = [200, 200, 200, 200, 200, 200, 200]
SIGNED_IN = [302, 200, 200, 200, 200, 200, 200]  # anonymous → "Masuk"
SIGNED_OUT = [200, 302, 302, 302, 302, 302, 302]  # pages for signing in: the signed-in go home
ALWAYS_REDIRECTS = [302] * 7  # a step that needs a state the request has not got (a pending login, 2FA…)
MFA_ONLY_WITH_TOTP = [302, 404, 404, 404, 404, 404, 404]  # nobody in the cast has TOTP on
STAFF_ONLY = [302, 404, 404, 404, 404, 200, 200]

EXPECTED = {
    "home": EVERYONE,
    "guide": EVERYONE,
    "healthz": EVERYONE,
    "robots_txt": EVERYONE,
    "favicon": [301] * 7,
    "accounts:profile": SIGNED_IN,
    "account_login": SIGNED_OUT,
    "account_logout": SIGNED_IN,
    "account_inactive": EVERYONE,
    "account_signup": SIGNED_OUT,
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_email_verification_sent": EVERYONE,
    "account_change_password": SIGNED_IN,
    "account_set_password": ALWAYS_REDIRECTS,  # everyone has a password: to "change password"
    "account_reset_password": EVERYONE,
    "account_confirm_login_code": ALWAYS_REDIRECTS,
    "account_confirm_email": EVERYONE,  # a page saying the link is invalid
    "account_reset_password_from_key_done": EVERYONE,
    "account_reset_password_from_key": EVERYONE,  # "link invalid" page
    "account_reset_password_done": EVERYONE,
    "mfa_index": SIGNED_IN,
    "mfa_authenticate": ALWAYS_REDIRECTS,
    "mfa_reauthenticate": ALWAYS_REDIRECTS,
    "mfa_activate_totp": ALWAYS_REDIRECTS,  # asks to confirm the password first (reauthenticate)
    "mfa_deactivate_totp": MFA_ONLY_WITH_TOTP,
    "mfa_view_recovery_codes": MFA_ONLY_WITH_TOTP,
    "mfa_generate_recovery_codes": ALWAYS_REDIRECTS,
    "mfa_download_recovery_codes": MFA_ONLY_WITH_TOTP,
    "usersessions_list": SIGNED_IN,
    "rpjpd:index": EVERYONE,
    "rpjpd:reply": ALWAYS_REDIRECTS,  # a permalink: to the reply's page and anchor
    "rpjpd:answer": SIGNED_IN,
    "rpjpd:edit": [302, 200, 404, 404, 404, 404, 404],  # the author only
    "rpjpd:delete": [302, 200, 404, 404, 404, 404, 404],
    "rpjpd:report": SIGNED_IN,
    "rpjpd:thread": EVERYONE,
    "rpjpd:section": EVERYONE,
    "rpjpd:topic": EVERYONE,
    "rpjpd:reply_to_topic": [302, 405, 405, 405, 405, 405, 405],  # POST only
    "konsultasi:index": EVERYONE,
    "konsultasi:mine": SIGNED_IN,
    "konsultasi:staff_list": [404, 404, 404, 404, 404, 404, 200],  # staff with the read permission
    "konsultasi:expert": EVERYONE,
    "konsultasi:create": SIGNED_IN,  # the form; sending it to oneself is refused with a message
    "konsultasi:detail": [404, 200, 404, 200, 404, 404, 200],  # the two participants + the permission
    "konsultasi:send": [405] * 7,  # POST only ("Kirim" on the page above); an outsider's POST gets 404
    "konsultasi:close": [404, 200, 404, 200, 404, 404, 404],  # only the participants close it
    "konsultasi:attachment": [404, 200, 404, 200, 404, 404, 200],
    "pustaka:index": EVERYONE,
    "pustaka:document_short": [301] * 7,  # to the URL with the slug
    "pustaka:document": EVERYONE,
    "pustaka:download": EVERYONE,
    "pustaka:view": EVERYONE,
    "pustaka:feed": EVERYONE,
    "pustaka:data_json": EVERYONE,
    "pustaka:data_csv": EVERYONE,
    "musrenbang:index": EVERYONE,
    "musrenbang:create": SIGNED_IN,
    "musrenbang:download": EVERYONE,
    "musrenbang:feed_kecamatan": EVERYONE,
    "musrenbang:feed_desa": EVERYONE,
    # Operator pages: nobody in this cast holds a deciding role (tests/musrenbang/test_access_matrix.py has them)
    "musrenbang:worklist": [404] * 7,
    "musrenbang:sipd_download": [404] * 7,  # Bappeda and agency verifiers only
    "musrenbang:record": [404] * 7,
    "musrenbang:import_upload": [404] * 7,
    "musrenbang:import_template": [404] * 7,
    "musrenbang:import_detail": [404] * 7,
    "musrenbang:import_apply": [404] * 7,  # 404 before the method is looked at
    "musrenbang:window_reopen": [404] * 7,
    "musrenbang:decide": [404] * 7,
    "musrenbang:detail": EVERYONE,
    "musrenbang:follow": [302, 405, 405, 405, 405, 405, 405],  # POST only
    "pengaduan:index": EVERYONE,
    "pengaduan:create": EVERYONE,  # without an account too: name and an e-mail to confirm
    "pengaduan:mine": SIGNED_IN,
    "pengaduan:confirm": [404] * 7,  # a wrong confirmation key
    "pengaduan:track": EVERYONE,  # whoever holds the link with its secret; no personal data on it
    "pengaduan:queue": [302, 404, 404, 404, 404, 404, 404],  # complaint handlers and agency liaisons only
    "pengaduan:record": [302, 404, 404, 404, 404, 404, 404],
    "pengaduan:report": [302, 404, 404, 404, 404, 404, 404],
    "pengaduan:manage": [302, 404, 404, 404, 404, 404, 404],
    "pengaduan:act": [302, 405, 405, 405, 405, 405, 405],  # POST only
    "pengaduan:attachment": [404, 200, 404, 404, 404, 404, 404],  # the reporter (or the status page's secret)
    "pengaduan:open311_services": EVERYONE,
    "pengaduan:open311_requests": EVERYONE,
    "pengaduan:open311_request": EVERYONE,  # published only
    "pengaduan:detail": EVERYONE,  # published: verified and not "rahasia"
    "pengumuman:index": EVERYONE,
    "pengumuman:detail": EVERYONE,
    "pengumuman:feed": EVERYONE,
    "pengumuman:embed": EVERYONE,
    "pengumuman:install": EVERYONE,
    "agenda:index": EVERYONE,
    "agenda:calendar": EVERYONE,
    "agenda:detail": EVERYONE,
    "agenda:apply": SIGNED_IN,  # the form; applying twice or after the deadline is refused on it
    "agenda:aspiration": [302, 405, 405, 405, 405, 405, 405],  # POST only
    "agenda:decline": EVERYONE,  # whoever holds the signed link from the e-mail; a forged one is 404
    "agenda:staff_index": [302, 404, 404, 404, 404, 404, 200],  # staff with the selection permission
    "agenda:staff_selection": [302, 404, 404, 404, 404, 404, 200],
    "agenda:attendance": [302, 404, 404, 404, 404, 404, 405],  # POST only
    "agenda:staff_aspiration": [302, 404, 404, 404, 404, 404, 200],  # staff who moderate aspirations
    "insight:index": STAFF_ONLY,
    "insight:download": STAFF_ONLY,
    # The agencies' JSON API: a bearer token or nothing (tests/api has the tokens); a session cookie is no token.
    "api:api-root": [404] * 7,  # no interactive docs page (it would load Swagger UI from a CDN)
    "api:openapi-json": EVERYONE,
    "api:usulan_list": [401] * 7,
    "api:usulan_detail": [401] * 7,
    "api:usulan_decide": [405] * 7,  # POST only
    "admin:index": [302, 302, 302, 302, 302, 200, 200],  # to the admin login below for non-staff
    "admin_login": [302, 404, 404, 404, 404, 404, 404],  # to "Masuk"; the signed-in have nothing to do there
}


def test_every_url_of_the_project_is_in_the_matrix():
    assert project_url_names() == set(PATHS) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_access_matrix(everyone, objects, name):
    path = PATHS[name](objects)
    got = [client_for(everyone[role]).get(path).status_code for role in ROLES]
    assert dict(zip(ROLES, got, strict=True)) == dict(zip(ROLES, EXPECTED[name], strict=True))


@pytest.mark.parametrize("name", ["konsultasi:detail", "konsultasi:attachment", "konsultasi:close"])
def test_private_consultation_does_not_leak_to_outsiders(everyone, objects, name):
    for role in ("anonymous", "citizen2", "expert2", "staff"):
        response = client_for(everyone[role]).get(PATHS[name](objects))
        assert response.status_code == 404
        assert b"Air sumur keruh" not in response.content
