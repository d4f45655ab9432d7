from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from insight import charts, export, periods, privacy, stored
from insight.access import staff_only
from wilayah.context_processors import current_region_profile


def _period_from(request) -> tuple[periods.Period, list[str]]:
    requested = request.GET.get("periode")
    period = periods.period_for(requested)
    notices = []
    if requested and requested != period.key:
        notices.append(_("Periode “%(asked)s” tidak dikenal; menampilkan seluruh waktu.") % {"asked": requested[:40]})
    return period, notices


@require_safe
@staff_only
def index(request):
    """Staff: the participation and inclusion dashboard for a period, with charts and their tables."""
    period, notices = _period_from(request)
    blocks, counted_at = stored.blocks(period)
    if counted_at:
        notices.append(
            _("Angka partisipasi, konsultasi, acara dan pustaka dihitung pada %(time)s dan diperbarui berkala.")
            % {"time": timezone.localtime(counted_at).strftime("%d-%m-%Y %H.%M")}
        )
    for block in blocks:
        for figure in block.figures:
            figure.svg = charts.draw(figure.chart) if figure.chart and figure.rows else None
    context = {
        "blocks": blocks,
        "period": period,
        "period_choices": periods.CHOICES,
        "notices": notices,
        "min_group": privacy.MIN_GROUP,
    }
    return render(request, "insight/dashboard.html", context)


@require_safe
@staff_only
def download(request):
    """Staff: every figure of the dashboard for a period as an XLSX workbook, one sheet per block."""
    period, _notices = _period_from(request)
    blocks, _counted_at = stored.blocks(period)
    return export.xlsx_response(blocks, period=period, region_name=current_region_profile().name)
