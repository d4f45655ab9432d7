"""Who reaches which Musrenbang page: the deciding roles over the right and the wrong unit, Bappeda, a citizen
and an anonymous visitor. Out of scope is 404, so another unit's usulan look absent."""

import pytest
from django.urls import reverse

from musrenbang.models import UsulanImport
from tests.helpers import client_for
from tests.musrenbang.conftest import walk_to

pytestmark = pytest.mark.django_db

PEOPLE = [
    "desa",
    "desa_other",
    "kecamatan",
    "kecamatan_other",
    "verifier",
    "verifier_other",
    "bappeda",
    "citizen",
    "anonymous",
]
#                 desa  desa2 kec  kec2 verif verif2 bappeda citizen anonymous
DECIDE_AT = {
    "rt_rw": [200, 404, 404, 404, 404, 404, 200, 404, 404],
    "desa": [200, 404, 404, 404, 404, 404, 200, 404, 404],
    "kecamatan": [404, 404, 200, 404, 404, 404, 200, 404, 404],
    "forum_pd": [404, 404, 404, 404, 200, 404, 200, 404, 404],
    "kabupaten": [404, 404, 404, 404, 404, 404, 200, 404, 404],
}
WORKLIST = [200, 200, 200, 200, 200, 200, 200, 404, 404]
REOPEN = [404, 404, 404, 404, 404, 404, 200, 404, 404]
RECORD = [200, 200, 404, 404, 404, 404, 200, 404, 404]  # operators desa and Bappeda
IMPORT = RECORD  # a desa's recap: its operators and Bappeda
IMPORT_OF_MALUHU = [200, 404, 404, 404, 404, 404, 200, 404, 404]
PUBLIC = [200] * 9
CREATE = [200] * 8 + [302]  # anonymous → "Masuk"
FOLLOW_BY_GET = [405] * 8 + [302]


@pytest.fixture
def people(deciders, resident):
    return {**vars(deciders), "citizen": resident, "anonymous": None}


def statuses(people, path, method="get", data=None):
    return {name: getattr(client_for(people[name]), method)(path, data or {}).status_code for name in PEOPLE}


@pytest.mark.parametrize("stage", list(DECIDE_AT))
def test_decision_page_only_for_whoever_is_in_charge_of_the_stage(people, make_usulan, deciders, region, stage):
    usulan = walk_to(make_usulan(), stage, deciders, region)
    got = statuses(people, reverse("musrenbang:decide", args=[usulan.code]))
    assert got == dict(zip(PEOPLE, DECIDE_AT[stage], strict=True))


def test_outsiders_posting_a_decision_get_404_and_change_nothing(people, make_usulan):
    usulan = make_usulan()
    path = reverse("musrenbang:decide", args=[usulan.code])
    form = {"decision": "ditolak", "reason": "Bukan urusan saya", "seen_change": usulan.status_changes.get().pk}
    for name in ["desa_other", "kecamatan", "kecamatan_other", "verifier", "verifier_other", "citizen", "anonymous"]:
        assert client_for(people[name]).post(path, form).status_code == 404
    usulan.refresh_from_db()
    assert usulan.status == "dibahas" and usulan.status_changes.count() == 1


def test_other_pages_by_role(people, make_usulan, cycle):
    usulan = make_usulan()
    window = cycle.windows.get(stage="desa")
    assert statuses(people, reverse("musrenbang:worklist")) == dict(zip(PEOPLE, WORKLIST, strict=True))
    assert statuses(people, reverse("musrenbang:record")) == dict(zip(PEOPLE, RECORD, strict=True))
    for name in ("musrenbang:import_upload", "musrenbang:import_template"):
        assert statuses(people, reverse(name)) == dict(zip(PEOPLE, IMPORT, strict=True))
    batch = UsulanImport.objects.create(cycle=cycle, desa=usulan.desa, original_name="rekap.xlsx")
    detail = reverse("musrenbang:import_detail", args=[batch.pk])
    assert statuses(people, detail) == dict(zip(PEOPLE, IMPORT_OF_MALUHU, strict=True))
    assert statuses(people, reverse("musrenbang:window_reopen", args=[window.pk])) == dict(
        zip(PEOPLE, REOPEN, strict=True)
    )
    for name in ("musrenbang:index", "musrenbang:download"):
        assert statuses(people, reverse(name)) == dict(zip(PEOPLE, PUBLIC, strict=True))
    for name, unit in (("musrenbang:feed_kecamatan", usulan.kecamatan_id), ("musrenbang:feed_desa", usulan.desa_id)):
        assert statuses(people, reverse(name, args=[unit])) == dict(zip(PEOPLE, PUBLIC, strict=True))
    assert statuses(people, usulan.get_absolute_url()) == dict(zip(PEOPLE, PUBLIC, strict=True))
    assert statuses(people, reverse("musrenbang:create")) == dict(zip(PEOPLE, CREATE, strict=True))
    follow = reverse("musrenbang:follow", args=[usulan.code])
    assert statuses(people, follow) == dict(zip(PEOPLE, FOLLOW_BY_GET, strict=True))


def test_worklist_shows_only_the_usulan_of_ones_unit_at_ones_stage(people, make_usulan, deciders, region, fields):
    at_maluhu = make_usulan(title="Drainase Maluhu")
    at_kampung_lama = make_usulan(title="Sumur bor Kampung Lama", desa=region.kampung_lama)
    at_kecamatan = walk_to(make_usulan(title="Jembatan ulin"), "kecamatan", deciders, region)
    at_forum = walk_to(make_usulan(title="Puskesmas pembantu"), "forum_pd", deciders, region)

    def titles(name):
        return {u.title for u in client_for(people[name]).get(reverse("musrenbang:worklist")).context["page"]}

    assert titles("desa") == {at_maluhu.title}
    assert titles("desa_other") == {at_kampung_lama.title}
    assert titles("kecamatan") == {at_kecamatan.title}
    assert titles("kecamatan_other") == set()
    assert titles("verifier") == {at_forum.title}
    assert titles("verifier_other") == set()
    assert titles("bappeda") == {at_maluhu.title, at_kampung_lama.title, at_kecamatan.title, at_forum.title}
