"""Reads from a PostgreSQL streaming replica, writes to the primary (DATABASE_REPLICA_URL; docs/scale.md).

Only the reads of a web request being answered may go to the replica, and only while all of these hold:
- the request is a GET, HEAD, OPTIONS or TRACE: a form being sent checks its limits and uniqueness against
  what is really in the database;
- the request has written nothing yet;
- the browser wrote nothing in the last DATABASE_READ_YOUR_WRITES_SECONDS (a cookie set after each write),
  so a citizen sees their own reply at once, however far behind the replica is;
- no transaction is open on the primary: what a transaction reads is what it decides its writes on;
- the replica answers and is at most DATABASE_REPLICA_MAX_LAG_SECONDS behind.
The decision is taken once per request, so one page never mixes rows of the two servers. Everything outside
a request — management commands, the task worker, the body of a streamed response produced after the view
returned — reads from the primary, which is always right.
"""

import logging
import time
from collections.abc import Callable
from contextlib import suppress
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)

PRIMARY = DEFAULT_DB_ALIAS
REPLICA = "replica"
# Set after a request that wrote (or sent a form); holds the Unix time of the write. Not secret: whoever forges
# it only sends their own reads to the primary, as sending a form would.
PIN_COOKIE = "rr_primer"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
# How long one lag measurement is trusted in a process (one small query a second at most), and how long a
# replica that did not answer is left alone before a request tries it again.
LAG_CHECK_SECONDS = 1.0
RETRY_SECONDS = 5.0

# How far behind the replica is, in seconds. pg_last_xact_replay_timestamp() alone would call an up-to-date
# replica of a primary that has been idle for an hour an hour behind: a replica that receives WAL and has
# replayed all it received is up to date (0). A server not in recovery is the primary itself (0). NULL (no
# transaction replayed since start, while WAL waits) counts as too far behind.
LAG_SQL = """
SELECT CASE
    WHEN NOT pg_is_in_recovery() THEN 0
    WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() AND EXISTS (SELECT FROM pg_stat_wal_receiver)
        THEN 0
    ELSE EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
END
"""


def measure_lag(connection) -> float | None:
    with connection.cursor() as cursor:
        cursor.execute(LAG_SQL)
        lag = cursor.fetchone()[0]
    return None if lag is None else float(lag)


class ReplicaHealth:
    """Whether the replica may serve a request's reads: it answers now, and it was not too far behind at the
    last measurement (at most LAG_CHECK_SECONDS old). One per process."""

    def __init__(
        self,
        *,
        connection: Callable = lambda: connections[REPLICA],
        measure: Callable = measure_lag,
        clock: Callable[[], float] = time.monotonic,
    ):
        self.connection, self.measure, self.clock = connection, measure, clock
        self.lag: float | None = None
        self.measured_until = float("-inf")
        self.down_until = float("-inf")

    def usable(self) -> bool:
        now = self.clock()
        if now < self.down_until:
            return False
        connection = self.connection()
        try:
            # A connection kept from an earlier request gets Django's health check here, once per request, and
            # is replaced if the replica went away: a dead replica is noticed before the page reads from it.
            connection.close_if_health_check_failed()
            connection.ensure_connection()
            if now >= self.measured_until:
                self.lag = self.measure(connection)
                self.measured_until = now + LAG_CHECK_SECONDS
        except DatabaseError as error:
            logger.warning("Replica unavailable, reading from the primary for %.0f s: %s", RETRY_SECONDS, error)
            with suppress(DatabaseError):
                connection.close()
            self.down_until = now + RETRY_SECONDS
            self.measured_until = float("-inf")
            return False
        return self.lag is not None and self.lag <= settings.DATABASE_REPLICA_MAX_LAG_SECONDS


@dataclass
class RequestReads:
    """What the router knows about the request being answered."""

    replica_allowed: bool
    wrote: bool = False
    replica_usable: bool | None = None  # asked once, at the request's first read that may use the replica


_request: ContextVar[RequestReads | None] = ContextVar("ruangrunding_request_reads", default=None)


class ReplicaRouter:
    """DATABASE_ROUTERS entry: writes, migrations and all but a request's plain reads go to the primary."""

    def __init__(self, health: ReplicaHealth | None = None):
        self.health = health or ReplicaHealth()

    def db_for_read(self, model, **hints) -> str:
        state = _request.get()
        if state is None or not state.replica_allowed or state.wrote:
            return PRIMARY
        if connections[PRIMARY].in_atomic_block:
            return PRIMARY
        if state.replica_usable is None:
            state.replica_usable = self.health.usable()
        return REPLICA if state.replica_usable else PRIMARY

    def db_for_write(self, model, **hints) -> str:
        if (state := _request.get()) is not None:
            state.wrote = True  # the rest of this request reads what it wrote, and so do the next few seconds
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the same rows on both servers

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == PRIMARY  # the replica follows the primary's schema through WAL


def recently_wrote(request, *, now: float) -> bool:
    try:
        wrote_at = int(request.COOKIES.get(PIN_COOKIE, ""))
    except ValueError:
        return False
    # A time in the future (a forged or mangled cookie) does not pin either.
    return 0 <= now - wrote_at < settings.DATABASE_READ_YOUR_WRITES_SECONDS


class ReadRoutingMiddleware:
    """Tells the router which request it is answering; after a write (or any form sent) it sets a cookie that
    keeps this browser's reads on the primary for DATABASE_READ_YOUR_WRITES_SECONDS. Placed before the session
    middleware, so loading the session is routed like any other read (a session written at sign-in is read
    back from the primary on the next page)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        state = RequestReads(replica_allowed=safe and not recently_wrote(request, now=time.time()))
        token = _request.set(state)
        try:
            response = self.get_response(request)
        finally:
            _request.reset(token)
        if state.wrote or not safe:
            response.set_cookie(
                PIN_COOKIE,
                str(int(time.time())),
                max_age=settings.DATABASE_READ_YOUR_WRITES_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response
