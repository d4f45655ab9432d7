"""Believable activity for the staff dashboard in `manage.py seed_demo`: a year of registrations, replies,
consultations, downloads and unfound searches, spread unevenly over the region as real participation is
(three remote kecamatan stay empty so the dashboard shows them). Idempotent; written in bulk."""

import random
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.db.models import Sum
from django.utils import timezone

from accounts.models import AgeGroup, Disability, Gender, Kecamatan, User
from konsultasi.models import Consultation, Expert, Message
from pustaka.models import Document, DownloadTally, UnfoundSearch
from rpjpd.demo import SENTENCES
from rpjpd.models import PATH_SEGMENT, Reply, Topic

PREFIX = "warga.contoh."
PEOPLE = 180
FIRST_NAMES = [
    "Aisyah",
    "Ahmad",
    "Rina",
    "Joko",
    "Dewi",
    "Rudi",
    "Nur",
    "Hasan",
    "Sri",
    "Agus",
    "Fitri",
    "Yusuf",
    "Lestari",
    "Bambang",
    "Wati",
    "Iwan",
    "Sari",
    "Dedi",
    "Putri",
    "Hendra",
    "Ayu",
    "Arif",
    "Maya",
    "Rizal",
    "Ani",
    "Fajar",
]
LAST_NAMES = [
    "Saputra",
    "Rahman",
    "Wijaya",
    "Lestari",
    "Hidayat",
    "Pratiwi",
    "Kurniawan",
    "Sembiring",
    "Nasution",
    "Siregar",
    "Gunawan",
    "Setiawan",
    "Handayani",
    "Syahputra",
    "Aji",
    "Yulianti",
]
# How likely a participant comes from each kecamatan: near the capital and the coast more, far upriver less.
KECAMATAN_WEIGHTS = {
    "Tenggarong": 30,
    "Tenggarong Seberang": 14,
    "Loa Janan": 12,
    "Loa Kulu": 9,
    "Samboja": 10,
    "Muara Badak": 8,
    "Anggana": 7,
    "Sanga Sanga": 5,
    "Muara Jawa": 6,
    "Sebulu": 5,
    "Kota Bangun": 5,
    "Marang Kayu": 3,
    "Muara Kaman": 3,
    "Samboja Barat": 3,
    "Kota Bangun Darat": 2,
    "Muara Muntai": 2,
    "Kenohan": 1,
    # Tabang, Kembang Janggut and Muara Wis: nobody yet — what the dashboard should make staff notice.
}
UNFOUND_TERMS = {
    "peta rawan banjir kecamatan": 34,
    "dana desa 2025": 27,
    "perbup beasiswa kuliah": 22,
    "jadwal musrenbang": 19,
    "rencana tata ruang desa": 15,
    "data stunting per desa": 12,
    "lubang tambang reklamasi": 9,
    "tarif air pdam": 7,
    "izin usaha perikanan": 5,
    "bantuan bibit lada": 4,
    "kalender tanam": 3,
}


def seed() -> None:
    if User.objects.filter(username__startswith=PREFIX).exists():
        return
    rng = random.Random(2045)  # noqa: S311 — demo data, not security
    now = timezone.now()
    people = _people(rng, now)
    _replies(rng, now, people)
    _consultations(rng, now, people)
    _downloads(rng, now)
    _unfound_searches(rng, now)


def _people(rng: random.Random, now) -> list[User]:
    kecamatan = {k.name: k for k in Kecamatan.objects.all()}
    names, weights = zip(*((n, w) for n, w in KECAMATAN_WEIGHTS.items() if n in kecamatan), strict=True)
    password = make_password(None)  # no one signs in as these people
    people = []
    for index in range(1, PEOPLE + 1):
        # Registrations grow towards the present, as the portal becomes known.
        days_ago = int(400 * (1 - rng.random() ** 0.6))
        gender = rng.choices([Gender.FEMALE, Gender.MALE, ""], [44, 46, 10])[0]
        age = rng.choices([*AgeGroup.values, ""], [4, 30, 30, 18, 6, 12])[0]
        disability = rng.choices([Disability.YES, Disability.NO, ""], [4, 66, 30])[0]
        people.append(
            User(
                username=f"{PREFIX}{index:03d}",
                password=password,
                display_name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
                kecamatan=kecamatan[rng.choices(names, weights)[0]] if rng.random() > 0.05 else None,
                gender=gender,
                age_group=age,
                disability=disability,
                date_joined=now - timedelta(days=days_ago, minutes=rng.randrange(1440)),
                notify_replies=False,
            )
        )
    return User.objects.bulk_create(people)


