"""Demo events (idempotent: an event whose title exists is left alone): an upcoming hybrid Musrenbang with
registration open and places kept per group, an in-person kecamatan Musrenbang, and a past public
consultation. With `citizen`, that citizen has applied for the first one."""

from datetime import datetime, timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts.models import User
from agenda.models import Application, Event, GroupQuota, ParticipantGroup, new_code
from agenda.services import application_create
from musrenbang.models import Cycle, Stage
from wilayah.models import Kecamatan

KEPT = {
    "Perempuan": 6,
    "Anak dan pemuda": 4,
    "Penyandang disabilitas": 4,
    "Komunitas": 4,
    "Perguruan tinggi": 3,
    "Dunia usaha": 3,
}


def _at(days: int, hour: int, minute: int = 0) -> datetime:
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour, minute))


def seed(*, citizen=None) -> int:
    made = 0
    tenggarong = Kecamatan.objects.filter(name="Tenggarong").first()
    # The Musrenbang events are stages of the latest planning cycle, when Musrenbang's demo made one.
    cycle = Cycle.objects.order_by("-year").first()
    events = [
        {
            "title": "Musrenbang RKPD Kabupaten Kutai Kartanegara",
            "kind": Event.Kind.MUSRENBANG_KABUPATEN,
            "mode": Event.Mode.BOTH,
            "description": "Musyawarah perencanaan pembangunan tingkat kabupaten untuk menyusun **RKPD**. "
            "Disiarkan langsung; peserta aktif daring dan di ruangan dipilih dari pendaftar, dengan tempat "
            "yang disediakan untuk perempuan, anak dan pemuda, penyandang disabilitas, komunitas, perguruan "
            "tinggi dan dunia usaha.",
            "starts_at": _at(21, 9),
            "ends_at": _at(21, 13),
            "place": "Pendopo Odah Etam, Tenggarong",
            "livestream_url": "https://www.youtube.com/@bappedakukar/live",
            "meeting_url": "https://zoom.us/j/0000000000?pwd=demo-hanya-contoh",
            "meeting_details": "ID 000 000 0000, sandi: contoh",
            "registration_opens_at": timezone.now() - timedelta(days=3),
            "registration_closes_at": _at(18, 10),
            "capacity": 40,
            "kept": KEPT,
            "cycle": cycle,
            "stage": Stage.KABUPATEN if cycle else "",
        },
        {
            "title": "Musrenbang Kecamatan Tenggarong",
            "kind": Event.Kind.MUSRENBANG_KECAMATAN,
            "mode": Event.Mode.IN_PERSON,
            "description": "Kepala desa dan lurah membawa usulan prioritas hasil musrenbang desa/kelurahan.",
            "starts_at": _at(9, 8, 30),
            "ends_at": _at(9, 12),
            "place": "Aula Kantor Camat Tenggarong",
            "kecamatan": tenggarong,
            "registration_opens_at": timezone.now() - timedelta(days=5),
            "registration_closes_at": _at(7, 16),
            "capacity": 60,
            "kept": {"Perempuan": 10, "Penyandang disabilitas": 5, "Anak dan pemuda": 5},
            "cycle": cycle,
            "stage": Stage.KECAMATAN if cycle else "",
        },
        {
            "title": "Konsultasi publik rancangan akhir RPJPD 2025–2045",
            "kind": Event.Kind.PUBLIC_CONSULTATION,
            "mode": Event.Mode.ONLINE,
            "description": "Pemaparan rancangan akhir RPJPD dan tanya jawab.",
            "starts_at": _at(-30, 14),
            "ends_at": _at(-30, 16),
            "livestream_url": "https://www.youtube.com/@bappedakukar/live",
            "capacity": 0,
            "kept": {},
        },
    ]
    for fields in events:
        kept = fields.pop("kept")
        if Event.objects.filter(title=fields["title"]).exists():
            continue
        event = Event.objects.create(is_published=True, **fields)
        for name, places in kept.items():
            group = ParticipantGroup.objects.get_or_create(name=name)[0]
            GroupQuota.objects.create(event=event, group=group, places=places)
        made += 1
    first = Event.objects.filter(title=events[0]["title"]).first()
    if citizen is not None and first and not Application.objects.filter(event=first, citizen=citizen).exists():
        application_create(
            event=first,
            citizen=citizen,
            group=ParticipantGroup.objects.get_or_create(name="Komunitas")[0],
            organisation="Kelompok Tani Maju Bersama",
            topic="Perbaikan jalan usaha tani dan irigasi tersier di desa kami.",
        )
    return made


def generate_applicants(event: Event, count: int) -> int:
    """`count` citizens applied for `event` in bulk (for the benchmark): groups in turn, a tenth with an
    accessibility need, a fifth of them selected up to the capacity."""
    groups = list(ParticipantGroup.objects.filter(active=True)) or [
        ParticipantGroup.objects.get_or_create(name="Komunitas")[0]
    ]
    kecamatan = list(Kecamatan.objects.all()[:20]) or [None]
    unusable = make_password(None)  # bulk-made people never sign in
    users = User.objects.bulk_create(
        User(username=f"pendaftar{event.pk}-{n}", display_name=f"Pendaftar {n}", password=unusable)
        for n in range(count)
    )
    codes: set[str] = set(Application.objects.filter(event=event).values_list("code", flat=True))
    applications, selected = [], 0
    for n, user in enumerate(users):
        code = new_code()
        while code in codes:
            code = new_code()
        codes.add(code)
        chosen = n % 5 == 0 and selected < event.capacity
        selected += chosen
        applications.append(
            Application(
                event=event,
                citizen=user,
                group=groups[n % len(groups)],
                kecamatan=kecamatan[n % len(kecamatan)],
                topic=f"Usulan nomor {n}: perbaikan jalan dan air bersih.",
                needs=["akses_kursi_roda"] if n % 10 == 0 else [],
                code=code,
                status=Application.Status.SELECTED if chosen else Application.Status.APPLIED,
            )
        )
    Application.objects.bulk_create(applications, batch_size=1000)
    return len(applications)
