"""Charts drawn on the server as plain SVG shapes.

Why hand-made SVG and not a chart library: the shapes are a few rectangles and labels, computed here in a
hundred lines; a library such as pygal writes inline <style> and scripts that our strict CSP (no
unsafe-inline) would block, and it would ship far more than the page needs. Colours and fonts come from the
site stylesheet through classes, so no inline style is needed and the page works without JavaScript."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from insight.figures import Chart, Number, display
from insight.privacy import PeopleCount

WIDTH = 320
BAR_ROW = 34
BAR_TOP = 16
BAR_HEIGHT = 12
BAR_SPACE = 250  # the rest of the width holds the value after the bar
HIDDEN_BAR = 14  # a "< 5" bar has this fixed length: its true size must not show
COLUMN_HEIGHT = 170
PLOT_LEFT, PLOT_RIGHT, PLOT_TOP, PLOT_BOTTOM = 30, 314, 12, 140


@dataclass
class Shape:
    x: float
    y: float
    width: float = 0
    height: float = 0
    css: str = ""
    text: str = ""
    anchor: str = "start"

    @property
    def x2(self) -> float:
        return round(self.x + self.width, 2)


@dataclass
class Svg:
    width: int
    height: int
    rects: list[Shape] = field(default_factory=list)
    texts: list[Shape] = field(default_factory=list)
    lines: list[Shape] = field(default_factory=list)  # x, y to x + width, y + height

    @property
    def bar_count(self) -> int:
        return sum(1 for rect in self.rects if rect.css.startswith("bar"))


def draw(chart: Chart) -> Svg:
    return _bars(chart) if chart.kind == "bars" else _columns(chart)


def _number(value: Number) -> float:
    if isinstance(value, PeopleCount):
        return value.number or 0
    return value or 0


def nice_top(value: float) -> float:
    """The first 1, 2 or 5 × 10ⁿ at or above `value`: a round top for the axis."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= value:
                return step * factor
        step *= 10


def _bars(chart: Chart) -> Svg:
    values = chart.series[0].values
    top = nice_top(max((_number(v) for v in values), default=0) or 1)
    svg = Svg(WIDTH, max(len(values), 1) * BAR_ROW + 4)
    for row, (label, value) in enumerate(zip(chart.labels, values, strict=True)):
        y = row * BAR_ROW
        svg.texts.append(Shape(0, y + 12, text=_fit(label), css="chart-label"))
        bar_y = y + BAR_TOP
        if isinstance(value, PeopleCount) and value.hidden:
            svg.rects.append(Shape(0, bar_y, HIDDEN_BAR, BAR_HEIGHT, "bar bar-hidden", display(value)))
            svg.texts.append(Shape(HIDDEN_BAR + 4, bar_y + 10, text=display(value), css="chart-value"))
        elif row in chart.highlighted:
            svg.rects.append(Shape(0, bar_y, 3, BAR_HEIGHT, "bar-none"))
            nobody = _("%(n)s — belum ada") % {"n": display(value)}
            svg.texts.append(Shape(8, bar_y + 10, text=nobody, css="chart-value chart-none"))
        else:
            length = max(BAR_SPACE * _number(value) / top, 1.5 if _number(value) else 0)
            svg.rects.append(Shape(0, bar_y, round(length, 1), BAR_HEIGHT, "bar", f"{label}: {display(value)}"))
            value_text = display(value) + (f" {chart.unit}" if chart.unit else "")
            svg.texts.append(Shape(round(length, 1) + 4, bar_y + 10, text=value_text, css="chart-value"))
    return svg


def _columns(chart: Chart) -> Svg:
    svg = Svg(WIDTH, COLUMN_HEIGHT)
    count = len(chart.labels)
    highest = max((_number(v) for series in chart.series for v in series.values), default=0)
    top = nice_top(highest or 1)
    plot_height = PLOT_BOTTOM - PLOT_TOP
    slot = (PLOT_RIGHT - PLOT_LEFT) / max(count, 1)
    gap = min(slot * 0.2, 4)
    width = (slot - gap) / len(chart.series)
    for y_value in (0, top / 2, top):
        y = PLOT_BOTTOM - plot_height * y_value / top
        svg.lines.append(Shape(PLOT_LEFT, round(y, 1), PLOT_RIGHT - PLOT_LEFT, 0, "grid"))
        svg.texts.append(Shape(PLOT_LEFT - 3, round(y + 3, 1), text=display(_round(y_value)), css="axis", anchor="end"))
    for index, label in enumerate(chart.labels):
        left = PLOT_LEFT + index * slot + gap / 2
        for series_index, series in enumerate(chart.series):
            value = _number(series.values[index])
            height = plot_height * value / top
            svg.rects.append(
                Shape(
                    round(left + series_index * width, 2),
                    round(PLOT_BOTTOM - height, 2),
                    round(max(width, 0.5), 2),
                    round(height, 2),
                    f"bar series-{series_index}",
                    f"{label} — {series.label}: {display(series.values[index])}",
                )
            )
    for index in sorted({0, count // 2, count - 1}) if count else []:
        x = PLOT_LEFT + (index + 0.5) * slot
        anchor = "start" if index == 0 and count > 1 else ("end" if index == count - 1 and count > 1 else "middle")
        x = PLOT_LEFT if anchor == "start" else (PLOT_RIGHT if anchor == "end" else x)
        svg.texts.append(Shape(round(x, 1), PLOT_BOTTOM + 14, text=chart.labels[index], css="axis", anchor=anchor))
    return svg


def _fit(label: str, limit: int = 44) -> str:
    """Long labels (topic and document titles) end in "…" so they stay inside the chart; tables hold them whole."""
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _round(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 1)
