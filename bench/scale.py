"""`make bench-scale`: the main pages measured on the national-size data sets of bench/generate_scale.py.

    python bench/scale.py                 # every data set generated so far (var/scale/plan-*.json)
    python bench/scale.py --factor 100    # one of them

For each data set: gunicorn in production settings (the visitors' page cache off, so every request does the
page's own work), then per page its SQL queries (second request, caches warm), 20 sequential requests
(median and p95) and, with wrk, the throughput with 4 connections for 5 s. Prints one table per data set
and writes var/scale/results-<factor>x.json (docs/scale.md puts them side by side).
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import psycopg
from common import (
    PYTHON,
    ROOT,
    SERVER_URL,
    Visitor,
    database_url,
    environment,
    percentile,
    prepare,
    run,
    start_gunicorn,
    stop,
    wait_until_up,
)

PORT = int(os.environ.get("BENCH_PORT", "8079"))
BASE = f"http://127.0.0.1:{PORT}"
SEQUENTIAL = int(os.environ.get("BENCH_SEQUENTIAL", "20"))
WRK_SECONDS = os.environ.get("BENCH_DURATION", "5s")
WORKERS = os.environ.get("BENCH_WORKERS", str(os.cpu_count() or 2))
OUT = ROOT / "var" / "scale"


def pages(plan: dict) -> list[tuple[str, str, str | None]]:
    """(name, path, session or None)"""
    return [
        ("trivial (/robots.txt)", "/robots.txt", None),
        ("topic, visitor", plan["topic"], None),
        ("topic, signed in", plan["topic"], plan["reader"]),
        ("search: common word", "/pustaka/?q=pembangunan", None),
        ("search: rare word", "/pustaka/?q=gambut", None),
        ("search: typo", "/pustaka/?q=irrigasi", None),
        ("usulan list", "/musrenbang/", None),
        ("usulan list, 4 filters", plan["usulan_filtered"], None),
        ("usulan list, page 50", f"/musrenbang/?tahun={plan['usulan_year']}&halaman=50", None),
        ("complaint queue (handler)", "/pengaduan/kelola/", plan["handler"]),
        ("Konsultasi Saya (citizen)", "/konsultasi/saya/", plan["reader"]),
        ("Konsultasi Saya (expert)", "/konsultasi/saya/", plan["expert"]),
        *dashboard(plan, "live"),
    ]


def dashboard(plan: dict, how: str) -> list[tuple[str, str, str | None]]:
    return [
        (f"dashboard {how}, all time", "/staf/dasbor/", plan["staff"]),
        (f"dashboard {how}, this year", "/staf/dasbor/?periode=tahun-ini", plan["staff"]),
        (f"dashboard {how}, 30 days", "/staf/dasbor/?periode=30-hari", plan["staff"]),
    ]


def query_counts(env: dict, measured: list) -> list[int]:
    result = subprocess.run(
        [PYTHON, "bench/count_queries.py"],
        input=json.dumps([[path, session] for _name, path, session in measured]),
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def sequential(path: str, session: str | None) -> dict:
    """Median and p95 of SEQUENTIAL requests (3 when the page takes more than 2 s); a page that does not answer
    within 30 s (or fails) is reported as such rather than stopping the run."""
    status, _body, seconds = Visitor(BASE, session).request(path)  # warm-up
    if status != 200:
        return {"median_ms": None, "p95_ms": None, "failed": f"HTTP {status or 'timeout (30 s)'}"}
    times = []
    for _ in range(SEQUENTIAL if seconds < 2 else 3):
        status, _body, seconds = Visitor(BASE, session).request(path)  # no cookies carried over but the session
        if status != 200:
            return {"median_ms": None, "p95_ms": None, "failed": f"HTTP {status or 'timeout (30 s)'}"}
        times.append(seconds * 1000)
    return {"median_ms": statistics.median(times), "p95_ms": percentile(times, 0.95)}


def throughput(path: str, session: str | None) -> float | None:
    if not shutil.which("wrk"):
        return None
    headers = ["-H", f"Cookie: sessionid={session}"] if session else []
    command = ["wrk", "-t1", "-c4", f"-d{WRK_SECONDS}", "--timeout", "30s", "-s", str(ROOT / "bench" / "report.lua")]
    output = subprocess.run([*command, *headers, BASE + path], check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1])["rps"]


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def _rps(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def database_facts(name: str) -> dict:
    with psycopg.connect(database_url(name)) as connection:
        total = connection.execute("SELECT pg_database_size(current_database())").fetchone()[0]
        tables = connection.execute(
            "SELECT c.relname, c.reltuples::bigint, pg_total_relation_size(c.oid) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'"
            " ORDER BY pg_total_relation_size(c.oid) DESC LIMIT 12"
        ).fetchall()
    return {"database_bytes": total, "tables": {t: {"rows": r, "bytes": b} for t, r, b in tables}}


def measure(plan: dict) -> dict:
    """Every page with the dashboard counted live (no stored figures), then `insight_segarkan` (timed: the
    worker's cost) and the dashboard again from the stored figures."""
    name = plan["database"]
    env = environment(name, VISITOR_PAGE_CACHE_SECONDS="0")
    prepare(env)  # migrations added since the data set was generated
    with psycopg.connect(database_url(name), autocommit=True) as connection:
        connection.execute("DELETE FROM insight_storedfigures")
    print(f"\n{plan['factor']}× — database {name}", flush=True)
    rows = measure_pages(env, pages(plan))
    began = time.monotonic()
    output = run(env, PYTHON, "manage.py", "insight_segarkan")
    worker = {"seconds": round(time.monotonic() - began, 1), "per_period": output.strip().splitlines()}
    print(f"insight_segarkan (the worker's count, every 15 minutes): {worker['seconds']} s — {worker['per_period']}")
    rows += measure_pages(env, dashboard(plan, "stored"))
    return {
        "factor": plan["factor"],
        "database": name,
        "workers": WORKERS,
        "pages": rows,
        "worker": worker,
        **database_facts(name),
    }


def measure_pages(env: dict, measured: list) -> list[dict]:
    queries = query_counts(env, measured)
    gunicorn = start_gunicorn(env, PORT, WORKERS)
    rows = []
    try:
        wait_until_up(BASE + "/robots.txt")
        for (label, path, session), count in zip(measured, queries, strict=True):
            began = time.monotonic()
            timing = sequential(path, session)
            fast = timing["median_ms"] is not None and timing["median_ms"] < 1000
            rows.append({"page": label, "path": path, "queries": count, **timing})
            rows[-1]["rps"] = throughput(path, session) if fast else None  # a slow page: 2 workers ÷ its time
            print(
                f"| {label:<27} | {count:>7} | {_ms(timing['median_ms']):>9} | {_ms(timing['p95_ms']):>8} |"
                f" {_rps(rows[-1]['rps']):>7} | {timing.get('failed', '')}  ({time.monotonic() - began:.0f} s)",
                flush=True,
            )
    finally:
        stop(gunicorn)
    return rows


def side_by_side() -> str:
    """The last results of every factor as one Markdown table: median ms (queries) per page and factor."""
    results = sorted(
        (json.loads(p.read_text()) for p in OUT.glob("results-*x.json") if p.stem.count("-") == 1),
        key=lambda r: r["factor"],
    )
    factors = [r["factor"] for r in results]
    header = "| page | " + " | ".join(f"{f}× median ms (p95) · queries · req/s" for f in factors) + " |"
    lines = [header, "|---" * (len(factors) + 1) + "|"]
    for index, row in enumerate(results[0]["pages"]):
        cells = []
        for result in results:
            page = result["pages"][index]
            timing = page.get("failed") or f"{_ms(page['median_ms'])} ({_ms(page['p95_ms'])})"
            cells.append(f"{timing} · {page['queries']} · {_rps(page['rps'])}")
        lines.append(f"| {row['page']} | " + " | ".join(cells) + " |")
    lines.append("| worker: insight_segarkan, s | " + " | ".join(str(r["worker"]["seconds"]) for r in results) + " |")
    sizes = " | ".join(f"{r['database_bytes'] / 2**20:,.0f}" for r in results)
    lines.append(f"| database size, MiB | {sizes} |")
    return "\n".join(lines)


def available() -> list[dict]:
    with psycopg.connect(SERVER_URL) as connection:
        databases = {row[0] for row in connection.execute("SELECT datname FROM pg_database").fetchall()}
    plans = [json.loads(p.read_text()) for p in OUT.glob("plan-*x.json")]
    return sorted((p for p in plans if p["database"] in databases), key=lambda p: p["factor"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--factor", type=int, action="append", help="a generated factor (default: all of them)")
    parser.add_argument("--table", action="store_true", help="only print the measured results side by side")
    args = parser.parse_args()
    if args.table:
        print(side_by_side())
        return 0
    plans = [p for p in available() if not args.factor or p["factor"] in args.factor]
    for factor in sorted(set(args.factor or []) - {p["factor"] for p in plans}):
        print(f"No data set at {factor}×: generating it (bench/generate_scale.py) …", flush=True)
        subprocess.run([PYTHON, "bench/generate_scale.py", "--factor", str(factor)], cwd=ROOT, check=True)
        plans.append(json.loads((OUT / f"plan-{factor}x.json").read_text()))
    if not plans:
        raise SystemExit("No data set: make bench-scale FACTOR=1 (or 10, 100) generates one (docs/scale.md)")
    for plan in sorted(plans, key=lambda p: p["factor"]):
        print(f"| {'page':<27} | queries | median ms |   p95 ms |   req/s |")
        result = measure(plan)
        (OUT / f"results-{plan['factor']}x.json").write_text(json.dumps(result, indent=1))
        print(f"database {result['database_bytes'] / 2**20:,.0f} MiB; gunicorn {WORKERS} workers, wrk 4 connections")
    return 0


if __name__ == "__main__":
    sys.exit(main())
