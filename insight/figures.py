"""What a dashboard block is made of. The page, its charts and the XLSX export all read these, so the three
always hold the same numbers."""

from dataclasses import dataclass, field

from insight.privacy import PeopleCount

Number = int | float | PeopleCount | None
Cell = Number | str


@dataclass
class Series:
    label: str
    values: list[Number]


@dataclass
class Chart:
    kind: str  # "bars": one horizontal bar per row (labels beside them); "columns": a time series
    labels: list[str]
    series: list[Series]
    highlighted: set[int] = field(default_factory=set)  # rows to draw as "none" (e.g. kecamatan without anyone)
    unit: str = ""


@dataclass
class Figure:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Cell]]
    chart: Chart | None = None
    note: str = ""
    highlighted_rows: set[int] = field(default_factory=set)
    withheld: str = ""  # why the figure is not shown (it could be solved back to people)
    svg: object = None  # the chart's shapes, drawn by insight.charts for the page


@dataclass
class Fact:
    label: str
    value: Cell


@dataclass
class Block:
    slug: str
    title: str
    facts: list[Fact]
    figures: list[Figure]


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def display(value: Cell) -> str:
    """How a value reads on the page: Indonesian thousands separator and decimal comma, "—" for none."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "ya" if value else "tidak"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    if isinstance(value, float):
        return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)
