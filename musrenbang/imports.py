"""A desa's Musrenbang recap as an XLSX file: the template to fill in, reading an upload safely, and checking
every row by the same rules as the operator's "Catat usulan" form (forms.ImportRowForm).

Nothing here writes: services.usulan_import_check / usulan_import_apply save what these functions find.

Reading an upload: the bytes are judged first (ruangrunding.filetypes: really an XLSX, no decompression bomb,
at most IMPORT_INFLATED_MAX once unpacked), then openpyxl opens it read-only with cached values only
(data_only): a formula is never evaluated, a text starting with "=" stays text. The first row holds the column
names (any order; unknown columns are ignored); entirely blank rows are skipped; each row keeps its spreadsheet
number so an error reads "Baris 7, kolom Volume: …".
"""

import io
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from musrenbang.exports import XLSX_TYPE
from musrenbang.forms import ImportRowForm, beneficiary_names, kind_names, origin_names
from musrenbang.models import ORIGIN_STAGE, Cycle, Field, Origin, Stage, StageWindow, Usulan
from ruangrunding.filetypes import check_size, refuse_archive_bomb, sniff
from ruangrunding.spreadsheets import SafeWorkbook
from wilayah.models import Desa

# A real recap of 2,000 rows is well under 1 MB packed and a few MB unpacked; past this it is not a recap.
IMPORT_INFLATED_MAX = 64 * 1024 * 1024
# Rows looked at, blank ones included: Excel leaves formatted empty rows below the data, but not this many.
SCANNED_ROWS_MAX = 20_000
PROGRESS_EVERY = 50  # rows between two progress writes while checking
ERRORS_KEPT = 500  # errors stored and shown; the count says how many there were in all
SHEET_NAME = "Usulan"


@dataclass(frozen=True)
class Column:
    header: str
    name: str  # the ImportRowForm field it feeds
    required: bool
    explanation: str


def columns() -> list[Column]:
    """The template's columns, in order, with what each accepts (the template's second sheet repeats this)."""
    limit_hint = _("Angka 1 sampai batas siklus (P1 paling penting); boleh ditulis P1. Kosongkan bila tidak ada.")
    return [
        Column(
            _("Kunci"),
            "external_key",
            True,
            _(
                "Nomor urut atau kode baris ini di rekap desa, unik per desa dan tahun. Mengunggah ulang berkas "
                "yang sama tidak menggandakan usulan: baris yang kuncinya sudah tercatat dilewati."
            ),
        ),
        Column(_("Asal"), "origin", False, _("Musyawarah RT/RW atau Pemerintah desa/kelurahan (kosong: desa).")),
        Column(_("Permasalahan"), "problem", True, _("Masalah yang ingin diatasi, satu kalimat (≤ 300 huruf).")),
        Column(_("Judul"), "title", True, _("Judul usulan (≤ 160 huruf).")),
        Column(_("Uraian"), "description", True, _("Uraian usulan (≤ 3.000 huruf).")),
        Column(_("Jenis"), "kind", True, _("Fisik, Barang atau Non-fisik.")),
        Column(_("Bidang"), "field", True, _("Nama bidang seperti pada daftar di bawah.")),
        Column(_("RW"), "rw", False, _("Nomor RW, 1 sampai 999.")),
        Column(_("RT"), "rt", False, _("Nomor RT, 1 sampai 999.")),
        Column(_("Volume"), "volume", True, _("Angka lebih dari nol, mis. 200 atau 12.5.")),
        Column(_("Satuan"), "unit", True, _("Mis. meter, unit, paket, orang.")),
        Column(_("Perkiraan biaya"), "estimated_cost", True, _("Rupiah, mis. 150000000 atau 150.000.000.")),
        Column(
            _("Penerima manfaat"),
            "beneficiaries",
            False,
            _("Pisahkan dengan koma: perempuan, anak, disabilitas, lansia, keluarga miskin."),
        ),
        Column(_("Nama pengusul"), "proposer_name", True, _("Warga atau kelompok yang mengusulkan (tampil publik).")),
        Column(_("Peringkat prioritas"), "priority", False, limit_hint),
        Column(_("Lintang"), "latitude", False, _("Desimal, mis. -0.4312; isi bersama bujur atau kosongkan.")),
        Column(_("Bujur"), "longitude", False, _("Koordinat desimal, mis. 116.9876.")),
    ]


def _normal(text) -> str:
    """A header or a name as compared: case, accents, repeated blanks and a trailing "*" do not matter."""
    text = unicodedata.normalize("NFKC", str(text or "")).casefold().strip().rstrip("*").strip()
    return " ".join(text.split())


HEADER_ALIASES = {"no. urut": "external_key", "no urut": "external_key", "nomor urut": "external_key"}


def column_label(name: str | None) -> str:
    for column in columns():
        if column.name == name:
            return column.header
    return ""


# --- The template


