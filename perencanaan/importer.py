"""The Renstra XLSX: reading an upload safely, checking every row against the data (a dry run that lists each
problem by row and column, in Indonesian), and the template staff fill in.

One sheet ("Renstra", else the first), a header row, then one row per activity (kegiatan) with its programme
repeated, or a row with only a programme. Columns are found by their header text, in any order:

    Perangkat Daerah | Kode Program | Nama Program | Kode Kegiatan | Nama Kegiatan | Prioritas RPJMD

Programmes are matched by (agency, code) and activities by their code within the agency, so importing the same
file again changes nothing, and a file may carry only what changed. Nothing is deleted: a programme or activity
that left the Renstra is switched off in the admin."""

import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from perencanaan.models import ACTIVITY_CODE, PROGRAMME_CODE, Activity, Programme, RpjmdPriority
from ruangrunding.filetypes import check_size, refuse_archive_bomb, sniff
from ruangrunding.spreadsheets import SafeWorkbook
from wilayah.models import Agency

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5_000  # data rows; a whole kabupaten's Renstra (some 40 agencies × 150 activities) fits
ROWS_LABEL = f"{MAX_ROWS:,}".replace(",", ".")  # 5.000, as Indonesian writes thousands
MAX_COLUMNS = 30  # columns read from each row; a sheet wider than this holds nothing of ours beyond it
NAME_MAX = 300
SHEET = "Renstra"
COLUMNS = {
    "agency": gettext_lazy("Perangkat Daerah"),
    "programme_code": gettext_lazy("Kode Program"),
    "programme_name": gettext_lazy("Nama Program"),
    "activity_code": gettext_lazy("Kode Kegiatan"),
    "activity_name": gettext_lazy("Nama Kegiatan"),
    "priority": gettext_lazy("Prioritas RPJMD"),
}
OPTIONAL_COLUMNS = {"priority"}
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _broken() -> ValidationError:
    return ValidationError(
        _("Berkas ini rusak atau tidak dapat dibaca sebagai XLSX. Simpan ulang dari Excel lalu coba lagi.")
    )


