"""An usulan accommodated at the agency forum is linked to a Renstra activity of its agency, shown publicly with
its programme and RPJMD priority, and exported with their codes."""

import io
from types import SimpleNamespace

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from musrenbang.services import UsulanRefused
from perencanaan.models import Activity, Programme, RpjmdPriority
from tests.helpers import client_for
from tests.musrenbang.conftest import decide, last_change, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def renstra(region):
    priority = RpjmdPriority.objects.create(
        code="P1", name="Infrastruktur dasar dan konektivitas", start_year=2026, end_year=2031
    )
    roads = Programme.objects.create(
        agency=region.pupr, code="1.03.10", name="Program Penyelenggaraan Jalan", rpjmd_priority=priority
    )
    health = Programme.objects.create(agency=region.dinkes, code="1.02.02", name="Program Upaya Kesehatan")
    return SimpleNamespace(
        priority=priority,
        road=Activity.objects.create(programme=roads, code="1.03.10.2.01", name="Penyelenggaraan Jalan Kabupaten"),
        bridge=Activity.objects.create(programme=roads, code="1.03.10.2.02", name="Pembangunan Jembatan Desa"),
        clinic=Activity.objects.create(programme=health, code="1.02.02.2.01", name="Penyediaan Fasilitas Kesehatan"),
    )


@pytest.fixture
def at_forum(make_usulan, deciders, region):
    return walk_to(make_usulan(), "forum_pd", deciders, region)


def test_accommodating_at_the_forum_links_the_usulan_to_an_activity_of_its_agency(at_forum, deciders, renstra):
    change = decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.road)
    at_forum.refresh_from_db()
    assert at_forum.activity == renstra.road and at_forum.stage == "kabupaten"
    assert change.activity == renstra.road


def test_another_agencys_activity_is_refused_and_nothing_changes(at_forum, deciders, renstra):
    with pytest.raises(UsulanRefused) as refusal:
        decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.clinic)
    assert refusal.value.field == "activity" and "bukan kegiatan Renstra perangkat daerah tujuan" in str(refusal.value)
    at_forum.refresh_from_db()
    assert at_forum.activity is None and at_forum.stage == "forum_pd" and at_forum.status_changes.count() == 4


def test_accommodating_without_an_activity_is_refused_once_the_agency_has_its_renstra(at_forum, deciders, renstra):
    with pytest.raises(UsulanRefused) as refusal:
        decide(at_forum, deciders.verifier, "diakomodasi_sebagian")
    assert refusal.value.field == "activity" and "Pilih program/kegiatan Renstra" in str(refusal.value)


def test_without_a_renstra_in_the_portal_the_forum_still_accommodates(at_forum, deciders):
    decide(at_forum, deciders.verifier, "diakomodasi")
    at_forum.refresh_from_db()
    assert at_forum.stage == "kabupaten" and at_forum.activity is None


def test_an_activity_is_linked_only_when_the_usulan_is_accommodated(at_forum, deciders, renstra):
    with pytest.raises(UsulanRefused) as refusal:
        decide(at_forum, deciders.verifier, "diteruskan", activity=renstra.road)
    assert refusal.value.field == "activity" and "hanya bila usulan diakomodasi" in str(refusal.value)


def test_a_switched_off_activity_cannot_be_chosen(at_forum, deciders, renstra):
    Activity.objects.filter(pk=renstra.road.pk).update(active=False)
    with pytest.raises(UsulanRefused) as refusal:
        decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.road)
    assert "sudah tidak aktif" in str(refusal.value)


def test_the_kabupaten_may_change_the_activity(at_forum, deciders, renstra):
    decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.road)
    decide(at_forum, deciders.bappeda, "diakomodasi", activity=renstra.bridge)
    at_forum.refresh_from_db()
    assert at_forum.activity == renstra.bridge and at_forum.status == "masuk_rkpd"


def test_the_decision_form_offers_only_the_activities_of_the_usulans_agency(at_forum, deciders, renstra):
    client = client_for(deciders.verifier)
    path = reverse("musrenbang:decide", args=[at_forum.code])
    page = client.get(path).content.decode()
    assert "1.03.10.2.01 Penyelenggaraan Jalan Kabupaten" in page and "1.02.02.2.01" not in page
    form = {"decision": "diakomodasi", "seen_change": last_change(at_forum), "activity": renstra.clinic.pk}
    refused = client.post(path, form)
    assert refused.status_code == 400 and "activity" in refused.context["form"].errors
    form["activity"] = renstra.bridge.pk
    assert client.post(path, form).status_code == 302
    at_forum.refresh_from_db()
    assert at_forum.activity == renstra.bridge


def test_the_form_says_which_field_is_missing_when_no_activity_is_chosen(at_forum, deciders, renstra):
    path = reverse("musrenbang:decide", args=[at_forum.code])
    form = {"decision": "diakomodasi", "seen_change": last_change(at_forum), "reason": "Masuk Renja 2027"}
    response = client_for(deciders.verifier).post(path, form)
    assert response.status_code == 400
    assert "Pilih program/kegiatan Renstra" in str(response.context["form"].errors["activity"])
    assert "Masuk Renja 2027" in response.content.decode()  # what was typed is kept


def test_the_public_page_shows_the_programme_activity_and_rpjmd_priority(
    at_forum, deciders, renstra, client, django_assert_max_num_queries
):
    decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.road)
    with django_assert_max_num_queries(7):
        page = client.get(at_forum.get_absolute_url()).content.decode()
    assert "Program / Kegiatan Renstra" in page
    assert "1.03.10" in page and "Program Penyelenggaraan Jalan" in page and "1.03.10.2.01" in page
    assert "Infrastruktur dasar dan konektivitas (RPJMD 2026–2031)" in page
    assert "Dikaitkan dengan kegiatan Renstra" in page


def test_the_public_xlsx_carries_the_renstra_codes(at_forum, deciders, renstra, client):
    decide(at_forum, deciders.verifier, "diakomodasi", activity=renstra.road)
    sheet = load_workbook(io.BytesIO(client.get(reverse("musrenbang:download")).content)).active
    header, row = list(sheet.values)
    linked = dict(zip(header, row, strict=True))
    assert linked["Kode program Renstra"] == "1.03.10" and linked["Kode kegiatan Renstra"] == "1.03.10.2.01"
    assert linked["Prioritas RPJMD"] == "P1 Infrastruktur dasar dan konektivitas"
