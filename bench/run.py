"""`make bench`: the topic page under load, beside a trivial view through the same middleware.

Creates a fresh PostgreSQL database, loads a topic with 2,000 replies, serves the portal with gunicorn in
production settings, and measures both pages with wrk from a second process on loopback. Prints requests/s,
p50/p95 latency, the ratio topic ÷ trivial, and what a phone downloads for the topic page (gzip).
Then the library: 10,000 documents, four kinds of search page (a common word, a rare word, a typo, filters
only). Targets: ratio ≥ 0.30, page ≤ 30 KB, p95 ≤ 30 ms per search page. Exits 1 when a target is missed.
"""

import gzip
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
SERVER_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = "ruangrunding_bench"
SEARCHES = {
    "search: common word": "/pustaka/?q=pembangunan",
    "search: rare word": "/pustaka/?q=gambut",
    "search: typo": "/pustaka/?q=irrigasi",
    "search: filters only": "/pustaka/?jenis=peraturan-daerah&tahun=2020",
}
SEARCH_P95_MS = 30
DURATION = os.environ.get("BENCH_DURATION", "15s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))


def database_url() -> str:
    parts = urlsplit(SERVER_URL)
    return parts._replace(path=f"/{DB_NAME}").geturl()


def environment() -> dict:
    return {
        **os.environ,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url(),
        "STATIC_ROOT": str(ROOT / "var" / "bench-static"),
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "ruangrunding.settings",
        "PYTHONPATH": str(ROOT),
    }


def run(*args) -> str:
    result = subprocess.run(args, cwd=ROOT, env=environment(), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stderr}")
    return result.stdout


def fresh_database() -> None:
    with psycopg.connect(SERVER_URL, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DB_NAME}"')


def wait_until_up(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"server did not answer at {url}")


def wrk(url: str, *headers: str, connections: str = CONNECTIONS) -> dict:
    extra = [part for header in headers for part in ("-H", header)]
    threads = 2 if int(connections) > 2 else 1  # wrk shares the two cores with the server: keep it light
    output = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{DURATION}",
            "-s",
            str(ROOT / "bench" / "report.lua"),
            *extra,
            url,
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=20) as response:
        return response.read()


def page_weight(url: str) -> tuple[int, int]:
    """(HTML gzip bytes, HTML + linked CSS + JS gzip bytes), as pageweight counts them."""
    html = fetch(url)
    total = html_size = len(gzip.compress(html, 6))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(gzip.compress(fetch(BASE + asset.decode()), 6))
    return html_size, total


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    print(f"Preparing: fresh database {DB_NAME}, migrate, collectstatic, 2,000 replies …", flush=True)
    fresh_database()
    run(PYTHON, "manage.py", "migrate", "--noinput", "-v", "0")
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v", "0")
    session_key, topic_path = run(PYTHON, "bench/prepare_topic.py").strip().splitlines()[-2:]
    gunicorn = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "ruangrunding.wsgi", "-b", f"127.0.0.1:{PORT}", "-w", WORKERS],
        cwd=ROOT,
        env=environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        trivial_url, topic_url = f"{BASE}/robots.txt", f"{BASE}{topic_path}"
        wait_until_up(trivial_url)
        for url in (trivial_url, topic_url):  # warm both workers' connections and template caches
            subprocess.run(["wrk", "-t1", "-c4", "-d2s", url], capture_output=True, check=True)
        trivial, topic = wrk(trivial_url), wrk(topic_url)
        signed_in = wrk(topic_url, f"Cookie: sessionid={session_key}")
        searches = {}
        for name, path in SEARCHES.items():
            subprocess.run(["wrk", "-t1", "-c2", "-d2s", BASE + path], capture_output=True, check=True)
            searches[name] = wrk(BASE + path, connections="1")
        html_gzip, page_gzip = page_weight(topic_url)
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=10)
    ratio = topic["rps"] / trivial["rps"]
    print(f"\ngunicorn {WORKERS} workers, wrk 2 threads × {CONNECTIONS} connections × {DURATION}, PostgreSQL")
    print(f"{'page':<30}{'req/s':>10}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}")
    rows = (
        ("trivial (/robots.txt)", trivial),
        ("topic, anonymous visitor", topic),
        ("topic, signed-in reader", signed_in),
        *searches.items(),
    )
    for name, result in rows:
        print(
            f"{name:<30}{result['rps']:>10.1f}{result['p50_ms']:>10.2f}{result['p95_ms']:>10.2f}{result['errors']:>8}"
        )
    print(f"\nratio topic ÷ trivial: {ratio:.2f}   (target ≥ 0.30; anonymous visitors, the page as most people get it)")
    print(f"signed-in ÷ trivial: {signed_in['rps'] / trivial['rps']:.2f}   (never cached; for information)")
    print(f"topic page gzip: HTML {html_gzip:,} B; HTML + CSS + JS {page_gzip:,} B   (target ≤ 30,720 B)")
    slowest = max(result["p95_ms"] for result in searches.values())
    print(f"slowest search page p95: {slowest:.2f} ms   (target ≤ {SEARCH_P95_MS} ms; 10,000 documents,")
    print("  one connection at a time: the page's own time, not a queue; the two cores are shared by gunicorn,")
    print("  PostgreSQL and wrk itself)")
    search_errors = sum(result["errors"] for result in searches.values())
    passed = ratio >= 0.30 and page_gzip <= 30 * 1024 and topic["errors"] == 0
    passed = passed and slowest <= SEARCH_P95_MS and search_errors == 0
    print("RESULT:", "targets met" if passed else "TARGET MISSED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
