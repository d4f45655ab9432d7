"""ruangrunding.postgresql: a kept connection is checked before each request without a round trip, and one the
server has given up is still found and replaced before a page uses it. A real server, a real termination."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.db import connection

from rpjpd.models import Section
from tests.helpers import client_for

SCRIPT = """
import json, time, django
django.setup()
import psycopg
from django.db import connection, connections
from django.db.backends.postgresql import base as django_postgresql
from django.core.handlers.wsgi import WSGIHandler
from django.test.client import RequestFactory

pings = []
django_is_usable = django_postgresql.DatabaseWrapper.is_usable
django_postgresql.DatabaseWrapper.is_usable = lambda self: pings.append(1) or django_is_usable(self)
application = WSGIHandler()  # as gunicorn calls it: each request first looks at the kept connections


def get(path):
    status = []
    environ = RequestFactory()._base_environ(PATH_INFO=path, REQUEST_METHOD="GET")
    b"".join(application(environ, lambda line, headers: status.append(int(line.split()[0]))))
    return status[0]


out = {"engine": type(connections["default"]).__module__}
out["healthy"] = [get("/healthz") for _ in range(5)]
out["pings_while_healthy"] = len(pings)
first = connection.connection.info.backend_pid
with psycopg.connect({url!r}, autocommit=True) as admin:
    admin.execute("SELECT pg_terminate_backend(%s)", [first])
time.sleep(0.3)
out["after_termination"] = get("/healthz")
out["pings_after_termination"] = len(pings)
out["new_backend"] = connection.connection.info.backend_pid != first
print(json.dumps(out))
"""


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's backend; SQLite keeps no server connection")
def test_a_kept_connection_costs_no_ping_and_a_terminated_one_is_replaced():
    db = connection.settings_dict
    url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": url, "LOG_LEVEL": "CRITICAL"}
    env["DATABASE_CONN_MAX_AGE"] = "60"
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.replace("{url!r}", repr(url))],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["engine"] == "ruangrunding.postgresql.base"
    assert out["healthy"] == [200] * 5 and out["pings_while_healthy"] == 0  # no SELECT 1 before each request
    assert out["after_termination"] == 200 and out["new_backend"]  # the next page got a fresh connection …
    assert out["pings_after_termination"] == 1  # … because the check saw the goodbye and asked Django's ping


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements of PostgreSQL's own")
def test_a_signed_in_readers_queries_are_planned_once_per_connection(topic, citizen, settings):
    client = client_for(citizen)
    for _ in range(3):
        assert client.get(topic.get_absolute_url()).status_code == 200
    for _ in range(10):  # more often than psycopg's own threshold (5) would prepare it after
        assert not Section.objects.filter(slug="bagian-yang-tidak-ada").exists()
    statements = prepared_statements()
    assert any('FROM "accounts_session"' in statement for statement in statements)  # the session with its person
    assert any('FROM "rpjpd_topic"' in statement for statement in statements)  # the topic with the reports
    assert not any('FROM "rpjpd_section"' in statement for statement in statements)  # Django's cursors: unprepared


@pytest.mark.django_db
@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements of PostgreSQL's own")
def test_behind_a_pooler_in_transaction_mode_nothing_is_prepared(topic, citizen, settings):
    settings.DATABASE_POOLER = "transaction"
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    connection.connection._prepared.clear()  # what psycopg remembers of this connection's statements
    client = client_for(citizen)
    for _ in range(3):
        assert client.get(topic.get_absolute_url()).status_code == 200
    assert prepared_statements() == []