def cell_text(value) -> str:
    """A cell as text: numbers without a trailing .0, runs of spaces (and line breaks) as one space."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def read_upload(upload) -> list[dict]:
    """The data rows of an uploaded Renstra XLSX as dicts (COLUMNS keys, plus "row": its number in the sheet),
    or a ValidationError saying what is wrong with the file as a whole. The bytes are judged before openpyxl
    sees them (an XLSX by its content, no decompression bomb), the workbook is read in read-only mode and at
    most MAX_ROWS rows are taken."""
    check_size(upload, MAX_BYTES)
    upload.seek(0)
    data = upload.read()
    if sniff(data) != "xlsx":
        raise ValidationError(
            _("Berkas ini bukan XLSX. Simpan sebagai berkas Excel .xlsx, mis. dari templat, lalu unggah lagi.")
        )
    refuse_archive_bomb(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a damaged file; each means the same
        raise _broken() from error
    try:
        sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
        # One row past the limit is read, to tell a file that is too long from one that is exactly full.
        return _rows(sheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS, values_only=True))
    except ValidationError:
        raise
    except Exception as error:
        raise _broken() from error
    finally:
        book.close()


def _rows(values: Iterable) -> list[dict]:
    values = iter(values)
    header = [cell_text(value).casefold() for value in next(values, None) or ()]
    positions = {}
    for key, title in COLUMNS.items():
        if str(title).casefold() in header:
            positions[key] = header.index(str(title).casefold())
    missing = [str(COLUMNS[key]) for key in COLUMNS if key not in positions and key not in OPTIONAL_COLUMNS]
    if missing:
        raise ValidationError(
            _("Baris pertama harus berisi judul kolom seperti di templat. Tidak ditemukan: %(columns)s.")
            % {"columns": ", ".join(missing)}
        )
    rows = []
    for number, row in enumerate(values, start=2):
        cells = {key: cell_text(row[index]) if index < len(row) else "" for key, index in positions.items()}
        if not any(cells.values()):
            continue
        if number > MAX_ROWS + 1:
            raise ValidationError(
                _(
                    "Berkas berisi lebih dari %(max)s baris data. "
                    "Bagilah menjadi beberapa berkas, mis. per perangkat daerah."
                )
                % {"max": ROWS_LABEL}
            )
        rows.append({"row": number, **{key: cells.get(key, "") for key in COLUMNS}})
    if not rows:
        raise ValidationError(_("Berkas tidak berisi baris data di bawah judul kolom."))
    return rows


# --- Checking


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class PlannedProgramme:
    agency: Agency
    code: str
    row: int
    name: str = ""
    priority: RpjmdPriority | None = None
    existing: Programme | None = None

    @property
    def changes(self) -> dict:
        """The fields to write: all of them for a new programme; only what differs for an existing one."""
        if self.existing is None:
            return {"name": self.name, "rpjmd_priority": self.priority}
        wanted = {"active": True}
        if self.name:
            wanted["name"] = self.name
        if self.priority is not None:
            wanted["rpjmd_priority"] = self.priority
        return {key: value for key, value in wanted.items() if getattr(self.existing, key) != value}


@dataclass
class PlannedActivity:
    programme: PlannedProgramme
    code: str
    name: str
    row: int
    existing: Activity | None = None

    @property
    def agency(self) -> Agency:
        return self.programme.agency

    @property
    def changes(self) -> dict:
        if self.existing is None:
            return {"name": self.name}
        wanted = {"name": self.name, "active": True}
        return {key: value for key, value in wanted.items() if getattr(self.existing, key) != value}


@dataclass
class Check:
    """What an import would do: the errors (nothing is saved while there is one), and the plan."""

    errors: list[RowError] = field(default_factory=list)
    programmes: dict = field(default_factory=dict)  # (agency pk, code) → PlannedProgramme
    activities: dict = field(default_factory=dict)  # (agency pk, code) → PlannedActivity

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(row, str(COLUMNS[column]), message))

    def counts(self, plans) -> tuple[int, int, int]:
        new = sum(plan.existing is None for plan in plans)
        changed = sum(plan.existing is not None and bool(plan.changes) for plan in plans)
        return new, changed, len(plans) - new - changed

    @property
    def summary(self) -> str:
        programmes = self.counts(self.programmes.values())
        activities = self.counts(self.activities.values())
        return _(
            "Program: %(p_new)d baru, %(p_changed)d berubah, %(p_same)d tetap. "
            "Kegiatan: %(a_new)d baru, %(a_changed)d berubah, %(a_same)d tetap."
        ) % {
            "p_new": programmes[0],
            "p_changed": programmes[1],
            "p_same": programmes[2],
            "a_new": activities[0],
            "a_changed": activities[1],
            "a_same": activities[2],
        }

    @property
    def pending(self) -> list:
        """The programmes and activities the import adds or changes, in the file's order."""
        plans = [*self.programmes.values(), *self.activities.values()]
        return sorted((plan for plan in plans if plan.changes), key=lambda plan: plan.row)


class _Agencies:
    """Agencies by their full name or, when unambiguous, their short name (both case-insensitive)."""

    def __init__(self):
        self.by_name, self.by_short = {}, {}
        for agency in Agency.objects.all():
            self.by_name[agency.name.casefold()] = agency
            self.by_short.setdefault(agency.short_name.casefold(), []).append(agency)

    def find(self, text: str) -> tuple[Agency | None, str]:
        key = text.casefold()
        if key in self.by_name:
            return self.by_name[key], ""
        found = self.by_short.get(key, [])
        if len(found) == 1:
            return found[0], ""
        if found:
            return None, _("Nama singkat “%(name)s” dipakai beberapa perangkat daerah; tulis nama lengkapnya.") % {
                "name": text
            }
        return None, _(
            "Perangkat daerah “%(name)s” tidak dikenal. Tulis nama atau nama singkatnya seperti di lembar Perangkat "
            "Daerah pada templat."
        ) % {"name": text}


