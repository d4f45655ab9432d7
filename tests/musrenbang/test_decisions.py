"""Deciding at each stage: the table of decisions, what each does to the one record, reasons, merges,
windows and their reopening, and two deciders at once."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from musrenbang import services
from musrenbang.models import STAGE_DECISIONS, StageWindow, Usulan, WindowReopening
from tests.musrenbang.conftest import decide, last_change, walk_to

pytestmark = pytest.mark.django_db


def test_decisions_allowed_per_stage():
    assert "diakomodasi" not in STAGE_DECISIONS["desa"] and "diteruskan" in STAGE_DECISIONS["desa"]
    assert {"diakomodasi", "diakomodasi_sebagian", "diteruskan"} <= STAGE_DECISIONS["forum_pd"]
    assert "diteruskan" not in STAGE_DECISIONS["kabupaten"] and "diakomodasi" in STAGE_DECISIONS["kabupaten"]
    assert STAGE_DECISIONS["rkpd"] == set()
    for stage in ("rt_rw", "desa", "kecamatan", "forum_pd", "kabupaten"):
        assert {"digabung", "ditolak", "ditunda", "dialihkan"} <= STAGE_DECISIONS[stage]


def test_one_record_travels_from_rt_to_rkpd(make_usulan, deciders, region):
    usulan = make_usulan()
    walk_to(usulan, "kabupaten", deciders, region)
    decide(usulan, deciders.bappeda, "diakomodasi_sebagian", reason="Volume 150 m tahun ini.")
    usulan.refresh_from_db()
    assert Usulan.objects.count() == 1
    assert (usulan.stage, usulan.status, usulan.accommodation) == ("rkpd", "masuk_rkpd", "diakomodasi_sebagian")
    timeline = list(usulan.status_changes.values_list("stage", "decision", "unit", "actor_role"))
    assert timeline == [
        ("rt_rw", "diajukan", "Kelurahan Maluhu", "warga"),
        ("rt_rw", "diteruskan", "Kelurahan Maluhu", "operator_desa"),
        ("desa", "diteruskan", "Kelurahan Maluhu", "operator_desa"),
        ("kecamatan", "diteruskan", "Kecamatan Tenggarong", "operator_kecamatan"),
        ("forum_pd", "diteruskan", "Dinas Pekerjaan Umum dan Penataan Ruang", "verifikator_opd"),
        ("kabupaten", "diakomodasi_sebagian", "Bappeda", "bappeda"),
    ]
    assert usulan.agency == region.pupr


def test_accepting_at_the_agency_forum_forwards_to_the_kabupaten(make_usulan, deciders, region):
    usulan = walk_to(make_usulan(), "forum_pd", deciders, region)
    decide(usulan, deciders.verifier, "diakomodasi")
    usulan.refresh_from_db()
    assert (usulan.stage, usulan.status, usulan.accommodation) == ("kabupaten", "dibahas", "diakomodasi")


def test_rejection_needs_a_reason(make_usulan, deciders):
    usulan = make_usulan()
    with pytest.raises(services.UsulanRefused, match="alasan penolakan") as refused:
        decide(usulan, deciders.desa, "ditolak", reason="   ")
    assert refused.value.field == "reason"
    usulan.refresh_from_db()
    assert usulan.status == "dibahas" and usulan.status_changes.count() == 1


def test_rejection_is_final_with_its_reason_public(make_usulan, deciders):
    usulan = make_usulan()
    decide(usulan, deciders.desa, "ditolak", reason="Sudah dibiayai APBDes 2026.")
    usulan.refresh_from_db()
    assert usulan.status == "ditolak"
    assert usulan.status_changes.last().note == "Sudah dibiayai APBDes 2026."
    with pytest.raises(services.UsulanRefused, match="sudah selesai dibahas"):
        decide(usulan, deciders.bappeda, "diteruskan")


def test_postponed_usulan_can_be_decided_again(make_usulan, deciders):
    usulan = make_usulan()
    decide(usulan, deciders.desa, "ditunda", reason="Menunggu data pengukuran.")
    decide(usulan, deciders.desa, "diteruskan")
    usulan.refresh_from_db()
    assert (usulan.stage, usulan.status) == ("desa", "dibahas")


def test_merging_links_both_usulan(make_usulan, deciders, client):
    kept = make_usulan(title="Jalan RT 03 dan RT 04")
    merged = make_usulan(title="Jalan RT 04")
    decide(merged, deciders.desa, "digabung", merged_into=kept, reason="Ruas jalan yang sama.")
    merged.refresh_from_db()
    assert merged.status == "digabung" and merged.merged_into == kept
    assert list(kept.merged_from.all()) == [merged]
    assert kept.get_absolute_url() in client.get(merged.get_absolute_url()).content.decode()
    assert merged.get_absolute_url() in client.get(kept.get_absolute_url()).content.decode()


def test_merging_into_itself_or_a_rejected_usulan_is_refused(make_usulan, deciders):
    usulan = make_usulan()
    rejected = make_usulan(title="Ditolak")
    decide(rejected, deciders.desa, "ditolak", reason="Di luar kewenangan.")
    with pytest.raises(services.UsulanRefused, match="tahun RKPD yang sama"):
        decide(usulan, deciders.desa, "digabung", merged_into=usulan)
    with pytest.raises(services.UsulanRefused, match="pilih usulan yang masih berjalan"):
        decide(usulan, deciders.desa, "digabung", merged_into=rejected)


def test_redirecting_to_an_agency_renja_names_the_agency(make_usulan, deciders, region):
    usulan = make_usulan()
    with pytest.raises(services.UsulanRefused, match="Renja") as refused:
        decide(usulan, deciders.desa, "dialihkan", redirect_target="renja")
    assert refused.value.field == "agency"
    decide(usulan, deciders.desa, "dialihkan", redirect_target="renja", agency=region.dinkes)
    usulan.refresh_from_db()
    assert (usulan.status, usulan.redirect_target, usulan.agency) == ("dialihkan", "renja", region.dinkes)


def test_forwarding_to_the_agency_forum_needs_an_agency(make_usulan, deciders, region):
    usulan = walk_to(make_usulan(), "kecamatan", deciders, region)
    with pytest.raises(services.UsulanRefused, match="perangkat daerah"):
        decide(usulan, deciders.kecamatan, "diteruskan")


def test_a_decision_the_stage_does_not_offer_is_refused(make_usulan, deciders):
    usulan = make_usulan()
    with pytest.raises(services.UsulanRefused, match="tidak tersedia pada tahap Musyawarah RT/RW"):
        decide(usulan, deciders.desa, "diakomodasi")


def test_decisions_outside_the_stage_window_are_refused(make_usulan, deciders, cycle):
    usulan = make_usulan()
    StageWindow.objects.filter(cycle=cycle, stage="rt_rw").update(ends_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.UsulanRefused, match="tidak sedang berjalan"):
        decide(usulan, deciders.desa, "diteruskan")
    with pytest.raises(services.UsulanRefused, match="tidak sedang berjalan"):
        decide(usulan, deciders.bappeda, "diteruskan")  # Bappeda too: it reopens the stage instead


def test_bappeda_reopens_a_closed_stage_and_it_is_recorded(make_usulan, deciders, cycle):
    usulan = make_usulan()
    yesterday = timezone.localdate() - timedelta(days=1)
    StageWindow.objects.filter(cycle=cycle, stage="rt_rw").update(ends_on=yesterday)
    window = StageWindow.objects.get(cycle=cycle, stage="rt_rw")
    until = timezone.localdate() + timedelta(days=3)
    services.window_reopen(window=window, actor=deciders.bappeda, ends_on=until, reason="Banjir menunda musyawarah.")
    reopening = WindowReopening.objects.get()
    assert (reopening.previous_ends_on, reopening.ends_on, reopening.actor) == (yesterday, until, deciders.bappeda)
    decide(usulan, deciders.desa, "diteruskan")
    usulan.refresh_from_db()
    assert usulan.stage == "desa"


def test_only_bappeda_reopens_and_always_with_a_reason(deciders, cycle):
    window = StageWindow.objects.get(cycle=cycle, stage="desa")
    until = timezone.localdate() + timedelta(days=3)
    with pytest.raises(services.UsulanRefused, match="Hanya Bappeda"):
        services.window_reopen(window=window, actor=deciders.kecamatan, ends_on=until, reason="Perlu waktu")
    with pytest.raises(services.UsulanRefused, match="alasan"):
        services.window_reopen(window=window, actor=deciders.bappeda, ends_on=until, reason=" ")
    assert not WindowReopening.objects.exists()


def test_desa_priority_rank_is_limited_and_unique_per_desa(make_usulan, deciders):
    first, second = make_usulan(), make_usulan(title="Posyandu")
    decide(first, deciders.desa, "diteruskan", priority=1)
    with pytest.raises(services.UsulanRefused, match="P1 sudah dipakai"):
        decide(second, deciders.desa, "diteruskan", priority=1)
    with pytest.raises(services.UsulanRefused, match="antara P1 dan P3"):
        decide(second, deciders.desa, "diteruskan", priority=4)
    decide(second, deciders.desa, "diteruskan", priority=2)
    first.refresh_from_db()
    assert first.priority_label == "P1"


def test_someone_who_saw_an_older_timeline_is_told_and_nothing_is_saved(make_usulan, deciders):
    usulan = make_usulan()
    seen = last_change(usulan)
    services.usulan_decide(usulan=usulan, actor=deciders.desa, decision="diteruskan", seen_change=seen)
    with pytest.raises(services.UsulanRefused, match="baru saja diputuskan oleh orang lain"):
        services.usulan_decide(
            usulan=usulan, actor=deciders.bappeda, decision="ditolak", reason="Ganda", seen_change=seen
        )
    usulan.refresh_from_db()
    assert (usulan.stage, usulan.status, usulan.status_changes.count()) == ("desa", "dibahas", 2)


def test_a_decider_outside_the_unit_is_refused_by_the_service(make_usulan, deciders):
    usulan = make_usulan()
    for outsider in (deciders.desa_other, deciders.kecamatan, deciders.verifier):
        with pytest.raises(services.UsulanRefused, match="tidak sedang dibahas di unit Anda"):
            decide(usulan, outsider, "diteruskan")


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a PostgreSQL "
    "test by nature (the stale-timeline refusal is tested on both backends above)",
)
def test_two_deciders_at_once_one_wins_the_other_is_told(make_usulan, deciders):
    usulan = make_usulan()
    seen = last_change(usulan)
    start = threading.Barrier(2)

    def decide_now(actor, decision):
        try:
            start.wait()
            services.usulan_decide(usulan=usulan, actor=actor, decision=decision, reason="Rapat", seen_change=seen)
            return "saved"
        except services.UsulanRefused as refusal:
            return str(refusal)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(decide_now, [deciders.desa, deciders.bappeda], ["diteruskan", "ditolak"]))
    assert results.count("saved") == 1
    assert any("baru saja diputuskan" in result for result in results)
    assert usulan.status_changes.count() == 2
