"""`make lighthouse`: Lighthouse in mobile mode (its default: a mid-range phone on a throttled 4G link) with
Debian's Chromium, against the portal served by gunicorn in production settings with the demo data.
Prints the four scores for home, a topic, the expert list and a library search.
Target: 100 each, at least 95 for performance. Exits 1 when missed."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import (
    PYTHON,
    ROOT,
    database_url,
    environment,
    fresh_database,
    prepare,
    run,
    start_gunicorn,
    stop,
    wait_until_up,
)

DB_NAME = "ruangrunding_lighthouse"
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8079"))
BASE = f"http://127.0.0.1:{PORT}"
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def pages() -> dict[str, str]:
    with psycopg.connect(database_url(DB_NAME)) as connection:
        section, topic = connection.execute(
            "SELECT s.slug, t.slug FROM rpjpd_topic t JOIN rpjpd_section s ON s.id = t.section_id "
            "WHERE t.status = 'published' ORDER BY t.id LIMIT 1"
        ).fetchone()
    return {
        "home": "/",
        "topic": f"/rpjpd/{section}/{topic}/",
        "expert list": "/konsultasi/",
        "library search": "/pustaka/?q=irigasi",
    }


def audit(url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=True,
            capture_output=True,
        )
        result = json.loads(report.read_text())
    failing = [
        f"{audit['id']} ({audit.get('score')})"
        for audit in result["audits"].values()
        if audit.get("score") is not None and audit["score"] < 1 and audit.get("scoreDisplayMode") == "binary"
    ]
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    scores["failing"] = failing
    return scores


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse` (it installs the pinned version)")
    print(f"Preparing: fresh database {DB_NAME} with the demo data …", flush=True)
    fresh_database(DB_NAME)
    env = environment(DB_NAME)
    prepare(env)
    run(env, PYTHON, "manage.py", "seed_demo")
    gunicorn = start_gunicorn(env, PORT, "2")
    results = {}
    try:
        wait_until_up(BASE + "/robots.txt")
        for name, path in pages().items():
            results[name] = audit(BASE + path)
    finally:
        stop(gunicorn)
    print(f"\nLighthouse, mobile, Chromium {CHROMIUM}")
    print(f"| {'page':<16} | " + " | ".join(f"{c:>14}" for c in CATEGORIES) + " |")
    print("|" + "-" * 18 + "|" + "|".join("-" * 16 for _ in CATEGORIES) + "|")
    passed = True
    for name, scores in results.items():
        print(f"| {name:<16} | " + " | ".join(f"{scores[c]:>14}" for c in CATEGORIES) + " |")
        passed = passed and scores["performance"] >= 95 and all(scores[c] == 100 for c in CATEGORIES[1:])
    for name, scores in results.items():
        if scores["failing"]:
            print(f"  {name}: failing audits: {', '.join(scores['failing'])}")
    print("RESULT:", "targets met" if passed else "TARGET MISSED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
