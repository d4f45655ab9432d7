"""The failed-sign-in lock counts per account: whatever name (username, e-mail, any case) or Host header the
guesses arrive by, LOGIN_ATTEMPTS_LIMIT wrong passwords lock the account, and then even the right one is
refused."""

import itertools

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tests.helpers import PASSWORD, make_user

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")
# LOGIN_ATTEMPTS_LIMIT, as settings.ACCOUNT_RATE_LIMITS holds it ("10/m/ip,5/300s/key").
LIMIT = int(settings.ACCOUNT_RATE_LIMITS["login_failed"].split(",")[1].split("/")[0])
# Every one of these reaches this test server (ALLOWED_HOSTS: testserver, localhost, 127.0.0.1).
HOSTS = ["testserver", "127.0.0.1:1", "LOCALHOST.", "localhost:8102", "TestServer", "127.0.0.1."]


def attempt(login: str, password: str, host: str = "testserver") -> int:
    return Client().post(LOGIN, {"login": login, "password": password}, HTTP_HOST=host).status_code


def test_wrong_guesses_by_username_email_and_case_all_count_against_one_account(citizen):
    names = itertools.cycle(["siti", "siti@contoh.id", "SITI", "Siti@Contoh.ID", " siti "])
    assert [attempt(next(names), "tebakan-salah") for _ in range(LIMIT)] == [200] * LIMIT
    assert attempt("SITI@contoh.id", PASSWORD) == 429
    assert attempt("siti", PASSWORD) == 429


def test_a_different_host_header_opens_no_fresh_attempts(citizen):
    hosts = itertools.cycle(HOSTS)
    assert [attempt("siti", "tebakan-salah", next(hosts)) for _ in range(LIMIT)] == [200] * LIMIT
    for host in HOSTS:
        assert attempt("siti", PASSWORD, host) == 429


def test_mixed_names_and_hosts_lock_after_the_limit_in_total(citizen):
    tries = zip(itertools.cycle(["siti", "SITI@CONTOH.ID", "Siti"]), itertools.cycle(HOSTS), strict=False)
    results = [attempt(login, "tebakan-salah", host) for login, host in itertools.islice(tries, LIMIT + 1)]
    assert results == [200] * LIMIT + [429]
    assert attempt("siti@contoh.id", PASSWORD, "127.0.0.1:9") == 429


def test_a_second_address_of_the_account_shares_the_count(citizen):
    citizen.emailaddress_set.create(email="siti.kantor@contoh.id", verified=True, primary=False)
    for login in ["siti.kantor@contoh.id", "siti"] * 3:
        attempt(login, "tebakan-salah")
    assert attempt("siti.kantor@contoh.id", PASSWORD) == 429


def test_locking_one_account_leaves_another_alone(citizen, citizen2):
    for _ in range(LIMIT):
        attempt("siti", "tebakan-salah")
    assert attempt("budi", PASSWORD) == 302


def test_a_successful_sign_in_does_not_reset_the_count(citizen):
    for _ in range(LIMIT - 1):
        attempt("siti", "tebakan-salah")
    assert attempt("SITI@contoh.id", PASSWORD) == 302
    attempt("siti", "tebakan-salah")
    assert attempt("siti", PASSWORD) == 429


def test_an_unknown_name_locks_like_a_known_one_whatever_its_case(db):
    assert [attempt(login, "x") for login in ["nobody", "NOBODY", "Nobody", " nobody", "noBody"]] == [200] * LIMIT
    assert attempt("nobody", "x") == 429


def test_a_username_that_looks_like_another_accounts_email_counts_against_both(citizen, kecamatan):
    lookalike = make_user("siti@contoh.id", display_name="Peniru", email="peniru@contoh.id", kecamatan=kecamatan)
    assert lookalike.username == citizen.email
    for _ in range(LIMIT):
        attempt("siti@contoh.id", "tebakan-salah")
    assert attempt("siti", PASSWORD) == 429
    assert attempt("peniru@contoh.id", PASSWORD) == 429


def test_a_password_reset_unlocks_the_account(citizen):
    for _ in range(LIMIT):
        attempt("siti", "tebakan-salah")
    assert attempt("siti", PASSWORD) == 429
    get_adapter()._delete_login_attempts_cached_email(None, email="SITI@contoh.id")  # what a reset calls
    assert attempt("siti", PASSWORD) == 302
