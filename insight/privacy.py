"""Counts of people, shown so that no one can be singled out — not even by someone who knows the exact total.

Every count of people the dashboard shows is rounded to a multiple of BASE; a count from 1 to 4 reads "< 5";
zero stays zero ("nobody from this kecamatan took part" is exactly what staff must see). Rounding alone is not
enough: whoever knows the exact total (the public topic pages name every author) can sometimes pin a small
cell down, e.g. [1, 38] with total 39 leaves "< 5" only the value 1. So every breakdown is audited the way an
attacker would solve it — the exact total minus the largest and the smallest values the other shown cells
allow — and it is shown only if every "< 5" could still be any of 1, 2, 3 or 4. The exact number of a cell
never leaves this module: a PeopleCount holds only the rounded number, or nothing."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5  # a count of people below this is never shown
BASE = 5  # every count of people shown is rounded to a multiple of this
MIN_GROUP = 10  # fewest people a breakdown describes, and fewest by which two published ones may differ
SMALL = "< 5"
ROUNDING_NOTE = _("Angka dibulatkan ke kelipatan 5; angka 1–4 ditulis “< 5”.")


@dataclass(frozen=True)
class PeopleCount:
    number: int | None  # the rounded number; None when hidden
    text: str

    @property
    def hidden(self) -> bool:
        return self.number is None

    def __str__(self) -> str:
        return self.text


def rounded(number: int) -> int:
    """To the nearest multiple of BASE (7 → 5, 8 → 10)."""
    return BASE * ((number + BASE // 2) // BASE)


def shown(number: int) -> PeopleCount:
    return PeopleCount(number, f"{number:,}".replace(",", "."))


def people_total(number: int) -> PeopleCount:
    """A number of people standing alone (a total): rounded, and "< 5" below the threshold."""
    return _cell(number)


def protect(counts: list[int]) -> list[PeopleCount] | None:
    """The cells of one breakdown, each safe to publish even beside the exact total; None when the breakdown
    must not be shown because a "< 5" could be narrowed down.

    Withholding the whole breakdown, rather than hiding one more cell, is deliberate: whether it is shown
    depends only on what a reader already knows (the exact total and the rounded cells), so the decision itself
    tells nothing. Hiding "the smallest other cell" does: it says that cell was too small to leave unhidden."""
    cells = [_cell(n) for n in counts]
    return cells if _small_cells_unsolvable(sum(counts), cells) else None


def _cell(number: int) -> PeopleCount:
    if number == 0:
        return shown(0)
    if number < THRESHOLD:
        return PeopleCount(None, SMALL)
    return shown(rounded(number))


def _bounds(cell: PeopleCount) -> tuple[int, int]:
    """What a reader can tell of the true number behind a published cell."""
    if cell.text == SMALL:
        return 1, THRESHOLD - 1
    if cell.number == 0:
        return 0, 0
    return max(THRESHOLD, cell.number - BASE // 2), cell.number + BASE // 2


def _small_cells_unsolvable(whole: int, cells: list[PeopleCount]) -> bool:
    """True when, knowing the exact total, every "< 5" can still be each of 1 … 4."""
    bounds = [_bounds(cell) for cell in cells]
    low_sum, high_sum = sum(b[0] for b in bounds), sum(b[1] for b in bounds)
    for (low, high), cell in zip(bounds, cells, strict=True):
        if cell.text != SMALL:
            continue
        least = whole - (high_sum - high)  # the others as large as they may be
        most = whole - (low_sum - low)  # the others as small as they may be
        if least > 1 or most < THRESHOLD - 1:
            return False
    return True
