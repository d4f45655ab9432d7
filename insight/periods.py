"""The dashboard's periods and the time buckets its series are drawn in (in the region's time zone)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ALL_TIME, THIS_YEAR, LAST_30_DAYS = "semua", "tahun-ini", "30-hari"
CHOICES = [(ALL_TIME, _("Seluruh waktu")), (THIS_YEAR, _("Tahun ini")), (LAST_30_DAYS, _("30 hari terakhir"))]
MAX_BUCKETS = {"month": 24, "week": 52}


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime | None  # None: since the beginning
    end: datetime
    bucket: str  # "month" or "week": the step of the "over time" series

    def contains(self, field: str) -> dict:
        """Keyword filters keeping rows whose `field` falls in the period."""
        lookups = {f"{field}__lte": self.end}
        if self.start is not None:
            lookups[f"{field}__gte"] = self.start
        return lookups

    @property
    def start_day(self) -> date | None:
        return timezone.localtime(self.start).date() if self.start else None


def period_for(key: str | None, *, now: datetime | None = None) -> Period:
    """The period named by the `periode` parameter; an unknown name gives all time (the view says so)."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    labels = dict(CHOICES)
    if key == THIS_YEAR:
        start = local.replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
        return Period(THIS_YEAR, labels[THIS_YEAR], start, now, "month")
    if key == LAST_30_DAYS:
        start = (local - timedelta(days=30)).replace(hour=0, minute=0, second=0, microsecond=0)
        return Period(LAST_30_DAYS, labels[LAST_30_DAYS], start, now, "week")
    return Period(ALL_TIME, labels[ALL_TIME], None, now, "month")


def trunc(step: str, field):
    return TruncMonth(field) if step == "month" else TruncWeek(field)


def count_per_bucket(queryset, field: str, step: str) -> dict[date, int]:
    """{bucket start: rows whose `field` falls in it}, in one GROUP BY query."""
    grouped = queryset.annotate(bucket=trunc(step, field)).values("bucket").annotate(n=Count("pk")).order_by()
    return {bucket_of(row["bucket"], step): row["n"] for row in grouped if row["bucket"] is not None}


def bucket_of(moment: datetime | date, step: str) -> date:
    day = timezone.localtime(moment).date() if isinstance(moment, datetime) else moment
    return day.replace(day=1) if step == "month" else day - timedelta(days=day.weekday())


def buckets(period: Period, step: str, *, earliest: date | None) -> list[date]:
    """Every bucket from the period's start (or the earliest data, for all time) to its end, gaps included, at
    most MAX_BUCKETS[step] of the most recent ones so a chart stays readable on a phone."""
    last = bucket_of(period.end, step)
    first = bucket_of(period.start, step) if period.start else (earliest or last)
    steps = [last]
    while steps[-1] > first and len(steps) < MAX_BUCKETS[step]:
        steps.append(_previous(steps[-1], step))
    return steps[::-1]


def _previous(bucket: date, step: str) -> date:
    if step == "week":
        return bucket - timedelta(days=7)
    return (bucket - timedelta(days=1)).replace(day=1)


def bucket_label(bucket: date, step: str) -> str:
    if step == "month":
        return f"{MONTHS[bucket.month - 1]} {bucket.year}"
    return f"{bucket.day} {MONTHS[bucket.month - 1]} {bucket.year}"


MONTHS = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"]


def month_start(moment: datetime) -> datetime:
    """The first instant of `moment`'s month in the region's time zone: where the data of closed months ends."""
    return timezone.localtime(moment).replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def year_start(cutoff: datetime) -> datetime:
    """The first instant of the year of the last closed month before `cutoff` (in January: last year)."""
    return month_start(cutoff - timedelta(days=1)).replace(month=1)


def day_label(day: date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


MONTH_NAMES = [
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
]  # fmt: skip
