import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

from tests.helpers import PASSWORD, current_database_url

pytestmark = pytest.mark.django_db
LOGIN = reverse("account_login")


def test_citizen_signs_in_with_username(client, citizen):
    response = client.post(LOGIN, {"login": "siti", "password": PASSWORD}, follow=True)
    assert response.context["user"] == citizen
    assert 'data-testid="user-name">Siti Aminah<' in response.content.decode()


def test_citizen_signs_in_with_email_in_any_case(client, citizen):
    response = client.post(LOGIN, {"login": "SITI@contoh.id", "password": PASSWORD}, follow=True)
    assert response.context["user"] == citizen


def test_wrong_password_gives_indonesian_error_and_keeps_login(client, citizen):
    response = client.post(LOGIN, {"login": "siti", "password": "salah-sekali"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nama pengguna/e-mail atau kata sandi salah" in page
    assert 'value="siti"' in page
    assert response.context["user"].is_anonymous


def test_login_returns_to_the_page_the_citizen_came_from(client, citizen):
    response = client.post(LOGIN + "?next=/pustaka/", {"login": "siti", "password": PASSWORD, "next": "/pustaka/"})
    assert response["Location"] == "/pustaka/"


def test_login_refuses_to_redirect_off_site(client, citizen):
    response = client.post(LOGIN, {"login": "siti", "password": PASSWORD, "next": "https://jahat.example/"})
    assert response.status_code == 302
    assert "jahat.example" not in response["Location"]


def test_logout_is_a_post_and_signs_out(client, citizen):
    client.force_login(citizen)
    response = client.post(reverse("account_logout"), follow=True)
    assert response.context["user"].is_anonymous
    assert "Masuk" in response.content.decode()


def fail_logins(client, times):
    return [client.post(LOGIN, {"login": "siti", "password": "salah"}).status_code for _ in range(times)]


def test_repeated_failed_logins_get_an_indonesian_429_page(client, citizen):
    assert fail_logins(client, 5) == [200] * 5
    response = client.post(LOGIN, {"login": "siti", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan" in response.content.decode()
    assert response.context["user"].is_anonymous


def test_rate_limit_counts_live_in_the_shared_cache(settings):
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


@pytest.mark.django_db(transaction=True)
def test_failed_logins_in_one_process_block_the_next_attempt_in_another(client, citizen):
    """What one gunicorn worker counted, another sees: the counter lives in the shared database cache."""
    fail_logins(client, 5)
    script = (
        "import django, json; django.setup();"
        "from django.test import Client;"
        f"r = Client().post('{LOGIN}', {{'login': 'siti', 'password': '{PASSWORD}'}});"
        "print(json.dumps(r.status_code))"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": current_database_url()}
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=settings.BASE_DIR, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == 429
