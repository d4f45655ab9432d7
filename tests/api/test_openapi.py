"""The OpenAPI document is public and describes the bearer token, the three operations and their errors; the
interactive page (which would load Swagger UI from a CDN our CSP forbids) is not served."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_the_openapi_document_describes_the_api():
    response = Client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert set(document["paths"]) == {
        "/api/v1/usulan",
        "/api/v1/usulan/{code}",
        "/api/v1/usulan/{code}/keputusan",
    }
    assert document["components"]["securitySchemes"]["AgencyTokenAuth"] == {"type": "http", "scheme": "bearer"}
    decide = document["paths"]["/api/v1/usulan/{code}/keputusan"]["post"]
    assert {"201", "401", "404", "409", "422", "429"} <= set(decide["responses"])
    headers = [p["name"] for p in decide["parameters"] if p["in"] == "header"]
    assert headers == ["Idempotency-Key"]
    listing = document["paths"]["/api/v1/usulan"]["get"]
    assert {p["name"] for p in listing["parameters"]} == {"year", "stage", "changed_since", "cursor", "limit"}


def test_no_interactive_page_from_a_cdn():
    assert Client().get("/api/v1/docs").status_code == 404
    assert Client().get("/api/v1/").status_code == 404
