"""The XLSX shaped for entry into SIPD: its columns follow the mapping staff keep in the admin, Bappeda gets every
usulan of the filtered list and an agency verifier only those sent to their agency; anyone else gets 404."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from musrenbang.models import DEFAULT_SIPD_COLUMNS, SipdColumn
from perencanaan.models import Activity, Programme
from tests.helpers import client_for
from tests.musrenbang.conftest import decide, walk_to

pytestmark = pytest.mark.django_db
SIPD = "musrenbang:sipd_download"


def rows(response) -> list[tuple]:
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.values)


@pytest.fixture
def sent(make_usulan, deciders, region, settings):
    """One usulan at the PUPR forum (accommodated, linked), one sent to Dinkes, one still at the desa."""
    settings.MUSRENBANG_USULAN_PER_DAY = 50
    roads = Programme.objects.create(agency=region.pupr, code="1.03.10", name="Program Penyelenggaraan Jalan")
    activity = Activity.objects.create(programme=roads, code="1.03.10.2.01", name="Penyelenggaraan Jalan Kabupaten")
    road = walk_to(make_usulan(title="Jalan"), "forum_pd", deciders, region)
    decide(road, deciders.verifier, "diakomodasi", activity=activity)
    clinic = walk_to(make_usulan(title="Posyandu"), "kecamatan", deciders, region)
    decide(clinic, deciders.kecamatan, "diteruskan", agency=region.dinkes)
    desa = make_usulan(title="Gapura")
    return {"road": road, "clinic": clinic, "desa": desa}


def test_the_columns_follow_the_mapping_kept_by_staff(sent, deciders):
    SipdColumn.objects.all().delete()
    SipdColumn.objects.create(order=2, header="Kode Kegiatan", source="kode_kegiatan")
    SipdColumn.objects.create(order=1, header="No. Usulan", source="kode")
    SipdColumn.objects.create(order=3, header="Pagu", source="biaya")
    header, *data = rows(client_for(deciders.bappeda).get(reverse(SIPD), {"opd": sent["road"].agency_id}))
    assert header == ("No. Usulan", "Kode Kegiatan", "Pagu")
    assert data == [(sent["road"].code, "1.03.10.2.01", 150_000_000)]


def test_without_a_mapping_the_default_columns_are_used(sent, deciders):
    SipdColumn.objects.all().delete()
    header, *_data = rows(client_for(deciders.bappeda).get(reverse(SIPD)))
    assert list(header) == [title for title, _source in DEFAULT_SIPD_COLUMNS]


def test_the_default_mapping_is_in_the_admin_for_staff_to_edit():
    assert list(SipdColumn.objects.values_list("header", flat=True))[:3] == ["Kode Usulan", "Tahun", "Kode Kecamatan"]


def test_bappeda_gets_every_usulan_and_the_lists_filters_apply(sent, deciders):
    client = client_for(deciders.bappeda)
    everything = rows(client.get(reverse(SIPD)))
    assert {row[0] for row in everything[1:]} == {usulan.code for usulan in sent.values()}
    at_forum = rows(client.get(reverse(SIPD), {"tahap": "forum_pd"}))
    assert [row[0] for row in at_forum[1:]] == [sent["clinic"].code]


def test_an_agency_verifier_gets_only_the_usulan_sent_to_their_agency(sent, deciders):
    exported = rows(client_for(deciders.verifier).get(reverse(SIPD)))
    assert [row[0] for row in exported[1:]] == [sent["road"].code]
    other = rows(client_for(deciders.verifier_other).get(reverse(SIPD)))
    assert [row[0] for row in other[1:]] == [sent["clinic"].code]


def test_everyone_else_gets_404(sent, deciders, resident):
    for person in (deciders.desa, deciders.kecamatan, resident, None):
        assert client_for(person).get(reverse(SIPD)).status_code == 404


def test_the_download_is_offered_to_those_who_may_use_it(sent, deciders, resident):
    link = "Unduh untuk SIPD (XLSX)"
    assert link in client_for(deciders.bappeda).get(reverse("musrenbang:index")).content.decode()
    assert link in client_for(deciders.verifier).get(reverse("musrenbang:worklist")).content.decode()
    assert link not in client_for(resident).get(reverse("musrenbang:index")).content.decode()
    assert link not in client_for(deciders.desa).get(reverse("musrenbang:worklist")).content.decode()


def test_cells_that_look_like_formulas_are_quoted(make_usulan, deciders):
    make_usulan(title='=HYPERLINK("http://contoh.test")')
    header, row = rows(client_for(deciders.bappeda).get(reverse(SIPD)))
    assert row[header.index("Usulan")] == '\'=HYPERLINK("http://contoh.test")'


def test_the_export_runs_a_fixed_number_of_queries(make_usulan, deciders, settings, django_assert_max_num_queries):
    settings.MUSRENBANG_USULAN_PER_DAY = 50
    for n in range(30):
        make_usulan(title=f"Usulan {n}")
    client = client_for(deciders.bappeda)
    with django_assert_max_num_queries(6):
        response = client.get(reverse(SIPD))
    assert len(rows(response)) == 31
