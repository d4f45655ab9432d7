"""Who counts as a participant: a citizen (neither staff nor expert) who replied in an RPJPD topic or opened a
consultation. Both the participation and the reach blocks start from here."""

from django.db.models import Exists, OuterRef, QuerySet, Subquery
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
