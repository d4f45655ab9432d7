"""`make lighthouse`: Lighthouse with Debian's Chromium against the portal served by gunicorn in production
settings with the demo data (plus a topic of 2,000 replies), on every page type, in two profiles:

- "mobile": Lighthouse's default mobile profile (a mid-range phone on a throttled 4G link);
- "2G": a weak 2G/EDGE link as residents upriver have it — round trip 800 ms, 250 kbps down, CPU slowed 6×,
  Lighthouse's simulated throttling.

Prints FCP, LCP, TBT, bytes (transferred, as Lighthouse counts them) and the four scores per page and profile.
Targets: mobile 100 in all four categories; 2G FCP ≤ 2.0 s and LCP ≤ 2.5 s; every page ≤ 30 KB transferred.
Exits 1 when one is missed. LIGHTHOUSE_PAGES="home;sign-in" and LIGHTHOUSE_PROFILES="2G" narrow a run.

"floor" is the earliest first paint Lighthouse's simulation allows for the page's HTML alone on a cold
connection (DNS, connect, request, and a round trip per TCP window beyond the first 14,600 bytes): on the 2G
profile 3.2 s for any page that fits the first window, so the 2G targets above (the issue's) cannot be met in
this simulation whatever the page does; a page is as fast as the link allows when FCP and LCP sit at the
floor plus the CPU's share (docs/quality.md, issue 17)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import PYTHON, ROOT, environment, fresh_database, prepare, run, start_gunicorn, stop, wait_until_up

DB_NAME = os.environ.get("LIGHTHOUSE_DATABASE", "ruangrunding_lighthouse")
PORT = int(os.environ.get("LIGHTHOUSE_PORT", "8079"))
BASE = f"http://127.0.0.1:{PORT}"
LIGHTHOUSE = ROOT / "var" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
PROFILES = {
    "mobile": [],
    "2G": [
        "--throttling-method=simulate",
        "--throttling.rttMs=800",
        "--throttling.throughputKbps=250",
        "--throttling.cpuSlowdownMultiplier=6",
    ],
}
RTT_MS = {"mobile": 150, "2G": 800}  # Lighthouse's default mobile profile simulates 150 ms
# Each page is audited RUNS times and the median run (by LCP) reported: the simulation starts from a real trace,
# whose CPU share varies with whatever else the machine is doing.
RUNS = int(os.environ.get("LIGHTHOUSE_RUNS", "5"))
FCP_2G_MS = 2000
LCP_2G_MS = 2500
MAX_BYTES = 30_000
# Pages that tell search engines not to index them, on purpose (a reporter's private status link, sign-in):
# Lighthouse's SEO "is-crawlable" audit fails there by design, and only that audit is forgiven.
NOINDEX = {"sign-in", "complaint status"}
# Lighthouse's simulation (Lantern) of a cold page: DNS (2 round trips), TCP connect and request (1.5), the first
# byte (0.5), and 10 TCP segments (14,600 bytes) in the first window; every further window costs a round trip.
INITIAL_WINDOW = 14_600


def floor_ms(profile: str, document_bytes: int) -> float:
    """The earliest a first paint can happen in the simulation: the page itself, nothing else, no CPU."""
    rtt = RTT_MS[profile]
    windows, sent, window = 0, INITIAL_WINDOW, 10
    while sent < document_bytes:
        window = min(window * 2, 17 if profile == "2G" else 10**6)
        sent += window * 1460
        windows += 1
    return 4 * rtt + windows * rtt


def audit(url: str, flags: list[str], headers: dict[str, str]) -> dict:
    """One Lighthouse run; a run Lighthouse could not score (on a busy machine it may miss a paint) is
    repeated, twice at most."""
    for _attempt in range(3):
        result = lighthouse(url, flags, headers)
        if all(result["categories"][name]["score"] is not None for name in CATEGORIES):
            return scored(result)
        print(f"    unscored run ({result.get('runtimeError', {}).get('code', '?')}), again", flush=True)
    raise SystemExit(f"Lighthouse could not score {url} three times")


def lighthouse(url: str, flags: list[str], headers: dict[str, str]) -> dict:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        completed = subprocess.run(
            [
                str(LIGHTHOUSE),
                url,
                "--quiet",
                "--form-factor=mobile",
                f"--only-categories={','.join(CATEGORIES)}",
                "--output=json",
                f"--output-path={report}",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
                *([f"--extra-headers={json.dumps(headers)}"] if headers else []),
                *flags,
            ],
            env={**os.environ, "CHROME_PATH": CHROMIUM},
            check=False,
            capture_output=True,
            text=True,
        )
        if not report.exists():
            raise SystemExit(f"Lighthouse failed on {url}:\n{completed.stderr[-3000:]}")
        return json.loads(report.read_text())


def scored(result: dict) -> dict:
    audits = result["audits"]
    failing = [
        f"{item['id']} ({item.get('score')})"
        for item in audits.values()
        if item.get("score") is not None and item["score"] < 1 and item.get("scoreDisplayMode") == "binary"
    ]
    return {
        **{name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "requests": len(audits["network-requests"]["details"]["items"]),
        "document": audits["network-requests"]["details"]["items"][0]["transferSize"],
        "failing": failing,
    }


def version() -> str:
    package = ROOT / "var" / "lighthouse" / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"]


def chromium_version() -> str:
    result = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, check=False)
    return result.stdout.strip() or CHROMIUM


def missed(profile: str, scores: dict, name: str = "") -> list[str]:
    misses = []
    if name in NOINDEX and scores["failing"] == ["is-crawlable (0)"]:
        scores = {**scores, "seo": 100}
    if scores["bytes"] > MAX_BYTES:
        misses.append(f"{scores['bytes'] / 1000:.1f} KB > {MAX_BYTES / 1000:.0f} KB")
    if profile == "mobile":
        misses += [f"{c} {scores[c]}" for c in CATEGORIES if scores[c] < 100]
    else:
        if scores["fcp"] > FCP_2G_MS:
            misses.append(f"FCP {scores['fcp'] / 1000:.2f} s > {FCP_2G_MS / 1000:.1f} s")
        if scores["lcp"] > LCP_2G_MS:
            misses.append(f"LCP {scores['lcp'] / 1000:.2f} s > {LCP_2G_MS / 1000:.1f} s")
    return misses


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse` (it installs the pinned version)")
    only_pages = {p.strip() for p in os.environ.get("LIGHTHOUSE_PAGES", "").split(";") if p.strip()}
    only_profiles = {p.strip() for p in os.environ.get("LIGHTHOUSE_PROFILES", "").split(",") if p.strip()}
    print(f"Preparing: fresh database {DB_NAME} with the demo data and a topic of 2,000 replies …", flush=True)
    fresh_database(DB_NAME)
    env = environment(DB_NAME)
    prepare(env)
    run(env, PYTHON, "manage.py", "seed_demo")
    prepared = json.loads(run(env, PYTHON, "bench/prepare_lighthouse.py").strip().splitlines()[-1])
    pages = {name: path for name, path in prepared["pages"].items() if not only_pages or name in only_pages}
    profiles = {name: flags for name, flags in PROFILES.items() if not only_profiles or name in only_profiles}
    gunicorn = start_gunicorn(env, PORT, "2")
    results: dict[str, dict[str, dict]] = {profile: {} for profile in profiles}
    try:
        wait_until_up(BASE + "/robots.txt")
        for profile, flags in profiles.items():
            for name, path in pages.items():
                headers = {"Cookie": f"sessionid={prepared['session']}"} if name in prepared["signed_in"] else {}
                print(f"  {profile}: {name} {path}", flush=True)
                runs = sorted((audit(BASE + path, flags, headers) for _ in range(RUNS)), key=lambda s: s["lcp"])
                results[profile][name] = runs[len(runs) // 2]  # the median run (by LCP), as Lighthouse advises
    finally:
        stop(gunicorn)
    passed = True
    for profile, rows in results.items():
        print(f"\nLighthouse {version()}, profile {profile}, {chromium_version()}")
        print(
            "| page                  | FCP s | LCP s | floor s | TBT ms | KB   | HTML KB | req | perf | a11y "
            "| best pr. | SEO | target |"
        )
        print("|" + "|".join("-" * width for width in (23, 7, 7, 9, 8, 6, 9, 5, 6, 6, 10, 5, 8)) + "|")
        for name, s in rows.items():
            misses = missed(profile, s, name)
            passed = passed and not misses
            print(
                f"| {name:<21} | {s['fcp'] / 1000:5.2f} | {s['lcp'] / 1000:5.2f} | "
                f"{floor_ms(profile, s['document']) / 1000:7.2f} | {s['tbt']:6.0f} | {s['bytes'] / 1000:4.1f} | "
                f"{s['document'] / 1000:7.1f} | {s['requests']:3} | {s['performance']:4} | {s['accessibility']:4} | "
                f"{s['best-practices']:8} | {s['seo']:3} | {'met' if not misses else 'MISSED'} |"
            )
        for name, s in rows.items():
            if misses := missed(profile, s, name):
                print(f"  {name}: {'; '.join(misses)}")
            if s["failing"]:
                print(f"  {name}: failing audits: {', '.join(s['failing'])}")
    print("RESULT:", "targets met" if passed else "TARGET MISSED")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
