"""Micro-caching of public pages for anonymous visitors.

Most people reading a consultation are not signed in, and for them a topic page is the same for everyone.
Keeping that page for a few seconds (VISITOR_PAGE_CACHE_SECONDS) in each worker's memory lets one server
answer a crowd arriving from a WhatsApp link without touching the database. Signed-in users, anyone with a
pending message or a write of the last few seconds, unknown query parameters and responses carrying a cookie
or a CSRF token are never cached.
"""

from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse

from ruangrunding.db_routing import PIN_COOKIE

# A visitor who just wrote (PIN_COOKIE, set with a read replica) gets a fresh page, as a signed-in one does.
SKIP_COOKIES = ("sessionid", "messages", PIN_COOKIE)


def visitor_cache_key(request, allowed_parameters: set[str]) -> str | None:
    if settings.VISITOR_PAGE_CACHE_SECONDS == 0 or request.user.is_authenticated:
        return None
    if any(name in request.COOKIES for name in SKIP_COOKIES) or not set(request.GET) <= allowed_parameters:
        return None
    partial = request.headers.get("RR-Partial") == "1"
    return f"visitor-page:{partial}:{request.get_full_path()}"


def cache_for_visitors(*, query_parameters: set[str]):
    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            key = visitor_cache_key(request, query_parameters)
            if key and (hit := caches["pages"].get(key)) is not None:
                content, content_type, vary = hit
                response = HttpResponse(content, content_type=content_type)
                if vary:
                    response["Vary"] = vary
                return response
            response = view(request, *args, **kwargs)
            cacheable = (
                key
                and response.status_code == 200
                and not response.cookies
                and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            )
            if cacheable:
                hit = (response.content, response["Content-Type"], response.get("Vary"))
                caches["pages"].set(key, hit, settings.VISITOR_PAGE_CACHE_SECONDS)
            return response

        return wrapper

    return decorator
