"""An agency's system records its decision at the forum through the same service as the site, once per
Idempotency-Key; every refusal comes back as JSON in Indonesian, naming the field."""

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.utils import timezone

from api.models import ApiDecision
from musrenbang.models import StageWindow
from tests.api.conftest import decide
from tests.musrenbang.conftest import decide as site_decide
from tests.musrenbang.conftest import last_change, walk_to

pytestmark = pytest.mark.django_db


def test_the_agency_accepts_at_its_forum(pupr, pupr_token, at_forum):
    response = decide(pupr, at_forum.code, {"decision": "diakomodasi_sebagian", "reason": "Volume 150 m dulu."})
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["usulan"]["stage"], body["usulan"]["accommodation"]) == ("kabupaten", "diakomodasi_sebagian")
    assert body["decision"]["unit"] == "Dinas Pekerjaan Umum dan Penataan Ruang"
    assert (body["decision"]["role"], body["decision"]["reason"]) == ("verifikator_opd", "Volume 150 m dulu.")
    at_forum.refresh_from_db()
    assert (at_forum.stage, at_forum.status) == ("kabupaten", "dibahas")
    change = at_forum.status_changes.order_by("-pk").first()
    assert (change.decision, change.actor_id, change.public) == ("diakomodasi_sebagian", None, True)
    recorded = ApiDecision.objects.get()
    assert (recorded.token, recorded.change, recorded.key) == (pupr_token[0], change, "kunci-1")
    # On the public page like any decision.
    page = Client().get(at_forum.get_absolute_url()).content.decode()
    assert "Volume 150 m dulu." in page


def test_the_same_key_replays_the_answer_without_deciding_again(pupr, at_forum):
    first = decide(pupr, at_forum.code, {"decision": "ditunda", "reason": "Menunggu DED."}, key="sync-42")
    again = decide(pupr, at_forum.code, {"reason": "Menunggu DED.", "decision": "ditunda"}, key="sync-42")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again.content == first.content
    assert again["Idempotent-Replayed"] == "true" and not first.has_header("Idempotent-Replayed")
    assert at_forum.status_changes.filter(decision="ditunda").count() == 1


def test_the_same_key_for_another_request_is_a_conflict(pupr, at_forum):
    decide(pupr, at_forum.code, {"decision": "ditunda", "reason": "Menunggu DED."}, key="sync-42")
    response = decide(pupr, at_forum.code, {"decision": "diakomodasi"}, key="sync-42")
    assert response.status_code == 409
    assert response.json() == {
        "detail": "Idempotency-Key ini sudah dipakai untuk permintaan lain. Pakai kunci baru untuk setiap "
        "keputusan yang berbeda.",
        "field": "Idempotency-Key",
    }
    at_forum.refresh_from_db()
    assert at_forum.status == "ditunda"


def test_keys_belong_to_their_token(pupr, region, superuser, at_forum):
    from tests.api.conftest import api_client, issue

    decide(pupr, at_forum.code, {"decision": "ditunda", "reason": "Menunggu DED."}, key="k")
    other = api_client(issue(region.pupr, superuser, "Cadangan")[1])
    response = decide(other, at_forum.code, {"decision": "diakomodasi"}, key="k")
    assert response.status_code == 201 and not response.has_header("Idempotent-Replayed")
    assert ApiDecision.objects.count() == 2


@pytest.mark.parametrize("key", [None, "", "dengan spasi", "x" * 101, "kunci\u00e9"])
def test_a_decision_needs_a_plain_idempotency_key(pupr, at_forum, key):
    response = decide(pupr, at_forum.code, {"decision": "diakomodasi"}, key=key)
    assert response.status_code == 422
    assert response.json()["field"] == "Idempotency-Key"
    at_forum.refresh_from_db()
    assert at_forum.stage == "forum_pd"


def test_a_refusal_stores_nothing_so_the_key_can_be_sent_again(pupr, at_forum):
    refused = decide(pupr, at_forum.code, {"decision": "ditolak", "reason": "  "}, key="tolak-1")
    assert refused.status_code == 422
    assert refused.json() == {"detail": "Tuliskan alasan penolakan: pengusul berhak mengetahuinya.", "field": "reason"}
    assert not ApiDecision.objects.exists()
    fixed = decide(pupr, at_forum.code, {"decision": "ditolak", "reason": "Sudah dianggarkan APBN."}, key="tolak-1")
    assert fixed.status_code == 201
    at_forum.refresh_from_db()
    assert at_forum.status == "ditolak"


