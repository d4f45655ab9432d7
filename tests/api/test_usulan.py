"""An agency's system reads the usulan sent to its agency — and only those — with filters, cursor pages, and
one usulan with its public timeline."""

from datetime import timedelta

import pytest
from django.utils import timezone

from musrenbang.models import Usulan
from tests.api.conftest import api_client, issue
from tests.musrenbang.conftest import decide as site_decide
from tests.musrenbang.conftest import open_cycle, walk_to

pytestmark = pytest.mark.django_db


def codes(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["code"] for item in response.json()["items"]]


def test_lists_only_what_reached_the_agency(pupr, make_usulan, deciders, region):
    at_forum = walk_to(make_usulan(title="Jalan"), "forum_pd", deciders, region)
    beyond = walk_to(make_usulan(title="Drainase"), "kabupaten", deciders, region)
    # Named for PUPR by the desa already, but still in the kecamatan's hands: not PUPR's yet.
    early = walk_to(make_usulan(title="Jembatan"), "kecamatan", deciders, region)
    Usulan.objects.filter(pk=early.pk).update(agency=region.pupr)
    # Sent to the other agency.
    other = walk_to(make_usulan(title="Puskesmas"), "kecamatan", deciders, region)
    site_decide(other, deciders.kecamatan, "diteruskan", agency=region.dinkes)
    # Redirected by the kecamatan to PUPR's Renja: PUPR's to plan, though it never reached the forum.
    renja = walk_to(make_usulan(title="Gorong-gorong"), "kecamatan", deciders, region)
    site_decide(renja, deciders.kecamatan, "dialihkan", redirect_target="renja", agency=region.pupr)
    assert sorted(codes(pupr.get("/api/v1/usulan"))) == sorted([at_forum.code, beyond.code, renja.code])
    for hidden in (early, other):
        response = pupr.get(f"/api/v1/usulan/{hidden.code}")
        assert response.status_code == 404
        assert response.json()["detail"].startswith("Usulan tidak ditemukan")


def test_another_agencys_token_sees_none_of_them(dinkes, at_forum):
    assert codes(dinkes.get("/api/v1/usulan")) == []
    assert dinkes.get(f"/api/v1/usulan/{at_forum.code}").status_code == 404


def test_an_item_says_what_the_agency_may_decide_now(pupr, dinkes_token, at_forum, deciders):
    item = pupr.get("/api/v1/usulan").json()["items"][0]
    assert item["stage"] == "forum_pd" and item["status"] == "dibahas"
    assert item["agency"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert set(item["decisions_available"]) == {
        "diteruskan",
        "diakomodasi",
        "diakomodasi_sebagian",
        "digabung",
        "ditolak",
        "ditunda",
        "dialihkan",
    }
    assert (item["year"], item["kecamatan"], item["desa"]) == (at_forum.cycle.year, "Tenggarong", "Maluhu")
    assert item["beneficiaries"] == ["anak", "lansia"]
    assert item["url"].endswith(f"/musrenbang/{at_forum.code}/")
    site_decide(at_forum, deciders.verifier, "diakomodasi")
    assert pupr.get("/api/v1/usulan").json()["items"][0]["decisions_available"] == []


def test_filters_by_year_stage_and_change(pupr, make_usulan, deciders, region, fields, resident):
    first = walk_to(make_usulan(), "forum_pd", deciders, region)
    second = walk_to(make_usulan(), "kabupaten", deciders, region)
    later_cycle = open_cycle(first.cycle.year + 1)
    from musrenbang import services
    from tests.musrenbang.conftest import usulan_data

    third = services.usulan_create(
        cycle=later_cycle, desa=region.maluhu, data=usulan_data(fields), proposer=resident, origin="warga"
    )
    walk_to(third, "forum_pd", deciders, region)
    assert sorted(codes(pupr.get("/api/v1/usulan", {"year": first.cycle.year}))) == sorted([first.code, second.code])
    assert codes(pupr.get("/api/v1/usulan", {"year": later_cycle.year})) == [third.code]
    assert codes(pupr.get("/api/v1/usulan", {"stage": "kabupaten"})) == [second.code]
    mark = timezone.now()
    site_decide(first, deciders.verifier, "ditunda", reason="Menunggu DED.")
    assert codes(pupr.get("/api/v1/usulan", {"changed_since": mark.isoformat()})) == [first.code]
    in_wita = timezone.localtime(mark).replace(tzinfo=None).isoformat()  # no zone: read as WITA
    assert codes(pupr.get("/api/v1/usulan", {"changed_since": in_wita})) == [first.code]
    soon = (timezone.now() + timedelta(minutes=1)).isoformat()
    assert codes(pupr.get("/api/v1/usulan", {"changed_since": soon})) == []


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"stage": "kelurahan"}, "stage"),
        ({"year": "dua ribu"}, "year"),
        ({"changed_since": "kemarin"}, "changed_since"),
        ({"limit": 201}, "limit"),
        ({"limit": 0}, "limit"),
        ({"cursor": "bukan-kursor"}, "cursor"),
    ],
)
def test_a_bad_filter_is_named_in_indonesian(pupr, query, field):
    response = pupr.get("/api/v1/usulan", query)
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == field
    assert isinstance(body["detail"], str) and body["detail"]
    assert "Input should" not in body["detail"]


def test_cursor_pages_cover_every_usulan_once(pupr, make_usulan, deciders, region):
    made = {walk_to(make_usulan(), "forum_pd", deciders, region).code for _ in range(5)}
    seen, cursor, pages = [], None, 0
    while True:
        query = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = pupr.get("/api/v1/usulan", query).json()
        seen += [item["code"] for item in body["items"]]
        pages += 1
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3 and len(seen) == 5 and set(seen) == made


def test_the_list_runs_the_same_queries_for_few_or_many(pupr, make_usulan, deciders, region, django_assert_num_queries):
    walk_to(make_usulan(), "forum_pd", deciders, region)
    with django_assert_num_queries(6) as few:  # token, its minute count (4 with the savepoint), the page
        assert len(codes(pupr.get("/api/v1/usulan"))) == 1
    for _ in range(6):  # recorded at a meeting: no citizen's daily limit
        walk_to(make_usulan(proposer_name="Pak Darmin", origin="musyawarah_rt_rw"), "forum_pd", deciders, region)
    with django_assert_num_queries(len(few.captured_queries)):
        assert len(codes(pupr.get("/api/v1/usulan"))) == 7


def test_detail_has_the_public_timeline_without_names(pupr, at_forum, deciders, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):  # token, its count (4), usulan, photos, timeline
        response = pupr.get(f"/api/v1/usulan/{at_forum.code}")
    assert response.status_code == 200
    body = response.json()
    assert [(entry["stage"], entry["decision"], entry["role"]) for entry in body["timeline"]] == [
        ("rt_rw", "diajukan", "warga"),
        ("rt_rw", "diteruskan", "operator_desa"),
        ("desa", "diteruskan", "operator_desa"),
        ("kecamatan", "diteruskan", "operator_kecamatan"),
    ]
    assert body["timeline"][-1]["agency"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    text = response.content.decode()
    for person in ("Op Maluhu", "Op Tenggarong", deciders.desa.username, "Siti"):
        assert person not in text
    assert body["photos"] == []


def test_two_tokens_of_one_agency_see_the_same(pupr, region, superuser, at_forum):
    _token, plain = issue(region.pupr, superuser, "Cadangan")
    assert codes(api_client(plain).get("/api/v1/usulan")) == codes(pupr.get("/api/v1/usulan")) == [at_forum.code]
