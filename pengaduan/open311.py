"""Open311 GeoReport v2, read only (JSON): `services.json`, `requests.json`, `requests/<code>.json`, so other
civic tools can read the published complaints. Only what the public list shows: verified, never "rahasia",
never a reporter; coordinates only for "biasa" complaints. `expected_datetime` is the final response's deadline
from our working-day clock. https://wiki.open311.org/GeoReport_v2/"""

from datetime import datetime, time, timedelta

from django.db.models import Max, Q
from django.http import Http404, JsonResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_safe

from pengaduan.models import Category, Complaint

MAX_REQUESTS = 1000
DEFAULT_DAYS = 90
STATUS_CLOSED = set(Complaint.CLOSED) | {Complaint.Status.ANSWERED}


def _iso(value: datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _service(category: Category) -> dict:
    return {
        "service_code": str(category.pk),
        "service_name": category.name,
        "description": category.name,
        "metadata": False,
        "type": "realtime",
        "keywords": "",
        "group": str(category.agency),
    }


def _request(complaint: Complaint) -> dict:
    latest = complaint.latest_public_at or complaint.received_at
    place = f"{complaint.desa}, " if complaint.desa_id else ""
    normal = complaint.privacy == Complaint.Privacy.NORMAL
    return {
        "service_request_id": complaint.code,
        "status": "closed" if complaint.status in STATUS_CLOSED else "open",
        "status_notes": complaint.get_status_display(),
        "service_name": complaint.category.name,
        "service_code": str(complaint.category_id),
        "description": complaint.description,
        "agency_responsible": str(complaint.agency),
        "service_notice": "",
        "requested_datetime": _iso(complaint.received_at),
        "updated_datetime": _iso(latest),
        "expected_datetime": _iso(complaint.final_due),
        "address": f"{place}Kecamatan {complaint.kecamatan}",
        "address_id": "",
        "zipcode": "",
        "lat": float(complaint.latitude) if normal and complaint.latitude is not None else None,
        "long": float(complaint.longitude) if normal and complaint.longitude is not None else None,
        "media_url": "",
    }


def _published():
    return (
        Complaint.objects.published()
        .select_related("category", "kecamatan", "desa", "agency")
        .annotate(latest_public_at=Max("status_changes__at", filter=Q(status_changes__public=True)))
    )


def _error(code: int, text: str) -> JsonResponse:
    return JsonResponse([{"code": code, "description": text}], status=code, safe=False)


@require_safe
def services(request):
    """Everyone: the categories, as Open311 services."""
    categories = Category.objects.filter(active=True).select_related("agency")
    return JsonResponse([_service(category) for category in categories], safe=False)


def _moment(value: str, *, end: bool = False) -> datetime | None:
    moment = parse_datetime(value)
    if moment is None:
        try:
            day = datetime.strptime(value, "%Y-%m-%d").date()
        except ValueError:
            return None
        moment = datetime.combine(day, time.max if end else time.min)
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


@require_safe
def requests(request):
    """Everyone: the published complaints (filters: service_code, status, start_date, end_date)."""
    complaints = _published()
    params = request.GET
    try:
        end = _moment(params["end_date"], end=True) if params.get("end_date") else timezone.now()
        start = _moment(params["start_date"]) if params.get("start_date") else end - timedelta(days=DEFAULT_DAYS)
    except (ValueError, OverflowError):
        start = end = None
    if start is None or end is None:
        return _error(400, "start_date/end_date: gunakan format ISO 8601, mis. 2026-03-13T15:50:00+08:00")
    complaints = complaints.filter(received_at__gte=start, received_at__lte=end)
    if code := params.get("service_code"):
        if not code.isdigit():
            return _error(400, "service_code tidak dikenal")
        complaints = complaints.filter(category_id=int(code))
    status = params.get("status", "")
    if status == "open":
        complaints = complaints.exclude(status__in=STATUS_CLOSED)
    elif status == "closed":
        complaints = complaints.filter(status__in=STATUS_CLOSED)
    elif status:
        return _error(400, "status: open atau closed")
    rows = complaints.order_by("-received_at", "-pk")[:MAX_REQUESTS]
    return JsonResponse([_request(complaint) for complaint in rows], safe=False)


@require_safe
def request_detail(request, code):
    """Everyone: one published complaint, as a one-element list (as GeoReport v2 has it)."""
    complaint = _published().filter(code=code).first()
    if complaint is None:
        raise Http404
    return JsonResponse([_request(complaint)], safe=False)
