"""Privacy: nothing is public before a handler verified it; "anonim" never shows the reporter; "rahasia" never
appears in any public output — list, filters, counts, detail, other complaints' pages, home, robots."""

import pytest
from django.urls import reverse

from pengaduan import services
from pengaduan.models import Complaint
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
SECRET_TITLE = "Pungli di loket perizinan"
SECRET_TEXT = "Petugas loket meminta uang tambahan tanpa kuitansi"


@pytest.fixture
def published(file_complaint, citizen, citizen2, handler, agencies):
    """A normal, an anonymous and a secret complaint, all verified and disposed; the secret one answered."""
    made = {}
    for privacy, title, reporter in (
        (Complaint.Privacy.NORMAL, "Jalan berlubang di Maluhu", citizen2),
        (Complaint.Privacy.ANONYMOUS, "Sampah menumpuk di pasar", citizen),
        (Complaint.Privacy.SECRET, SECRET_TITLE, citizen),
    ):
        complaint = file_complaint(
            title,
            reporter=reporter,
            privacy=privacy,
            description=SECRET_TEXT if privacy == "rahasia" else "Uraian biasa.",
        )
        services.complaint_verify(complaint=complaint, actor=handler)
        services.complaint_dispose(complaint=complaint, actor=handler, agencies=[agencies["pupr"]])
        made[privacy] = complaint
    secret = made[Complaint.Privacy.SECRET]
    services.complaint_mark_duplicate(
        complaint=file_complaint("Salinan", reporter=citizen2), actor=handler, original=secret
    )
    return made


def public_pages(published, kecamatan, kecamatan2):
    paths = [
        reverse("home"),
        reverse("robots_txt"),
        reverse("pengaduan:index"),
        reverse("pengaduan:index") + f"?kecamatan={kecamatan.pk}",
        reverse("pengaduan:index") + f"?kecamatan={kecamatan2.pk}",
        reverse("pengaduan:index") + "?halaman=2",
        reverse("pengaduan:create"),
        reverse("pengaduan:open311_services"),
        reverse("pengaduan:open311_requests"),
        reverse("pengaduan:open311_requests") + "?start_date=2000-01-01&end_date=2100-01-01",
        reverse("pengaduan:open311_requests") + "?status=open&start_date=2000-01-01",
    ]
    paths += [reverse("pengaduan:open311_request", args=[c.code]) for c in Complaint.objects.published()]
    paths += [c.get_absolute_url() for c in Complaint.objects.published()]
    return paths


def test_a_secret_complaint_appears_in_no_public_output(published, kecamatan, kecamatan2, citizen2):
    secret = published[Complaint.Privacy.SECRET]
    for who in (None, citizen2):
        for path in public_pages(published, kecamatan, kecamatan2):
            page = client_for(who).get(path).content.decode()
            assert SECRET_TITLE not in page and SECRET_TEXT not in page and secret.code not in page, path
    assert client_for(None).get(secret.get_absolute_url()).status_code == 404
    assert client_for(None).get(reverse("pengaduan:open311_request", args=[secret.code])).status_code == 404


def test_counts_per_kecamatan_leave_the_secret_complaint_out(published, kecamatan):
    page = client_for(None).get(reverse("pengaduan:index") + f"?kecamatan={kecamatan.pk}").content.decode()
    assert "2 pengaduan" in page  # the normal and the anonymous one; never 3


def test_an_anonymous_complaint_never_shows_its_reporter(published, citizen):
    anonymous = published[Complaint.Privacy.ANONYMOUS]
    for path in (anonymous.get_absolute_url(), reverse("pengaduan:index"), anonymous.tracking_url()):
        page = client_for(None).get(path).content.decode()
        assert citizen.display_name not in page and citizen.email not in page
    assert "Pelapor: Anonim" in client_for(None).get(anonymous.get_absolute_url()).content.decode()


def test_a_normal_complaint_shows_its_reporters_public_name(published, citizen2):
    page = client_for(None).get(published[Complaint.Privacy.NORMAL].get_absolute_url()).content.decode()
    assert f"Pelapor: {citizen2.display_name}" in page


def test_nothing_is_public_before_verification(file_complaint, citizen):
    complaint = file_complaint("Belum dicek", reporter=citizen)
    assert client_for(None).get(complaint.get_absolute_url()).status_code == 404
    assert "Belum dicek" not in client_for(None).get(reverse("pengaduan:index")).content.decode()


def test_the_public_history_leaves_internal_notes_out(published, handler):
    normal = published[Complaint.Privacy.NORMAL]
    services.complaint_note(complaint=normal, actor=handler, note="Nama pelapor sudah dicek ke dukcapil")
    for path in (normal.get_absolute_url(), normal.tracking_url()):
        assert "dukcapil" not in client_for(None).get(path).content.decode()
    assert "dukcapil" in client_for(handler).get(normal.manage_url()).content.decode()


def test_overdue_clocks_are_marked_on_every_list(file_complaint, citizen, handler):
    from tests.pengaduan.conftest import at

    late = file_complaint("Lama tak dijawab", reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_verify(complaint=late, actor=handler, now=at("2026-03-02 10:00"))  # final due 4 March
    for user, path in (
        (None, reverse("pengaduan:index")),
        (citizen, reverse("pengaduan:mine")),
        (handler, reverse("pengaduan:queue")),
    ):
        page = client_for(user).get(path).content.decode()
        assert '<strong class="badge">Terlambat</strong> Respon akhir paling lambat Rabu, 4 Maret 2026' in page, path
