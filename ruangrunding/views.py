import logging

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


@require_safe
def home(request):
    """Everyone: the front page introducing RPJPD, Konsultasi and Pustaka."""
    return render(request, "home.html")


@require_safe
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
