"""Open311 GeoReport v2 read endpoints: services, requests with filters, one request; expected_datetime from
our working-day clock; coordinates only for "biasa" complaints."""

from decimal import Decimal

import pytest
from django.urls import reverse

from pengaduan import services
from tests.helpers import client_for
from tests.pengaduan.conftest import at

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(file_complaint, citizen, handler):
    complaint = file_complaint(
        reporter=citizen, now=at("2026-03-13 15:50"), latitude=Decimal("-0.42"), longitude=Decimal("116.98")
    )
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-16 09:00"))
    return complaint


def get(path, **params):
    response = client_for(None).get(path, params)
    return response.status_code, response.json()


def test_services_are_the_categories(category):
    status, body = get(reverse("pengaduan:open311_services"))
    assert status == 200
    assert body == [
        {
            "service_code": str(category.pk),
            "service_name": "Jalan dan jembatan",
            "description": "Jalan dan jembatan",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "Dinas PUPR",
        }
    ]


def test_a_request_carries_our_deadline_as_expected_datetime(published):
    status, body = get(reverse("pengaduan:open311_request", args=[published.code]))
    assert status == 200
    (row,) = body
    assert row["service_request_id"] == published.code
    assert row["status"] == "open" and row["status_notes"] == "Diverifikasi"
    assert row["requested_datetime"] == "2026-03-13T15:50:00+08:00"
    assert row["expected_datetime"] == "2026-03-17T16:00:00+08:00"
    assert row["updated_datetime"] == "2026-03-16T09:00:00+08:00"
    assert (row["lat"], row["long"]) == (-0.42, 116.98)
    assert row["address"] == "Kecamatan Tenggarong"


def test_requests_filter_by_date_status_and_service(published, category):
    url = reverse("pengaduan:open311_requests")
    assert get(url, start_date="2026-03-01", end_date="2026-03-31")[1][0]["service_request_id"] == published.code
    assert get(url, start_date="2026-04-01", end_date="2026-04-30")[1] == []
    assert len(get(url, start_date="2026-03-01", end_date="2026-03-31", status="open")[1]) == 1
    assert get(url, start_date="2026-03-01", end_date="2026-03-31", status="closed")[1] == []
    assert len(get(url, start_date="2026-03-01", end_date="2026-03-31", service_code=str(category.pk))[1]) == 1


@pytest.mark.parametrize(("params", "field"), [({"start_date": "kemarin"}, "start_date"), ({"status": "x"}, "status")])
def test_bad_parameters_get_a_400_with_a_reason(params, field):
    status, body = get(reverse("pengaduan:open311_requests"), **params)
    assert status == 400 and field in body[0]["description"]


def test_anonymous_complaints_give_no_coordinates(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, privacy="anonim", latitude=Decimal("-0.4"), longitude=Decimal("117"))
    services.complaint_verify(complaint=complaint, actor=handler)
    _status, (row,) = get(reverse("pengaduan:open311_request", args=[complaint.code]))
    assert row["lat"] is None and row["long"] is None


def test_unverified_complaints_are_not_in_the_api(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen)
    assert client_for(None).get(reverse("pengaduan:open311_request", args=[complaint.code])).status_code == 404
    assert get(reverse("pengaduan:open311_requests"))[1] == []


def test_the_list_query_count_is_fixed(published, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        client_for(None).get(reverse("pengaduan:open311_requests"), {"start_date": "2026-01-01"})
