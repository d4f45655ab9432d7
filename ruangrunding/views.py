import logging
import sys
from urllib.parse import urlencode

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpResponse, HttpResponseServerError
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from ruangrunding.caching import cache_for_visitors

logger = logging.getLogger(__name__)
DATABASE_DOWN = (OperationalError, InterfaceError)


@require_safe
@cache_for_visitors(query_parameters=set())
def guide(request):
    """Everyone: "Panduan", how to register, take part, consult an expert and use the library."""
    return render(request, "panduan.html")


@never_cache
@require_safe
def healthz(request):
    """Load balancers: 200 when the database answers a query, 503 when it does not."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: database unavailable")
        return HttpResponse("database unavailable\n", status=503, content_type="text/plain")
    return HttpResponse("ok\n", content_type="text/plain")


def csrf_failure(request, reason=""):
    """Anyone whose form lost its CSRF token (often an expired page): an Indonesian explanation."""
    return render(request, "403_csrf.html", status=403)


def handler429(request, exception=None):
    return render(request, "429.html", status=429)


@require_safe
def robots_txt(request):
    """Crawlers: everything public may be indexed, accounts and admin not. (Also the benchmark's trivial
    view: it goes through every middleware and touches no database.)"""
    return HttpResponse("User-agent: *\nDisallow: /akun/\nDisallow: /admin/\n", content_type="text/plain")


@require_safe
def favicon(request):
    """Everyone: browsers ask for /favicon.ico on pages without our icon link (the admin)."""
    return redirect(static("img/logo.svg"), permanent=True)


@require_safe
def admin_login(request):
    """Everyone: the admin has no sign-in form of its own. Staff sign in through "Masuk", which counts failed
    attempts (429 after too many) and asks for the second step when TOTP is on; Django's admin form does
    neither. A signed-in person who is not staff has nothing to do here: 404, as for any page they may not see."""
    if request.user.is_authenticated:
        raise Http404
    target = request.GET.get("next") or reverse("admin:index")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("admin:index")
    return redirect(f"{reverse('account_login')}?{urlencode({'next': target})}")


def server_error(request):
    """Django's last resort. When the database is the cause (a restart, a failover), say so with 503 and
    Retry-After, so load balancers and people retry; the page is rendered without touching the database."""
    failure = sys.exc_info()[1]
    if isinstance(failure, DATABASE_DOWN):
        logger.warning("database unavailable: %s", failure)
        page = render_to_string("503.html")
        return HttpResponse(page, status=503, headers={"Retry-After": "5"})
    return HttpResponseServerError(render_to_string("500.html"))
