"""The report for the head of the agency (seed: "seluruh proses pelayanan pengaduan wajib dilaporkan kepada
Kepala"): counts by classification, category, channel, agency and kecamatan, and for each clock the on-time
rate counted honestly — on time ÷ (answered + still unanswered past the deadline), so a backlog cannot look
perfect — and the median working days to the response. Bars are drawn here as plain SVG shapes (as the
dashboard's charts are), styled by static/css/pengaduan.css."""

import io
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl.styles import Font

from kalender.workdays import WorkingCalendar
from pengaduan.models import Complaint, Disposition
from ruangrunding.spreadsheets import SafeWorkbook

BAR_WIDTH = 220
ROW = 30


@dataclass
class Bar:
    label: str
    count: int
    y: int = 0
    length: float = 0


@dataclass
class Breakdown:
    slug: str
    title: str
    bars: list[Bar]
    height: int = 0

    def __post_init__(self):
        top = max((bar.count for bar in self.bars), default=0) or 1
        for row, bar in enumerate(self.bars):
            bar.y = row * ROW
            bar.length = round(max(BAR_WIDTH * bar.count / top, 1.5 if bar.count else 0), 1)
        self.height = max(len(self.bars), 1) * ROW + 4


@dataclass
class Rate:
    title: str
    on_time: int = 0
    late: int = 0  # answered after the deadline
    overdue_open: int = 0  # not answered, deadline passed (pauses aside)
    days: list[int] = field(default_factory=list)

    @property
    def counted(self) -> int:
        return self.on_time + self.late + self.overdue_open

    @property
    def percent(self) -> float | None:
        return round(100 * self.on_time / self.counted, 1) if self.counted else None

    @property
    def median_days(self) -> float | None:
        return statistics.median(self.days) if self.days else None


@dataclass
class Report:
    start: date
    end: date
    total: int
    breakdowns: list[Breakdown]
    rates: list[Rate]


def in_period(complaints: QuerySet, *, start: date, end: date, agency=None) -> QuerySet:
    complaints = complaints.filter(received_at__date__gte=start, received_at__date__lte=end)
    if agency is not None:
        disposed = Disposition.objects.filter(agency=agency).values("complaint_id")
        complaints = complaints.filter(Q(agency=agency) | Q(pk__in=disposed))
    return complaints


def build(complaints: QuerySet, *, start: date, end: date, now: datetime | None = None) -> Report:
    now = now or timezone.now()
    kinds, channels = dict(Complaint.Kind.choices), dict(Complaint.Channel.choices)
    breakdowns = []
    for slug, title, path, labels in (
        ("klasifikasi", _("Menurut klasifikasi"), "kind", kinds),
        ("kategori", _("Menurut kategori"), "category__name", None),
        ("saluran", _("Menurut saluran"), "channel", channels),
        ("perangkat-daerah", _("Menurut perangkat daerah tujuan"), "agency__short_name", None),
        ("kecamatan", _("Menurut kecamatan"), "kecamatan__name", None),
    ):
        rows = complaints.order_by().values(path).annotate(n=Count("pk")).order_by("-n", path)
        bars = [Bar(str(labels.get(row[path], row[path]) if labels else row[path]), row["n"]) for row in rows]
        breakdowns.append(Breakdown(slug, title, bars))
    initial, final = Rate(_("Respon awal (1 hari kerja)")), Rate(_("Respon akhir (2 atau 5 hari kerja)"))
    calendar = WorkingCalendar()
    total = 0
    fields = ("received_at", "initial_due", "initial_met_at", "final_due", "final_met_at", "paused_at")
    for received, *clocks, paused in complaints.order_by().values_list(*fields).iterator():
        total += 1
        for rate, due, met in ((initial, clocks[0], clocks[1]), (final, clocks[2], clocks[3])):
            if met is not None:
                if met <= due:
                    rate.on_time += 1
                else:
                    rate.late += 1
                rate.days.append(calendar.working_days_between(received, met))
            elif due is not None and due < now and paused is None:
                rate.overdue_open += 1
    return Report(start, end, total, breakdowns, [initial, final])


def workbook(report: Report, *, title: str) -> bytes:
    book = SafeWorkbook()
    sheet = book.active
    sheet.title = _("Ringkasan")
    bold = Font(bold=True)
    sheet.append([title])
    sheet["A1"].font = bold
    sheet.append([_("Periode"), f"{report.start:%d-%m-%Y} – {report.end:%d-%m-%Y}"])
    sheet.append([_("Jumlah pengaduan diterima"), report.total])
    sheet.append([])
    sheet.append(
        [
            _("Jam layanan"),
            _("Tepat waktu"),
            _("Terlambat dijawab"),
            _("Belum dijawab, lewat batas"),
            _("Persen tepat waktu"),
            _("Median hari kerja"),
        ]
    )
    for rate in report.rates:
        sheet.append([rate.title, rate.on_time, rate.late, rate.overdue_open, rate.percent, rate.median_days])
    for breakdown in report.breakdowns:
        part = book.create_sheet(breakdown.title[:31])
        part.append([breakdown.title, _("Jumlah")])
        for bar in breakdown.bars:
            part.append([bar.label, bar.count])
        part.column_dimensions["A"].width = 48
    sheet.column_dimensions["A"].width = 40
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()
