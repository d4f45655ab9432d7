"""One of everything the project's URLs point at, and the whole cast, for the project-wide security tests."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Permission

from agenda import services as agenda_services
from agenda.models import Aspiration
from agenda.tokens import decline_token
from konsultasi import services as konsultasi_services
from konsultasi.uploads import check_attachment
from musrenbang import services as musrenbang_services
from musrenbang.models import Field as UsulanField
from musrenbang.models import UsulanImport
from pengaduan import services as pengaduan_services
from pengaduan.models import Category
from pengumuman.models import Announcement
from rpjpd import services as rpjpd_services
from tests.agenda.factories import group, make_event
from tests.helpers import make_user
from tests.konsultasi import files
from tests.musrenbang.conftest import open_cycle, usulan_data
from wilayah.models import Agency, Desa

ROLES = ["anonymous", "citizen", "citizen2", "expert", "expert2", "staff", "auditor"]


@pytest.fixture
def everyone(cast):
    """The cast plus a staff member holding every permission (the "staff with them" of the matrix)."""
    auditor = make_user("auditor", display_name="Auditor Bappeda", is_staff=True)
    auditor.user_permissions.set(Permission.objects.all())
    return {**cast, "auditor": auditor}


@pytest.fixture
def objects(everyone, topic, make_document):
    citizen, expert = everyone["citizen"], everyone["expert"]
    reply = rpjpd_services.reply_create(topic=topic, author=citizen, body="Jalan desa rusak.")
    consultation = konsultasi_services.consultation_open(
        citizen=citizen, expert=expert.expert_profile, subject="Air sumur keruh", body="Sejak banjir air keruh."
    )
    message = konsultasi_services.message_post(
        consultation=consultation, author=citizen, body="Foto sumur", attachment=check_attachment(files.png())
    )
    document = make_document("Perda Irigasi", pdf_lines=["Irigasi desa."])
    cycle = open_cycle(2099)
    road = UsulanField.objects.get_or_create(slug="prasarana-wilayah", defaults={"name": "Prasarana Wilayah"})[0]
    usulan = musrenbang_services.usulan_create(
        cycle=cycle,
        desa=Desa.objects.get(name="Maluhu"),
        data=usulan_data(SimpleNamespace(road=road)),
        proposer_name="Pak Darmin",
        origin="musyawarah_rt_rw",
    )
    agency = Agency.objects.create(name="Dinas Pekerjaan Umum", short_name="Dinas PU", kind="dinas")
    complaint = pengaduan_services.complaint_file(
        kind="pengaduan",
        category=Category.objects.create(name="Jalan", agency=agency),
        title="Jembatan retak",
        description="Lantai jembatan retak.",
        kecamatan=citizen.kecamatan,
        reporter=citizen,
        attachments=[check_attachment(files.png())],
    )
    pengaduan_services.complaint_verify(complaint=complaint, actor=make_user("petugas", display_name="Petugas"))
    announcement = Announcement.objects.create(title="Musrenbang Kecamatan", body="Jadwal musyawarah.")
    event = make_event("Musrenbang Kabupaten")
    application = agenda_services.application_create(
        event=event, citizen=citizen, group=group("Perempuan"), topic="Jalan desa"
    )
    agenda_services.applications_select(event=event, applications=[application])
    aspiration = Aspiration.objects.create(event=event, author=citizen, body="Jalan desa rusak", shortlisted=True)
    return SimpleNamespace(
        topic=topic,
        section=topic.section,
        reply=reply,
        consultation=consultation,
        message=message,
        expert=expert.expert_profile,
        document=document,
        announcement=announcement,
        event=event,
        decline_token=decline_token(application),
        aspiration=aspiration,
        file=document.files.get(),
        usulan=usulan,
        usulan_import=UsulanImport.objects.create(cycle=cycle, desa=usulan.desa, original_name="rekap.xlsx"),
        window=cycle.windows.first(),
        complaint=complaint,
        complaint_file=complaint.attachments.get(),
    )
