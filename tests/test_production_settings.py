"""Production settings, checked in fresh processes started the way gunicorn would start them."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.cache.backends.redis import RedisCache
from django.core.exceptions import ImproperlyConfigured

from ruangrunding import env
from tests.helpers import current_database_url

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "production-like-secret-" + "k3y" * 20,
    "ALLOWED_HOSTS": "ruangrunding.contoh.go.id",
    "CSRF_TRUSTED_ORIGINS": "https://ruangrunding.contoh.go.id",
    "DJANGO_SETTINGS_MODULE": "ruangrunding.settings",
}
CLEARED = ["SECURE_SSL_REDIRECT", "TASKS_BACKEND", "EMAIL_DELIVERY_BACKEND", "DJANGO_ALLOW_ASYNC_UNSAFE"]
CLEARED += ["MEDIA_S3_BUCKET", "PRIVATE_S3_BUCKET", "PRIVATE_FILES_SERVE", "S3_ENDPOINT_URL"]  # set by scaletest


def run_in_production(code: str, **overrides) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k not in CLEARED} | PRODUCTION_ENV | overrides
    environment = {k: v for k, v in environment.items() if v is not None}
    return subprocess.run(
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.django_db
def test_check_deploy_is_clean_under_production_settings():
    # Some model checks ask the database what it supports (generated columns): point the process at ours.
    result = run_in_production(
        "import sys; from django.core.management import execute_from_command_line;"
        "execute_from_command_line(['manage.py', 'check', '--deploy', '--fail-level', 'WARNING'])",
        DATABASE_URL=current_database_url(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"), [("SECRET_KEY", "SECRET_KEY must be set"), ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set")]
)
def test_production_refuses_to_start_without(missing, message):
    result = run_in_production("import django; django.setup()", **{missing: None})
    assert result.returncode != 0
    assert message in result.stderr


MAIN_PAGES = [
    "/",
    "/akun/login/",
    "/akun/signup/",
    "/akun/password/reset/",
    "/panduan/",
    "/rpjpd/",
    "/konsultasi/",
    "/pustaka/",
    "/pustaka/?q=irigasi",
]
HEADERS_SCRIPT = (
    f"PAGES = {MAIN_PAGES!r}"
    + """
import json, django
django.setup()
from django.test import Client
client = Client(HTTP_HOST="ruangrunding.contoh.go.id")
out = {}
for path in PAGES:
    response = client.get(path, secure=True)
    out[path] = {
        "status": response.status_code,
        "headers": dict(response.headers),
        "cookies": {name: dict(morsel) for name, morsel in response.cookies.items()},
    }
