"""A PostgreSQL streaming replica (docs/scale.md "Read replica"): a primary and its replica made with
`pg_basebackup -R`, started by the fixture on free loopback ports, and the portal under gunicorn with
DATABASE_URL on the primary and DATABASE_REPLICA_URL on the replica.

What a page read where is seen by pausing WAL replay on the replica (pg_wal_replay_pause): a reply written
on the primary then exists there and not yet on the replica, so a page that shows it was read from the primary
and a page that does not was read from the replica."""

import json
import os
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.urls import reverse

from bench.common import Visitor, hidden
from tests.scale.servers import Gunicorn, signed_in

pytestmark = pytest.mark.scale

DATABASE = "ruangrunding"
READ_YOUR_WRITES_SECONDS = 3
TOPIC_PATH = reverse("rpjpd:topic", args=["isu-strategis-daerah", "banjir-mahakam"])
REPLY_PATH = reverse("rpjpd:reply_to_topic", args=["isu-strategis-daerah", "banjir-mahakam"])

# The cast and the topic, written on the primary by a process of the portal (outside a request, so on the
# primary whatever the router would say).
SEED = """
from rpjpd.models import Section, Topic
from tests.helpers import make_user
section = Section.objects.get(slug="isu-strategis-daerah")
Topic.objects.create(section=section, title="Banjir di sepanjang Sungai Mahakam", slug="banjir-mahakam",
                     body="Ceritakan pengalaman banjir di kampung Anda.", status=Topic.Status.PUBLISHED)
make_user("siti", display_name="Siti Aminah")
make_user("budi", display_name="Budi Santoso")
"""


def portal_environment(pair, **extra: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.scale.settings",
        "SCALETEST_REPLICA": "1",  # the test settings leave a replica out otherwise
        "DATABASE_URL": pair.url(pair.primary_port, DATABASE),
        "DATABASE_REPLICA_URL": pair.url(pair.replica_port, DATABASE),
        "DATABASE_READ_YOUR_WRITES_SECONDS": str(READ_YOUR_WRITES_SECONDS),
        "VISITOR_PAGE_CACHE_SECONDS": "0",  # every page read from a database, so the test sees which one
        "RPJPD_REPLIES_PER_MINUTE": "100",  # siti replies in several tests within a minute
        **extra,
    }
    for name in ("DJANGO_ALLOW_ASYNC_UNSAFE", "PYTEST_XDIST_WORKER"):
        env.pop(name, None)
    return env


def run_portal(pair, *arguments: str, **extra: str) -> str:
    result = subprocess.run(
        [sys.executable, *arguments],
        env=portal_environment(pair, **extra),
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-5000:]
    return result.stdout


@pytest.fixture(scope="module")
def replicated(streaming_replica):
    """The pair with the portal's schema (migrated on the primary, streamed to the replica) and a topic."""
    pair = streaming_replica
    began = time.monotonic()
    with pair.connect(pair.primary_port) as connection:
        connection.execute(f"CREATE DATABASE {DATABASE}")
    run_portal(pair, "manage.py", "migrate", "--noinput", "-v", "0")
    run_portal(pair, "manage.py", "shell", "-c", SEED)
    pair.wait_until_caught_up()
    pair.seconds["migrate and seed"] = time.monotonic() - began
    steps = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in pair.seconds.items())
    print(f"\nstreaming replica: {steps}")
    return pair


@pytest.fixture(scope="module")
def site(replicated):
    """gunicorn, two workers, reading from the replica unless it is more than 60 s behind."""
    server = Gunicorn(workers=2, **portal_environment(replicated, DATABASE_REPLICA_MAX_LAG_SECONDS="60"))
    yield server.start()
    server.stop()


@pytest.fixture
def replay_paused(replicated):
    """The replica has everything written so far, then stops applying what it receives."""
    replicated.wait_until_caught_up()
    replicated.pause_replay()
    yield replicated
    replicated.resume_replay()
    replicated.wait_until_caught_up()


def reply(visitor: Visitor, body: str) -> None:
    status, page, _seconds = visitor.request(TOPIC_PATH)
    assert status == 200
    form = {
        "body": body,
        "submission_token": hidden(page, "submission_token"),
        "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken"),
    }
    status, _page, _seconds = visitor.request(REPLY_PATH, form)
    assert status == 302, f"the reply was not accepted ({status})"


def shows(visitor: Visitor, text: str) -> bool:
    status, page, _seconds = visitor.request(TOPIC_PATH)
    assert status == 200
    return text in page


def unique(words: str) -> str:
    return f"{words} ({uuid.uuid4().hex[:8]})"


