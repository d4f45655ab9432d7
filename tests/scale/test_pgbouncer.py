"""PgBouncer in transaction mode in front of PostgreSQL (docs/scale.md): the test suite, the task worker and
gunicorn under parallel writes all pass through it with DATABASE_POOLER=transaction, and PgBouncer's own
counters show the traffic went through it rather than around it."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from bench.common import hidden
from bench.smtp_sink import SmtpSink
from rpjpd.models import Reply
from tests.helpers import make_user
from tests.scale.servers import Gunicorn, free_port, signed_in

pytestmark = pytest.mark.scale

# What CI runs through the pooler (SCALETEST_SUITE=all: the whole suite but the browser tests). Chosen for what
# a transaction pooler can break: work in real transactions across processes and threads (the cross-process
# sign-in lock, parallel POSTs against per-person limits under row locks, parallel status moves, decisions),
# the mail queue and the worker (mail, large recap imports), exports read with .iterator() (server-side
# cursors are off behind the pooler), full-text search, the migrations, and the access matrix over every URL.
CI_SUITE = [
    "tests/test_mail.py",
    "tests/test_migrations.py",
    "tests/accounts/test_login.py",
    "tests/security/test_parallel_limits.py",
    "tests/security/test_access_matrix.py",
    "tests/konsultasi/test_parallel_moves.py",
    "tests/rpjpd/test_replies.py",
    "tests/insight/test_export.py",
    "tests/musrenbang/test_decisions.py",
    "tests/musrenbang/test_import.py",
    "tests/pustaka/test_downloads.py",
    "tests/pustaka/test_search.py",
]
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def pooled_environment(pgbouncer, database: str, **extra: str) -> dict:
    env = {**os.environ, "DATABASE_URL": pgbouncer.url(database), "DATABASE_POOLER": "transaction", **extra}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.pop("PYTEST_XDIST_WORKER", None)
    return env


def test_the_suite_passes_through_pgbouncer_in_transaction_mode(pgbouncer):
    # Another database name than the outer run's, so the inner pytest-django creates test databases of its own
    # (test_<name>_pooled, _gw0, _gw1) — through the pooler, like everything else it does.
    pooled = f"{connection.settings_dict['NAME'].removeprefix('test_')}_pooled"
    which = os.environ.get("SCALETEST_SUITE", "ci")
    paths = ["-m", "not browser"] if which == "all" else CI_SUITE
    began = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", *paths],
        env=pooled_environment(pgbouncer, pooled),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    seconds = time.monotonic() - began
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    print(f"\nsuite ({which}) through PgBouncer: {summary} — {seconds:.0f} s")
    assert result.returncode == 0, result.stdout[-20000:] + result.stderr[-5000:]
    time.sleep(1.5)  # stats_period
    passed_through = sum(pgbouncer.transactions(f"test_{pooled}_gw{n}") for n in range(2))
    assert passed_through > 1000, "the suite's transactions did not go through PgBouncer"


@pytest.mark.django_db(transaction=True)  # the worker is another process: the queued task must be committed
def test_the_worker_delivers_queued_mail_through_pgbouncer(client, citizen, settings, pgbouncer):
    settings.MAILERS = {**settings.MAILERS, "default": {"BACKEND": "ruangrunding.mail.TaskQueueEmailBackend"}}
    settings.TASKS = DATABASE_TASKS
    response = client.post(reverse("account_reset_password"), {"email": "siti@contoh.id"})
    assert response.status_code == 302
    task = DBTaskResult.objects.get()
    assert task.status == "READY"

    sink = SmtpSink(free_port())
    sink.start()
    database = connection.settings_dict["NAME"]
    before = pgbouncer.transactions(database)
    try:
        env = pooled_environment(
            pgbouncer,
            database,
            DJANGO_SETTINGS_MODULE="tests.settings",
            TASKS_BACKEND="django_tasks_db.DatabaseBackend",
            EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=str(sink.port),
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "db_worker", "--batch", "--no-startup-delay", "--no-reload"],
            env=env,
            cwd=settings.BASE_DIR,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    finally:
        sink.stop()
    assert result.returncode == 0, result.stderr
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL"
    assert sink.delivered_to("siti@contoh.id") == 1
    time.sleep(1.5)  # stats_period
    assert pgbouncer.transactions(database) > before, "the worker did not go through PgBouncer"


@pytest.fixture
def pooled_gunicorn(pgbouncer):
    """gunicorn with four workers whose every query goes through PgBouncer."""
    server = Gunicorn(workers=4, **pooled_environment(pgbouncer, connection.settings_dict["NAME"]))
    yield server.start()
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_citizens_writing_at_once_through_pgbouncer_each_reply_stored_once(pooled_gunicorn, topic, kecamatan):
    """A small load test through the pooler: 12 citizens, 3 replies each, 4 at a time, no error page."""
    citizens = [make_user(f"warga{n}", display_name=f"Warga {n}", kecamatan=kecamatan) for n in range(12)]
    visitors = [signed_in(pooled_gunicorn, citizen.username) for citizen in citizens]
    topic_path = reverse("rpjpd:topic", args=[topic.section.slug, topic.slug])
    reply_path = reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug])

    def write(visitor_number: int) -> list[int]:
        visitor, statuses = visitors[visitor_number], []
        for n in range(3):
            status, page, _seconds = visitor.request(topic_path)
            assert status == 200
            form = {
                "body": f"Usulan {visitor_number}-{n}: perbaiki tanggul di RT saya.",
                "submission_token": hidden(page, "submission_token"),
                "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
            }
            status, _page, _seconds = visitor.request(reply_path, form)
            statuses.append(status)
        return statuses

    with ThreadPoolExecutor(max_workers=4) as pool:
        statuses = [status for result in pool.map(write, range(len(visitors))) for status in result]
    assert statuses == [302] * 36  # each one "Tanggapan Anda telah dikirim", none an error page
    bodies = list(Reply.objects.filter(topic=topic).values_list("body", flat=True))
    assert len(bodies) == len(set(bodies)) == 36