def check_rows(rows: list[dict]) -> Check:
    """Every row checked against the file's other rows and the data as it is now; nothing is written."""
    check = Check()
    agencies = _Agencies()
    priorities = {priority.code.casefold(): priority for priority in RpjmdPriority.objects.all()}
    for row in rows:
        _check_row(check, row, agencies, priorities)
    agency_ids = {key[0] for key in check.programmes}
    existing = {(p.agency_id, p.code): p for p in Programme.objects.filter(agency_id__in=agency_ids)}
    activities = Activity.objects.filter(programme__agency_id__in=agency_ids).select_related("programme")
    existing_activities = {(a.programme.agency_id, a.code): a for a in activities}
    for key, plan in check.programmes.items():
        plan.existing = existing.get(key)
        if plan.existing is None and not plan.name:
            check.error(
                plan.row,
                "programme_name",
                _("Program %(code)s milik %(agency)s tidak ada di berkas ini maupun di data; isi Nama Program.")
                % {"code": plan.code, "agency": plan.agency},
            )
    for key, plan in check.activities.items():
        plan.existing = existing_activities.get(key)
    check.errors.sort(key=lambda error: error.row)
    return check


def _check_row(check: Check, row: dict, agencies: _Agencies, priorities: dict) -> None:
    number = row["row"]
    errors_before = len(check.errors)
    for key in COLUMNS:
        if CONTROL.search(row[key]):
            check.error(number, key, _("Tidak boleh berisi karakter kendali."))
        if key.endswith("_name") and len(row[key]) > NAME_MAX:
            check.error(number, key, _("Terlalu panjang (paling banyak %(max)d karakter).") % {"max": NAME_MAX})
    agency = None
    if not row["agency"]:
        check.error(number, "agency", _("Wajib diisi."))
    else:
        agency, problem = agencies.find(row["agency"])
        if problem:
            check.error(number, "agency", problem)
    programme_code = row["programme_code"].upper()
    if not programme_code:
        check.error(number, "programme_code", _("Wajib diisi."))
    elif not PROGRAMME_CODE.match(programme_code):
        check.error(
            number,
            "programme_code",
            _("Kode program “%(code)s” tidak sesuai format, mis. 1.03.10.") % {"code": row["programme_code"]},
        )
    priority = None
    if row["priority"]:
        priority = priorities.get(row["priority"].casefold())
        if priority is None:
            check.error(
                number,
                "priority",
                _("Prioritas RPJMD “%(code)s” tidak dikenal; tambahkan dulu di admin (Prioritas RPJMD).")
                % {"code": row["priority"]},
            )
    activity_code = row["activity_code"].upper()
    if activity_code:
        if not ACTIVITY_CODE.match(activity_code):
            check.error(
                number,
                "activity_code",
                _("Kode kegiatan “%(code)s” tidak sesuai format, mis. 1.03.10.2.01.") % {"code": row["activity_code"]},
            )
        elif programme_code and not activity_code.startswith(programme_code + "."):
            check.error(
                number,
                "activity_code",
                _("Kode kegiatan %(activity)s bukan bagian dari program %(programme)s.")
                % {"activity": activity_code, "programme": programme_code},
            )
        if not row["activity_name"]:
            check.error(number, "activity_name", _("Wajib diisi bila Kode Kegiatan diisi."))
    elif row["activity_name"]:
        check.error(number, "activity_code", _("Isi Kode Kegiatan untuk kegiatan ini."))
    if len(check.errors) > errors_before:
        return
    key = (agency.pk, programme_code)
    programme = check.programmes.get(key)
    if programme is None:
        programme = check.programmes[key] = PlannedProgramme(agency=agency, code=programme_code, row=number)
    if row["programme_name"]:
        if programme.name and programme.name != row["programme_name"]:
            check.error(
                number,
                "programme_name",
                _("Berbeda dengan Nama Program di baris %(row)d untuk program yang sama.") % {"row": programme.row},
            )
        programme.name = programme.name or row["programme_name"]
    if priority is not None:
        if programme.priority is not None and programme.priority != priority:
            check.error(
                number,
                "priority",
                _("Berbeda dengan Prioritas RPJMD di baris %(row)d untuk program yang sama.") % {"row": programme.row},
            )
        programme.priority = programme.priority or priority
    if activity_code:
        seen = check.activities.get((agency.pk, activity_code))
        if seen is not None:
            check.error(
                number,
                "activity_code",
                _("Kode kegiatan %(code)s sudah ada di baris %(row)d.") % {"code": activity_code, "row": seen.row},
            )
            return
        check.activities[(agency.pk, activity_code)] = PlannedActivity(
            programme=programme, code=activity_code, name=row["activity_name"], row=number
        )


