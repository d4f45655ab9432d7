"""The project settings as the test suite needs them: development defaults from the environment, the
task queue run in-process (so a queued e-mail lands in the locmem outbox at once), and a fast hasher."""

import os

os.environ.setdefault("DEBUG", "0")
os.environ.setdefault("SECRET_KEY", "test-secret-key-only-for-the-test-suite-0123456789-abcdefghijklmnop")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("TASKS_BACKEND", "django.tasks.backends.immediate.ImmediateBackend")
os.environ.setdefault("EMAIL_DELIVERY_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
# The suite runs on one database: a DATABASE_REPLICA_URL in the environment is left out (a request's reads
# would go to a second connection that tests may not use). The router's rules are tested without it
# (tests/test_db_routing.py); the servers `make scaletest` starts against a real replica ask for it.
if os.environ.get("SCALETEST_REPLICA") != "1":
    os.environ.pop("DATABASE_REPLICA_URL", None)

from ruangrunding.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests render with plain static storage; the manifest is built by collectstatic in production.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405

# whitenoise serves from the finders in tests (no collectstatic); the empty root silences its warning.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT = BASE_DIR / "var" / "test-static"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# On SQLite the test database is a file, not memory, so a second process (see test_login) can open it.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(BASE_DIR / "var" / "test.sqlite3")}  # noqa: F405

# Visitor micro-caching is off in tests (pages must show what a test just wrote); tests/test_caching.py
# turns it on to check it.
VISITOR_PAGE_CACHE_SECONDS = 0
MUSRENBANG_FUNNEL_CACHE_SECONDS = 0  # tests/musrenbang/test_pages.py turns it on to check it
