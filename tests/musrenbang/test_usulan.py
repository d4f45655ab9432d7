"""Proposing: the public code, the stage an origin enters, the windows, the per-person limit."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from musrenbang import services
from musrenbang.models import Follow, StageWindow, Usulan
from tests.musrenbang.conftest import usulan_data

pytestmark = pytest.mark.django_db


def test_public_code_is_year_region_and_sequence(make_usulan, cycle):
    first = make_usulan()
    second = make_usulan(title="Lampu jalan")
    assert first.code == f"{cycle.year}-6402-000001"
    assert second.code == f"{cycle.year}-6402-000002"
    assert re.fullmatch(r"\d{4}-\d{4}-\d{6}", first.code)


def test_citizen_usulan_starts_at_rt_rw_with_a_public_first_entry(make_usulan):
    usulan = make_usulan()
    entry = usulan.status_changes.get()
    assert usulan.stage == "rt_rw" and usulan.status == "dibahas"
    assert entry.decision == "diajukan" and entry.unit == "Kelurahan Maluhu" and entry.role_label == "warga"
    assert usulan.kecamatan.name == "Tenggarong"
    assert usulan.beneficiaries == ["Anak", "Lansia"] and usulan.for_elderly and not usulan.for_women


def test_proposer_follows_their_usulan(make_usulan, resident):
    usulan = make_usulan()
    assert Follow.objects.filter(usulan=usulan, user=resident).exists()


def test_operator_records_a_resident_by_name_at_the_desa_stage(make_usulan, deciders):
    usulan = make_usulan(proposer_name="Pak Darmin", origin="desa", recorded_by=deciders.desa)
    assert usulan.stage == "desa" and usulan.proposer is None and usulan.proposer_label == "Pak Darmin"
    assert not usulan.follows.exists()


def test_pokir_enters_at_the_agency_forum(make_usulan, deciders):
    usulan = make_usulan(proposer_name="Fraksi DPRD", origin="pokir", recorded_by=deciders.bappeda)
    assert usulan.stage == "forum_pd"


def test_recording_without_any_proposer_is_refused(cycle, fields, region):
    with pytest.raises(services.UsulanRefused, match="nama pengusul"):
        services.usulan_create(cycle=cycle, desa=region.maluhu, data=usulan_data(fields), origin="desa")


def test_proposals_are_refused_once_the_rt_rw_window_closed(make_usulan, cycle):
    StageWindow.objects.filter(cycle=cycle, stage="rt_rw").update(ends_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(services.UsulanRefused, match="tidak sedang berjalan"):
        make_usulan()
    assert not Usulan.objects.exists()


def test_a_citizen_has_a_daily_limit(make_usulan, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 2
    make_usulan()
    make_usulan()
    with pytest.raises(services.UsulanRefused, match="2 usulan dalam 24 jam"):
        make_usulan()
    assert Usulan.objects.count() == 2


def test_codes_are_numbered_per_year(make_usulan, fields, region, resident):
    from tests.musrenbang.conftest import open_cycle

    make_usulan()
    later = open_cycle(timezone.localdate().year + 2)
    other = services.usulan_create(cycle=later, desa=region.maluhu, data=usulan_data(fields), proposer=resident)
    assert other.code == f"{later.year}-6402-000001"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
    reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a PostgreSQL "
    "test by nature (numbering itself is tested on both backends above)",
)
def test_parallel_proposals_get_distinct_consecutive_codes(cycle, fields, region, deciders):
    parallel = 16
    start = threading.Barrier(parallel)

    def propose(n):
        try:
            start.wait()
            return services.usulan_create(
                cycle=cycle,
                desa=region.maluhu,
                data=usulan_data(fields, title=f"Usulan serentak {n}"),
                proposer_name=f"Warga {n}",
                recorded_by=deciders.desa,
                origin="musyawarah_rt_rw",
            ).code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=parallel) as pool:
        codes = list(pool.map(propose, range(parallel)))
    assert sorted(codes) == [f"{cycle.year}-6402-{n:06d}" for n in range(1, parallel + 1)]
    cycle.refresh_from_db()
    assert cycle.last_sequence == parallel
