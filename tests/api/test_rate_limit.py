"""API_RATE_PER_MINUTE requests per token in a clock minute, counted in the database so every worker sees
the same tally; the next one gets 429 with Retry-After and an Indonesian message."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from api import views

pytestmark = pytest.mark.django_db
MINUTE = datetime(2026, 11, 25, 2, 30, 15, tzinfo=UTC)


@pytest.fixture
def still_clock(monkeypatch):
    """The clock the API reads, held at 02:30:15 UTC until a test moves it."""
    now = {"at": MINUTE}
    monkeypatch.setattr(views, "clock", lambda: now["at"])
    return now


def test_the_request_past_the_limit_waits_for_the_next_minute(settings, still_clock, pupr, dinkes):
    settings.API_RATE_PER_MINUTE = 3
    assert [pupr.get("/api/v1/usulan").status_code for _ in range(3)] == [200, 200, 200]
    refused = pupr.get("/api/v1/usulan")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "45"
    assert refused.json() == {
        "detail": "Terlalu banyak permintaan: paling banyak 3 per menit untuk setiap token. Coba lagi sebentar.",
        "field": None,
    }
    assert dinkes.get("/api/v1/usulan").status_code == 200  # another token counts on its own
    still_clock["at"] = MINUTE + timedelta(seconds=45)
    assert pupr.get("/api/v1/usulan").status_code == 200


def test_an_unknown_token_is_refused_before_it_is_counted(settings, still_clock, pupr_token):
    settings.API_RATE_PER_MINUTE = 1
    token, _plain = pupr_token
    assert Client(headers={"Authorization": "Bearer rr_000000000000_x"}).get("/api/v1/usulan").status_code == 401
    token.refresh_from_db()
    assert token.rate_count == 0


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a PostgreSQL "
    "test by nature (the limit itself is tested on both backends above)",
)
def test_parallel_requests_never_get_past_the_limit(settings, still_clock, pupr_token):
    settings.API_RATE_PER_MINUTE = 4
    _token, plain = pupr_token
    parallel = 10
    start = threading.Barrier(parallel)

    def ask(_n):
        try:
            client = Client(headers={"Authorization": f"Bearer {plain}"})
            start.wait()
            return client.get("/api/v1/usulan").status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        statuses = list(pool.map(ask, range(parallel)))
    assert sorted(statuses) == [200] * 4 + [429] * 6
