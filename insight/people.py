"""Who counts as a participant: a citizen (neither staff nor expert) who replied in an RPJPD topic or opened a
consultation. Both the participation and the reach blocks start from here."""

from datetime import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Least

from accounts.models import User
from insight.periods import Period
from konsultasi.models import Consultation
from rpjpd.models import Reply


def citizens() -> QuerySet[User]:
    return User.objects.filter(is_staff=False, expert_profile__isnull=True)


def participants(period: Period) -> QuerySet[User]:
    """People who posted at least once within the period."""
    replied = Reply.objects.counted().filter(author=OuterRef("pk"), **period.contains("created_at"))
    consulted = Consultation.objects.filter(citizen=OuterRef("pk"), **period.contains("created_at"))
    return citizens().filter(Exists(replied) | Exists(consulted))


def with_first_post() -> QuerySet[User]:
    """Citizens annotated with the moment they first posted (None for those who never did)."""
    first_reply = Reply.objects.counted().filter(author=OuterRef("pk")).order_by("created_at").values("created_at")
    first_consultation = Consultation.objects.filter(citizen=OuterRef("pk")).order_by("created_at").values("created_at")
    reply_at, consultation_at = Subquery(first_reply[:1]), Subquery(first_consultation[:1])
    # LEAST ignores NULLs on PostgreSQL but not on SQLite; coalescing each side makes both engines agree.
    return citizens().annotate(
        first_post=Least(Coalesce(reply_at, consultation_at), Coalesce(consultation_at, reply_at))
    )


def reach_counts(*, windows: dict[str, tuple[datetime | None, datetime]], fields: list[str]) -> dict:
    """For each named window [start, end): how many citizens took part, per kecamatan and per answer of each
    demographic field. Two queries whatever the number of people: one GROUP BY kecamatan, one aggregate of
    conditional counts. Everyone who took part in any window is in the first (the widest) window."""
    took_part = {name: _took_part(start, end) for name, (start, end) in windows.items()}
    widest = next(iter(took_part.values()))
    base = citizens().filter(widest)
    per_kecamatan = (
        base.values("kecamatan")
        .annotate(**{name: Count("pk", filter=condition) for name, condition in took_part.items()})
        .order_by()
    )
    answers = {field: [value for value, _label in User._meta.get_field(field).choices] + [""] for field in fields}
    demographics = base.aggregate(
        **{
            f"{name}:{field}:{value}": Count("pk", filter=condition & Q(**{field: value}))
            for name, condition in took_part.items()
            for field, values in answers.items()
            for value in values
        }
    )
    counts = {}
    for name, (start, _end) in windows.items():
        kecamatan = {str(row["kecamatan"] or ""): row[name] for row in per_kecamatan if row[name]}
        counts[name] = {
            "start": start.date().isoformat() if start else None,
            "total": sum(kecamatan.values()),
            "kecamatan": kecamatan,
            **{
                field: {value: demographics[f"{name}:{field}:{value}"] for value in values}
                for field, values in answers.items()
            },
        }
    return counts


def _took_part(start: datetime | None, end: datetime) -> Q:
    """Citizens who posted within [start, end)."""
    window = {"created_at__lt": end, **({"created_at__gte": start} if start else {})}
    replied = Reply.objects.counted().filter(author=OuterRef("pk"), **window)
    consulted = Consultation.objects.filter(citizen=OuterRef("pk"), **window)
    return Q(Exists(replied)) | Q(Exists(consulted))
