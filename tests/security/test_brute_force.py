"""Failed sign-ins against real gunicorn with two workers: after the limit, every worker answers 429, and the
admin has no sign-in form of its own to try instead."""

import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings

from bench.common import Visitor, hidden, wait_until_up
from tests.helpers import PASSWORD, current_database_url

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_both_workers(base: str, seconds: float = 60) -> None:
    """Both workers answer before the test starts: on a loaded machine the second one boots seconds after the
    first, and until then the kernel hands every connection to the first."""
    seen, deadline = set(), time.monotonic() + seconds
    while len(seen) < 2 and time.monotonic() < deadline:
        visitor = Visitor(base)
        visitor.request("/robots.txt")
        seen.add(visitor.headers.get("X-Served-By"))
        if len(seen) < 2:
            time.sleep(0.1)
    assert len(seen) == 2, "the second gunicorn worker never answered"


@pytest.fixture
def gunicorn():
    port = free_port()
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings", "DATABASE_URL": current_database_url()}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    command = [sys.executable, "-m", "gunicorn", "tests.security.pid_wsgi:application", "--workers", "2"]
    process = subprocess.Popen(
        [*command, "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    wait_until_up(base + "/robots.txt")
    wait_for_both_workers(base)
    yield base
    process.terminate()
    process.wait(timeout=10)


def request(visitor: Visitor, path: str, form: dict | None = None) -> tuple[int, str, str]:
    """(status, worker pid, body): a new connection each time, so the kernel picks the worker."""
    status, body, _seconds = visitor.request(path, form)
    return status, visitor.headers.get("X-Served-By"), body


def sign_in(visitor: Visitor, login: str, password: str) -> tuple[int, str, str]:
    status, _pid, page = request(visitor, "/akun/login/")
    assert status == 200
    form = {"login": login, "password": password, "csrfmiddlewaretoken": hidden(page, "csrfmiddlewaretoken")}
    return request(visitor, "/akun/login/", form)


@pytest.mark.parametrize("who", ["citizen", "staff"])
def test_brute_force_is_stopped_by_every_worker(gunicorn, citizen, staff, who):
    username = {"citizen": citizen, "staff": staff}[who].username
    visitor = Visitor(gunicorn)
    failures = [sign_in(visitor, username, "tebakan-salah")[0] for _ in range(5)]
    assert failures == [200] * 5  # the form again, with "wrong password"
    refused_by = set()
    # A sync worker that just answered picks up the next connection itself when it comes at once, so sequential
    # attempts may all land on one worker: try several at the same moment, so both workers must take some.
    with ThreadPoolExecutor(max_workers=4) as pool:
        for _ in range(20):
            attempts = pool.map(lambda _n: sign_in(Visitor(gunicorn), username, PASSWORD), range(4))
            for status, pid, page in attempts:  # even the right password
                assert status == 429
                assert "Terlalu banyak percobaan" in page
                refused_by.add(pid)
            if len(refused_by) == 2:
                break
    assert len(refused_by) == 2, "both gunicorn workers must refuse"


def test_admin_sign_in_goes_through_the_counted_form(gunicorn, staff):
    visitor = Visitor(gunicorn)
    status, _pid, _page = request(visitor, "/admin/login/?next=/admin/")
    assert status == 302
    assert visitor.headers["Location"].startswith("/akun/login/?next=")
    status, _pid, _page = request(visitor, "/admin/login/", {"username": staff.username, "password": "x"})
    assert status in (403, 405)  # no admin form to guess passwords at (CSRF first, then POST not allowed)
    for _ in range(5):
        sign_in(visitor, staff.username, "tebakan-salah")
    assert sign_in(Visitor(gunicorn), staff.username, PASSWORD)[0] == 429
