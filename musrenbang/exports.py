"""The XLSX of a filtered usulan list (public), and the one shaped for entry into SIPD (its columns configured by
staff as SipdColumn rows), both through the project's SafeWorkbook (no cell runs as a formula)."""

import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from musrenbang.models import DEFAULT_SIPD_COLUMNS, SipdColumn, SipdSource
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
        _("Kode program Renstra"),
        _("Kode kegiatan Renstra"),
        _("Kegiatan Renstra"),
        _("Prioritas RPJMD"),
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
        *_planning(usulan),
        usulan.get_stage_display(),
        usulan.get_status_display(),
        usulan.get_accommodation_display(),
        absolute_url(usulan.get_absolute_url()),
    ]


def _planning(usulan) -> list[str]:
    """Programme code, activity code, activity name and RPJMD priority of the linked Renstra activity."""
    activity = usulan.activity
    if activity is None:
        return ["", "", "", ""]
    priority = activity.programme.rpjmd_priority
    return [activity.programme.code, activity.code, activity.name, str(priority) if priority else ""]


def xlsx_response(usulan) -> HttpResponse:
    return _workbook_response(usulan, columns(), row, f"usulan-musrenbang-{timezone.localdate():%Y%m%d}.xlsx")


def _workbook_response(usulan, header: list, to_row, filename: str) -> HttpResponse:
    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.create_sheet(_("Usulan"))
    sheet.append(header)
    for item in usulan[:MAX_ROWS].iterator(chunk_size=2000):
        sheet.append(to_row(item))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- SIPD


def _address(usulan) -> str:
    parts = [f"RT {usulan.rt}" if usulan.rt else "", f"RW {usulan.rw}" if usulan.rw else "", str(usulan.desa)]
    return ", ".join(part for part in parts if part)


def _coordinate(value) -> float | str:
    return float(value) if value is not None else ""


def _activity_part(usulan, read) -> str:
    return read(usulan.activity) if usulan.activity else ""


# What each SipdSource puts in its cell, read from an usulan fetched with for_list().with_planning().
SIPD_VALUES = {
    SipdSource.CODE: lambda u: u.code,
    SipdSource.YEAR: lambda u: u.cycle.year,
    SipdSource.KECAMATAN_CODE: lambda u: u.kecamatan.code,
    SipdSource.KECAMATAN: lambda u: u.kecamatan.name,
    SipdSource.DESA_CODE: lambda u: u.desa.code,
    SipdSource.DESA: lambda u: u.desa.name,
    SipdSource.ADDRESS: _address,
    SipdSource.LATITUDE: lambda u: _coordinate(u.latitude),
    SipdSource.LONGITUDE: lambda u: _coordinate(u.longitude),
    SipdSource.COORDINATES: lambda u: f"{u.latitude}, {u.longitude}" if u.latitude is not None else "",
    SipdSource.PROBLEM: lambda u: u.problem,
    SipdSource.TITLE: lambda u: u.title,
    SipdSource.DESCRIPTION: lambda u: u.description,
    SipdSource.KIND: lambda u: u.get_kind_display(),
    SipdSource.FIELD: lambda u: u.field.name,
    SipdSource.VOLUME: lambda u: float(u.volume),
    SipdSource.UNIT: lambda u: u.unit,
    SipdSource.COST: lambda u: u.estimated_cost,
    SipdSource.BENEFICIARIES: lambda u: ", ".join(u.beneficiaries),
    SipdSource.ORIGIN: lambda u: u.get_origin_display(),
    SipdSource.PROPOSER: lambda u: u.proposer_label,
    SipdSource.AGENCY: lambda u: u.agency.name if u.agency else "",
    SipdSource.PROGRAMME_CODE: lambda u: _activity_part(u, lambda a: a.programme.code),
    SipdSource.PROGRAMME: lambda u: _activity_part(u, lambda a: a.programme.name),
    SipdSource.ACTIVITY_CODE: lambda u: _activity_part(u, lambda a: a.code),
    SipdSource.ACTIVITY: lambda u: _activity_part(u, lambda a: a.name),
    SipdSource.RPJMD_PRIORITY: lambda u: _activity_part(
        u, lambda a: str(a.programme.rpjmd_priority) if a.programme.rpjmd_priority else ""
    ),
    SipdSource.DESA_PRIORITY: lambda u: u.priority_label,
    SipdSource.STAGE: lambda u: u.get_stage_display(),
    SipdSource.STATUS: lambda u: u.get_status_display(),
    SipdSource.ACCOMMODATION: lambda u: u.get_accommodation_display(),
    SipdSource.LINK: lambda u: absolute_url(u.get_absolute_url()),
}


def sipd_columns() -> list[tuple[str, str]]:
    """(header, source) of each SIPD column as staff configured them, or the default set when there are none."""
    configured = list(SipdColumn.objects.values_list("header", "source"))
    return configured or [(header, str(source)) for header, source in DEFAULT_SIPD_COLUMNS]


def sipd_response(usulan) -> HttpResponse:
    # A source no longer offered (a choice removed in a later version) is left out rather than failing the file.
    mapping = [(header, SIPD_VALUES[source]) for header, source in sipd_columns() if source in SIPD_VALUES]
    return _workbook_response(
        usulan,
        [header for header, _read in mapping],
        lambda item: [read(item) for _header, read in mapping],
        f"usulan-sipd-{timezone.localdate():%Y%m%d}.xlsx",
    )
