"""Load the benchmark's data: a published topic with 2,000 replies in a random tree, a library of 10,000
documents, a citizen with 200 consultations, 100,000 complaints with a complaint handler, 100,000 Musrenbang
usulan over Kukar's 237 desa, an event with 5,000 applicants, and a staff member for the dashboard and the
event's selection page. Prints one JSON line with the signed-in sessions and the pages' URLs."""

import json
from datetime import timedelta

import django

django.setup()

from django.contrib.auth.models import Permission  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from accounts.models import Role, RoleAssignment, User  # noqa: E402
from agenda.demo import generate_applicants  # noqa: E402
from agenda.models import Event, GroupQuota, ParticipantGroup  # noqa: E402
from konsultasi.models import Consultation, Expert, Message  # noqa: E402
from musrenbang.demo import generate_usulan  # noqa: E402
from musrenbang.models import Usulan  # noqa: E402
from pengaduan.demo import generate_complaints  # noqa: E402
from pustaka.demo import generate_documents  # noqa: E402
from rpjpd.demo import generate_reply_tree  # noqa: E402
from rpjpd.models import Section, Topic  # noqa: E402

REPLIES = 2000
CONSULTATIONS = 200
COMPLAINTS = 100_000
APPLICANTS = 5000
USULAN = 100_000
USULAN_YEAR = timezone.localdate().year + 1

authors = [
    User.objects.get_or_create(username=f"bench{n}", defaults={"display_name": f"Warga Uji {n}"})[0] for n in range(60)
]
section = Section.objects.get(slug="isu-strategis-daerah")
topic = Topic.objects.create(
    section=section,
    title="Banjir di sepanjang Sungai Mahakam",
    slug="banjir-bench",
    body="Ceritakan pengalaman **banjir** di kampung Anda: kapan datang, berapa lama, apa yang paling dirugikan.",
    status=Topic.Status.PUBLISHED,
)
generate_reply_tree(topic=topic, count=REPLIES, authors=authors)
generate_documents(10_000)

experts = []
for n in range(3):
    user = User.objects.create_user(f"benchpakar{n}", password=None, display_name=f"Pakar Uji {n}")
    experts.append(Expert.objects.create(user=user, full_name=f"Dr. Pakar Uji {n}", institution="Universitas Uji"))
now = timezone.now()
consultations = Consultation.objects.bulk_create(
    Consultation(
        citizen=authors[0],
        expert=experts[n % 3],
        subject=f"Pertanyaan nomor {n}",
        created_at=now - timedelta(hours=n * 5),
        last_message_at=now - timedelta(hours=n * 5 - 2),
        first_answer_at=now - timedelta(hours=n * 5 - 2) if n % 4 else None,
        status=Consultation.Status.ANSWERED if n % 4 else Consultation.Status.WAITING,
    )
    for n in range(CONSULTATIONS)
)
Message.objects.bulk_create(
    Message(consultation=c, author=authors[0], body="Bagaimana pendapat Bapak/Ibu?", created_at=c.created_at)
    for c in consultations
)
staff = User.objects.create_user("benchstaf", password=None, display_name="Staf Uji", is_staff=True)
generate_complaints(COMPLAINTS, reporter=authors[1])
handler = User.objects.create_user("benchpengaduan", password=None, display_name="Petugas Pengaduan Uji")
RoleAssignment.objects.create(user=handler, role=Role.COMPLAINT_HANDLER)
staff.user_permissions.add(Permission.objects.get(codename="select_participants"))
event = Event.objects.create(
    title="Musrenbang RKPD Kabupaten (uji beban)",
    kind=Event.Kind.MUSRENBANG_KABUPATEN,
    mode=Event.Mode.BOTH,
    description="Musyawarah perencanaan pembangunan tingkat kabupaten.",
    starts_at=now + timedelta(days=20),
    ends_at=now + timedelta(days=20, hours=4),
    place="Pendopo Odah Etam, Tenggarong",
    livestream_url="https://example.org/live",
    meeting_url="https://example.org/rapat",
    registration_opens_at=now - timedelta(days=5),
    registration_closes_at=now + timedelta(days=15),
    capacity=300,
    is_published=True,
)
for group in ParticipantGroup.objects.all():
    GroupQuota.objects.create(event=event, group=group, places=20)
generate_applicants(event, APPLICANTS)
call_command("import_wilayah", "64.02", verbosity=0)  # the usulan need Kukar's 20 kecamatan and 237 desa
generate_usulan(USULAN, year=USULAN_YEAR)
usulan_sample = Usulan.objects.filter(cycle__year=USULAN_YEAR, stage="forum_pd").select_related("kecamatan").first()
# Bulk loading leaves the planner's statistics behind; autovacuum would analyse soon after in production.
with connection.cursor() as cursor:
    cursor.execute("ANALYZE")


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


print(
    json.dumps(
        {
            "reader": session_of(authors[0]),
            "staff": session_of(staff),
            "handler": session_of(handler),
            "topic": topic.get_absolute_url(),
            "event": event.get_absolute_url(),
            "selection": f"/agenda/staf/{event.pk}/",
            "usulan": usulan_sample.get_absolute_url(),
            "usulan_filtered": (
                f"/musrenbang/?tahun={USULAN_YEAR}&kecamatan={usulan_sample.kecamatan_id}&tahap=forum_pd"
                f"&bidang={usulan_sample.field.slug}"
            ),
        }
    )
)
