"""Save-Data: a visitor's browser may ask for less data (Chrome's "Lite mode", Opera Mini and similar send
`Save-Data: on`). Pages then leave out decorative pictures and show photos only behind a link
(`save_data` in the templates). Every HTML page says `Vary: Save-Data`, and the visitors' page cache keeps
the two versions apart (ruangrunding.caching)."""

from django.utils.cache import patch_vary_headers


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
