"""The read-replica router's decisions (ruangrunding.db_routing; docs/scale.md "Read replica"), without a
replica: the router is asked directly, inside requests passed through its middleware. `make scaletest`
(tests/scale/test_replica.py) runs the same rules against a real streaming replica."""

import json
import time

import pytest
from django.db import OperationalError, connection, transaction
from django.http import HttpResponse
from django.test import RequestFactory

from rpjpd.models import Reply
from ruangrunding import db_routing
from ruangrunding.caching import visitor_cache_key
from ruangrunding.db_routing import (
    PIN_COOKIE,
    PRIMARY,
    REPLICA,
    ReadRoutingMiddleware,
    ReplicaHealth,
    ReplicaRouter,
    measure_lag,
)
from tests.test_production_settings import run_in_production


class FakeHealth:
    def __init__(self, usable: bool = True):
        self.answer, self.asked = usable, 0

    def usable(self) -> bool:
        self.asked += 1
        return self.answer


def answer(request_method: str = "get", *, router: ReplicaRouter, view=None, cookies: dict | None = None):
    """Pass one request through the middleware; the view (by default) reports where the router sends a read."""
    seen = {}

    def read_once(request, seen):
        seen["read"] = router.db_for_read(Reply)
        return HttpResponse("ok")

    request = getattr(RequestFactory(), request_method)("/rpjpd/")
    request.COOKIES.update(cookies or {})
    response = ReadRoutingMiddleware(lambda request: (view or read_once)(request, seen))(request)
    return seen, response


def test_a_page_read_goes_to_the_replica():
    seen, response = answer(router=ReplicaRouter(FakeHealth()))
    assert seen["read"] == REPLICA
    assert PIN_COOKIE not in response.cookies


def test_reads_outside_a_request_stay_on_the_primary():
    # The task worker and management commands: no request, so nothing to gain from a possibly stale copy.
    router = ReplicaRouter(FakeHealth())
    assert router.db_for_read(Reply) == PRIMARY


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_form_sent_reads_the_primary_and_pins_the_browser(method):
    seen, response = answer(method, router=ReplicaRouter(FakeHealth()))
    assert seen["read"] == PRIMARY
    assert response.cookies[PIN_COOKIE]["max-age"] == 10
    assert abs(int(response.cookies[PIN_COOKIE].value) - time.time()) < 5


def test_after_a_write_the_rest_of_the_request_reads_the_primary_and_the_browser_is_pinned():
    router = ReplicaRouter(FakeHealth())

    def view(request, seen):
        seen["before"] = router.db_for_read(Reply)
        seen["write"] = router.db_for_write(Reply)
        seen["after"] = router.db_for_read(Reply)
        return HttpResponse("ok")

    seen, response = answer(router=router, view=view)
    assert (seen["before"], seen["write"], seen["after"]) == (REPLICA, PRIMARY, PRIMARY)
    assert PIN_COOKIE in response.cookies


def test_a_browser_that_just_wrote_reads_the_primary():
    seen, _response = answer(router=ReplicaRouter(FakeHealth()), cookies={PIN_COOKIE: str(int(time.time()) - 3)})
    assert seen["read"] == PRIMARY


@pytest.mark.parametrize("cookie", ["old", "future", "not a number"])
def test_an_expired_or_forged_pin_does_not_keep_reads_on_the_primary(cookie):
    value = {"old": int(time.time()) - 11, "future": int(time.time()) + 3600, "not a number": "x"}[cookie]
    seen, _response = answer(router=ReplicaRouter(FakeHealth()), cookies={PIN_COOKIE: str(value)})
    assert seen["read"] == REPLICA


def test_the_pin_lasts_as_long_as_the_setting_says(settings):
    settings.DATABASE_READ_YOUR_WRITES_SECONDS = 30
    router = ReplicaRouter(FakeHealth())
    seen, _response = answer(router=router, cookies={PIN_COOKIE: str(int(time.time()) - 20)})
    assert seen["read"] == PRIMARY
    _seen, response = answer("post", router=router)
    assert response.cookies[PIN_COOKIE]["max-age"] == 30


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary():
    router = ReplicaRouter(FakeHealth())

    def view(request, seen):
        with transaction.atomic():
            seen["inside"] = router.db_for_read(Reply)
        seen["after"] = router.db_for_read(Reply)
        return HttpResponse("ok")

    seen, _response = answer(router=router, view=view)
    assert seen == {"inside": PRIMARY, "after": REPLICA}


def test_an_unusable_replica_sends_reads_to_the_primary():
    seen, _response = answer(router=ReplicaRouter(FakeHealth(usable=False)))
    assert seen["read"] == PRIMARY


def test_the_replica_is_judged_once_per_request():
    # One page never mixes rows of the two servers, and the health is asked once, not per query.
    health = FakeHealth()
    router = ReplicaRouter(health)

    def view(request, seen):
        seen["reads"] = {router.db_for_read(Reply) for _ in range(5)}
        health.answer = False
        seen["reads"] |= {router.db_for_read(Reply)}
        return HttpResponse("ok")

    seen, _response = answer(router=router, view=view)
    assert seen["reads"] == {REPLICA}
    assert health.asked == 1