from accounts.models import User
User.objects.create_user("warga", password="Kukar-2045-rencana", display_name="Warga")
signed_in = client.post("/akun/login/", {"login": "warga", "password": "Kukar-2045-rencana"}, secure=True)
out["session"] = {name: dict(morsel) for name, morsel in signed_in.cookies.items()}
insecure = client.get("/", secure=False)
out["http"] = {"status": insecure.status_code, "location": insecure.get("Location")}
print(json.dumps(out))
"""
)


def fetch_production_headers(tmp_path) -> dict:
    """The pages read the region profile, so the subprocess gets a SQLite file of its own, migrated."""
    production = {"DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}", "STATIC_ROOT": str(tmp_path / "static")}
    for command in ["'migrate', '--noinput'", "'collectstatic', '--noinput'"]:
        prepared = run_in_production(
            f"from django.core.management import execute_from_command_line;"
            f"execute_from_command_line(['manage.py', {command}, '-v', '0'])",
            **production,
        )
        assert prepared.returncode == 0, prepared.stderr
    result = run_in_production(HEADERS_SCRIPT, **production)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_responses_carry_every_security_header(tmp_path):
    responses = fetch_production_headers(tmp_path)
    assert responses["http"]["status"] == 301
    assert responses["http"]["location"].startswith("https://")
    for path in MAIN_PAGES:
        response = responses[path]
        assert response["status"] == 200, path
        headers = response["headers"]
        csp = headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        for directive in ["default-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]:
            assert directive in csp
        assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"
    for cookie in (responses["/akun/login/"]["cookies"]["csrftoken"], responses["session"]["sessionid"]):
        assert cookie["secure"] is True and cookie["httponly"] is True and cookie["samesite"] == "Lax"


# --- the typed environment readers fail loudly


@pytest.mark.parametrize(
    ("reader", "value"),
    [
        (lambda: env.env_bool("X_TEST_FLAG", False), "perhaps"),
        (lambda: env.env_int("X_TEST_FLAG", 1), "ten"),
        (lambda: env.env_int("X_TEST_FLAG", 1, minimum=1), "0"),
        (lambda: env.env_choice("X_TEST_FLAG", "a", {"a", "b"}), "c"),
    ],
)
def test_bad_environment_values_stop_the_process(monkeypatch, reader, value):
    monkeypatch.setenv("X_TEST_FLAG", value)
    with pytest.raises(ImproperlyConfigured, match="X_TEST_FLAG"):
        reader()


def test_environment_readers_parse_good_values(monkeypatch):
    monkeypatch.setenv("X_TEST_FLAG", " yes ")
    assert env.env_bool("X_TEST_FLAG", False) is True
    monkeypatch.setenv("X_TEST_FLAG", "a.example, b.example,,")
    assert env.env_list("X_TEST_FLAG") == ["a.example", "b.example"]
    monkeypatch.setenv("X_TEST_FLAG", "42")
    assert env.env_int("X_TEST_FLAG", 1) == 42


@pytest.mark.parametrize(
    ("url", "backend"),
    [
        ("db://django_cache", "django.core.cache.backends.db.DatabaseCache"),
        ("redis://127.0.0.1:6379/1", "django.core.cache.backends.redis.RedisCache"),
        ("locmem://", "django.core.cache.backends.locmem.LocMemCache"),
    ],
)
def test_cache_url_selects_the_backend(url, backend):
    assert env.cache_from_url(url)["BACKEND"] == backend


def test_unknown_cache_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL"):
        env.cache_from_url("memcached://127.0.0.1")


STORAGES_JSON = "import json; from django.conf import settings; print(json.dumps(settings.STORAGES))"
S3_SERVER = {"S3_ENDPOINT_URL": "https://s3.contoh.go.id", "S3_REGION": "id-east-1"}


def storages_in_production(**overrides) -> dict:
    result = run_in_production(STORAGES_JSON, **S3_SERVER, **overrides)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_without_buckets_every_file_stays_on_disk():
    storages = storages_in_production()
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert storages["private"]["BACKEND"] == "ruangrunding.storage.PrivateFileSystemStorage"


def test_public_media_go_to_a_public_bucket_with_plain_urls():
    public = storages_in_production(MEDIA_S3_BUCKET="ruangrunding-media")["default"]
    assert public["BACKEND"] == "ruangrunding.s3.UniqueNameS3Storage"
    assert public["OPTIONS"]["bucket_name"] == "ruangrunding-media"
    assert public["OPTIONS"]["endpoint_url"] == "https://s3.contoh.go.id"
    assert public["OPTIONS"]["querystring_auth"] is False
    assert public["OPTIONS"]["file_overwrite"] is False


@pytest.mark.parametrize(
    ("overrides", "origin"),
    [
        ({}, "https://s3.contoh.go.id"),
        ({"MEDIA_S3_CUSTOM_DOMAIN": "media.contoh.go.id"}, "https://media.contoh.go.id"),
    ],
)
def test_the_public_buckets_images_are_allowed_by_the_csp(overrides, origin):
    code = "from django.conf import settings; print(' '.join(settings.SECURE_CSP['img-src']))"
    result = run_in_production(code, **S3_SERVER, MEDIA_S3_BUCKET="ruangrunding-media", **overrides)
    assert result.returncode == 0, result.stderr
    assert origin in result.stdout.split()


def test_private_files_go_to_a_private_bucket_with_signed_urls_of_a_minute():
    storages = storages_in_production(PRIVATE_S3_BUCKET="ruangrunding-privat")
    private = storages["private"]["OPTIONS"]
    assert storages["private"]["BACKEND"] == "ruangrunding.s3.UniqueNameS3Storage"
    assert storages["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert (private["bucket_name"], private["querystring_auth"], private["querystring_expire"]) == (
        "ruangrunding-privat",
        True,
        60,
    )
    assert private["signature_version"] == "s3v4" and private["file_overwrite"] is False
    assert private["object_parameters"] == {"CacheControl": "private, no-store"}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"MEDIA_S3_BUCKET": "satu", "PRIVATE_S3_BUCKET": "satu"}, "must be another bucket"),
        ({"PRIVATE_FILES_SERVE": "signed"}, "needs PRIVATE_S3_BUCKET"),
        ({"PRIVATE_FILES_SERVE": "redirect", "PRIVATE_S3_BUCKET": "privat"}, "use stream or signed"),
        ({"MEDIA_S3_ENDPOINT_URL": "https://s3.contoh.go.id"}, "shared by both buckets"),
        ({"S3_ADDRESSING_STYLE": "dns"}, "use auto, path or virtual"),
        ({"PRIVATE_FILES_URL_SECONDS": "0", "PRIVATE_S3_BUCKET": "privat"}, "at least 1"),
    ],
)
def test_object_storage_settings_that_would_expose_or_break_files_are_refused(overrides, message):
    result = run_in_production(STORAGES_JSON, **overrides)
    assert result.returncode != 0
    assert message in result.stderr


@pytest.mark.parametrize(
    ("pooler", "expected"),
    [
        ("transaction", {"CONN_MAX_AGE": 0, "DISABLE_SERVER_SIDE_CURSORS": True}),
        ("none", {"CONN_MAX_AGE": 60, "DISABLE_SERVER_SIDE_CURSORS": False}),
    ],
)
def test_behind_a_transaction_pooler_no_connection_or_cursor_outlives_a_transaction(pooler, expected):
    # docs/scale.md: DATABASE_POOLER=transaction is the one switch; it wins over DATABASE_CONN_MAX_AGE.
    result = run_in_production(
        "import json; from django.conf import settings; db = settings.DATABASES['default'];"
        "print(json.dumps({key: db[key] for key in ('CONN_MAX_AGE', 'DISABLE_SERVER_SIDE_CURSORS')}))",
        DATABASE_URL="postgres://ruangrunding@127.0.0.1:6432/ruangrunding",
        DATABASE_POOLER=pooler,
        DATABASE_CONN_MAX_AGE="60",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == expected


def test_an_unknown_pooler_mode_stops_the_process():
    result = run_in_production("import django; django.setup()", DATABASE_POOLER="session")
    assert result.returncode != 0
    assert "DATABASE_POOLER" in result.stderr


def test_redis_cache_url_options_reach_the_connection_with_their_types():
    # Django's own RedisCache; redis-py reads ?socket_timeout=… from the URL as a number.
    entry = env.cache_from_url("redis://cache.internal:6379/2?socket_timeout=1&health_check_interval=10")
    assert entry["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    pool = RedisCache(entry["LOCATION"], {})._cache._get_connection_pool(write=True)
    assert pool.connection_kwargs["socket_timeout"] == 1.0
    assert pool.connection_kwargs["health_check_interval"] == 10
    assert (pool.connection_kwargs["host"], pool.connection_kwargs["db"]) == ("cache.internal", 2)
