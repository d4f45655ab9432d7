"""The JSON API (django-ninja) at /api/v1/: an agency's planning system lists the usulan sent to its agency,
reads one with its public timeline, and records its decision at the agency forum. docs/api.md says how."""

import base64
import binascii
import math
from datetime import datetime

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, NinjaAPI, Query
from ninja.errors import AuthenticationError, HttpError, Throttled, ValidationError
from ninja.security import HttpBearer
from ninja.throttling import BaseThrottle

from api import services
from api.models import AgencyToken
from api.schemas import (
    Decided,
    DecisionIn,
    Error,
    UsulanDetail,
    UsulanFilters,
    UsulanPage,
    timeline_entry,
    usulan_out,
)
from api.tokens import token_find
from musrenbang.models import Usulan
from musrenbang.services import UsulanDecidedMeanwhile
from ruangrunding.refusals import Refused

ERRORS = {401: Error, 404: Error, 422: Error, 429: Error}


def clock() -> datetime:
    return timezone.now()  # a module function, so a test can hold the minute still


class AgencyTokenAuth(HttpBearer):
    """`Authorization: Bearer rr_…`, and nothing else: a browser's session cookie never authenticates here,
    so there is no CSRF to guard against (ninja exempts its views from Django's CSRF check)."""

    def authenticate(self, request: HttpRequest, token: str) -> AgencyToken | None:
        return token_find(token)


class PerTokenRate(BaseThrottle):
    """API_RATE_PER_MINUTE requests per token in each clock minute, counted in the database
    (api.services.token_rate_count) so the limit holds across gunicorn workers and servers."""

    def allow_request(self, request: HttpRequest) -> bool:
        count = services.token_rate_count(token=request.auth, now=clock())
        return count <= settings.API_RATE_PER_MINUTE

    def wait(self) -> float:
        # Stateless (one throttle object serves every request): the seconds left in this minute.
        return max(1, math.ceil(60 - clock().timestamp() % 60))


api = NinjaAPI(
    title="Ruang Runding — API E-Perencanaan",
    version="1",
    description="Usulan Musrenbang untuk sistem perencanaan perangkat daerah. Lihat docs/api.md.",
    urls_namespace="api",
    docs_url=None,  # the interactive page loads Swagger UI from a CDN, which our CSP forbids
    auth=AgencyTokenAuth(),
    throttle=PerTokenRate(),
)


