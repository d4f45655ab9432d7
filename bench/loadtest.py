"""`make loadtest`: the portal under concurrent writes and faults, on PostgreSQL with gunicorn and the task
worker running, as in production. Four parts, each printing its figures:

1. 50 signed-in citizens reply and open consultations for LOAD_SECONDS (60): every accepted post is in the
   database exactly once, no 5xx; p50/p95 per request kind.
2. PostgreSQL restarted in the middle of traffic: requests fail cleanly (503 page, never a traceback), the
   portal recovers by itself within 5 s, and nothing accepted is lost.
3. The mail server unreachable while replies are posted: all saved; the mails go out once it is back.
4. Backup and restore: pg_dump + media archive restored into an empty database; every table's row count
   and the files compared (bench/backup_restore.py).
Exits 1 when any check fails.
"""

import json
import os
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backup_restore import backup_and_compare
from common import (
    PYTHON,
    Visitor,
    database_url,
    environment,
    fresh_database,
    hidden,
    percentile,
    prepare,
    run,
    start,
    start_gunicorn,
    stop,
    wait_until_up,
)
from smtp_sink import SmtpSink

DB_NAME = "ruangrunding_load"
PORT = int(os.environ.get("LOAD_PORT", "8078"))
SMTP_PORT = int(os.environ.get("LOAD_SMTP_PORT", "8025"))
BASE = f"http://127.0.0.1:{PORT}"
LOAD_SECONDS = int(os.environ.get("LOAD_SECONDS", "60"))
USERS = 50
WORKERS = os.environ.get("LOAD_WORKERS", "4")
RECOVERY_TARGET = 5.0
MAIL_WAIT = 180  # the worker retries a failed delivery after 1 minute


class Tally:
    """Everything the simulated citizens saw, kept per kind of request."""

    def __init__(self):
        self.lock = threading.Lock()
        self.times = defaultdict(list)
        self.statuses = defaultdict(lambda: defaultdict(int))
        self.accepted_replies: list[str] = []
        self.accepted_consultations: list[str] = []
        self.events: list[tuple[float, float, int]] = []  # started, finished, status

    def record(self, kind: str, status: int, seconds: float, started: float) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.statuses[kind][status] += 1
            self.events.append((started, started + seconds, status))

    def server_errors(self, allowed=()) -> int:
        return sum(n for kinds in self.statuses.values() for s, n in kinds.items() if s >= 500 and s not in allowed)

    def print(self) -> None:
        print(f"  {'request':<26}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}  statuses")
        for kind, seconds in sorted(self.times.items()):
            statuses = ", ".join(f"{s}×{n}" for s, n in sorted(self.statuses[kind].items()))
            p50, p95 = percentile(seconds, 0.5) * 1000, percentile(seconds, 0.95) * 1000
            print(f"  {kind:<26}{len(seconds):>7}{p50:>9.0f}{p95:>9.0f}  {statuses}")


def timed(tally: Tally, visitor: Visitor, kind: str, path: str, form=None):
    started = time.monotonic()
    status, body, seconds = visitor.request(path, form)
    tally.record(kind, status, seconds, started)
    return status, body


def citizen(
    plan: dict, visitor: Visitor, number: int, until: float, tally: Tally, *, label, answer=False, consult=True
):
    """One person: reads the topic, replies (or answers the reply), and now and then consults an expert."""
    turn = 0
    while time.monotonic() < until:
        turn += 1
        page_path = plan["answer"] if answer else plan["topic"]
        status, page = timed(tally, visitor, "GET form page", page_path)
        token, once = hidden(page, "csrfmiddlewaretoken"), hidden(page, "submission_token")
        if status != 200 or not token:
            time.sleep(0.2)
            continue
        body = f"uji-beban {label} {number}-{turn} jalan desa perlu diperbaiki"
        form = {"csrfmiddlewaretoken": token, "body": body, "submission_token": once or ""}
        status, _ = timed(tally, visitor, "POST reply", plan["answer"] if answer else plan["reply_to_topic"], form)
        if status == 302:
            tally.accepted_replies.append(body)
        if consult and turn % 8 == 0:
            expert = plan["experts"][turn % len(plan["experts"])]
            status, page = timed(tally, visitor, "GET consultation form", f"/konsultasi/pakar/{expert}/konsultasi/")
            subject = f"uji-beban {label} {number}-{turn}"
            form = {"csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken") or "", "subject": subject}
            form["body"] = "Bagaimana cara memperbaiki irigasi desa kami?"
            status, _ = timed(tally, visitor, "POST consultation", f"/konsultasi/pakar/{expert}/konsultasi/", form)
            if status == 302:
                tally.accepted_consultations.append(subject)


def crowd(plan: dict, users: int, seconds: float, tally: Tally, **options) -> None:
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(
            target=citizen, args=(plan, Visitor(BASE, plan["sessions"][n]), n, until, tally), kwargs=options
        )
        for n in range(users)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def stored_exactly_once(tally: Tally) -> tuple[bool, str]:
    with psycopg.connect(database_url(DB_NAME)) as connection:
        replies = dict(connection.execute("SELECT body, count(*) FROM rpjpd_reply GROUP BY body").fetchall())
        subjects = dict(
            connection.execute("SELECT subject, count(*) FROM konsultasi_consultation GROUP BY subject").fetchall()
        )
    missing = [b for b in tally.accepted_replies if replies.get(b) != 1]
    missing += [s for s in tally.accepted_consultations if subjects.get(s) != 1]
    duplicated = [text for text, n in {**replies, **subjects}.items() if n > 1]
    summary = (
        f"{len(tally.accepted_replies)} replies and {len(tally.accepted_consultations)} consultations accepted; "
        f"missing or not exactly once: {len(missing)}; stored twice: {len(duplicated)}"
    )
    return not missing and not duplicated, summary


