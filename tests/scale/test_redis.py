"""Redis for the cache and the sessions (docs/scale.md): CACHE_URL=redis://… and
SESSION_ENGINE=django.contrib.sessions.backends.cached_db, against gunicorn with two workers and a Redis this
test starts (and restarts) itself. Rate-limit counters in Redis hold across workers; a signed-in citizen stays
signed in when Redis restarts empty; the visitor micro-cache stays in each process and keeps working."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from bench.common import Visitor, hidden
from rpjpd import services
from tests.helpers import PASSWORD, current_database_url
from tests.scale.servers import Gunicorn, signed_in
from tests.security.test_brute_force import request, sign_in, wait_for_both_workers

pytestmark = [pytest.mark.scale, pytest.mark.django_db(transaction=True)]


CACHED_DB = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def session_engine():
    return CACHED_DB


@pytest.fixture
def redis_gunicorn(empty_redis, session_engine):
    server = Gunicorn(
        workers=2, DATABASE_URL=current_database_url(), CACHE_URL=empty_redis.url, SESSION_ENGINE=session_engine
    )
    base = server.start()
    wait_for_both_workers(base)
    yield base
    server.stop()


def redis_keys(server, pattern: str) -> list[str]:
    return [key.decode() for key in server.client().keys(pattern)]


def database_cache_rows() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM django_cache")
        return cursor.fetchone()[0]


def test_failed_sign_ins_counted_in_redis_stop_every_worker(redis_gunicorn, empty_redis, citizen):
    visitor = Visitor(redis_gunicorn)
    assert [sign_in(visitor, citizen.username, "tebakan-salah")[0] for _ in range(5)] == [200] * 5
    assert redis_keys(empty_redis, "*allauth:rl:*"), "the failed sign-ins were not counted in Redis"
    assert database_cache_rows() == 0  # nothing fell back to the database cache
    refused_by = set()
    # Several attempts at the same moment, so both workers must take some (see tests/security/test_brute_force).
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(20):
            for status, pid, page in pool.map(
                lambda _n: sign_in(Visitor(redis_gunicorn), citizen.username, PASSWORD), range(4)
            ):
                assert status == 429  # even the right password
                assert "Terlalu banyak percobaan" in page
                refused_by.add(pid)
            if len(refused_by) == 2:
                break
    assert len(refused_by) == 2, "both gunicorn workers must refuse"


def guest_complaint_attempt(base: str) -> tuple[int, str]:
    """An empty complaint form sent without an account: refused on the page (400), but counted per address."""
    visitor = Visitor(base)
    status, page, _seconds = visitor.request("/pengaduan/baru/")
    assert status == 200
    token = hidden(page, "csrfmiddlewaretoken")
    status, pid, _page = request(visitor, "/pengaduan/baru/", {"csrfmiddlewaretoken": token})
    return status, pid


def test_guest_complaints_per_address_counted_in_redis_hold_exactly_under_parallel_requests(
    redis_gunicorn, empty_redis, settings
):
    limit = settings.PENGADUAN_GUEST_PER_HOUR
    with ThreadPoolExecutor(max_workers=8) as pool:
        burst = list(pool.map(lambda _n: guest_complaint_attempt(redis_gunicorn), range(4 * limit)))
        statuses = [status for status, _pid in burst]
        assert statuses.count(400) == limit  # exactly the limit passed the counter (INCR is atomic in Redis)
        assert statuses.count(429) == 3 * limit
        assert len({pid for _status, pid in burst}) == 2, "both workers must have counted"
        refused_by = {pid for status, pid in burst if status == 429}
        for _ in range(20):
            if len(refused_by) == 2:
                break
            for status, pid in pool.map(lambda _n: guest_complaint_attempt(redis_gunicorn), range(4)):
                assert status == 429
                refused_by.add(pid)
    assert len(refused_by) == 2, "both gunicorn workers must refuse"
    assert redis_keys(empty_redis, "*pengaduan-tamu:*")


def test_a_signed_in_citizen_stays_signed_in_when_redis_restarts_empty(redis_gunicorn, empty_redis, citizen):
    visitor = signed_in(redis_gunicorn, citizen.username)
    status, page, _seconds = visitor.request("/akun/profil/")
    assert status == 200
    assert citizen.display_name in page
    assert redis_keys(empty_redis, "*cached_db*"), "the session was not cached in Redis"

    empty_redis.restart()
    assert empty_redis.client().dbsize() == 0

    for _ in range(4):  # whichever worker answers, after its Redis connection broke
        status, page, _seconds = visitor.request("/akun/profil/")
        assert status == 200, "signed out by a Redis restart"
        assert citizen.display_name in page
    assert redis_keys(empty_redis, "*cached_db*"), "the session was not cached again after it was read back"


@pytest.mark.parametrize("session_engine", ["django.contrib.sessions.backends.cache"])
def test_sessions_only_in_redis_would_be_lost_by_the_same_restart(redis_gunicorn, empty_redis, citizen):
    """Why cached_db: with the cache-only engine the same restart signs everyone out."""
    visitor = signed_in(redis_gunicorn, citizen.username)
    assert visitor.request("/akun/profil/")[0] == 200
    empty_redis.restart()
    status, _page, _seconds = visitor.request("/akun/profil/")
    assert status == 302  # to the sign-in page
    assert "/akun/login/" in visitor.headers["Location"]


def test_visitor_pages_stay_in_each_process_and_signed_in_readers_see_new_replies(
    redis_gunicorn, empty_redis, topic, citizen
):
    url = topic.get_absolute_url()
    for _ in range(4):
        status, page, _seconds = Visitor(redis_gunicorn).request(url)
        assert status == 200
        assert topic.title in page
    assert not redis_keys(empty_redis, "*visitor-page*")  # the page cache is per process, not in Redis
    reader = signed_in(redis_gunicorn, citizen.username)
    services.reply_create(topic=topic, author=citizen, body="Tanggul di RT 05 jebol tahun lalu.")
    status, page, _seconds = reader.request(url)
    assert status == 200
    assert "Tanggul di RT 05 jebol tahun lalu." in page
