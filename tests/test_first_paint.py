"""What makes the first screen fast on a 2G link (issue 17; figures in docs/quality.md from `make lighthouse`):
every page type paints from its own HTML alone — no stylesheet, script, icon or logo to fetch first — that HTML
fits TCP's first window, the inlined style and script are allowed by their hashes in the CSP (no
'unsafe-inline', no nonce that the visitors' page cache would make stale), pages are compressed, hashed static
files are cached for a year, and `Save-Data: on` leaves decorative pictures out."""

import gzip
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from ruangrunding.inlined import sha256_source
from tests.helpers import page_of
from tests.konsultasi import files
from tests.security.conftest import everyone, objects  # noqa: F401 — the access matrix's objects, reused
from tests.test_production_settings import run_in_production

# 10 TCP segments of 1,460 bytes: what a server sends before the first acknowledgement. A page whose compressed
# HTML (with about 600 bytes of headers) fits arrives in one round trip; one more byte costs another.
FIRST_WINDOW = 14_600
HEADERS_ALLOWANCE = 800


def page_types(o) -> dict[str, tuple[str, bool]]:
    """Every page type issue 17 names: name → (path, signed in as the citizen?)."""
    return {
        "home": (reverse("home"), False),
        "topic": (o.topic.get_absolute_url(), False),
        "expert list": (reverse("konsultasi:index"), False),
        "library search": (reverse("pustaka:index") + "?q=irigasi", False),
        "document": (o.document.get_absolute_url(), False),
        "sign-in": (reverse("account_login"), False),
        "Konsultasi Saya": (reverse("konsultasi:mine"), True),
        "usulan": (o.usulan.get_absolute_url(), False),
        "complaint status": (o.complaint.tracking_url(), False),
        "event": (o.event.get_absolute_url(), False),
    }


