"""What citizens and desa websites take away: the funnel, the Atom feeds per kecamatan and desa, the XLSX."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from tests.musrenbang.conftest import decide, walk_to

pytestmark = pytest.mark.django_db


@pytest.fixture
def journey(make_usulan, deciders, region, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 20
    in_rkpd = walk_to(make_usulan(title="Jalan usaha tani"), "kabupaten", deciders, region)
    decide(in_rkpd, deciders.bappeda, "diakomodasi")
    accepted = walk_to(make_usulan(title="Posyandu"), "forum_pd", deciders, region)
    decide(accepted, deciders.verifier, "diakomodasi_sebagian")
    walk_to(make_usulan(title="Drainase"), "kecamatan", deciders, region)
    rejected = make_usulan(title='=HYPERLINK("http://contoh.test")')
    decide(rejected, deciders.desa, "ditolak", reason="Bukan usulan pembangunan.")
    far = make_usulan(title="Sumur bor Kampung Lama", desa=region.kampung_lama)
    return {"in_rkpd": in_rkpd, "accepted": accepted, "rejected": rejected, "far": far}


def test_funnel_counts_each_step_of_the_filtered_list(journey, client, region):
    response = client.get(reverse("musrenbang:index"), {"kecamatan": region.tenggarong.pk})
    steps = {step.label: step.count for step in response.context["funnel"].steps}
    assert steps == {"Diusulkan": 4, "Diteruskan ke kecamatan": 3, "Diakomodasi": 2, "Masuk RKPD": 1}
    page = response.content.decode()
    assert 'aria-label="Diusulkan: 4; Diteruskan ke kecamatan: 3; Diakomodasi: 2; Masuk RKPD: 1"' in page
    assert page.count('class="funnel-bar') == 4 and 'width="250' in page


def test_desa_feed_lists_only_that_desas_decisions(journey, client, region):
    response = client.get(reverse("musrenbang:feed_desa", args=[region.maluhu.pk]))
    feed = response.content.decode()
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "Bukan usulan pembangunan." in feed and "Ditolak (Musyawarah RT/RW)" in feed
    assert "Sumur bor Kampung Lama" not in feed
    assert journey["in_rkpd"].get_absolute_url() in feed


def test_kecamatan_feed_lists_its_desas_and_an_unknown_unit_is_404(journey, client, region):
    feed = client.get(reverse("musrenbang:feed_kecamatan", args=[region.samboja.pk])).content.decode()
    assert "Sumur bor Kampung Lama" in feed and "Posyandu" not in feed
    assert client.get(reverse("musrenbang:feed_kecamatan", args=[999999])).status_code == 404


def test_xlsx_holds_the_filtered_list_and_no_formula(journey, client):
    response = client.get(reverse("musrenbang:download"), {"keputusan": "dibahas"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Kode", "Tahun RKPD", "Judul")
    assert sorted(r[2] for r in rows[1:]) == ["Drainase", "Posyandu", "Sumur bor Kampung Lama"]
    everything = list(load_workbook(io.BytesIO(client.get(reverse("musrenbang:download")).content)).active.values)
    assert '\'=HYPERLINK("http://contoh.test")' in [r[2] for r in everything]
