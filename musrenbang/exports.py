"""The XLSX of a filtered usulan list, through the project's SafeWorkbook (no cell runs as a formula)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from ruangrunding.mail import absolute_url
from ruangrunding.spreadsheets import SafeWorkbook

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 20_000  # a whole kabupaten's year fits; beyond it a filter is needed


def columns() -> list[str]:
    return [
        _("Kode"),
        _("Tahun RKPD"),
        _("Judul"),
        _("Permasalahan"),
        _("Jenis"),
        _("Bidang"),
        _("Kecamatan"),
        _("Desa/kelurahan"),
        _("RW"),
        _("RT"),
        _("Volume"),
        _("Satuan"),
        _("Perkiraan biaya (Rp)"),
        _("Manfaat untuk"),
        _("Asal usulan"),
        _("Prioritas desa"),
        _("Perangkat daerah"),
        _("Tahap"),
        _("Status"),
        _("Diakomodasi"),
        _("Tautan"),
    ]


def row(usulan) -> list:
    return [
        usulan.code,
        usulan.cycle.year,
        usulan.title,
        usulan.problem,
        usulan.get_kind_display(),
        usulan.field.name,
        usulan.kecamatan.name,
        usulan.desa.name,
        usulan.rw,
        usulan.rt,
        float(usulan.volume),
        usulan.unit,
        usulan.estimated_cost,
        ", ".join(usulan.beneficiaries),
        usulan.get_origin_display(),
        usulan.priority_label,
        usulan.agency.name if usulan.agency else "",
        usulan.get_stage_display(),
        usulan.get_status_display(),
        usulan.get_accommodation_display(),
        absolute_url(usulan.get_absolute_url()),
    ]


def xlsx_response(usulan) -> HttpResponse:
    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.create_sheet(_("Usulan"))
    sheet.append(columns())
    for item in usulan[:MAX_ROWS].iterator(chunk_size=2000):
        sheet.append(row(item))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="usulan-musrenbang-{timezone.localdate():%Y%m%d}.xlsx"'
    return response
