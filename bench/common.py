"""What the benchmark and load-test scripts share: a fresh PostgreSQL database, the portal's production
environment pointing at it, starting gunicorn and the task worker, and a small HTTP client with cookies."""

import os
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def database_url(name: str) -> str:
    return urlsplit(SERVER_URL)._replace(path=f"/{name}").geturl()


def fresh_database(name: str) -> None:
    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def environment(database: str, **extra: str) -> dict:
    var = ROOT / "var" / database
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(database),
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "MEDIA_ROOT": str(var / "media"),
        "PRIVATE_MEDIA_ROOT": str(var / "private"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "ruangrunding.settings",
        "PYTHONPATH": str(ROOT),
        **extra,
    }


def run(env: dict, *args: str) -> str:
    result = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def prepare(env: dict) -> None:
    run(env, PYTHON, "manage.py", "migrate", "--noinput", "-v", "0")
    run(env, PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0")


def start(env: dict, *args: str) -> subprocess.Popen:
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def start_gunicorn(env: dict, port: int, workers: str) -> subprocess.Popen:
    gunicorn = str(Path(PYTHON).parent / "gunicorn")
    return start(env, gunicorn, "ruangrunding.wsgi", "-b", f"127.0.0.1:{port}", "-w", workers, "--timeout", "60")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Visitor:
    """One browser: keeps its cookies (by hand: production cookies are Secure and this is plain HTTP)."""

    opener = urllib.request.build_opener(_NoRedirect())

    def __init__(self, base: str, session_key: str | None = None):
        self.base = base
        self.cookies = {"sessionid": session_key} if session_key else {}
        self.headers = {}  # of the last response

    def request(self, path: str, form: dict | None = None) -> tuple[int, str, float]:
        """(status, body, seconds). Network errors come back as status 0."""
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        sent = urllib.request.Request(self.base + path, data=data)
        if self.cookies:
            sent.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        began = time.perf_counter()
        try:
            response = self.opener.open(sent, timeout=30)
        except urllib.error.HTTPError as error:
            response = error
        except OSError:
            return 0, "", time.perf_counter() - began
        body = response.read().decode(errors="replace")
        self.headers = response.headers
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response.status, body, time.perf_counter() - began


def hidden(html: str, name: str) -> str | None:
    match = re.search(rf'name="{name}" value="([^"]*)"', html)
    return match.group(1) if match else None


def percentile(values: list[float], fraction: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]
