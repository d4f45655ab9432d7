"""Demo complaint categories, a complaint team, an agency liaison and complaints in several states, for the
demo seeding (idempotent: a second run changes nothing). Accounts: `pengaduan.demo` handles every agency's
complaints; `pupr.demo` is Dinas PUPR's liaison; both use the demo password."""

from accounts.demo import seed_user
from accounts.models import Role, RoleAssignment
from pengaduan import services
from pengaduan.models import Category, Complaint
from wilayah.demo import seed_agencies
from wilayah.models import Agency, Kecamatan

CATEGORIES = [
    ("Jalan dan jembatan", "Dinas PUPR"),
    ("Air bersih dan drainase", "Dinas PUPR"),
    ("Sampah dan lingkungan", "DLH"),
    ("Layanan kesehatan", "Dinkes"),
    ("Administrasi kependudukan", "Disdukcapil"),
    ("Perencanaan pembangunan", "Bappeda"),
]


def seed(*, citizen=None) -> None:
    seed_agencies()
    agencies = {agency.short_name: agency for agency in Agency.objects.all()}
    categories = {}
    for name, short_name in CATEGORIES:
        categories[name] = Category.objects.get_or_create(name=name, defaults={"agency": agencies[short_name]})[0]
    handler = seed_user(
        "pengaduan.demo", display_name="Tim Pengaduan", email="pengaduan.demo@example.org", kecamatan="Tenggarong"
    )
    liaison = seed_user(
        "pupr.demo", display_name="Penghubung PUPR", email="pupr.demo@example.org", kecamatan="Tenggarong"
    )
    RoleAssignment.objects.get_or_create(user=handler, role=Role.COMPLAINT_HANDLER, agency=None)
    RoleAssignment.objects.get_or_create(user=liaison, role=Role.AGENCY_VERIFIER, agency=agencies["Dinas PUPR"])
    if Complaint.objects.exists():
        return
    tenggarong = Kecamatan.objects.get(name="Tenggarong")
    samboja = Kecamatan.objects.filter(name="Samboja").first() or tenggarong
    answered = services.complaint_file(
        kind=Complaint.Kind.COMPLAINT,
        category=categories["Jalan dan jembatan"],
        title="Jembatan kayu di Maluhu berlubang",
        description="Papan jembatan penghubung RT 07 dan RT 08 Kelurahan Maluhu patah di dua tempat; "
        "anak sekolah melintas setiap pagi.",
        kecamatan=tenggarong,
        reporter=citizen,
        reporter_name="" if citizen else "Warga Maluhu",
        reporter_email="" if citizen else "warga.maluhu@example.org",
        recorded_by=None if citizen else handler,
        channel=Complaint.Channel.WEB if citizen else Complaint.Channel.WHATSAPP,
    )
    services.complaint_verify(complaint=answered, actor=handler)
    services.complaint_dispose(complaint=answered, actor=handler, agencies=[agencies["Dinas PUPR"]])
    services.disposition_answer(
        disposition=answered.dispositions.get(),
        actor=liaison,
        answer="Tim UPT Jalan dan Jembatan telah mengganti papan yang patah pada hari ini; "
        "penggantian seluruh lantai jembatan dianggarkan tahun depan.",
    )
    across = services.complaint_file(
        kind=Complaint.Kind.COMPLAINT,
        category=categories["Sampah dan lingkungan"],
        title="Sampah menumpuk di tepi Sungai Mahakam dekat pasar",
        description="Tumpukan sampah pasar dibuang ke tepi sungai dan menyumbat saluran saat hujan.",
        kecamatan=tenggarong,
        privacy=Complaint.Privacy.ANONYMOUS,
        reporter_name="Pedagang pasar",
        recorded_by=handler,
        channel=Complaint.Channel.COUNTER,
    )
    services.complaint_verify(complaint=across, actor=handler)
    services.complaint_dispose(
        complaint=across, actor=handler, agencies=[agencies["DLH"], agencies["Dinas PUPR"]], instruction="Cek bersama."
    )
    services.complaint_file(
        kind=Complaint.Kind.SUGGESTION,
        category=categories["Perencanaan pembangunan"],
        title="Usul jalur sepeda di jalan poros Samboja",
        description="Banyak pelajar bersepeda di bahu jalan poros; mohon dipertimbangkan jalur sepeda.",
        kecamatan=samboja,
        reporter_name="Budi",
        reporter_email="budi.samboja@example.org",
        recorded_by=handler,
        channel=Complaint.Channel.SMS,
    )


def generate_complaints(count: int, *, reporter=None) -> int:
    """`count` complaints over the past year for load tests (bulk, no history rows, no e-mail): most verified
    and public, one in ten "rahasia", the newest still waiting; deadlines computed as the services do."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from kalender.workdays import WorkingCalendar
    from pengaduan.models import FINAL_DAYS_INTERNAL, INITIAL_DAYS

    seed_agencies()
    agency = Agency.objects.get(short_name="Dinas PUPR")
    category = Category.objects.get_or_create(name="Jalan dan jembatan", defaults={"agency": agency})[0]
    kecamatan = list(Kecamatan.objects.active()[:20]) or [Kecamatan.objects.create(name="Tenggarong")]
    calendar, deadlines = WorkingCalendar(), {}
    now = timezone.now()
    rows = []
    for n in range(count):
        received = now - timedelta(minutes=n * max(1, 525_600 // max(count, 1)))
        local = timezone.localtime(received)
        key = (local.date(), local.time() <= settings.OFFICE_CLOSES)
        if key not in deadlines:
            deadlines[key] = (
                calendar.add_working_days(received, INITIAL_DAYS),
                calendar.add_working_days(received, FINAL_DAYS_INTERNAL),
            )
        initial_due, final_due = deadlines[key]
        verified = n % 10 != 0 and n >= 50
        rows.append(
            Complaint(
                category=category,
                agency=agency,
                title=f"Jalan rusak nomor {n}",
                description="Jalan berlubang dan tergenang saat hujan.",
                kecamatan=kecamatan[n % len(kecamatan)],
                privacy=Complaint.Privacy.SECRET if n % 10 == 5 else Complaint.Privacy.NORMAL,
                reporter=reporter,
                reporter_name="" if reporter else f"Warga {n}",
                status=Complaint.Status.VERIFIED if verified else Complaint.Status.RECEIVED,
                created_at=received,
                received_at=received,
                verified_at=received + timedelta(hours=2) if verified else None,
                initial_due=initial_due,
                initial_met_at=received + timedelta(hours=2) if verified else None,
                final_due=final_due,
            )
        )
    Complaint.objects.bulk_create(rows, batch_size=2000)
    return count