def template_response() -> HttpResponse:
    """The empty recap to fill in: one header row, and a second sheet saying what each column accepts."""
    workbook = SafeWorkbook()
    sheet = workbook.active
    sheet.title = SHEET_NAME
    sheet.append([column.header for column in columns()])
    for letter_index, column in enumerate(columns()):
        sheet.column_dimensions[_letter(letter_index)].width = max(12, len(column.header) + 4)
    sheet.freeze_panes = "A2"
    guide = workbook.create_sheet(_("Petunjuk"))
    guide.append([_("Kolom"), _("Wajib"), _("Isi yang diterima")])
    for column in columns():
        guide.append([column.header, _("ya") if column.required else _("tidak"), column.explanation])
    guide.append([])
    guide.append([_("Bidang yang dapat dipakai")])
    for name in Field.objects.filter(active=True).values_list("name", flat=True):
        guide.append([name])
    guide.append([])
    guide.append([_("Jenis"), ", ".join(kind_names())])
    guide.append([_("Asal"), ", ".join(origin_names())])
    guide.append([_("Penerima manfaat"), ", ".join(beneficiary_names())])
    guide.append([])
    guide.append(
        [
            _(
                "Baris pertama lembar Usulan adalah judul kolom; jangan diubah. Satu usulan per baris. Paling banyak "
                "%(rows)s baris dan %(mb)s MB per berkas."
            )
            % {"rows": settings.MUSRENBANG_IMPORT_MAX_ROWS, "mb": settings.MUSRENBANG_IMPORT_MAX_BYTES // 1024 // 1024}
        ]
    )
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["C"].width = 90
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = 'attachment; filename="templat-rekap-musrenbang-desa.xlsx"'
    return response


def _letter(index: int) -> str:
    return chr(ord("A") + index)  # the template has fewer than 26 columns


# --- Reading an upload


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet numbers it (the header is row 1)
    values: dict[str, str]  # form field → the cell as text


def check_upload(upload) -> bytes:
    """The upload's bytes once it is known to be a real XLSX within the limits; a ValidationError otherwise."""
    check_size(upload, settings.MUSRENBANG_IMPORT_MAX_BYTES)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if sniff(data) != "xlsx":
        raise ValidationError(
            _("Hanya berkas Excel .xlsx yang dapat diimpor. Isi berkas ini bukan XLSX; pakai templat yang disediakan.")
        )
    if refuse_archive_bomb(data) > IMPORT_INFLATED_MAX:
        raise ValidationError(
            _("Isi berkas ini terlalu besar setelah dibuka (lebih dari %(mb)s MB); bagi menjadi beberapa berkas.")
            % {"mb": IMPORT_INFLATED_MAX // 1024 // 1024}
        )
    return data


def upload_rows(upload) -> list[Row]:
    """The rows of an uploaded recap, for the upload form: judged, opened and counted, or refused."""
    return read_rows(check_upload(upload))


def stored_rows(stored_file) -> list[Row]:
    """The rows of a recap kept in private storage (it passed upload_rows when it came in)."""
    try:
        with stored_file.open("rb") as handle:
            data = handle.read()
    except (OSError, ValueError):  # gone from storage (or never saved): nothing to read
        raise _unreadable() from None
    return read_rows(data)


def _unreadable() -> ValidationError:
    return ValidationError(
        _("Berkas XLSX ini tidak dapat dibaca. Simpan ulang dari Excel atau LibreOffice sebagai .xlsx lalu coba lagi.")
    )


def read_rows(data: bytes) -> list[Row]:
    """The data rows of an XLSX whose bytes passed check_upload; a ValidationError naming what is wrong."""
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl fails on a broken workbook with many kinds of errors; all mean "unreadable"
        raise _unreadable() from None
    try:
        return _rows_of(book)
    except ValidationError:
        raise
    except Exception:  # the same for a sheet broken halfway down
        raise _unreadable() from None
    finally:
        book.close()


def _rows_of(book) -> list[Row]:
    sheet = book[SHEET_NAME] if SHEET_NAME in book.sheetnames else book.worksheets[0]
    known = {_normal(column.header): column.name for column in columns()} | HEADER_ALIASES
    lines = sheet.iter_rows(max_col=len(columns()) + 20, values_only=True)
    header = next(lines, None) or ()
    positions = {}
    for index, cell in enumerate(header):
        name = known.get(_normal(cell))
        if name and name not in positions.values():
            positions[index] = name
    missing = [column.header for column in columns() if column.required and column.name not in positions.values()]
    if missing:
        raise ValidationError(
            _("Baris pertama harus berisi judul kolom templat; kolom ini tidak ditemukan: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    limit = settings.MUSRENBANG_IMPORT_MAX_ROWS
    rows = []
    for number, cells in enumerate(lines, start=2):
        if number > SCANNED_ROWS_MAX:
            raise _too_many(limit)
        values = {name: cell_text(cells[index]) for index, name in positions.items() if index < len(cells)}
        if not any(value.strip() for value in values.values()):
            continue
        rows.append(Row(number, values))
        if len(rows) > limit:
            raise _too_many(limit)
    if not rows:
        raise ValidationError(_("Berkas ini tidak berisi satu baris usulan pun di bawah baris judul kolom."))
    return rows


def _too_many(limit: int) -> ValidationError:
    return ValidationError(
        _("Berkas ini berisi lebih dari %(limit)s baris usulan. Bagi menjadi beberapa berkas, lalu unggah satu-satu.")
        % {"limit": limit}
    )


def cell_text(value) -> str:
    """A cell as the text a person would have typed into the form. Whole numbers lose Excel's ".0"."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("ya") if value else _("tidak")
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, (int, Decimal)):
        return str(value)
    return str(value)


# --- Checking the rows


@dataclass(frozen=True)
class NewRow:
    number: int
    data: dict  # the form's cleaned data


@dataclass
class Report:
    new: list[NewRow] = field(default_factory=list)
    unchanged: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    notes: list[dict] = field(default_factory=list)

    def add_error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERRORS_KEPT:
            problem = {"row": row, "column": column, "message": str(message)}
            # What concerns the whole file is read first.
            self.errors.insert(0 if row is None else len(self.errors), problem)


def check_rows(
    *, cycle: Cycle, desa: Desa, rows: list[Row], today: date | None = None, progress: Callable | None = None
) -> Report:
    """Every row checked against the form's rules, the cycle's priority limit, the ranks and keys already used
    (in the file and by the desa's usulan of this cycle) and the entry stage's window. Rows whose key already
    names an usulan of this desa and cycle are counted as unchanged and not checked again. Four queries,
    however many rows; `progress(rows_done)` is called every PROGRESS_EVERY rows."""
    fields = {}
    for item in Field.objects.filter(active=True):
        fields.setdefault(_normal(item.name), item)
        fields.setdefault(_normal(item.slug), item)
    existing = {
        key: (code, title)
        for key, code, title in Usulan.objects.filter(cycle=cycle, desa=desa)
        .exclude(external_key="")
        .values_list("external_key", "code", "title")
    }
    ranks_taken = dict(
        Usulan.objects.filter(cycle=cycle, desa=desa, priority__isnull=False).values_list("priority", "code")
    )
    windows = {window.stage: window for window in StageWindow.objects.filter(cycle=cycle)}
    report = Report()
    keys_seen: dict[str, int] = {}
    ranks_seen: dict[int, int] = {}
    rows_by_stage: dict[str, int] = {}
    labels = {column.name: column.header for column in columns()}
    for done, row in enumerate(rows, start=1):
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
        key = " ".join(row.values.get("external_key", "").split())
        if key and key in keys_seen:
            report.add_error(
                row.number,
                labels["external_key"],
                _("Kunci “%(key)s” sudah dipakai di baris %(row)s; setiap baris perlu kunci sendiri.")
                % {"key": key, "row": keys_seen[key]},
            )
            continue
        if key:
            keys_seen[key] = row.number
        if key in existing:
            report.unchanged += 1
            code, title = existing[key]
            if _normal(title) != _normal(row.values.get("title", "")):
                report.notes.append(
                    {
                        "row": row.number,
                        "column": labels["external_key"],
                        "message": _(
                            "Kunci “%(key)s” sudah tercatat sebagai %(code)s “%(title)s”; baris ini dilewati dan "
                            "usulan itu tidak diubah."
                        )
                        % {"key": key, "code": code, "title": title},
                    }
                )
            continue
        form = ImportRowForm(row.values, fields_by_name=fields, priority_limit=cycle.desa_priority_limit)
        valid = form.is_valid()
        for name, messages in form.errors.items():
            column = labels.get(name, "") if name != "__all__" else ""
            for message in messages:
                report.add_error(row.number, column, message)
        rank = form.cleaned_data.get("priority")
        rank_free = True
        if rank:
            if rank in ranks_taken:
                rank_free = False
                report.add_error(
                    row.number,
                    labels["priority"],
                    _("Peringkat P%(rank)s sudah dipakai usulan %(code)s dari desa ini.")
                    % {"rank": rank, "code": ranks_taken[rank]},
                )
            elif rank in ranks_seen:
                rank_free = False
                report.add_error(
                    row.number,
                    labels["priority"],
                    _("Peringkat P%(rank)s sudah dipakai di baris %(row)s.") % {"rank": rank, "row": ranks_seen[rank]},
                )
            else:
                ranks_seen[rank] = row.number
        if valid and rank_free:
            stage = ORIGIN_STAGE[Origin(form.cleaned_data["origin"])]
            rows_by_stage[stage] = rows_by_stage.get(stage, 0) + 1
            report.new.append(NewRow(row.number, form.cleaned_data))
    for stage, count in rows_by_stage.items():
        window = windows.get(stage)
        if window is None or not window.is_open(today):
            report.add_error(
                None,
                "",
                _(
                    "Usulan untuk RKPD %(year)s tidak diterima saat ini: jadwal %(stage)s tidak sedang berjalan "
                    "(%(count)s baris baru masuk pada tahap itu)."
                )
                % {"year": cycle.year, "stage": Stage(stage).label, "count": count},
            )
    if progress is not None:
        progress(len(rows))
    return report
