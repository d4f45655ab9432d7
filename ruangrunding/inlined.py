"""The portal's stylesheets, its small script and its icon, inlined into every page instead of linked.

On a 2G link (round trip ≈ 800 ms) every request costs round trips, and a linked stylesheet costs them before
the first paint. Ours are small (site.css ≈ 4 KB gzip, site.js ≈ 1.5 KB), so each page carries what it needs:
the stylesheet in a <style> in the <head>, the script in a <script> at the end of the <body>, the icon as a
data: address — the first paint waits for the HTML alone (docs/quality.md, issue 17).

The Content-Security-Policy forbids inline styles and scripts except those whose SHA-256 hash it names:
settings put `style_hashes()` into `style-src` and `script_hashes()` into `script-src`. A hash (unlike a nonce)
is the same on every response, so the visitors' page cache may keep serving a page. The files are read once
per process; `runserver` restarts when one changes (apps.py).
"""

import base64
import hashlib
import re
from functools import cache
from pathlib import Path
from urllib.parse import quote

FOLDER = Path(__file__).resolve().parent.parent / "static"
# What a page may inline: {% inline_stylesheet "css/site.css" %}, {% inline_script "js/site.js" %}.
STYLESHEETS = ("css/site.css", "css/musrenbang.css", "css/pengaduan.css", "css/insight.css")
SCRIPTS = ("js/site.js",)
ICON = "img/logo.svg"


def minify_css(css: str) -> str:
    """Comments and needless white space out; nothing else changes (values and selectors are kept as written)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};])\s*", r"\1", css)
    return css.replace(";}", "}").strip()


def _read(name: str, allowed: tuple[str, ...]) -> str:
    if name not in allowed:
        raise ValueError(f"{name} is not one of the inlined files {allowed}")
    text = (FOLDER / name).read_text(encoding="utf-8")
    if "</" in text:
        raise ValueError(f"{name} cannot be inlined: it contains '</'")
    return text


@cache
def inline_css(name: str) -> str:
    """The minified text of one of STYLESHEETS, ready to go between <style> and </style>."""
    return minify_css(_read(name, STYLESHEETS))


@cache
def inline_js(name: str) -> str:
    """The text of one of SCRIPTS, ready to go between <script> and </script>."""
    return _read(name, SCRIPTS).strip()


@cache
def icon_data_uri() -> str:
    """The portal's icon as a data: address for <link rel="icon"> (the CSP's img-src allows data:)."""
    svg = re.sub(r">\s+<", "><", (FOLDER / ICON).read_text(encoding="utf-8").strip()).replace('"', "'")
    return "data:image/svg+xml," + quote(svg, safe=" /=:;,'<>()-.")  # nothing that would end an attribute


def sha256_source(text: str) -> str:
    """The CSP source allowing an inline element with exactly this text: 'sha256-…'."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def style_hashes() -> list[str]:
    return [sha256_source(inline_css(name)) for name in STYLESHEETS]


def script_hashes() -> list[str]:
    return [sha256_source(inline_js(name)) for name in SCRIPTS]
