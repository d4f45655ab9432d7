"""The funnel of a set of usulan — proposed → forwarded → accommodated → in the RKPD — as server-drawn SVG
bars (like insight/charts.py: plain shapes styled by the site's classes, no script, no inline style)."""

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.utils.translation import gettext as _

WIDTH = 320
ROW = 34
BAR_SPACE = 250


@dataclass(frozen=True)
class Step:
    label: str
    count: int
    width: float
    y: int

    @property
    def label_y(self) -> int:
        return self.y + 12

    @property
    def bar_y(self) -> int:
        return self.y + 16

    @property
    def value_x(self) -> float:
        return round(self.width + 6, 2)

    @property
    def value_y(self) -> int:
        return self.y + 27


@dataclass(frozen=True)
class Funnel:
    steps: list[Step]
    width: int = WIDTH

    @property
    def height(self) -> int:
        return len(self.steps) * ROW + 4

    @property
    def summary(self) -> str:
        return "; ".join(f"{step.label}: {step.count}" for step in self.steps)


def funnel_of(counts: dict) -> Funnel:
    """Counts from `Usulan.objects.funnel()` drawn as bars, the widest being every usulan proposed."""
    labels = [
        ("proposed", _("Diusulkan")),
        ("forwarded", _("Diteruskan ke kecamatan")),
        ("accommodated", _("Diakomodasi")),
        ("in_rkpd", _("Masuk RKPD")),
    ]
    top = max(counts.get("proposed") or 0, 1)
    steps = [
        Step(str(label), counts.get(key) or 0, round(BAR_SPACE * (counts.get(key) or 0) / top, 2), row * ROW)
        for row, (key, label) in enumerate(labels)
    ]
    return Funnel(steps)


def funnel_counts(usulan) -> dict:
    """`usulan.funnel()` of a filtered list, kept MUSRENBANG_FUNNEL_CACHE_SECONDS in the shared cache.

    Counting 100,000 usulan four ways takes the database about 50 ms, for figures that move a few times a
    day; every visitor of the same filters in the next minute reuses them (the list's rows are always
    fresh). The key is the filtered query's own SQL, so two ways of writing the same filters share it."""
    seconds = settings.MUSRENBANG_FUNNEL_CACHE_SECONDS
    query = usulan.order_by()
    if not seconds:
        return query.funnel()
    key = "musrenbang-funnel:" + hashlib.sha256(str(query.query).encode()).hexdigest()
    counts = cache.get(key)
    if counts is None:
        counts = query.funnel()
        cache.set(key, counts, seconds)
    return counts
