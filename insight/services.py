"""The dashboard's only write: taking a month's reach snapshot, once, the first time the dashboard is opened
in that month."""

from datetime import datetime

from django.db import IntegrityError, transaction

from insight import people, periods
from insight.models import ReachSnapshot
from insight.privacy import MIN_GROUP

DEMOGRAPHIC_FIELDS = ["gender", "age_group", "disability"]


def reach_snapshot_get_or_take(*, now: datetime) -> ReachSnapshot:
    """The reach counts to show this month: taken up to the end of last month, then never recounted.

    A month's counts replace the last published ones only when at least MIN_GROUP more people took part in
    all; otherwise the month keeps the previous figures (and says up to when they run). So comparing one
    month's figures with the next never isolates fewer than MIN_GROUP people."""
    cutoff = periods.month_start(now)
    month = cutoff.date()
    snapshot = ReachSnapshot.objects.for_month(month).first()
    if snapshot is not None:
        return snapshot
    counts = people.reach_counts(
        windows={"all": (None, cutoff), "year": (periods.year_start(cutoff), cutoff)}, fields=DEMOGRAPHIC_FIELDS
    )
    data_until = month
    previous = ReachSnapshot.objects.before(month).first()
    if previous is not None and counts["all"]["total"] - previous.counts["all"]["total"] < MIN_GROUP:
        counts, data_until = previous.counts, previous.data_until
    try:
        with transaction.atomic():
            return ReachSnapshot.objects.create(month=month, data_until=data_until, counts=counts)
    except IntegrityError:  # opened twice at the same moment: the first one's snapshot stands
        return ReachSnapshot.objects.for_month(month).get()
