"""A small region whose every figure was counted by hand (see the comments), for the dashboard tests.
The dashboard is asked about a fixed moment, NOW, so the periods hold the same rows on any day."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.text import slugify

from accounts.models import AgeGroup, Disability, Gender
from konsultasi.models import Consultation, Field
from pustaka.models import DownloadTally, UnfoundSearch
from rpjpd.models import Reply
from tests.helpers import make_user
from wilayah.models import Kecamatan

WITA = ZoneInfo("Asia/Makassar")
NOW = datetime(2026, 6, 15, 12, 0, tzinfo=WITA)


def at(year, month, day, hour=12) -> datetime:
    return datetime(year, month, day, hour, 0, tzinfo=WITA)


def reply_at(topic, author, when, *, status=Reply.Status.VISIBLE) -> Reply:
    reply = Reply.objects.create(topic=topic, author=author, body="Pendapat saya.", created_at=when, path="")
    reply.place_in_thread()
    if status != Reply.Status.VISIBLE:
        Reply.objects.filter(pk=reply.pk).update(status=status)
    return reply


def joined(user, when):
    user.date_joined = when
    user.save(update_fields=["date_joined"])
    return user


@pytest.fixture
def world(citizen, citizen2, expert, expert2, staff, topic, make_document):
    tenggarong = citizen.kecamatan
    samboja = Kecamatan.objects.get(name="Samboja")
    tabang = Kecamatan.objects.create(name="Tabang")  # nobody from here: highlighted
    joined(staff, at(2025, 1, 1))
    joined(expert.expert_profile.user, at(2025, 1, 1))
    # Citizens. siti: Tenggarong, woman 30–44, joined Dec 2025. budi: Tenggarong, man, no age, joined Jun 2026.
    citizen.gender, citizen.age_group, citizen.date_joined = Gender.FEMALE, AgeGroup.FROM_30_TO_44, at(2025, 12, 1)
    citizen.save()
    citizen2.gender, citizen2.date_joined = Gender.MALE, at(2026, 6, 1)
    citizen2.save()
    # Six women of Samboja aged 18–29 (three with a disability), joined 10 March 2026.
    women = [
        joined(
            make_user(
                f"perempuan{i}",
                display_name=f"Perempuan {i}",
                kecamatan=samboja,
                gender=Gender.FEMALE,
                age_group=AgeGroup.FROM_18_TO_29,
                disability=Disability.YES if i <= 3 else Disability.NO,
            ),
            at(2026, 3, 10),
        )
        for i in range(1, 7)
    ]
    old_timer = joined(make_user("lama", display_name="Warga Lama", kecamatan=samboja), at(2025, 5, 1))
    joined(make_user("diam", display_name="Warga Diam", kecamatan=tenggarong), at(2026, 2, 1))  # never posts
    # Replies. Counted: lama (Jun 2025), siti (15 Jan, 5 Jun 2026), each woman (10 Jun), the expert (11 Jun).
    reply_at(topic, old_timer, at(2025, 6, 1))
    reply_at(topic, citizen, at(2026, 1, 15))
    reply_at(topic, citizen, at(2026, 6, 5))
    reply_at(topic, citizen2, at(2026, 6, 2), status=Reply.Status.HIDDEN)  # hidden by a moderator: not counted
    for woman in women:
        reply_at(topic, woman, at(2026, 6, 10))
    reply_at(topic, expert, at(2026, 6, 11))
    reply_at(topic, citizen, at(2026, 7, 1))  # after NOW: in no period
    # Consultations with their waits: budi→rahma 5 h (rating 4), siti→hendra 5 days (rating 2),
    # woman 1→hendra 24 h, siti→rahma not answered yet and only 2 days old.
    economy = Field.objects.create(name="Ekonomi Daerah", slug=slugify("Ekonomi Daerah"))
    farming = Field.objects.create(name="Pertanian", slug="pertanian")
    expert.expert_profile.fields.set([economy])
    expert2.expert_profile.fields.set([economy, farming])
    rahma, hendra = expert.expert_profile, expert2.expert_profile

    def consultation(citizen, expert, opened, *, wait=None, rating=None):
        return Consultation.objects.create(
            citizen=citizen,
            expert=expert,
            subject="Pertanyaan",
            created_at=opened,
            first_answer_at=opened + wait if wait else None,
            status=Consultation.Status.CLOSED if rating else Consultation.Status.WAITING,
            rating=rating,
        )

    consultation(citizen2, rahma, at(2026, 6, 3, 10), wait=timedelta(hours=5), rating=4)
    consultation(citizen, hendra, at(2026, 2, 1, 8), wait=timedelta(days=5), rating=2)
    consultation(women[0], hendra, at(2026, 6, 1), wait=timedelta(hours=24))
    consultation(citizen, rahma, at(2026, 6, 13))
    # Library: document A downloaded 5 times on 1 Dec 2025 and 3 times on 10 Jun 2026; B 4 times on 14 Jun.
    document_a = make_document("Perda Irigasi Desa", year=2023)
    document_b = make_document("RPJMD 2021-2026", year=2021, kind="rpjmd")
    DownloadTally.objects.create(document=document_a, day=at(2025, 12, 1).date(), count=5)
    DownloadTally.objects.create(document=document_a, day=at(2026, 6, 10).date(), count=3)
    DownloadTally.objects.create(document=document_b, day=at(2026, 6, 14).date(), count=4)
    UnfoundSearch.objects.create(term="peta banjir", day=at(2026, 1, 5).date(), count=1)
    UnfoundSearch.objects.create(term="peta banjir", day=at(2026, 6, 10).date(), count=2)
    UnfoundSearch.objects.create(term="dana desa", day=at(2026, 6, 14).date(), count=1)
    return {"tabang": tabang, "samboja": samboja, "document_a": document_a, "document_b": document_b}


# The crowd: 28 citizens who each replied once on 12 May 2026, a closed month both for NOW and for today, so
# the reach breakdowns (closed months only, at least 10 people) have something to show. Hand-counted:
#   Tenggarong 18: 11 women (18–29 ×6, 30–44 ×5; disability yes ×2, no ×9), 7 men (30–44 ×4, 45–59 ×3; no ×7)
#   Samboja 7: 4 women (18–29; disability not answered), 3 men (45–59; no)
#   Muara Badak 3: 1 man (60+; no), 2 who answered nothing
CROWD = [
    *[
        ("Tenggarong", Gender.FEMALE, AgeGroup.FROM_18_TO_29, Disability.YES if i < 2 else Disability.NO)
        for i in range(6)
    ],
    *[("Tenggarong", Gender.FEMALE, AgeGroup.FROM_30_TO_44, Disability.NO) for _ in range(5)],
    *[("Tenggarong", Gender.MALE, AgeGroup.FROM_30_TO_44, Disability.NO) for _ in range(4)],
    *[("Tenggarong", Gender.MALE, AgeGroup.FROM_45_TO_59, Disability.NO) for _ in range(3)],
    *[("Samboja", Gender.FEMALE, AgeGroup.FROM_18_TO_29, "") for _ in range(4)],
    *[("Samboja", Gender.MALE, AgeGroup.FROM_45_TO_59, Disability.NO) for _ in range(3)],
    ("Muara Badak", Gender.MALE, AgeGroup.FROM_60, Disability.NO),
    *[("Muara Badak", "", "", "") for _ in range(2)],
]


def add_people(topic, rows, *, prefix, when):
    """Citizens with the given (kecamatan, gender, age group, disability), each replying once at `when`."""
    made = []
    for i, (kecamatan, gender, age_group, disability) in enumerate(rows):
        place, _created = Kecamatan.objects.get_or_create(name=kecamatan)
        person = make_user(
            f"{prefix}{i}",
            display_name=f"{prefix.title()} {i}",
            kecamatan=place,
            gender=gender,
            age_group=age_group,
            disability=disability,
        )
        joined(person, when - timedelta(days=1))
        reply_at(topic, person, when)
        made.append(person)
    return made


@pytest.fixture
def crowd(world, topic):
    return add_people(topic, CROWD, prefix="warga", when=at(2026, 5, 12))
