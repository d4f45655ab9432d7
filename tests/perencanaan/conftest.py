"""Two agencies, one RPJMD priority, a staff member of "Staf Bappeda", and XLSX uploads made on the fly."""

import io
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.demo import seed_staff_group
from perencanaan.models import RpjmdPriority
from ruangrunding.spreadsheets import SafeWorkbook
from tests.helpers import client_for
from wilayah.models import Agency

IMPORT_URL = "admin:perencanaan_programme_import"
HEADER = ["Perangkat Daerah", "Kode Program", "Nama Program", "Kode Kegiatan", "Nama Kegiatan", "Prioritas RPJMD"]
ROWS = [
    ["Dinas PUPR", "1.03.10", "Program Penyelenggaraan Jalan", "1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten", "P1"],
    ["Dinas PUPR", "1.03.10", "Program Penyelenggaraan Jalan", "1.03.10.2.02", "Pembangunan Jembatan Desa", "P1"],
    ["Dinas Kesehatan", "1.02.02", "Program Upaya Kesehatan", "1.02.02.2.01", "Penyediaan Fasilitas Kesehatan", ""],
]


@pytest.fixture
def agencies(db):
    return SimpleNamespace(
        pupr=Agency.objects.create(
            name="Dinas Pekerjaan Umum dan Penataan Ruang", short_name="Dinas PUPR", kind="dinas"
        ),
        dinkes=Agency.objects.create(name="Dinas Kesehatan", short_name="Dinkes", kind="dinas"),
    )


@pytest.fixture
def priority(db):
    return RpjmdPriority.objects.create(
        code="P1", name="Infrastruktur dasar dan konektivitas", start_year=2026, end_year=2031
    )


@pytest.fixture
def planner(staff, agencies, priority):
    """The staff cast member in the "Staf Bappeda" group, with the region's agencies and priority in place."""
    staff.groups.add(seed_staff_group())
    return staff


def xlsx(rows, *, header=HEADER, name="renstra.xlsx") -> SimpleUploadedFile:
    book = SafeWorkbook()
    sheet = book.active
    sheet.title = "Renstra"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def check(user, upload):
    """ "Periksa": the dry run's response."""
    return client_for(user).post(reverse(IMPORT_URL), {"file": upload})


def save(user, checked):
    """ "Simpan" on the page a dry run returned."""
    return client_for(user).post(reverse(IMPORT_URL), {"log": checked.context["log"].pk})


def imported(user, rows):
    checked = check(user, xlsx(rows))
    assert checked.status_code == 200, checked.context["errors"]
    return save(user, checked)
