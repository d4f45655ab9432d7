"""Who sees and does what: the reporter, another citizen, the liaison of the agency it went to and of another
agency, a handler of all agencies and one of another agency, staff without a role, anonymous with and without
the status page's secret. Out of scope is 404."""

import pytest
from django.urls import reverse

from accounts.models import Role
from pengaduan import services
from pengaduan.models import Complaint
from tests.helpers import client_for, make_user
from tests.pengaduan.conftest import grant

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "reporter", "citizen2", "liaison", "other_liaison", "handler", "other_handler", "staff"]


@pytest.fixture
def people(citizen, citizen2, liaison, other_liaison, handler, staff, agencies):
    other_handler = grant(
        make_user("dinkes2", display_name="Pengelola Dinkes"), Role.COMPLAINT_HANDLER, agencies["dinkes"]
    )
    return {
        "anonymous": None,
        "reporter": citizen,
        "citizen2": citizen2,
        "liaison": liaison,
        "other_liaison": other_liaison,
        "handler": handler,
        "other_handler": other_handler,
        "staff": staff,
    }


def statuses(people, path, method="get", data=None):
    result = {}
    for role in ROLES:
        client = client_for(people[role])
        response = client.post(path, data or {}) if method == "post" else client.get(path)
        result[role] = response.status_code
    return result


def row(*codes):
    return dict(zip(ROLES, codes, strict=True))


def test_staff_pages_of_a_disposed_complaint(people, disposed):
    #                   anon reporter cit2 liaison other_l handler other_h staff
    assert statuses(people, disposed.manage_url()) == row(302, 404, 404, 200, 404, 200, 404, 404)
    assert statuses(people, reverse("pengaduan:queue")) == row(302, 404, 404, 200, 200, 200, 200, 404)
    assert statuses(people, reverse("pengaduan:record")) == row(302, 404, 404, 404, 404, 200, 200, 404)


def test_status_page_needs_the_secret_and_the_public_page_needs_verification(people, file_complaint, citizen):
    complaint = file_complaint(reporter=citizen)
    assert statuses(people, complaint.tracking_url()) == row(*[200] * 8)
    wrong = reverse("pengaduan:track", args=[complaint.code, "bukan-rahasianya"])
    assert statuses(people, wrong) == row(*[404] * 8)
    assert statuses(people, complaint.get_absolute_url()) == row(*[404] * 8)  # not verified yet


def test_the_liaison_of_another_agency_cannot_answer(people, disposed, other_liaison, liaison):
    url = reverse("pengaduan:act", args=[disposed.code, "tindak-lanjut"])
    disposition = disposed.dispositions.get()
    response = client_for(other_liaison).post(
        url, {"tindak-lanjut-disposition": disposition.pk, "tindak-lanjut-answer": "x"}
    )
    assert response.status_code == 404
    response = client_for(liaison).post(
        url, {"tindak-lanjut-disposition": disposition.pk, "tindak-lanjut-answer": "Sudah ditambal."}
    )
    assert response.status_code == 302
    disposed.refresh_from_db()
    assert disposed.status == Complaint.Status.ANSWERED


def test_a_liaison_may_not_verify_or_dispose(disposed, liaison, file_complaint, citizen, handler):
    complaint = file_complaint("Baru", reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    services.complaint_dispose(complaint=complaint, actor=handler, agencies=[disposed.agency])
    response = client_for(liaison).post(reverse("pengaduan:act", args=[complaint.code, "tolak"]), {"tolak-reason": "x"})
    assert response.status_code == 302  # back to the page with a message; nothing changed
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.DISPOSED


def test_a_liaison_sees_nothing_before_it_is_disposed_to_their_agency(file_complaint, citizen, liaison):
    complaint = file_complaint(reporter=citizen)
    assert client_for(liaison).get(complaint.manage_url()).status_code == 404
    assert complaint.code not in client_for(liaison).get(reverse("pengaduan:queue")).content.decode()


def test_a_handler_of_one_agency_handles_only_what_was_routed_there(people, file_complaint, citizen):
    complaint = file_complaint(reporter=citizen)  # routed to Dinas PUPR
    other = people["other_handler"]
    assert client_for(other).get(complaint.manage_url()).status_code == 404
    response = client_for(other).post(reverse("pengaduan:act", args=[complaint.code, "verifikasi"]))
    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED


def test_handler_verifies_through_the_page(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen)
    response = client_for(handler).post(
        reverse("pengaduan:act", args=[complaint.code, "verifikasi"]), {"verifikasi-note": ""}
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.VERIFIED and complaint.is_published


def test_a_refused_action_keeps_the_text_and_explains(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen)
    url = reverse("pengaduan:act", args=[complaint.code, "duplikat"])
    response = client_for(handler).post(url, {"duplikat-original": "ADU-TIDAKADA"})
    assert response.status_code == 400
    assert "Tidak ada pengaduan dengan kode ADU-TIDAKADA" in response.content.decode()
    assert 'value="ADU-TIDAKADA"' in response.content.decode()


def test_attachments_only_for_the_reporter_the_secret_and_staff_who_see_it(people, file_complaint, citizen):
    from konsultasi.uploads import check_attachment
    from tests.konsultasi import files

    complaint = file_complaint(reporter=citizen, attachments=[check_attachment(files.png())])
    url = reverse("pengaduan:attachment", args=[complaint.code, complaint.attachments.get().pk])
    assert statuses(people, url) == row(404, 200, 404, 404, 404, 200, 404, 404)
    assert client_for(None).get(url + "?kunci=" + complaint.secret).status_code == 200
    assert client_for(None).get(url + "?kunci=salah").status_code == 404


def test_a_canned_response_starts_the_answer(file_complaint, citizen, handler, category):
    from pengaduan.models import CannedResponse

    mine = CannedResponse.objects.create(category=category, title="Sudah dijadwalkan", text="Perbaikan dijadwalkan.")
    CannedResponse.objects.create(category=None, title="Terima kasih", text="Terima kasih atas laporan Anda.")
    complaint = file_complaint(reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    page = client_for(handler).get(complaint.manage_url()).content.decode()
    assert "Sudah dijadwalkan" in page and "Terima kasih</a>" in page
    page = client_for(handler).get(complaint.manage_url() + f"?templat={mine.pk}").content.decode()
    assert "\nPerbaikan dijadwalkan.</textarea>" in page