def test_writes_and_migrations_belong_to_the_primary():
    router = ReplicaRouter(FakeHealth())
    assert router.db_for_write(Reply) == PRIMARY
    assert router.allow_migrate(PRIMARY, "rpjpd") is True
    assert router.allow_migrate(REPLICA, "rpjpd") is False
    assert router.allow_relation(object(), object()) is True


class FakeConnection:
    def __init__(self):
        self.down = False
        self.closed = 0

    def close_if_health_check_failed(self):
        pass

    def ensure_connection(self):
        if self.down:
            raise OperationalError("connection refused")

    def close(self):
        self.closed += 1


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def health_with(lags: list, connection: FakeConnection, clock: Clock) -> tuple[ReplicaHealth, list]:
    measured = []

    def measure(_connection):
        measured.append(clock.now)
        return lags.pop(0)

    return ReplicaHealth(connection=lambda: connection, measure=measure, clock=clock), measured


def test_a_replica_behind_by_more_than_the_limit_is_not_read_from(settings):
    settings.DATABASE_REPLICA_MAX_LAG_SECONDS = 5
    clock = Clock()
    health, _measured = health_with([0.2, 5.0, 7.5, None], FakeConnection(), clock)
    answers = []
    for _ in range(4):
        answers.append(health.usable())
        clock.now += db_routing.LAG_CHECK_SECONDS
    # Within the limit, at the limit, past it, and unknown (nothing replayed since start while WAL waits).
    assert answers == [True, True, False, False]


def test_the_lag_is_measured_at_most_once_a_second_per_process():
    clock = Clock()
    health, measured = health_with([0.0, 0.0, 0.0], FakeConnection(), clock)
    for _ in range(10):
        assert health.usable()
        clock.now += 0.25
    assert measured == [1000.0, 1001.0, 1002.0]


def test_a_replica_that_does_not_answer_is_left_alone_for_a_few_seconds():
    clock, replica = Clock(), FakeConnection()
    health, measured = health_with([0.0, 0.0], replica, clock)
    assert health.usable()
    replica.down = True
    clock.now += 0.1
    assert not health.usable()  # noticed at once, though the last lag measurement is still fresh
    assert replica.closed == 1
    replica.down = False
    clock.now += db_routing.RETRY_SECONDS - 0.5
    assert not health.usable()  # not tried again yet: no connection attempt per request while it is down
    clock.now += 0.5
    assert health.usable()
    assert len(measured) == 2  # measured again once it is back


@pytest.mark.django_db
def test_the_lag_query_calls_a_server_that_is_not_a_replica_up_to_date():
    if connection.vendor != "postgresql":
        pytest.skip("the lag query is PostgreSQL's (a replica needs PostgreSQL)")
    assert measure_lag(connection) == 0


def test_a_visitor_who_just_wrote_gets_no_cached_page(settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 10
    request = RequestFactory().get("/rpjpd/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert visitor_cache_key(request, set()) is not None
    request.COOKIES[PIN_COOKIE] = str(int(time.time()))
    assert visitor_cache_key(request, set()) is None


SHOW_DATABASES = (
    "import json; from django.conf import settings; replica = settings.DATABASES['replica'];"
    "print(json.dumps({'replica': {key: replica[key] for key in ('HOST', 'PORT', 'NAME', 'TEST', 'OPTIONS')},"
    " 'routers': settings.DATABASE_ROUTERS, 'middleware': settings.MIDDLEWARE}))"
)


def test_a_replica_url_adds_the_replica_the_router_and_the_middleware():
    result = run_in_production(
        SHOW_DATABASES,
        DATABASE_URL="postgres://ruangrunding@10.0.0.5:5432/ruangrunding",
        DATABASE_REPLICA_URL="postgres://ruangrunding@10.0.0.6:5432/ruangrunding",
    )
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout.strip().splitlines()[-1])
    assert shown["replica"] == {
        "HOST": "10.0.0.6",
        "PORT": 5432,
        "NAME": "ruangrunding",
        "TEST": {"MIRROR": "default"},  # the test suite sees one database
        "OPTIONS": {"connect_timeout": 2},
    }
    assert shown["routers"] == ["ruangrunding.db_routing.ReplicaRouter"]
    middleware = shown["middleware"]
    routing = middleware.index("ruangrunding.db_routing.ReadRoutingMiddleware")
    assert routing == middleware.index("django.contrib.sessions.middleware.SessionMiddleware") - 1


def test_a_replica_beside_sqlite_stops_the_process():
    result = run_in_production(
        "import django; django.setup()",
        DATABASE_URL="sqlite:////tmp/ruangrunding.sqlite3",
        DATABASE_REPLICA_URL="postgres://ruangrunding@10.0.0.6:5432/ruangrunding",
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL needs PostgreSQL" in result.stderr
