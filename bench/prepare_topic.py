"""Load the benchmark's data: a published topic with 2,000 replies in a random tree, 200 signed-in readers (the
60 authors of those replies and 140 others, 50 of whom reported a reply on the first page), a library of 10,000
documents, a citizen with 200 consultations, 100,000 complaints with a complaint handler, 100,000 Musrenbang
usulan over Kukar's 237 desa, an event with 5,000 applicants, and a staff member for the dashboard and the
event's selection page. Prints one JSON line with the signed-in sessions, the pages' URLs and the 200 search
queries (common words, rare words and typos)."""

import json
import random
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
from konsultasi.demo import generate_consultations  # noqa: E402
from musrenbang.demo import generate_usulan  # noqa: E402
from musrenbang.models import Usulan  # noqa: E402
from pengaduan.demo import generate_complaints  # noqa: E402
from pustaka.demo import TOPICS, VERBS, generate_documents  # noqa: E402
from rpjpd.demo import generate_reply_tree  # noqa: E402
from rpjpd.models import Reply, Report, Section, Topic  # noqa: E402
from rpjpd.reading import topic_reply_page  # noqa: E402

REPLIES = 2000
CONSULTATIONS = 200
COMPLAINTS = 100_000
APPLICANTS = 5000
USULAN = 100_000
USULAN_YEAR = timezone.localdate().year + 1
READERS = 200
REPORTERS = 50
SEARCHES = {"common": 90, "rare": 30, "typo": 80}
# Words a citizen may look for that the generated library does not use (or uses in a handful of documents).
RARE = [
    *("gambut", "kebakaran", "pencegahan", "termasuk", "jembatan", "puskesmas", "posyandu", "beasiswa", "nelayan"),
    *("pupuk", "kakao", "karet", "lada", "gempa", "longsor", "abrasi", "mangrove", "pesut", "bekantan", "erau"),
    *("tenun", "sarung", "madu", "rotan", "kopi", "jagung", "kedelai", "ternak", "sapi", "pelabuhan", "bandara"),
]

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
# The signed-in readers: every author of the replies (most have replies on the first page) and 140 others.
readers = authors + [
    User.objects.create_user(f"benchpembaca{n}", password=None, display_name=f"Pembaca Uji {n}")
    for n in range(READERS - len(authors))
]
first_page = topic_reply_page(topic, number=1, order="terbaru")
shown = [node.reply for root in first_page.threads for node in [root, *root.children]]
shown = [reply for reply in shown if reply.status == Reply.Status.VISIBLE]
Report.objects.bulk_create(  # one report each, two at most per reply: none is hidden by them
    Report(reply_id=shown[n % len(shown)].pk, reporter=readers[len(authors) + n], reason=Report.Reason.OFF_TOPIC)
    for n in range(REPORTERS)
)
authors_on_page = len({reply.author_id for reply in shown} & {reader.pk for reader in readers})
generate_documents(10_000)

generate_consultations(citizen=authors[0], count=CONSULTATIONS)
now = timezone.now()
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


def search_queries() -> list[str]:
    """Common words and phrases of the generated library, rare or absent words, and typos of common words."""
    rng = random.Random(16)  # noqa: S311 — benchmark data, not security
    words = sorted({w for text in [*TOPICS, *VERBS] for w in text.lower().split() if len(w) > 3})
    phrases = [*words, *(t for t in TOPICS if " " in t), "pemerintah desa", "layanan warga", "perangkat daerah"]
    phrases += [f"{verb.lower()} {topic}" for verb in VERBS for topic in TOPICS]
    common = phrases[: SEARCHES["common"]]
    typos = []
    while len(typos) < SEARCHES["typo"]:
        word = rng.choice(words)
        at = rng.randrange(1, len(word) - 1)
        doubled, dropped = word[:at] + word[at] + word[at:], word[:at] + word[at + 1 :]
        swapped = word[: at - 1] + word[at] + word[at - 1] + word[at + 1 :]
        typo = rng.choice([doubled, dropped, swapped])
        if typo != word and typo not in typos:
            typos.append(typo)
    rare = (RARE + [f"{a} {b}" for a in RARE[:4] for b in RARE[4:]])[: SEARCHES["rare"]]
    return common + rare + typos


def session_of(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


print(
    json.dumps(
        {
            "reader": session_of(authors[0]),
            "readers": [session_of(reader) for reader in readers],
            "authors_on_page": authors_on_page,
            "reporters": REPORTERS,
            "search_queries": search_queries(),
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
