"""Agencies, a category, complaint handlers and agency liaisons, and complaints in several states."""

from datetime import datetime

import pytest
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from pengaduan import services
from pengaduan.models import Category, Complaint
from tests.helpers import make_user
from wilayah.models import Agency, Kecamatan


def at(text: str) -> datetime:
    """A moment in the region's time zone, e.g. at("2026-03-13 15:50")."""
    return timezone.make_aware(datetime.fromisoformat(text))


@pytest.fixture
def agencies(db):
    return {
        "pupr": Agency.objects.create(
            name="Dinas Pekerjaan Umum dan Penataan Ruang", short_name="Dinas PUPR", kind="dinas"
        ),
        "dlh": Agency.objects.create(name="Dinas Lingkungan Hidup", short_name="DLH", kind="dinas"),
        "dinkes": Agency.objects.create(name="Dinas Kesehatan", short_name="Dinkes", kind="dinas"),
    }


@pytest.fixture
def category(agencies):
    return Category.objects.create(name="Jalan dan jembatan", agency=agencies["pupr"])


def grant(user, role, agency=None):
    RoleAssignment.objects.create(user=user, role=role, agency=agency)
    return user


@pytest.fixture
def handler(db, agencies):
    """The central complaint team: handles every agency's complaints."""
    return grant(make_user("petugas", display_name="Petugas Pengaduan"), Role.COMPLAINT_HANDLER)


@pytest.fixture
def liaison(db, agencies):
    """Dinas PUPR's liaison."""
    return grant(make_user("pupr", display_name="Penghubung PUPR"), Role.AGENCY_VERIFIER, agencies["pupr"])


@pytest.fixture
def other_liaison(db, agencies):
    """Dinas Kesehatan's liaison: nothing of Dinas PUPR's."""
    return grant(make_user("dinkes", display_name="Penghubung Dinkes"), Role.AGENCY_VERIFIER, agencies["dinkes"])


@pytest.fixture
def file_complaint(category, kecamatan):
    def file(title="Jembatan Maluhu retak", *, reporter=None, privacy=Complaint.Privacy.NORMAL, now=None, **extra):
        defaults = {"reporter_name": "Rahmat", "reporter_email": "rahmat@contoh.id"} if reporter is None else {}
        return services.complaint_file(
            kind=Complaint.Kind.COMPLAINT,
            category=category,
            title=title,
            description=extra.pop("description", "Lantai jembatan di RT 05 retak dan berlubang sejak banjir."),
            kecamatan=kecamatan,
            privacy=privacy,
            reporter=reporter,
            now=now,
            **{**defaults, **extra},
        )

    return file


@pytest.fixture
def disposed(file_complaint, citizen, handler, agencies):
    """A citizen's complaint, verified and disposed to Dinas PUPR."""
    complaint = file_complaint(reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    services.complaint_dispose(complaint=complaint, actor=handler, agencies=[agencies["pupr"]])
    return complaint


@pytest.fixture
def kecamatan2(kecamatan):
    return Kecamatan.objects.get(name="Samboja")