# --- The template


def template_workbook() -> SafeWorkbook:
    """The import template: the "Renstra" sheet with the current programmes and activities (so staff edit what
    is there and import it back; importing it unchanged changes nothing), then instructions and the lists of
    agencies and RPJMD priorities whose names the sheet may use."""
    book = SafeWorkbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    sheet.append([str(title) for title in COLUMNS.values()])
    programmes = Programme.objects.select_related("agency", "rpjmd_priority").prefetch_related("activities")
    for programme in programmes.order_by("agency__name", "code"):
        first = [programme.agency.name, programme.code, programme.name]
        priority = programme.rpjmd_priority.code if programme.rpjmd_priority else ""
        activities = sorted(programme.activities.all(), key=lambda activity: activity.code)
        if not activities:
            sheet.append([*first, "", "", priority])
        for activity in activities:
            sheet.append([*first, activity.code, activity.name, priority])
    guide = book.create_sheet(_("Petunjuk"))
    for line in GUIDE:
        guide.append([str(line)])
    agency_sheet = book.create_sheet(_("Perangkat Daerah"))
    agency_sheet.append([_("Nama"), _("Nama singkat")])
    for agency in Agency.objects.active():
        agency_sheet.append([agency.name, agency.short_name])
    priority_sheet = book.create_sheet(_("Prioritas RPJMD"))
    priority_sheet.append([_("Kode"), _("Nama"), _("Periode")])
    for priority in RpjmdPriority.objects.filter(active=True):
        priority_sheet.append([priority.code, priority.name, priority.period])
    return book


GUIDE = [
    gettext_lazy("Isi lembar Renstra: satu baris per kegiatan, dengan programnya ditulis ulang di setiap baris."),
    gettext_lazy("Perangkat Daerah: nama atau nama singkat seperti di lembar Perangkat Daerah."),
    gettext_lazy("Kode Program: mis. 1.03.10 (urusan.bidang.program, Kepmendagri 050-5889/2021)."),
    gettext_lazy("Kode Kegiatan: kode program diikuti dua bagian, mis. 1.03.10.2.01."),
    gettext_lazy("Baris tanpa Kode Kegiatan hanya mencatat programnya."),
    gettext_lazy("Nama Program boleh dikosongkan bila program itu sudah ada (di baris lain atau di data)."),
    gettext_lazy("Prioritas RPJMD (boleh kosong): kode seperti di lembar Prioritas RPJMD."),
    gettext_lazy("Paling banyak 5.000 baris dan 5 MB. Berkas diperiksa dulu; tidak ada yang disimpan sebelum Simpan."),
    gettext_lazy("Mengimpor berkas yang sama dua kali tidak mengubah apa pun. Tidak ada data yang dihapus."),
]
