"""Django's PostgreSQL backend, with two things a busy page needs that Django does not give it.

1. A health check of kept connections that costs no round trip. A connection kept between requests
   (`DATABASE_CONN_MAX_AGE`) may have been given up by the server meanwhile: a restart, a failover,
   `pg_terminate_backend`, a pooler going away. Django's health check (CONN_HEALTH_CHECKS, on) therefore sends
   `SELECT 1` before a request's first query and waits for the answer: one more round trip on every page. Yet a
   server that gives a connection up says so: its last message and the end of the stream wait on the socket,
   unread. So this check first looks, without waiting, whether anything waits there. Nothing — no message
   arrives on an idle connection unasked — means the server has not given it up, and the check is done.
   Anything (that goodbye, a notice), or a connection not idle, and Django's own `SELECT 1` decides.

2. Statements PostgreSQL plans once (`prepared_cursor()`). The few queries every signed-in page runs (the
   session with its person, a topic with the reader's reports) took PostgreSQL longer to plan, each time, than
   to run. Run through this cursor they become prepared statements of the connection: planned once, then only
   executed. Django's own cursors stay as they are (client-side binding, nothing prepared). Behind a pooler
   in transaction mode (DATABASE_POOLER=transaction) a prepared statement would live in a server session the
   next transaction may not get: there this cursor is an ordinary one.

settings.py names this backend for every PostgreSQL database.
"""

import select
import sys

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus

# psycopg prepares a statement after this many runs, or when a cursor asks. Django passes None, which turns
# preparing off altogether (even for a cursor that asks); a count never reached lets only our cursor prepare.
ONLY_WHEN_ASKED = sys.maxsize


class PreparedStatementCursor(base.ServerBindingCursor):
    """Sends each statement as a prepared statement of its connection (psycopg keeps the last hundred)."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def prepares_statements(self) -> bool:
        return getattr(settings, "DATABASE_POOLER", "none") != "transaction"

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.prepares_statements and params.get("prepare_threshold") is None:
            params["prepare_threshold"] = ONLY_WHEN_ASKED  # Django's cursors bind on the client: never prepared
        return params

    def prepared_cursor(self):
        """A cursor (Django's wrapper: logged, counted, errors translated) whose statements are prepared."""
        if not self.prepares_statements:
            return self.cursor()
        self.close_if_health_check_failed()
        self.ensure_connection()
        with self.wrap_database_errors:
            return self._prepare_cursor(PreparedStatementCursor(self.connection))

    def is_usable(self) -> bool:
        if self.connection is None or self.connection.broken or self.connection.closed:
            return False
        if self.connection.info.transaction_status != TransactionStatus.IDLE:
            return super().is_usable()
        try:
            waiting, _, _ = select.select([self.connection.fileno()], [], [], 0)
        except (OSError, ValueError):
            return super().is_usable()
        return not waiting or super().is_usable()
