"""`make bench`: every main page under load in one run, beside a trivial view through the same middleware.

Creates a fresh PostgreSQL database with a topic of 2,000 replies, 10,000 library documents, a citizen with
200 consultations, 100,000 complaints, 100,000 Musrenbang usulan, an event with 5,000 applicants and a staff
member; serves the portal with gunicorn in production settings and measures each page with wrk from a second
process on loopback. Prints one table: requests/s, p50/p95 latency, the ratio to the trivial view, what a
phone downloads (HTML + CSS + JS, gzip) and the page's SQL queries.
Targets: topic ÷ trivial ≥ 0.30; every page ≤ 30 KB; each search page p95 ≤ 30 ms (one connection).
Exits 1 when a target is missed.
"""

import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, environment, fresh_database, prepare, run, start_gunicorn, stop, wait_until_up

DB_NAME = "ruangrunding_bench"
PORT = int(os.environ.get("BENCH_PORT", "8077"))
BASE = f"http://127.0.0.1:{PORT}"
SEARCH_P95_MS = 30
PAGE_BUDGET = 30 * 1024
DURATION = os.environ.get("BENCH_DURATION", "15s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))


def cases(plan: dict) -> list[tuple[str, str, str | None, str]]:
    """(name, path, session or None, connections)"""
    reader, staff, topic = plan["reader"], plan["staff"], plan["topic"]
    return [
        ("trivial (/robots.txt)", "/robots.txt", None, CONNECTIONS),
        ("home", "/", None, CONNECTIONS),
        ("topic, 2,000 replies", topic, None, CONNECTIONS),
        ("topic, signed in", topic, reader, CONNECTIONS),
        ("search: common word", "/pustaka/?q=pembangunan", None, "1"),
        ("search: rare word", "/pustaka/?q=gambut", None, "1"),
        ("search: typo", "/pustaka/?q=irrigasi", None, "1"),
        ("search: filters only", "/pustaka/?jenis=peraturan-daerah&tahun=2020", None, "1"),
        ("Konsultasi Saya, 200", "/konsultasi/saya/", reader, CONNECTIONS),
        ("dashboard (staff)", "/staf/dasbor/", staff, CONNECTIONS),
        ("pengaduan list, 100,000", "/pengaduan/", None, CONNECTIONS),
        ("pengaduan queue, 100,000", "/pengaduan/kelola/", plan["handler"], CONNECTIONS),
        ("usulan list, 100,000", "/musrenbang/", None, CONNECTIONS),
        ("usulan list, 4 filters", plan["usulan_filtered"], None, CONNECTIONS),
        ("usulan page", plan["usulan"], None, CONNECTIONS),
        ("event, 5,000 applicants", plan["event"], None, CONNECTIONS),
        ("selection (staff), 5,000", plan["selection"], staff, CONNECTIONS),
    ]


def wrk(url: str, session: str | None, connections: str) -> dict:
    headers = ["-H", f"Cookie: sessionid={session}"] if session else []
    threads = 2 if int(connections) > 2 else 1  # wrk shares the two cores with the server: keep it light
    subprocess.run(["wrk", "-t1", "-c2", "-d2s", *headers, url], capture_output=True, check=True)  # warm up
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{DURATION}", "-s", str(ROOT / "bench" / "report.lua")]
    output = subprocess.run([*command, *headers, url], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def fetch(url: str, session: str | None = None) -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session}"} if session else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


def page_weight(url: str, session: str | None) -> int:
    """HTML + linked CSS + JS, gzip, as ../shared/tools/pageweight counts them."""
    html = fetch(url, session)
    total = len(gzip.compress(html, 6))
    for asset in re.findall(rb'(?:href|src)="(/static/[^"]+\.(?:css|js))"', html):
        total += len(gzip.compress(fetch(BASE + asset.decode()), 6))
    return total


def query_counts(env: dict, measured: list) -> list[int]:
    pages = json.dumps([[path, session] for _name, path, session, _c in measured])
    result = subprocess.run(
        [PYTHON, "bench/count_queries.py"],
        input=pages,
        cwd=ROOT,
        env={**env, "VISITOR_PAGE_CACHE_SECONDS": "0"},  # the page's own queries, as the first visitor pays
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install wrk")
    print(f"Preparing: fresh database {DB_NAME}, 2,000 replies, 10,000 documents, 200 consultations …", flush=True)
    fresh_database(DB_NAME)
    env = environment(DB_NAME)
    prepare(env)
    plan = json.loads(run(env, PYTHON, "bench/prepare_topic.py").strip().splitlines()[-1])
    measured = cases(plan)
    queries = query_counts(env, measured)
    gunicorn = start_gunicorn(env, PORT, WORKERS)
    results = []
    try:
        wait_until_up(BASE + "/robots.txt")
        for (name, path, session, connections), query_count in zip(measured, queries, strict=True):
            outcome = wrk(BASE + path, session, connections)
            results.append((name, connections, outcome, page_weight(BASE + path, session), query_count))
    finally:
        stop(gunicorn)
    trivial = results[0][2]["rps"]
    print(f"\n{machine()}; PostgreSQL; gunicorn {WORKERS} workers; wrk {DURATION} per row")
    header = f"| {'page':<24} | {'conns':>5} | {'req/s':>8} | {'p50 ms':>7} | {'p95 ms':>7} | {'÷ trivial':>9} |"
    print(header + f" {'gzip KB':>7} | {'queries':>7} |")
    print("|" + "|".join("-" * (len(part) + 0) for part in header.split("|")[1:-1]) + "|---------|---------|")
    for name, connections, outcome, weight, query_count in results:
        print(
            f"| {name:<24} | {connections:>5} | {outcome['rps']:>8.1f} | {outcome['p50_ms']:>7.2f} | "
            f"{outcome['p95_ms']:>7.2f} | {outcome['rps'] / trivial:>9.2f} | {weight / 1024:>7.1f} | {query_count:>7} |"
        )
    by_name = {name: (outcome, weight) for name, _c, outcome, weight, _q in results}
    topic_ratio = by_name["topic, 2,000 replies"][0]["rps"] / trivial
    slowest_search = max(outcome["p95_ms"] for name, (outcome, _w) in by_name.items() if name.startswith("search"))
    heaviest = max(weight for _outcome, weight in by_name.values())
    errors = sum(outcome["errors"] for _n, _c, outcome, _w, _q in results)
    print(f"\ntopic ÷ trivial {topic_ratio:.2f} (target ≥ 0.30; anonymous visitors, the page as most people get it)")
    print(f"slowest search p95 {slowest_search:.2f} ms (target ≤ {SEARCH_P95_MS} ms; one connection at a time)")
    print(f"heaviest page {heaviest / 1024:.1f} KB gzip (target ≤ 30 KB); errors {errors}")
    passed = topic_ratio >= 0.30 and slowest_search <= SEARCH_P95_MS and heaviest <= PAGE_BUDGET and errors == 0
    print("RESULT:", "targets met" if passed else "TARGET MISSED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