class Head(HTMLParser):
    """The elements of a page's <head>, and every inline <style>/<script> of the page with its text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_head = True
        self.head: list[tuple[str, dict]] = []
        self.body_scripts: list[dict] = []
        self.inline: list[tuple[str, dict, str]] = []
        self._open: tuple[str, dict] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.in_head:
            self.head.append((tag, attributes))
        elif tag == "script":
            self.body_scripts.append(attributes)
        if tag in ("style", "script") and "src" not in attributes:
            self._open, self._text = (tag, attributes), []
        if tag == "body":
            self.in_head = False

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if self._open and tag == self._open[0]:
            self.inline.append((*self._open, "".join(self._text)))
            self._open = None

    def handle_data(self, data):
        if self._open:
            self._text.append(data)


def sources(csp: str, directive: str) -> set[str]:
    for part in csp.split(";"):
        name, *values = part.split()
        if name == directive:
            return set(values)
    return set()


@pytest.fixture
def pages(client, objects, everyone):  # noqa: F811
    def fetch(path, signed_in, **headers):
        client.logout()
        if signed_in:
            client.force_login(everyone["citizen"])
        response = client.get(path, **headers)
        assert response.status_code == 200, path
        return response

    return SimpleNamespace(
        responses={name: fetch(path, signed_in) for name, (path, signed_in) in page_types(objects).items()},
        fetch=fetch,
        objects=objects,
    )


def test_no_page_waits_for_another_request_before_its_first_paint(pages):
    for name, response in pages.responses.items():
        head = Head()
        head.feed(response.content.decode())
        for tag, attributes in head.head:
            if tag == "link":
                # A linked stylesheet, preload or icon would be one more request (and round trips) to wait for.
                assert "stylesheet" not in attributes.get("rel", ""), (name, attributes)
                assert attributes.get("href", "").startswith(("data:", "http")) or attributes.get("rel") in {
                    "alternate",
                    "canonical",
                }, (name, attributes)
            if tag == "script":
                assert "src" not in attributes, (name, attributes)  # not even deferred: inlined at the end
            if tag == "img":
                raise AssertionError(f"{name}: an image in the head {attributes}")
        assert [tag for tag, _attributes in head.head].count("style") == sum(
            1 for tag, _a, _t in head.inline if tag == "style"
        ), name  # every <style> is in the head
        for attributes in head.body_scripts:
            assert "src" not in attributes, (name, attributes)
        # The header's logo is drawn by the page itself, not fetched.
        assert b'<svg class="brand-logo"' in response.content, name


def test_inlined_style_and_script_are_allowed_by_their_hashes_and_nothing_else_inline(pages):
    for name, response in pages.responses.items():
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        head = Head()
        head.feed(response.content.decode())
        styles = [text for tag, _attributes, text in head.inline if tag == "style"]
        scripts = [(attributes, text) for tag, attributes, text in head.inline if tag == "script"]
        assert styles and scripts, name
        for text in styles:
            assert sha256_source(text) in sources(csp, "style-src"), name
        for attributes, text in scripts:
            assert "nonce" not in attributes, name  # a nonce would go stale in the visitors' page cache
            assert sha256_source(text) in sources(csp, "script-src"), name
        assert b' style="' not in response.content, name  # style attributes are never allowed by a hash


def test_every_page_fits_the_first_tcp_window_and_the_30_kb_budget(pages):
    """The page is all a phone downloads before it can paint; compressed, it arrives in one round trip."""
    for name, response in pages.responses.items():
        compressed = len(gzip.compress(response.content, 6))
        assert compressed + HEADERS_ALLOWANCE <= FIRST_WINDOW, f"{name}: {compressed} bytes gzip"
        assert compressed < 30 * 1024, name


def test_pages_are_compressed_by_the_app_itself(pages):
    for name, (path, signed_in) in page_types(pages.objects).items():
        response = pages.fetch(path, signed_in, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert response.headers["Content-Encoding"] == "gzip", name
        assert b"</html>" in gzip.decompress(response.content), name
        assert "Accept-Encoding" in response.headers["Vary"], name
    # A download is compressed already (PDF): it goes out as it is.
    download = pages.fetch(
        reverse("pustaka:download", args=[pages.objects.file.pk]), False, HTTP_ACCEPT_ENCODING="gzip"
    )
    assert "Content-Encoding" not in download.headers
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_save_data_leaves_out_decorative_pictures_and_shows_photos_behind_a_link(client, objects, settings):  # noqa: F811
    expert = objects.expert
    expert.photo.save("pakar.png", ContentFile(files.png().read()))
    topic = objects.topic
    topic.image.save("banjir.png", ContentFile(files.png().read()))
    topic.image_alt = "Banjir di Tenggarong"
    topic.save()
    for path, picture in [
        (reverse("konsultasi:index"), expert.photo.url),
        (reverse("konsultasi:expert", args=[expert.pk]), expert.photo.url),
        (topic.get_absolute_url(), topic.image.url),
    ]:
        full = client.get(path)
        light = client.get(path, HTTP_SAVE_DATA="on")
        assert f'src="{picture}"'.encode() in full.content, path
        assert f'src="{picture}"'.encode() not in light.content, path
        assert "Save-Data" in light.headers["Vary"] and "Save-Data" in full.headers["Vary"]
    # A content picture stays one tap away; a decorative one (the expert's card photo) gives way to initials.
    assert f'href="{topic.image.url}"'.encode() in client.get(topic.get_absolute_url(), HTTP_SAVE_DATA="on").content
    assert 'class="expert-photo expert-initials"' in page_of(
        client.get(reverse("konsultasi:index"), HTTP_SAVE_DATA="on")
    )


def test_the_visitor_page_cache_keeps_the_save_data_version_apart(client, objects, settings):  # noqa: F811
    settings.VISITOR_PAGE_CACHE_SECONDS = 60
    expert = objects.expert
    expert.photo.save("pakar.png", ContentFile(files.png().read()))
    path = reverse("konsultasi:index")
    light = client.get(path, HTTP_SAVE_DATA="on").content  # cached first
    full = client.get(path).content
    again = client.get(path, HTTP_SAVE_DATA="on").content
    assert f'src="{expert.photo.url}"'.encode() in full
    assert f'src="{expert.photo.url}"'.encode() not in light + again


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, dict(response.headers), response.read()


def test_production_compresses_pages_and_caches_hashed_static_files_for_a_year(tmp_path):
    """gunicorn with production settings, as deployed: compression happens whatever sits in front of it."""
    production = {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'prod.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1",
    }
    for command in ["'migrate', '--noinput'", "'collectstatic', '--noinput'"]:
        prepared = run_in_production(
            "from django.core.management import execute_from_command_line;"
            f"execute_from_command_line(['manage.py', {command}, '-v', '0'])",
            **production,
        )
        assert prepared.returncode == 0, prepared.stderr
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment |= {
        "DEBUG": "0",
        "SECRET_KEY": "production-like-secret-" + "k3y" * 20,
        "DJANGO_SETTINGS_MODULE": "ruangrunding.settings",
        **production,
    }
    gunicorn = subprocess.Popen(
        [os.path.join(os.path.dirname(sys.executable), "gunicorn"), "ruangrunding.wsgi", "-b", f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                status, headers, body = get(base + "/", **{"Accept-Encoding": "gzip"})
                break
            except OSError:
                assert time.monotonic() < deadline, "gunicorn did not answer"
                time.sleep(0.3)
        assert status == 200
        assert headers["Content-Encoding"] == "gzip"
        assert b"</html>" in gzip.decompress(body)
        html = gzip.decompress(body).decode()
        assert "/static/" not in html.split("</head>")[0]  # nothing static needed before the first paint
        stylesheet = re.search(r"/static/css/site\.[0-9a-f]{12}\.css", _manifest_url(tmp_path, "css/site.css"))
        assert stylesheet
        status, headers, body = get(base + stylesheet.group(0), **{"Accept-Encoding": "gzip"})
        assert headers["Content-Encoding"] == "gzip"
        assert "max-age=315360000" in headers["Cache-Control"] and "immutable" in headers["Cache-Control"]
    finally:
        os.killpg(gunicorn.pid, signal.SIGTERM)
        gunicorn.wait(timeout=15)


def _manifest_url(tmp_path, name: str) -> str:
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"][name]