def test_a_closed_window_is_refused(pupr, at_forum):
    yesterday = timezone.localdate() - timedelta(days=1)
    StageWindow.objects.filter(cycle=at_forum.cycle, stage="forum_pd").update(
        starts_on=yesterday - timedelta(days=5), ends_on=yesterday
    )
    response = decide(pupr, at_forum.code, {"decision": "diakomodasi"})
    assert response.status_code == 422
    assert "tidak sedang berjalan" in response.json()["detail"]


def test_an_usulan_past_the_forum_is_readable_but_not_decidable(pupr, make_usulan, deciders, region):
    beyond = walk_to(make_usulan(), "kabupaten", deciders, region)
    assert pupr.get(f"/api/v1/usulan/{beyond.code}").status_code == 200
    response = decide(pupr, beyond.code, {"decision": "diakomodasi"})
    assert response.status_code == 422
    assert response.json()["detail"] == "Usulan ini tidak sedang dibahas di unit Anda."
    beyond.refresh_from_db()
    assert beyond.stage == "kabupaten" and beyond.accommodation == ""


def test_the_proposed_decision_is_not_one_to_take(pupr, at_forum):
    response = decide(pupr, at_forum.code, {"decision": "diajukan"})
    assert response.status_code == 422 and response.json()["field"] == "decision"
    assert "Pilihan tidak dikenal" in response.json()["detail"]


def test_someone_deciding_meanwhile_is_a_conflict(pupr, at_forum, deciders):
    seen = last_change(at_forum)
    site_decide(at_forum, deciders.verifier, "ditunda", reason="Rapat verifikasi.")
    response = decide(pupr, at_forum.code, {"decision": "diakomodasi", "last_change_id": seen})
    assert response.status_code == 409
    assert response.json()["detail"].startswith("Usulan ini baru saja diputuskan oleh orang lain.")
    at_forum.refresh_from_db()
    assert at_forum.status == "ditunda"


def test_another_agency_cannot_decide(dinkes, at_forum):
    response = decide(dinkes, at_forum.code, {"decision": "ditolak", "reason": "Bukan urusan kami."})
    assert response.status_code == 404
    at_forum.refresh_from_db()
    assert (at_forum.status, ApiDecision.objects.count()) == ("dibahas", 0)


def test_an_usulan_not_yet_sent_cannot_be_decided(pupr, make_usulan, deciders, region):
    early = walk_to(make_usulan(), "kecamatan", deciders, region)
    assert decide(pupr, early.code, {"decision": "diakomodasi"}).status_code == 404
    assert decide(pupr, "2027-6402-999999", {"decision": "diakomodasi"}).status_code == 404


def test_merging_names_the_target_by_its_code(pupr, make_usulan, deciders, region, at_forum):
    target = walk_to(make_usulan(title="Jalan poros"), "forum_pd", deciders, region)
    unknown = decide(pupr, at_forum.code, {"decision": "digabung", "merged_into": "2027-6402-999999"}, key="m1")
    assert unknown.status_code == 422
    assert unknown.json() == {"detail": "Tidak ada usulan dengan kode 2027-6402-999999.", "field": "merged_into"}
    merged = decide(pupr, at_forum.code, {"decision": "digabung", "merged_into": target.code}, key="m2")
    assert merged.status_code == 201
    assert merged.json()["usulan"]["merged_into"] == target.code


def test_redirecting_to_dprd(pupr, at_forum):
    response = decide(pupr, at_forum.code, {"decision": "dialihkan", "redirect_target": "pokir", "reason": "Pokir."})
    assert response.status_code == 201
    assert (response.json()["usulan"]["status"], response.json()["usulan"]["redirect_target"]) == (
        "dialihkan",
        "pokir",
    )


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"decision": "ditolak", "reason": "Alasan\x00tersembunyi"}, "reason"),
        ({"decision": "ditolak", "reason": "Alasan\x1b[31m merah"}, "reason"),
        ({"decision": "digabung", "merged_into": "2027\n6402"}, "merged_into"),
        ({"decision": "ditolak", "reason": "x" * 2001}, "reason"),
        ({"decision": "dialihkan", "redirect_target": "kemana-saja"}, "redirect_target"),
        ({"decision": "ditolak", "reason": "Cukup.", "actor": 1}, "actor"),
        ({"reason": "Tanpa keputusan."}, "decision"),
    ],
)
def test_hostile_or_wrong_input_is_refused_by_field(pupr, at_forum, body, field):
    response = decide(pupr, at_forum.code, body)
    assert response.status_code == 422, response.content
    assert response.json()["field"] == field
    at_forum.refresh_from_db()
    assert at_forum.status == "dibahas" and not ApiDecision.objects.exists()


