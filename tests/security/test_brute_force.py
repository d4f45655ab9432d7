"""Failed sign-ins against real gunicorn with two workers: after the limit, every worker answers 429, and the
admin has no sign-in form of its own to try instead."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.conf import settings

from tests.helpers import PASSWORD, current_database_url

pytestmark = pytest.mark.django_db(transaction=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(base + "/robots.txt", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=10)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """Keeps cookies by hand: the test settings mark them Secure, and this local server speaks plain HTTP."""

    def __init__(self):
        self.cookies = {}
        self.opener = urllib.request.build_opener(NoRedirect())


def browser():
    return Browser()


def request(browser, url, data=None):
    """(status, worker pid, body) — a new connection each time, so the kernel picks the worker."""
    body = urllib.parse.urlencode(data).encode() if data else None
    sent = urllib.request.Request(url, data=body)
    if browser.cookies:
        sent.add_header("Cookie", "; ".join(f"{name}={value}" for name, value in browser.cookies.items()))
    try:
        response = browser.opener.open(sent, timeout=20)
    except urllib.error.HTTPError as error:
        response = error
    for header in response.headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        browser.cookies[name] = rest.split(";", 1)[0]
    return response.status, response.headers.get("X-Served-By"), response.read().decode()


def sign_in(opener, base, login, password):
    status, _pid, page = request(opener, base + "/akun/login/")
    assert status == 200
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = {"login": login, "password": password, "csrfmiddlewaretoken": token}
    return request(opener, base + "/akun/login/", form)


@pytest.mark.parametrize("who", ["citizen", "staff"])
def test_brute_force_is_stopped_by_every_worker(gunicorn, citizen, staff, who):
    username = {"citizen": citizen, "staff": staff}[who].username
    opener = browser()
    failures = [sign_in(opener, gunicorn, username, "tebakan-salah")[0] for _ in range(5)]
    assert failures == [200] * 5  # the form again, with "wrong password"
    refused_by = set()
    for _ in range(40):
        status, pid, page = sign_in(browser(), gunicorn, username, PASSWORD)  # even the right password
        assert status == 429
        assert "Terlalu banyak percobaan" in page
        refused_by.add(pid)
        if len(refused_by) == 2:
            break
    assert len(refused_by) == 2, "both gunicorn workers must refuse"


def test_admin_sign_in_goes_through_the_counted_form(gunicorn, staff):
    opener = browser()
    status, _pid, _page = request(opener, gunicorn + "/admin/login/?next=/admin/")
    assert status == 302
    status, _pid, _page = request(opener, gunicorn + "/admin/login/", {"username": staff.username, "password": "x"})
    assert status in (403, 405)  # no admin form to guess passwords at (CSRF first, then POST not allowed)
    for _ in range(5):
        sign_in(opener, gunicorn, staff.username, "tebakan-salah")
    assert sign_in(browser(), gunicorn, staff.username, PASSWORD)[0] == 429