def test_pages_read_from_the_replica_and_the_writer_reads_her_own_reply_at_once(site, replicated):
    siti = signed_in(site, "siti")
    reader = Visitor(site)  # anonymous, never wrote
    time.sleep(READ_YOUR_WRITES_SECONDS)  # the sign-in's pin runs out: siti reads from the replica again
    replicated.wait_until_caught_up()
    replicated.pause_replay()
    try:
        body = unique("Tanggul di Loa Kulu jebol tiap Desember")
        reply(siti, body)
        assert shows(siti, body), "the writer did not see her own reply: read from the replica"
        assert not shows(reader, body), "another visitor saw the reply replay has not applied: read the primary"
    finally:
        replicated.resume_replay()
    replicated.wait_until_caught_up()
    assert shows(reader, body)


def test_a_signed_in_reader_stays_signed_in_when_reading_from_the_replica(site, replay_paused):
    # The session row is written at sign-in on the primary; with replay paused it is not on the replica yet.
    # The sign-in pins the browser to the primary, so the next pages find the session.
    budi = signed_in(site, "budi")
    status, page, _seconds = budi.request(reverse("account_email"))
    assert status == 200, "signed out: the session was read from a replica that did not have it yet"
    assert "budi@contoh.id" in page


# Run in a process of the portal (primary and replica as in gunicorn): a request passed through the router's
# middleware, whose view reads a row written on the primary while replay is paused.
PROBE = """
import json, sys
import django
django.setup()
from django.db import connections, transaction
from django.http import HttpResponse
from django.test import RequestFactory
from ruangrunding.db_routing import ReadRoutingMiddleware
from wilayah.models import Kecamatan

name = sys.argv[1]
Kecamatan.objects.create(name=name)  # outside a request: written on the primary
with connections["replica"].cursor() as cursor:
    cursor.execute("SELECT pg_is_in_recovery()")
    seen = {"replica_in_recovery": cursor.fetchone()[0]}

def view(request):
    seen["in_request"] = Kecamatan.objects.filter(name=name).exists()
    with transaction.atomic():
        seen["in_transaction"] = Kecamatan.objects.filter(name=name).exists()
    seen["in_request_after_transaction"] = Kecamatan.objects.filter(name=name).exists()
    return HttpResponse()

ReadRoutingMiddleware(view)(RequestFactory().get("/"))
seen["outside_a_request"] = Kecamatan.objects.filter(name=name).exists()
print(json.dumps(seen))
"""


def test_reads_in_a_transaction_or_outside_a_request_stay_on_the_primary(replay_paused):
    output = run_portal(
        replay_paused, "-c", PROBE, unique("Kecamatan Percobaan"), DATABASE_REPLICA_MAX_LAG_SECONDS="60"
    )
    seen = json.loads(output.strip().splitlines()[-1])
    assert seen == {
        "replica_in_recovery": True,
        "in_request": False,  # the replica: replay is paused
        "in_transaction": True,
        "in_request_after_transaction": False,
        "outside_a_request": True,  # commands and the task worker
    }


def test_pages_keep_working_from_the_primary_while_the_replica_is_down_and_return_to_it(site, replicated):
    siti = signed_in(site, "siti")
    reader = Visitor(site)
    assert shows(reader, "Banjir")
    replicated.stop_replica()
    try:
        body = unique("Jalan ke Muara Badak putus")
        reply(siti, body)
        # Every page answers (both workers, whichever had a replica connection open), read from the primary.
        for _ in range(4):
            assert shows(reader, body)
    finally:
        replicated.start_replica()
    # A replica that failed is left alone for a few seconds (ruangrunding.db_routing.RETRY_SECONDS), then read
    # from again: a reply written while replay is paused is missing from the reader's page once more.
    time.sleep(6)
    replicated.wait_until_caught_up()
    replicated.pause_replay()
    try:
        later = unique("Sudah diperbaiki sebagian")
        reply(siti, later)
        assert all(not shows(reader, later) for _ in range(4)), "reads did not return to the replica"
    finally:
        replicated.resume_replay()
    replicated.wait_until_caught_up()


def test_a_replica_further_behind_than_the_limit_is_not_read_from(site, replay_paused):
    strict = Gunicorn(workers=1, **portal_environment(replay_paused, DATABASE_REPLICA_MAX_LAG_SECONDS="2"))
    strict_base = strict.start()
    try:
        body = unique("Air bersih belum sampai ke Sebulu")
        reply(signed_in(site, "siti"), body)
        time.sleep(3)  # past the 2 s limit: replay is paused
        assert shows(Visitor(strict_base), body), "read from a replica more than 2 s behind"
        assert not shows(Visitor(site), body)  # the 60 s limit still reads the paused replica
    finally:
        strict.stop()
