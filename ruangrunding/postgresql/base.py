"""Django's PostgreSQL backend, with a health check of kept connections that costs no round trip.

A connection kept between requests (`DATABASE_CONN_MAX_AGE`) may have been given up by the server meanwhile: a
restart, a failover, `pg_terminate_backend`, a pooler going away. Django's health check (CONN_HEALTH_CHECKS, on)
therefore sends `SELECT 1` before a request's first query and waits for the answer: one more round trip on
every page, a tenth of a light page's time. Yet a server that gives a connection up says so: its last message
and the end of the stream are waiting on the socket, unread. So this check first looks, without waiting,
whether anything waits there. Nothing — no message arrives on an idle connection unasked — means the server has
not given it up, and the check is done. Anything (that goodbye, a notice) or a connection not idle, and
Django's own `SELECT 1` decides, as before. settings.py names this backend for every PostgreSQL database.
"""

import select

from django.db.backends.postgresql import base
from psycopg.pq import TransactionStatus


class DatabaseWrapper(base.DatabaseWrapper):
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