def postgres_restart_command() -> list[str]:
    version = sorted(os.listdir("/etc/postgresql"))[-1]
    return ["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"]


def part_restart(plan: dict) -> bool:
    print("\n2. PostgreSQL restarted under load (20 citizens, 25 s; restart at 8 s)", flush=True)
    tally = Tally()
    restart = {}

    def restart_postgres():
        time.sleep(8)
        restart["began"] = time.monotonic()
        subprocess.run(postgres_restart_command(), check=True, capture_output=True)
        restart["ended"] = time.monotonic()

    restarter = threading.Thread(target=restart_postgres)
    restarter.start()
    crowd(plan, 20, 25, tally, label="restart", consult=False)
    restarter.join()
    tally.print()
    after = sorted((finished, status) for started, finished, status in tally.events if started >= restart["ended"])
    first_ok = next((finished for finished, status in after if status < 500 and status != 0), None)
    recovery = (first_ok - restart["ended"]) if first_ok else float("inf")
    # A request that began after the restart finished and still failed shows how long recovery took.
    failed_after = [f for f, s in after if s >= 500 or s == 0]
    settled = max(failed_after, default=restart["ended"]) - restart["ended"]
    unclean = tally.server_errors(allowed=(503,))
    ok, summary = stored_exactly_once(tally)
    print(
        f"  restart took {restart['ended'] - restart['began']:.1f} s; 503 answers: {count_503(tally)}; "
        f"other 5xx: {unclean}"
    )
    print(
        f"  first success {recovery:.2f} s after the restart; last failure {settled:.2f} s after it "
        f"(target ≤ {RECOVERY_TARGET:.0f} s)"
    )
    print(f"  {summary}")
    return ok and unclean == 0 and settled <= RECOVERY_TARGET


def count_503(tally: Tally) -> int:
    return sum(kinds.get(503, 0) for kinds in tally.statuses.values())


def part_mail_outage(plan: dict, sink: SmtpSink) -> bool:
    print("\n3. Mail server down while 10 citizens answer a reply for 10 s", flush=True)
    sink.stop()
    before = sink.delivered_to(plan["notified"])
    tally = Tally()
    crowd(plan, 10, 10, tally, label="mail", answer=True, consult=False)
    tally.print()
    ok, summary = stored_exactly_once(tally)
    expected = len(tally.accepted_replies)
    print(f"  {summary}; all {expected} answers saved while no mail could leave")
    time.sleep(5)
    sink.start()
    began = time.monotonic()
    while sink.delivered_to(plan["notified"]) - before < expected and time.monotonic() - began < MAIL_WAIT:
        time.sleep(1)
    delivered = sink.delivered_to(plan["notified"]) - before
    print(
        f"  mail server back: {delivered} of {expected} notifications delivered "
        f"{time.monotonic() - began:.0f} s later (the worker retries after 1 minute)"
    )
    return ok and delivered == expected and tally.server_errors() == 0


def main() -> int:
    print(f"Preparing: fresh database {DB_NAME}, migrate, 50 signed-in citizens …", flush=True)
    fresh_database(DB_NAME)
    env = environment(
        DB_NAME,
        RPJPD_REPLIES_PER_MINUTE="1000",
        KONSULTASI_NEW_PER_HOUR="1000",
        KONSULTASI_NEW_PER_DAY="1000",
        KONSULTASI_MESSAGES_PER_HOUR="1000",
        KONSULTASI_MESSAGES_PER_DAY="1000",
        EMAIL_DELIVERY_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(SMTP_PORT),
        EMAIL_TIMEOUT="5",
    )
    prepare(env)
    plan = json.loads(run(env, PYTHON, "bench/prepare_load.py").strip().splitlines()[-1])
    sink = SmtpSink(SMTP_PORT)
    sink.start()
    gunicorn = start_gunicorn(env, PORT, WORKERS)
    worker = start(env, PYTHON, "manage.py", "db_worker", "--no-reload")
    results = {}
    try:
        wait_until_up(BASE + "/robots.txt")
        print(
            f"\n1. {USERS} signed-in citizens replying and consulting for {LOAD_SECONDS} s "
            f"(gunicorn {WORKERS} workers, task worker running)",
            flush=True,
        )
        tally = Tally()
        crowd(plan, USERS, LOAD_SECONDS, tally, label="beban")
        tally.print()
        ok, summary = stored_exactly_once(tally)
        errors = tally.server_errors()
        print(f"  {summary}; 5xx: {errors}")
        results["load"] = ok and errors == 0
        results["restart"] = part_restart(plan)
        if worker.poll() is not None:
            print("  the task worker exited during the restart; starting it again (systemd does this in production)")
            worker = start(env, PYTHON, "manage.py", "db_worker", "--no-reload")
        results["mail outage"] = part_mail_outage(plan, sink)
    finally:
        stop(gunicorn)
        stop(worker)
        sink.stop()
    print("\n4. Backup and restore", flush=True)
    results["backup and restore"] = backup_and_compare(DB_NAME, env)
    print("\nRESULT:", ", ".join(f"{name}: {'ok' if passed else 'FAILED'}" for name, passed in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