def _replies(rng: random.Random, now, people: list[User]) -> None:
    topics = list(Topic.objects.published())
    writers = [p for p in people if rng.random() < 0.7]
    drafts = []
    for _ in range(650):
        author = rng.choice(writers)
        since = max((now - author.date_joined).total_seconds(), 3600)
        drafts.append((author.date_joined + timedelta(seconds=rng.uniform(0, since)), author, rng.choice(topics)))
    drafts.sort(key=lambda draft: draft[0])
    replies = Reply.objects.bulk_create(
        Reply(
            topic=topic,
            author=author,
            body=" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 4))),
            created_at=created_at,
            path="",
        )
        for created_at, author, topic in drafts
    )
    by_topic: dict[int, list[Reply]] = {}
    for reply in replies:
        earlier = by_topic.setdefault(reply.topic_id, [])
        own = f"{reply.pk:0{PATH_SEGMENT}d}"
        if not earlier or rng.random() < 0.45:
            reply.parent, reply.root_id, reply.path, reply.depth = None, reply.pk, own, 0
        else:
            parent = rng.choice(earlier[-30:])
            reply.parent, reply.root_id = parent, parent.root_id
            reply.path, reply.depth = parent.path + own, parent.depth + 1
        earlier.append(reply)
    Reply.objects.bulk_update(replies, ["parent", "root", "path", "depth"], batch_size=500)


def _consultations(rng: random.Random, now, people: list[User]) -> None:
    experts = list(Expert.objects.select_related("user"))
    consultations, first_messages = [], []
    for _ in range(48):
        citizen = rng.choice(people)
        opened = now - timedelta(days=rng.uniform(0, 330), hours=rng.uniform(0, 24))
        if opened < citizen.date_joined:
            opened = citizen.date_joined + timedelta(hours=rng.uniform(1, 48))
        if opened > now:
            continue
        wait = timedelta(hours=rng.choice([2, 5, 9, 20, 30, 50, 70, 100, 150]) * rng.uniform(0.7, 1.3))
        answered = opened + wait if opened + wait < now and rng.random() < 0.9 else None
        closed = answered is not None and rng.random() < 0.6
        consultations.append(
            Consultation(
                citizen=citizen,
                expert=rng.choice(experts),
                subject=rng.choice(
                    [
                        "Pertanyaan tentang irigasi sawah",
                        "Usaha perikanan keramba",
                        "Banjir di kampung kami",
                        "Beasiswa untuk anak desa",
                        "Reklamasi bekas tambang",
                        "Harga pupuk dan bibit",
                    ]
                ),
                status=Consultation.Status.CLOSED
                if closed
                else (Consultation.Status.ANSWERED if answered else Consultation.Status.WAITING),
                created_at=opened,
                last_message_at=answered or opened,
                last_author_role=Consultation.Role.EXPERT if answered else Consultation.Role.CITIZEN,
                first_answer_at=answered,
                closed_at=answered + timedelta(days=1) if closed else None,
                rating=rng.choices([5, 4, 3, 2], [50, 32, 13, 5])[0] if closed else None,
            )
        )
    for consultation in Consultation.objects.bulk_create(consultations):
        first_messages.append(
            Message(
                consultation=consultation,
                author=consultation.citizen,
                body="Selamat siang, saya ingin bertanya tentang hal ini untuk kampung kami.",
                created_at=consultation.created_at,
            )
        )
        if consultation.first_answer_at:
            first_messages.append(
                Message(
                    consultation=consultation,
                    author=consultation.expert.user,
                    body="Terima kasih atas pertanyaannya. Berikut saran saya berdasarkan pengalaman di lapangan.",
                    created_at=consultation.first_answer_at,
                )
            )
    Message.objects.bulk_create(first_messages)


def _downloads(rng: random.Random, now) -> None:
    documents = list(Document.objects.published().order_by("pk"))
    today = timezone.localtime(now).date()
    tallies = []
    for rank, document in enumerate(documents):
        popularity = 6 / (rank + 1.5)
        for days_ago in range(300):
            if rng.random() < popularity * 0.35:
                count = 1 + int(rng.random() * popularity * 3)
                tallies.append(DownloadTally(document=document, day=today - timedelta(days=days_ago), count=count))
    DownloadTally.objects.bulk_create(tallies, ignore_conflicts=True)
    for document in documents:
        total = document.download_tallies.aggregate(n=Sum("count"))["n"] or 0
        Document.objects.filter(pk=document.pk).update(download_count=total)


def _unfound_searches(rng: random.Random, now) -> None:
    today = timezone.localtime(now).date()
    rows = {}
    for term, times in UNFOUND_TERMS.items():
        for _ in range(times):
            day = today - timedelta(days=int(rng.random() ** 1.5 * 200))
            rows[(term, day)] = rows.get((term, day), 0) + 1
    UnfoundSearch.objects.bulk_create(
        UnfoundSearch(term=term, day=day, count=count) for (term, day), count in rows.items()
    )
