"""The dashboard's live blocks, counted by the task worker and read back by the page (docs/scale.md).

Counting participation over every reply grows with the data (4 s for one render at 1 M replies, 16 s to over
30 s at 10 M). `manage.py insight_segarkan` (cron, every 15 minutes, like `pengaduan_jadwal`) counts the
blocks of each period with the very code the page would run and stores them as JSON; the page then reads one
row. It uses a stored period only while it is fresh (`INSIGHT_FIGURES_MAX_AGE`) and counted for the same
period start (the 30-day window moves at midnight, the year at New Year); otherwise it counts live, as before.
Reach is never stored here: it keeps its own frozen monthly snapshot (insight/services.py)."""

import time
from dataclasses import fields
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.functional import Promise

from insight import consultations, events, library, participation, periods, reach
from insight.figures import Block, Chart, Fact, Figure, Series
from insight.models import StoredFigures
from insight.periods import Period
from insight.privacy import PeopleCount

# The blocks the worker counts, in the page's order; reach goes between the first and the second.
STORED = [participation, consultations, events, library]


def blocks(period: Period) -> tuple[list[Block], datetime | None]:
    """The page's five blocks and, when the live ones come from the worker's count, when it was made."""
    stored = fresh(period)
    live = decode(stored.blocks) if stored else [module.block(period) for module in STORED]
    return [live[0], reach.block(period), *live[1:]], stored.computed_at if stored else None


def fresh(period: Period) -> StoredFigures | None:
    oldest = period.end - timedelta(seconds=settings.INSIGHT_FIGURES_MAX_AGE)
    stored = StoredFigures.objects.filter(period=period.key, computed_at__gte=oldest, computed_at__lte=period.end)
    stored = stored.filter(period_start=period.start) if period.start else stored.filter(period_start__isnull=True)
    return stored.first()


def refresh(*, now: datetime | None = None) -> list[StoredFigures]:
    """Count every period's live blocks now and store them (one row per period, replaced)."""
    now = now or timezone.now()
    stored = []
    for key, _label in periods.CHOICES:
        period = periods.period_for(key, now=now)
        began = time.monotonic()
        counted = encode([module.block(period) for module in STORED])
        row, _created = StoredFigures.objects.update_or_create(
            period=key,
            defaults={
                "period_start": period.start,
                "computed_at": now,
                "seconds": round(time.monotonic() - began, 3),
                "blocks": counted,
            },
        )
        stored.append(row)
    return stored


# --- JSON both ways: every dataclass field by name, a PeopleCount as {"people": [rounded number, text]}


def encode(value):
    if isinstance(value, PeopleCount):
        return {"people": [value.number, value.text]}
    if isinstance(value, Block | Figure | Fact | Chart | Series):
        return {f.name: encode(getattr(value, f.name)) for f in fields(value) if f.name != "svg"}
    if isinstance(value, list | tuple):
        return [encode(item) for item in value]
    if isinstance(value, set):
        return sorted(value)
    if isinstance(value, Promise):
        return str(value)
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"the dashboard cannot store a {type(value).__name__}: {value!r}")


def decode(data: list[dict]) -> list[Block]:
    return [
        Block(
            slug=block["slug"],
            title=block["title"],
            facts=[Fact(fact["label"], _cell(fact["value"])) for fact in block["facts"]],
            figures=[_figure(figure) for figure in block["figures"]],
        )
        for block in data
    ]


def _figure(data: dict) -> Figure:
    chart = data["chart"]
    return Figure(
        slug=data["slug"],
        title=data["title"],
        headers=data["headers"],
        rows=[[_cell(cell) for cell in row] for row in data["rows"]],
        chart=Chart(
            kind=chart["kind"],
            labels=chart["labels"],
            series=[Series(s["label"], [_cell(v) for v in s["values"]]) for s in chart["series"]],
            highlighted=set(chart["highlighted"]),
            unit=chart["unit"],
        )
        if chart
        else None,
        note=data["note"],
        highlighted_rows=set(data["highlighted_rows"]),
        withheld=data["withheld"],
    )


def _cell(value):
    if isinstance(value, dict):
        number, text = value["people"]
        return PeopleCount(number, text)
    return value