def test_control_characters_are_named_in_indonesian(pupr, at_forum):
    response = decide(pupr, at_forum.code, {"decision": "ditolak", "reason": "a\x07b"})
    assert response.json()["detail"] == "Tidak boleh berisi karakter kendali selain baris baru dan tab."


def test_a_line_break_in_a_reason_is_kept(pupr, at_forum):
    response = decide(pupr, at_forum.code, {"decision": "ditolak", "reason": "Baris satu.\nBaris dua."})
    assert response.status_code == 201
    assert response.json()["decision"]["reason"] == "Baris satu.\nBaris dua."


def test_a_body_that_is_not_json_is_refused(pupr, at_forum):
    response = pupr.post(
        f"/api/v1/usulan/{at_forum.code}/keputusan",
        "{decision: ditolak",
        content_type="application/json",
        headers={"Idempotency-Key": "k"},
    )
    assert response.status_code == 400
    assert response.json() == {"detail": "Isi permintaan bukan JSON yang sah.", "field": None}


def test_a_huge_body_is_refused_before_it_is_read(pupr, at_forum):
    huge = json.dumps({"decision": "ditolak", "reason": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = pupr.post(
        f"/api/v1/usulan/{at_forum.code}/keputusan",
        huge,
        content_type="application/json",
        headers={"Idempotency-Key": "k"},
    )
    assert response.status_code == 413
    assert response.json()["detail"] == "Permintaan terlalu besar."
    at_forum.refresh_from_db()
    assert at_forum.status == "dibahas"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a PostgreSQL "
    "test by nature (replaying a key is tested on both backends above)",
)
def test_the_same_request_sent_twice_at_once_decides_once(pupr_token, at_forum):
    _token, plain = pupr_token
    parallel = 4
    start = threading.Barrier(parallel)

    def send(_n):
        try:
            client = Client(headers={"Authorization": f"Bearer {plain}"})
            start.wait()
            response = decide(client, at_forum.code, {"decision": "diakomodasi"}, key="kembar")
            return response.status_code, response.content
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        results = list(pool.map(send, range(parallel)))
    assert {status for status, _body in results} == {201}
    assert len({body for _status, body in results}) == 1  # every one got the same answer
    assert at_forum.status_changes.filter(decision="diakomodasi").count() == 1
    assert ApiDecision.objects.count() == 1


def test_accepting_links_the_renstra_activity_by_its_code(pupr, at_forum, region):
    from perencanaan.models import Activity, Programme

    roads = Programme.objects.create(agency=region.pupr, code="1.03.10", name="Program Penyelenggaraan Jalan")
    Activity.objects.create(programme=roads, code="1.03.10.2.01", name="Penyelenggaraan Jalan Kabupaten")
    health = Programme.objects.create(agency=region.dinkes, code="1.02.02", name="Program Upaya Kesehatan")
    Activity.objects.create(programme=health, code="1.02.02.2.01", name="Penyediaan Fasilitas Kesehatan")
    # Once the agency's Renstra is in the portal, accepting without naming the activity is refused …
    missing = decide(pupr, at_forum.code, {"decision": "diakomodasi"}, key="a")
    assert missing.status_code == 422 and missing.json()["field"] == "activity"
    # … and so is another agency's activity, named by its code.
    foreign = decide(pupr, at_forum.code, {"decision": "diakomodasi", "activity": "1.02.02.2.01"}, key="b")
    assert foreign.status_code == 422
    assert foreign.json() == {
        "detail": "Tidak ada kegiatan Renstra dengan kode 1.02.02.2.01 di perangkat daerah Anda.",
        "field": "activity",
    }
    accepted = decide(pupr, at_forum.code, {"decision": "diakomodasi", "activity": "1.03.10.2.01"}, key="c")
    assert accepted.status_code == 201, accepted.content
    body = accepted.json()
    assert (body["usulan"]["programme_code"], body["usulan"]["activity_code"]) == ("1.03.10", "1.03.10.2.01")
    assert body["decision"]["activity_code"] == "1.03.10.2.01"
    assert "Penyelenggaraan Jalan Kabupaten" in Client().get(at_forum.get_absolute_url()).content.decode()
