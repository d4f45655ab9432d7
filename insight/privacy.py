"""Counts of people, shown so that no one can be singled out.

A count from 1 to 4 is never shown exactly: it reads "< 5". When a breakdown would then hide a single cell,
that cell could be worked out from the total and the others, so the smallest other non-zero cell is hidden
too (marked "*"). Zero stays zero: "nobody from this kecamatan took part" is exactly what staff must see.
The exact number of a hidden cell never leaves this module: not in the page, the chart or the export."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

THRESHOLD = 5
SMALL = "< 5"
MASKED = "*"
MASKED_NOTE = _("* disamarkan agar angka di bawah 5 tidak dapat dihitung dari jumlah seluruhnya.")


@dataclass(frozen=True)
class PeopleCount:
    number: int | None  # None when hidden
    text: str

    @property
    def hidden(self) -> bool:
        return self.number is None

    def __str__(self) -> str:
        return self.text


def shown(number: int) -> PeopleCount:
    return PeopleCount(number, f"{number:,}".replace(",", "."))


def protect(counts: list[int]) -> list[PeopleCount]:
    """The cells of one breakdown (whose total is shown elsewhere), each safe to publish."""
    small = [i for i, n in enumerate(counts) if 0 < n < THRESHOLD]
    cells = [PeopleCount(None, SMALL) if i in small else shown(n) for i, n in enumerate(counts)]
    if len(small) == 1:
        others = [(n, i) for i, n in enumerate(counts) if n >= THRESHOLD]
        if others:
            _number, index = min(others)
            cells[index] = PeopleCount(None, MASKED)
    return cells
