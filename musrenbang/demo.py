"""Demo Musrenbang for Kukar: last year's cycle (RKPD of next year) with usulan settled at every stage, this
year's cycle open for citizens' proposals, and one demo account for each deciding role. Safe to run again."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.demo import seed_user
from accounts.models import Role, RoleAssignment, User
from musrenbang import services
from musrenbang.models import DECIDING_STAGES, Cycle, Field, StageWindow, Usulan, UsulanStatusChange
from perencanaan import demo as perencanaan_demo
from perencanaan.models import Activity
from wilayah.demo import seed_agencies
from wilayah.models import Agency, Desa

# (title, problem, field slug, kind, volume, unit, cost, beneficiaries, desa index, path of decisions). A decision
# is "decision[:detail]" (an agency, a reason, a redirect target and agency) or "accommodation@activity code".
USULAN = [
    (
        "Semenisasi jalan lingkungan RT 03",
        "Jalan tanah RT 03 becek dan berlubang setiap musim hujan, anak sekolah sering terjatuh.",
        "prasarana-wilayah",
        "fisik",
        "250",
        "meter",
        375_000_000,
        ["anak", "lansia"],
        0,
        ["diteruskan", "diteruskan", "diteruskan:Dinas PUPR", "diakomodasi@1.03.10.2.01", "diakomodasi"],
    ),
    (
        "Posyandu ramah disabilitas di RW 02",
        "Posyandu berada di rumah panggung tanpa jalur landai; ibu dengan kursi roda tidak dapat masuk.",
        "sosial-budaya",
        "fisik",
        "1",
        "unit",
        180_000_000,
        ["perempuan", "anak", "disabilitas"],
        0,
        ["diteruskan", "diteruskan", "diteruskan:Dinas Kesehatan", "diakomodasi_sebagian@1.02.02.2.01"],
    ),
    (
        "Pelatihan pengolahan ikan asin bagi ibu rumah tangga",
        "Hasil tangkapan nelayan dijual murah karena tidak diolah.",
        "ekonomi",
        "non_fisik",
        "30",
        "orang",
        45_000_000,
        ["perempuan", "keluarga_miskin"],
        1,
        ["diteruskan", "diteruskan", "dialihkan:renja:Dinas Perikanan dan Kelautan"],
    ),
    (
        "Gapura selamat datang kelurahan",
        "Batas kelurahan tidak jelas bagi pendatang.",
        "pemerintahan",
        "fisik",
        "1",
        "unit",
        120_000_000,
        [],
        0,
        ["diteruskan", "ditolak:Bukan kebutuhan mendesak; dapat dibiayai swadaya atau APBDes."],
    ),
    (
        "Penerangan jalan tenaga surya di jalan poros",
        "Jalan poros gelap pada malam hari dan rawan kecelakaan.",
        "prasarana-wilayah",
        "barang",
        "20",
        "titik",
        300_000_000,
        ["perempuan", "lansia"],
        2,
        ["diteruskan", "diteruskan", "ditunda:Menunggu survei titik lampu oleh Dinas Perhubungan."],
    ),
    (
        "Sumur bor air bersih RT 07",
        "Warga RT 07 mengambil air sungai untuk minum saat kemarau.",
        "prasarana-wilayah",
        "fisik",
        "1",
        "unit",
        95_000_000,
        ["anak", "keluarga_miskin"],
        3,
        ["diteruskan", "diteruskan"],
    ),
]
OPERATORS = [
    ("operator.desa", "Operator Kelurahan Maluhu", Role.OPERATOR_DESA),
    ("operator.kecamatan", "Operator Kecamatan Tenggarong", Role.OPERATOR_KECAMATAN),
    ("verifikator.pupr", "Verifikator Dinas PUPR", Role.AGENCY_VERIFIER),
    ("bappeda.demo", "Bidang Perencanaan Bappeda", Role.BAPPEDA),
]


def last_year_windows(year: int) -> dict[str, tuple[date, date]]:
    """The usual calendar: RT/RW in January, desa by February, kecamatan in March, forums until April."""
    return {
        "rt_rw": (date(year, 1, 2), date(year, 1, 31)),
        "desa": (date(year, 2, 1), date(year, 2, 28)),
        "kecamatan": (date(year, 3, 1), date(year, 3, 20)),
        "forum_pd": (date(year, 3, 21), date(year, 4, 10)),
        "kabupaten": (date(year, 4, 11), date(year, 4, 30)),
    }


def seed_cycle(year: int, windows: dict[str, tuple[date, date]]) -> Cycle:
    cycle, _created = Cycle.objects.get_or_create(year=year, defaults={"desa_priority_limit": 10})
    for stage in DECIDING_STAGES:
        starts_on, ends_on = windows[stage]
        StageWindow.objects.get_or_create(
            cycle=cycle, stage=stage, defaults={"starts_on": starts_on, "ends_on": ends_on}
        )
    return cycle


def seed_operators(tenggarong_desa: Desa) -> dict[str, User]:
    units = {
        Role.OPERATOR_DESA: {"desa": tenggarong_desa},
        Role.OPERATOR_KECAMATAN: {"kecamatan": tenggarong_desa.kecamatan},
        Role.AGENCY_VERIFIER: {"agency": Agency.objects.get(short_name="Dinas PUPR")},
        Role.BAPPEDA: {},
    }
    people = {}
    for username, name, role in OPERATORS:
        user = seed_user(
            username,
            display_name=name,
            email=f"{username}@example.org",
            kecamatan=tenggarong_desa.kecamatan.name,
        )
        RoleAssignment.objects.get_or_create(user=user, role=role, **units[role])
        people[role] = user
    return people


@transaction.atomic
def seed(*, citizen: User) -> list[tuple[str, str]]:
    """The demo cycles, usulan and operators; the (role, username) pairs to print for trying them."""
    seed_agencies()
    perencanaan_demo.seed()  # the Renstra activities the accommodated usulan are linked to
    this_year = timezone.localdate().year
    desa_list = list(Desa.objects.filter(kecamatan__name="Tenggarong").order_by("name")[:4])
    home = citizen.desa or desa_list[0]
    people = seed_operators(home)
    past = seed_cycle(this_year + 1, last_year_windows(this_year))
    today = timezone.localdate()
    seed_cycle(
        this_year + 2, {stage: (today - timedelta(days=7), today + timedelta(days=60)) for stage in DECIDING_STAGES}
    )
    if not past.usulan.exists():
        places = [home, *[desa for desa in desa_list if desa != home]]
        windows = last_year_windows(this_year)
        for n, row in enumerate(USULAN):
            _seed_usulan(past, row, places[min(row[8], len(places) - 1)], citizen if n == 0 else None, people, windows)
    return [(str(Role(role).label), user.username) for role, user in people.items()]


def _seed_usulan(cycle, row, desa, citizen, people, windows):
    title, problem, field_slug, kind, volume, unit, cost, beneficiaries, _place, path = row
    on_day = windows["rt_rw"][0] + timedelta(days=3)
    data = {
        "problem": problem,
        "title": title,
        "description": problem + " Usulan ini dibahas bersama warga pada musyawarah RT.",
        "kind": kind,
        "field": Field.objects.get(slug=field_slug),
        "rw": 2,
        "rt": 3,
        "volume": Decimal(volume),
        "unit": unit,
        "estimated_cost": cost,
        "beneficiaries": beneficiaries,
    }
    operator = people[Role.OPERATOR_DESA]
    usulan = services.usulan_create(
        cycle=cycle,
        desa=desa,
        data=data,
        proposer=citizen,
        proposer_name="" if citizen else "Ketua RT 03",
        recorded_by=None if citizen else operator,
        origin="warga" if citizen else "musyawarah_rt_rw",
        today=on_day,
    )
    _backdate(usulan, on_day)
    by_stage = {
        "rt_rw": operator,
        "desa": operator,
        "kecamatan": people[Role.OPERATOR_KECAMATAN],
        "forum_pd": people[Role.AGENCY_VERIFIER],
        "kabupaten": people[Role.BAPPEDA],
    }
    for step in path:
        usulan.refresh_from_db()
        step, _sep, activity_code = step.partition("@")
        decision, _sep, detail = step.partition(":")
        day = windows[usulan.stage][0] + timedelta(days=5)
        extra = {}
        if decision == "diteruskan" and detail:
            extra["agency"] = _agency(detail)
        elif decision == "dialihkan":
            target, _sep, agency = detail.partition(":")
            extra = {"redirect_target": target, "agency": _agency(agency)}
        elif detail:
            extra["reason"] = detail
        if activity_code:
            extra["activity"] = Activity.objects.get(code=activity_code, programme__agency=usulan.agency)
        actor = by_stage[usulan.stage]
        if services.decider_for(user=actor, usulan=usulan) is None:
            actor = people[Role.BAPPEDA]  # the demo has operators for one desa and one agency; Bappeda does the rest
        change = services.usulan_decide(usulan=usulan, actor=actor, decision=decision, today=day, **extra)
        UsulanStatusChange.objects.filter(pk=change.pk).update(at=_moment(day))


def _agency(name: str) -> Agency:
    return Agency.objects.get(Q(name=name) | Q(short_name=name))


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _backdate(usulan: Usulan, day: date) -> None:
    Usulan.objects.filter(pk=usulan.pk).update(created_at=_moment(day))
    usulan.status_changes.update(at=_moment(day))


def generate_usulan(count: int, *, year: int) -> int:
    """`count` usulan of one cycle for load tests (bulk, no e-mail), spread over every desa, field, stage and
    outcome, each with its "diajukan" timeline entry and, when beyond the RT/RW, one decision."""
    from django.db.models import Max

    cycle = seed_cycle(year, {stage: (date(year - 1, 1, 2), date(year - 1, 12, 31)) for stage in DECIDING_STAGES})
    desa_list = list(Desa.objects.select_related("kecamatan").order_by("pk"))
    fields = list(Field.objects.order_by("pk"))
    agencies = list(Agency.objects.order_by("pk")) or [None]
    stages = [stage for stage, _label in Usulan._meta.get_field("stage").choices]
    start = (Usulan.objects.filter(cycle=cycle).aggregate(last=Max("sequence"))["last"] or 0) + 1
    region = services.region_code(desa=desa_list[0])
    now = timezone.now()
    rows = []
    for n in range(start, start + count):
        desa = desa_list[n % len(desa_list)]
        stage = stages[n % len(stages)]
        settled = n % 7 == 3
        rows.append(
            Usulan(
                code=f"{year}-{region}-{n:06d}",
                cycle=cycle,
                sequence=n,
                origin="musyawarah_rt_rw",
                problem="Jalan lingkungan rusak dan tergenang saat hujan.",
                title=f"Perbaikan jalan lingkungan nomor {n}",
                description="Jalan tanah sepanjang permukiman warga perlu disemenisasi agar dapat dilalui.",
                kind="fisik",
                field=fields[n % len(fields)],
                kecamatan_id=desa.kecamatan_id,
                desa=desa,
                rw=n % 9 + 1,
                rt=n % 12 + 1,
                volume=Decimal(100 + n % 400),
                unit="meter",
                estimated_cost=50_000_000 + (n % 40) * 5_000_000,
                for_women=n % 3 == 0,
                for_children=n % 4 == 0,
                for_disabled=n % 11 == 0,
                for_elderly=n % 5 == 0,
                for_poor=n % 6 == 0,
                proposer_name=f"Warga {n}",
                agency=agencies[n % len(agencies)] if stages.index(stage) >= 3 else None,
                stage=stage,
                status=(
                    Usulan.Status.IN_RKPD
                    if stage == "rkpd"
                    else Usulan.Status.REJECTED
                    if settled
                    else Usulan.Status.PENDING
                ),
                accommodation="diakomodasi" if stages.index(stage) >= 4 else "",
                created_at=now - timedelta(minutes=n * 3),
            )
        )
    created = Usulan.objects.bulk_create(rows, batch_size=2000)
    changes = []
    for usulan in created:
        moment = usulan.created_at
        changes.append(
            UsulanStatusChange(
                record=usulan,
                from_status="",
                to_status="dibahas",
                stage="rt_rw",
                decision="diajukan",
                unit=str(usulan.desa.name),
                actor_role="operator_desa",
                at=moment,
            )
        )
        if usulan.stage != "rt_rw":
            changes.append(
                UsulanStatusChange(
                    record=usulan,
                    from_status="dibahas",
                    to_status=usulan.status,
                    stage="rt_rw",
                    decision="ditolak" if usulan.status == Usulan.Status.REJECTED else "diteruskan",
                    note="Dibahas pada musyawarah RT.",
                    unit=str(usulan.desa.name),
                    actor_role="operator_desa",
                    at=moment + timedelta(days=30),
                )
            )
    UsulanStatusChange.objects.bulk_create(changes, batch_size=5000)
    Cycle.objects.filter(pk=cycle.pk).update(last_sequence=start + count - 1)
    return count
