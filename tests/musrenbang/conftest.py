"""A small piece of Kukar for the Musrenbang tests: two kecamatan with Kemendagri codes, two agencies, a
planning cycle whose every stage is open today, and one person in each deciding role over each unit."""

from datetime import timedelta
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from musrenbang import services
from musrenbang.models import DECIDING_STAGES, Cycle, Field, Origin, StageWindow
from tests.helpers import make_user
from wilayah.models import Agency, Desa, Kecamatan


@pytest.fixture
def region(kecamatan):
    Kecamatan.objects.filter(name="Tenggarong").update(code="64.02.05")
    Kecamatan.objects.filter(name="Samboja").update(code="64.02.01")
    for name, code in [("Maluhu", "64.02.05.1001"), ("Sukarame", "64.02.05.1002"), ("Kampung Lama", "64.02.01.2001")]:
        Desa.objects.filter(name=name).update(code=code)
    return SimpleNamespace(
        tenggarong=Kecamatan.objects.get(name="Tenggarong"),
        samboja=Kecamatan.objects.get(name="Samboja"),
        maluhu=Desa.objects.get(name="Maluhu"),
        sukarame=Desa.objects.get(name="Sukarame"),
        kampung_lama=Desa.objects.get(name="Kampung Lama"),
        pupr=Agency.objects.create(
            name="Dinas Pekerjaan Umum dan Penataan Ruang", short_name="Dinas PUPR", kind="dinas"
        ),
        dinkes=Agency.objects.create(name="Dinas Kesehatan", short_name="Dinkes", kind="dinas"),
    )


@pytest.fixture
def fields(db):
    # Made by a data migration; a transactional test's flush empties it, hence get_or_create.
    road = Field.objects.get_or_create(slug="prasarana-wilayah", defaults={"name": "Prasarana Wilayah"})[0]
    social = Field.objects.get_or_create(slug="sosial-budaya", defaults={"name": "Sosial Budaya"})[0]
    return SimpleNamespace(road=road, social=social)


def open_cycle(year: int) -> Cycle:
    today = timezone.localdate()
    cycle = Cycle.objects.create(year=year, desa_priority_limit=3)
    for stage in DECIDING_STAGES:
        StageWindow.objects.create(
            cycle=cycle, stage=stage, starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=10)
        )
    return cycle


@pytest.fixture
def cycle(db):
    return open_cycle(timezone.localdate().year + 1)


def assign(username, role, **unit):
    user = make_user(username, display_name=username.replace("_", " ").title())
    RoleAssignment.objects.create(user=user, role=role, **unit)
    return user


@pytest.fixture
def deciders(region):
    return SimpleNamespace(
        desa=assign("op_maluhu", Role.OPERATOR_DESA, desa=region.maluhu),
        desa_other=assign("op_kampung_lama", Role.OPERATOR_DESA, desa=region.kampung_lama),
        kecamatan=assign("op_tenggarong", Role.OPERATOR_KECAMATAN, kecamatan=region.tenggarong),
        kecamatan_other=assign("op_samboja", Role.OPERATOR_KECAMATAN, kecamatan=region.samboja),
        verifier=assign("verif_pupr", Role.AGENCY_VERIFIER, agency=region.pupr),
        verifier_other=assign("verif_dinkes", Role.AGENCY_VERIFIER, agency=region.dinkes),
        bappeda=assign("bappeda", Role.BAPPEDA),
    )


@pytest.fixture
def resident(citizen, region):
    citizen.desa = region.maluhu
    citizen.save(update_fields=["desa"])
    return citizen


def usulan_data(fields, **changes) -> dict:
    data = {
        "problem": "Jalan lingkungan RT 03 berlubang dan tergenang setiap hujan.",
        "title": "Semenisasi jalan lingkungan RT 03",
        "description": "Jalan tanah sepanjang 200 meter dipakai anak sekolah dan pedagang.",
        "kind": "fisik",
        "field": fields.road,
        "rw": 2,
        "rt": 3,
        "latitude": None,
        "longitude": None,
        "volume": Decimal("200"),
        "unit": "meter",
        "estimated_cost": 150_000_000,
        "beneficiaries": ["anak", "lansia"],
    }
    return {**data, **changes}


@pytest.fixture
def make_usulan(cycle, fields, resident, region):
    def make(*, desa=None, proposer=None, **changes):
        if proposer is None and "proposer_name" not in changes:
            proposer = resident
        name = changes.pop("proposer_name", "")
        origin = changes.pop("origin", Origin.CITIZEN)
        recorded_by = changes.pop("recorded_by", None)
        return services.usulan_create(
            cycle=cycle,
            desa=desa or region.maluhu,
            data=usulan_data(fields, **changes),
            proposer=proposer,
            proposer_name=name,
            recorded_by=recorded_by,
            origin=origin,
        )

    return make


def last_change(usulan) -> int:
    return usulan.status_changes.order_by("-at", "-pk").values_list("pk", flat=True).first()


def decide(usulan, actor, decision, **extra):
    """A decision taken by someone who has just seen the usulan's page."""
    usulan.refresh_from_db()
    return services.usulan_decide(
        usulan=usulan, actor=actor, decision=decision, seen_change=last_change(usulan), **extra
    )


def walk_to(usulan, stage, deciders, region):
    """Forward an usulan stage by stage with the right person at each, up to `stage`."""
    steps = [
        ("rt_rw", deciders.desa, {}),
        ("desa", deciders.desa, {}),
        ("kecamatan", deciders.kecamatan, {"agency": region.pupr}),
        ("forum_pd", deciders.verifier, {}),
        ("kabupaten", deciders.bappeda, {}),
    ]
    for step_stage, actor, extra in steps:  # noqa: B007 (the stage names the step)
        usulan.refresh_from_db()
        if usulan.stage == stage:
            return usulan
        decide(usulan, actor, "diteruskan", **extra)
    usulan.refresh_from_db()
    return usulan
