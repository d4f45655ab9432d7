"""Staff import the agencies' Renstra programmes and activities from XLSX: checked first (every problem named by
row and column, in Indonesian), then saved all or nothing; the same file twice changes nothing."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from openpyxl import load_workbook

from perencanaan import importer
from perencanaan.models import Activity, ImportLog, Programme
from tests.helpers import client_for, make_user
from tests.perencanaan.conftest import HEADER, IMPORT_URL, ROWS, check, imported, save, xlsx

pytestmark = pytest.mark.django_db


def test_checking_a_file_lists_what_would_change_and_saves_nothing(planner):
    response = check(planner, xlsx(ROWS))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Program: 2 baru, 0 berubah, 0 tetap. Kegiatan: 3 baru, 0 berubah, 0 tetap." in page
    assert "1.03.10.2.02" in page and 'value="Simpan"' in page
    assert not Programme.objects.exists() and not Activity.objects.exists()


def test_saving_a_checked_file_imports_programmes_and_activities_and_records_who(planner, agencies, priority):
    client = client_for(planner)
    checked = client.post(reverse(IMPORT_URL), {"file": xlsx(ROWS)})
    response = client.post(reverse(IMPORT_URL), {"log": checked.context["log"].pk}, follow=True)
    assert "Impor tersimpan. Program: 2 baru" in response.content.decode()
    roads = Programme.objects.get(agency=agencies.pupr, code="1.03.10")
    assert roads.name == "Program Penyelenggaraan Jalan" and roads.rpjmd_priority == priority
    assert sorted(roads.activities.values_list("code", flat=True)) == ["1.03.10.2.01", "1.03.10.2.02"]
    assert Programme.objects.get(agency=agencies.dinkes).rpjmd_priority is None
    log = ImportLog.objects.get()
    assert log.applied_by == planner and log.checked_by == planner and log.applied_at is not None
    assert log.rows == [] and "Kegiatan: 3 baru" in log.summary


def test_importing_the_same_file_again_changes_nothing(planner):
    imported(planner, ROWS)
    before = list(Activity.objects.order_by("pk").values_list("pk", "code", "name", "programme_id"))
    again = check(planner, xlsx(ROWS)).content.decode()
    assert "Program: 0 baru, 0 berubah, 2 tetap. Kegiatan: 0 baru, 0 berubah, 3 tetap." in again
    assert "Tidak ada yang berubah" in again
    imported(planner, ROWS)
    assert list(Activity.objects.order_by("pk").values_list("pk", "code", "name", "programme_id")) == before
    assert Programme.objects.count() == 2


def test_a_new_name_updates_the_activity_found_by_its_code(planner):
    imported(planner, ROWS)
    renamed = [row.copy() for row in ROWS]
    renamed[1][4] = "Pembangunan Jembatan Gantung Desa"
    page = check(planner, xlsx(renamed)).content.decode()
    assert "Kegiatan: 0 baru, 1 berubah, 2 tetap." in page
    imported(planner, renamed)
    assert Activity.objects.get(code="1.03.10.2.02").name == "Pembangunan Jembatan Gantung Desa"
    assert Activity.objects.count() == 3


def test_an_existing_programme_may_be_named_by_its_code_only(planner, agencies):
    imported(planner, ROWS)
    response = imported(planner, [["Dinas PUPR", "1.03.10", "", "1.03.10.2.03", "Rehabilitasi Jalan", ""]])
    assert response.status_code == 302
    programme = Programme.objects.get(agency=agencies.pupr, code="1.03.10")
    assert programme.name == "Program Penyelenggaraan Jalan" and programme.activities.count() == 3


BROKEN = [
    (["", "1.03.10", "Program Jalan", "", "", ""], "Perangkat Daerah", "Wajib diisi."),
    (["Dinas Antah Berantah", "1.03.10", "Program Jalan", "", "", ""], "Perangkat Daerah", "tidak dikenal"),
    (["Dinas PUPR", "", "Program Jalan", "", "", ""], "Kode Program", "Wajib diisi."),
    (["Dinas PUPR", "1.3.10", "Program Jalan", "", "", ""], "Kode Program", "tidak sesuai format, mis. 1.03.10"),
    (["Dinas PUPR", "1.03.10", "Jalan", "1.03.10.201", "Jalan", ""], "Kode Kegiatan", "tidak sesuai format"),
    (["Dinas PUPR", "1.03.10", "Jalan", "1.03.11.2.01", "Jalan", ""], "Kode Kegiatan", "bukan bagian dari program"),
    (["Dinas PUPR", "1.03.10", "Jalan", "1.03.10.2.05", "", ""], "Nama Kegiatan", "Wajib diisi bila Kode Kegiatan"),
    (["Dinas PUPR", "1.03.10", "Jalan", "", "Kegiatan tanpa kode", ""], "Kode Kegiatan", "Isi Kode Kegiatan"),
    (["Dinas PUPR", "1.03.10", "Jalan", "", "", "P9"], "Prioritas RPJMD", "Prioritas RPJMD “P9” tidak dikenal"),
    (["Dinas PUPR", "1.03.10", "J" * 301, "", "", ""], "Nama Program", "Terlalu panjang"),
    (
        ["Dinas PUPR", "1.03.03", "", "1.03.03.2.01", "Pengelolaan SPAM", ""],
        "Nama Program",
        "Program 1.03.03 milik Dinas PUPR tidak ada di berkas ini maupun di data",
    ),
]


@pytest.mark.parametrize(("row", "column", "message"), BROKEN)
def test_each_broken_row_is_named_with_its_row_column_and_reason_and_nothing_is_kept(planner, row, column, message):
    response = check(planner, xlsx([ROWS[2], row]))
    assert response.status_code == 400
    [error] = response.context["errors"]
    assert (error.row, error.column) == (3, column) and message in error.message
    page = response.content.decode()
    assert "Tidak ada yang disimpan" in page and f"<td>3</td><td>{column}</td>" in page
    assert response.context["log"] is None and not ImportLog.objects.exists() and not Programme.objects.exists()


def test_an_activity_code_twice_in_one_file_is_refused(planner):
    response = check(planner, xlsx([ROWS[0], ROWS[1], ROWS[0]]))
    [error] = response.context["errors"]
    assert error.row == 4 and error.column == "Kode Kegiatan" and "sudah ada di baris 2" in error.message


def test_two_names_for_one_programme_in_one_file_are_refused(planner):
    other = [*ROWS[1][:2], "Program Jalan dan Jembatan", *ROWS[1][3:]]
    [error] = check(planner, xlsx([ROWS[0], other])).context["errors"]
    assert (error.row, error.column) == (
        3,
        "Nama Program",
    ) and "Berbeda dengan Nama Program di baris 2" in error.message


def test_agencies_are_found_by_full_or_short_name_in_any_case(planner, agencies):
    rows = [
        ["dinas pekerjaan umum dan penataan ruang", "1.03.10", "Jalan", "", "", ""],
        ["DINKES", "1.02.02", "Sehat", "", "", ""],
    ]
    imported(planner, rows)
    assert set(Programme.objects.values_list("agency", flat=True)) == {agencies.pupr.pk, agencies.dinkes.pk}


def test_data_changed_between_checking_and_saving_saves_nothing(planner, agencies):
    checked = check(planner, xlsx(ROWS))
    agencies.pupr.short_name = "PUPR"
    agencies.pupr.save()
    response = save(planner, checked)
    assert response.status_code == 400
    assert "Data berubah sejak berkas diperiksa" in response.content.decode()
    assert response.context["errors"][0].column == "Perangkat Daerah"
    assert not Programme.objects.exists() and not Activity.objects.exists()  # not even the Dinkes rows


def test_a_failure_halfway_through_saving_leaves_nothing_behind(planner, monkeypatch):
    checked = check(planner, xlsx(ROWS))
    created = []

    def create_then_fail(**fields):
        if created:
            raise IntegrityError("unique_activity_code_per_programme")
        created.append(Activity(**fields))
        return Activity.objects.bulk_create(created)[0]

    monkeypatch.setattr(Activity.objects, "create", create_then_fail)
    response = save(planner, checked)
    assert "baru saja diubah orang lain" in response.content.decode()
    assert not Programme.objects.exists() and not Activity.objects.exists()
    assert ImportLog.objects.get().applied_at is None


def test_a_saved_check_cannot_be_saved_twice(planner):
    checked = check(planner, xlsx(ROWS))
    save(planner, checked)
    assert save(planner, checked).status_code == 404
    assert Activity.objects.count() == 3


def test_a_file_that_is_not_an_xlsx_is_refused_in_indonesian(planner):
    upload = SimpleUploadedFile("renstra.xlsx", b"%PDF-1.7\n%%EOF\n")
    response = check(planner, upload)
    assert response.status_code == 400
    assert "Berkas ini bukan XLSX" in response.content.decode() and not ImportLog.objects.exists()


def test_a_file_above_5_mb_is_refused(planner):
    response = check(planner, SimpleUploadedFile("renstra.xlsx", b"PK\x03\x04" + b"0" * importer.MAX_BYTES))
    assert response.status_code == 400 and "Berkas terlalu besar" in response.content.decode()


def test_a_decompression_bomb_is_refused_before_it_is_opened(planner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))
    response = check(planner, SimpleUploadedFile("renstra.xlsx", buffer.getvalue()))
    assert response.status_code == 400 and "bom dekompresi" in response.content.decode()


def test_a_damaged_xlsx_is_refused_without_an_error_page(planner):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<bukan-xml")
    response = check(planner, SimpleUploadedFile("renstra.xlsx", buffer.getvalue()))
    assert response.status_code == 400 and "rusak atau tidak dapat dibaca sebagai XLSX" in response.content.decode()


def test_a_file_longer_than_the_limit_is_refused(planner, monkeypatch):
    monkeypatch.setattr(importer, "MAX_ROWS", 2)
    response = check(planner, xlsx(ROWS))
    assert response.status_code == 400 and "Berkas berisi lebih dari" in response.content.decode()
    assert not ImportLog.objects.exists()


def test_a_sheet_without_the_template_headers_is_refused(planner):
    response = check(planner, xlsx(ROWS, header=["Perangkat Daerah", "Program", *HEADER[2:]]))
    assert response.status_code == 400 and "Tidak ditemukan: Kode Program" in response.content.decode()


def test_the_template_holds_the_current_data_and_imports_back_unchanged(planner):
    imported(planner, ROWS)
    response = client_for(planner).get(reverse("admin:perencanaan_programme_import_template"))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Renstra", "Petunjuk", "Perangkat Daerah", "Prioritas RPJMD"]
    rows = [list(row) for row in book["Renstra"].iter_rows(values_only=True)]
    assert rows[0] == HEADER and len(rows) == 4
    upload = SimpleUploadedFile("renstra.xlsx", response.content)
    assert "Kegiatan: 0 baru, 0 berubah, 3 tetap." in check(planner, upload).content.decode()


def test_only_staff_allowed_to_add_and_change_programmes_may_import(planner, staff, citizen):
    paths = [reverse(IMPORT_URL), reverse("admin:perencanaan_programme_import_template")]
    outsider = make_user("staf.lain", display_name="Staf Lain", is_staff=True)
    for path in paths:
        assert client_for(planner).get(path).status_code == 200
        assert client_for(outsider).get(path).status_code == 403
        for person in (citizen, None):
            response = client_for(person).get(path)
            assert response.status_code == 302 and reverse("admin:login") in response["Location"]
    assert client_for(outsider).post(reverse(IMPORT_URL), {"file": xlsx(ROWS)}).status_code == 403
    assert not ImportLog.objects.exists()


def test_the_programme_list_offers_the_import_to_whoever_may_use_it(planner):
    page = client_for(planner).get(reverse("admin:perencanaan_programme_changelist")).content.decode()
    assert "Impor dari XLSX" in page
