"""Two small things every response passes through: compression of text, and Save-Data.

Compression: pages, feeds and JSON are gzip-compressed by the app itself (Django's GZipMiddleware, which pads
compressed pages at random against BREACH; CSRF tokens are masked per response), so they are compressed
whatever sits in front of gunicorn — nginx, for instance, does not compress responses to clients behind a
proxy (`gzip_proxied off`), as many mobile operators' clients are. Downloads (PDF, XLSX, pictures) are
compressed already and pass untouched; static files come compressed from whitenoise, which answers before.

Save-Data: a visitor's browser may ask for less data (Chrome's "Lite mode", Opera Mini and similar send
`Save-Data: on`). Pages then leave out decorative pictures and show photos only behind a link
(`save_data` in the templates). Every HTML page says `Vary: Save-Data`, and the visitors' page cache keeps
the two versions apart (ruangrunding.caching)."""

from django.middleware.gzip import GZipMiddleware
from django.utils.cache import patch_vary_headers

COMPRESSIBLE = ("text/", "application/json", "application/xml", "application/atom+xml", "application/rss+xml")


def wants_less_data(request) -> bool:
    return request.headers.get("Save-Data", "").strip().lower() == "on"


class SaveDataMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.save_data = wants_less_data(request)
        response = self.get_response(request)
        if response.get("Content-Type", "").startswith("text/html"):
            patch_vary_headers(response, ["Save-Data"])
        return response


class TextGZipMiddleware(GZipMiddleware):
    """GZipMiddleware for text only: a PDF or a spreadsheet (zip) gains nothing from a second compression."""

    def process_response(self, request, response):
        if not response.get("Content-Type", "").startswith(COMPRESSIBLE):
            return response
        return super().process_response(request, response)
