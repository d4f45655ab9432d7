import pytest
from django.urls import reverse

from tests.helpers import make_user
from wilayah.demo import AGENCIES, seed_agencies
from wilayah.models import Agency

pytestmark = pytest.mark.django_db


def test_demo_agencies_are_seeded_once_with_short_names_and_kinds():
    assert seed_agencies() == len(AGENCIES)
    assert seed_agencies() == 0
    pupr = Agency.objects.get(short_name="Dinas PUPR")
    assert pupr.kind == Agency.Kind.OFFICE and pupr.active
    assert str(pupr) == "Dinas PUPR"


def test_retired_agencies_leave_the_active_list_but_stay():
    seed_agencies()
    Agency.objects.filter(short_name="Dispar").update(active=False)
    assert not Agency.objects.active().filter(short_name="Dispar").exists()
    assert Agency.objects.filter(short_name="Dispar").exists()


def test_superuser_manages_agencies_in_the_admin_but_cannot_delete_one(client):
    seed_agencies()
    client.force_login(make_user("admin", display_name="Admin", is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:wilayah_agency_changelist"))
    assert page.status_code == 200 and "Dinas PUPR" in page.content.decode()
    response = client.post(
        reverse("admin:wilayah_agency_add"),
        {"name": "Dinas Koperasi dan UKM", "short_name": "Diskop", "kind": "dinas", "active": "on"},
    )
    assert response.status_code == 302 and Agency.objects.filter(short_name="Diskop").exists()
    agency = Agency.objects.get(short_name="Diskop")
    assert client.get(reverse("admin:wilayah_agency_delete", args=[agency.pk])).status_code == 403