def error(request, message: str, status: int, field: str | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": str(message), "field": field}, status=status)


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    response = error(request, _("Token API tidak ada, tidak dikenal, atau sudah dicabut."), 401)
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(Throttled)
def throttled(request, exc):
    return error(
        request,
        _("Terlalu banyak permintaan: paling banyak %(limit)s per menit untuk setiap token. Coba lagi sebentar.")
        % {"limit": settings.API_RATE_PER_MINUTE},
        429,
    )


@api.exception_handler(HttpError)
def http_error(request, exc: HttpError):
    # What ninja itself refuses with a status; the one it raises today is a body that is not JSON (400).
    if exc.status_code == 400:
        return error(request, _("Isi permintaan bukan JSON yang sah."), 400)
    return error(request, _("Permintaan tidak dapat dilayani."), exc.status_code)


@api.exception_handler(Http404)
def not_found(request, exc):
    return error(request, _("Usulan tidak ditemukan, atau belum dikirim ke perangkat daerah Anda."), 404)


@api.exception_handler(RequestDataTooBig)
def too_big(request, exc):
    return error(request, _("Permintaan terlalu besar."), 413)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    status = getattr(exc, "status", 422)
    if isinstance(exc, UsulanDecidedMeanwhile):
        status = 409
    return error(request, exc.message, status, exc.field)


# Pydantic's English messages, in the words the site uses.
VALIDATION_MESSAGES = {
    "missing": _("Wajib diisi."),
    "string_too_long": _("Terlalu panjang: paling banyak %(max_length)s karakter."),
    "literal_error": _("Pilihan tidak dikenal. Pilihan yang ada: %(expected)s."),
    "enum": _("Pilihan tidak dikenal. Pilihan yang ada: %(expected)s."),
    "extra_forbidden": _("Isian ini tidak dikenal."),
    "json_invalid": _("Isi permintaan bukan JSON yang sah."),
    "datetime_from_date_parsing": _("Tulis waktu dalam format ISO 8601, mis. 2026-03-01T08:00:00+08:00."),
    "datetime_parsing": _("Tulis waktu dalam format ISO 8601, mis. 2026-03-01T08:00:00+08:00."),
    "int_parsing": _("Harus bilangan bulat."),
    "greater_than_equal": _("Paling kecil %(ge)s."),
    "less_than_equal": _("Paling besar %(le)s."),
    "string_pattern_mismatch": _("Bentuknya tidak sah."),
}


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    first = exc.errors[0] if exc.errors else {}
    location = [str(part) for part in first.get("loc", ()) if part not in ("body", "query", "header", "payload")]
    field = location[-1] if location else None
    if first.get("msg", "").endswith("control_characters"):
        message = _("Tidak boleh berisi karakter kendali selain baris baru dan tab.")
    else:
        context = {key: value for key, value in (first.get("ctx") or {}).items()}
        template = VALIDATION_MESSAGES.get(first.get("type", ""), _("Nilai tidak sah."))
        try:
            message = template % context if "%(" in template else template
        except KeyError:
            message = _("Nilai tidak sah.")
    return error(request, message, 422, field)


# --- Reading


USULAN_RELATED = ("cycle", "kecamatan", "desa", "field", "agency", "merged_into", "activity__programme")


def sent_to(request):
    return Usulan.objects.sent_to_agency(request.auth.agency_id).select_related(*USULAN_RELATED)


def encode_cursor(usulan: Usulan) -> str:
    return base64.urlsafe_b64encode(f"{usulan.updated_at.isoformat()}|{usulan.pk}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime, int]:
    try:
        stamp, _sep, pk = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode().partition("|")
        return datetime.fromisoformat(stamp), int(pk)
    except (binascii.Error, UnicodeDecodeError, ValueError):
        raise services.ApiRefused(
            _("Kursor tidak dikenal. Mulai lagi dari halaman pertama tanpa cursor."), field="cursor"
        ) from None


@api.get("/usulan", response={200: UsulanPage, **ERRORS}, url_name="usulan_list")
def usulan_list(request, filters: Query[UsulanFilters]):
    """The usulan sent to the token's agency, oldest change first, `limit` at a time (cursor paging)."""
    year, stage, changed_since, cursor, limit = (
        filters.year,
        filters.stage,
        filters.changed_since,
        filters.cursor,
        filters.limit,
    )
    usulan = sent_to(request)
    if year is not None:
        usulan = usulan.filter(cycle__year=year)
    if stage is not None:
        usulan = usulan.filter(stage=stage)
    if changed_since is not None:
        if timezone.is_naive(changed_since):
            changed_since = timezone.make_aware(changed_since)
        usulan = usulan.filter(updated_at__gt=changed_since)
    if cursor:
        after, pk = decode_cursor(cursor)
        usulan = usulan.filter(Q(updated_at__gt=after) | Q(updated_at=after, pk__gt=pk))
    rows = list(usulan.order_by("updated_at", "pk")[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    agency_id = request.auth.agency_id
    return {
        "items": [usulan_out(row, request=request, agency_id=agency_id) for row in rows],
        "next_cursor": encode_cursor(rows[-1]) if more else None,
    }


@api.get("/usulan/{code}", response={200: UsulanDetail, **ERRORS}, url_name="usulan_detail")
def usulan_detail(request, code: str):
    """One usulan sent to the token's agency, with its public timeline and photos; 404 for any other."""
    usulan = get_object_or_404(sent_to(request).prefetch_related("photos"), code=code)
    timeline = usulan.status_changes.filter(public=True).select_related("merged_into", "agency", "activity")
    return {
        **usulan_out(usulan, request=request, agency_id=request.auth.agency_id),
        "photos": [request.build_absolute_uri(photo.image.url) for photo in usulan.photos.all()],
        "timeline": [timeline_entry(change) for change in timeline],
    }


# --- Deciding

KEY_PATTERN = r"^[\x21-\x7e]{1,100}$"  # visible ASCII: a UUID, a ULID, the system's own record number…


@api.post(
    "/usulan/{code}/keputusan", response={201: Decided, 409: Error, 413: Error, **ERRORS}, url_name="usulan_decide"
)
def usulan_decide(
    request,
    code: str,
    body: DecisionIn,
    idempotency_key: str = Header(..., alias="Idempotency-Key", pattern=KEY_PATTERN),
):
    """Record the agency's decision at its forum, once per Idempotency-Key; 404 for an usulan not sent to it."""
    usulan = get_object_or_404(sent_to(request), code=code)
    agency_id = request.auth.agency_id

    def respond(change) -> dict:
        after = Usulan.objects.select_related(*USULAN_RELATED).get(pk=usulan.pk)
        change = type(change).objects.select_related("merged_into", "agency", "activity").get(pk=change.pk)
        body = {"usulan": usulan_out(after, request=request, agency_id=agency_id), "decision": timeline_entry(change)}
        return Decided.model_validate(body).model_dump_json()

    recorded = services.decision_record(
        token=request.auth, key=idempotency_key, usulan=usulan, payload=body.model_dump(), respond=respond
    )
    response = HttpResponse(recorded.body, status=recorded.status, content_type="application/json; charset=utf-8")
    if recorded.replayed:
        response["Idempotent-Replayed"] = "true"
    return response
