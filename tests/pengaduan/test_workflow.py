"""The handling moves: diterima → diverifikasi → didisposisikan → ditindaklanjuti → selesai, the side exits,
the history (public or internal) and the reporter's e-mail at every public step."""

import pytest
from django.core import mail

from pengaduan import services
from pengaduan.models import Complaint
from ruangrunding.workflow import MoveRefused

pytestmark = pytest.mark.django_db
Status = Complaint.Status


def test_the_whole_way_from_filing_to_done(
    file_complaint, citizen, handler, liaison, agencies, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = file_complaint(reporter=citizen)
        services.complaint_verify(complaint=complaint, actor=handler)
        services.complaint_dispose(
            complaint=complaint, actor=handler, agencies=[agencies["pupr"]], instruction="Cek lokasi"
        )
        disposition = complaint.dispositions.get()
        services.disposition_answer(disposition=disposition, actor=liaison, answer="Jembatan diperbaiki pekan ini.")
        complaint.refresh_from_db()
        services.complaint_close(complaint=complaint, actor=handler)
    complaint.refresh_from_db()
    assert complaint.status == Status.DONE
    assert complaint.final_met_at is not None and complaint.closed_at is not None
    steps = list(complaint.status_changes.filter(public=True).values_list("to_status", flat=True))
    assert steps == ["diterima", "diverifikasi", "didisposisikan", "ditindaklanjuti", "selesai"]
    assert complaint.status_changes.get(public=False).note == "Cek lokasi"
    to_reporter = [m for m in mail.outbox if m.to == ["siti@contoh.id"]]
    assert len(to_reporter) == 5
    assert all(complaint.tracking_url() in m.body for m in to_reporter)
    assert not any("Cek lokasi" in m.body for m in to_reporter)
    assert [m.to for m in mail.outbox if "Disposisi" in m.subject] == [["pupr@contoh.id"]]


def test_two_agencies_both_answer_before_the_final_response_is_met(file_complaint, citizen, handler, liaison, agencies):
    complaint = file_complaint(reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    services.complaint_dispose(complaint=complaint, actor=handler, agencies=[agencies["pupr"], agencies["dlh"]])
    services.disposition_answer(
        disposition=complaint.dispositions.get(agency=agencies["pupr"]), actor=liaison, answer="PUPR"
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.DISPOSED and complaint.final_met_at is None
    services.disposition_answer(
        disposition=complaint.dispositions.get(agency=agencies["dlh"]), actor=handler, answer="DLH"
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED and complaint.final_met_at is not None


def test_a_handler_answers_internally_without_disposing(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    services.complaint_answer(complaint=complaint, actor=handler, response="Jadwal pemeliharaan ada di situs PUPR.")
    complaint.refresh_from_db()
    assert complaint.status == Status.ANSWERED
    assert complaint.final_response == "Jadwal pemeliharaan ada di situs PUPR."


@pytest.mark.parametrize(
    ("service", "arguments", "status", "field", "value"),
    [
        (
            services.complaint_redirect,
            {"to_whom": "Balai Jalan Nasional"},
            Status.REDIRECTED,
            "redirected_to",
            "Balai Jalan Nasional",
        ),
        (
            services.complaint_reject,
            {"reason": "Isi tidak dapat dipahami."},
            Status.REJECTED,
            "rejection_reason",
            "Isi tidak dapat dipahami.",
        ),
    ],
)
def test_side_exits_close_the_complaint_and_meet_its_clocks(
    file_complaint, citizen, handler, service, arguments, status, field, value
):
    complaint = file_complaint(reporter=citizen)
    service(complaint=complaint, actor=handler, **arguments)
    complaint.refresh_from_db()
    assert complaint.status == status and getattr(complaint, field) == value
    assert complaint.initial_met_at and complaint.final_met_at and complaint.closed_at


def test_a_duplicate_names_its_original(file_complaint, citizen, handler):
    original = file_complaint("Asli", reporter=citizen)
    copy = file_complaint("Salinan", reporter=citizen)
    services.complaint_mark_duplicate(complaint=copy, actor=handler, original=original)
    copy.refresh_from_db()
    assert copy.status == Status.DUPLICATE and copy.duplicate_of == original
    with pytest.raises(services.ComplaintRefused):
        services.complaint_mark_duplicate(complaint=original, actor=handler, original=original)


def test_moves_outside_the_table_are_refused(file_complaint, citizen, handler, agencies):
    complaint = file_complaint(reporter=citizen)
    with pytest.raises(MoveRefused):
        services.complaint_dispose(complaint=complaint, actor=handler, agencies=[agencies["pupr"]])  # not verified
    with pytest.raises(MoveRefused):
        services.complaint_close(complaint=complaint, actor=handler)
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


def test_an_unconfirmed_complaint_cannot_be_handled(file_complaint, handler):
    complaint = file_complaint()
    assert complaint.status == Status.UNCONFIRMED
    with pytest.raises(MoveRefused):
        services.complaint_verify(complaint=complaint, actor=handler)
    with pytest.raises(services.ComplaintRefused):
        services.complaint_confirm(complaint=complaint, token="salah")


def test_no_answer_while_waiting_for_the_reporter(disposed, handler, liaison):
    services.complaint_pause(complaint=disposed, actor=handler, question="Kirim foto?")
    with pytest.raises(services.ComplaintRefused):
        services.disposition_answer(disposition=disposed.dispositions.get(), actor=liaison, answer="x")
    with pytest.raises(services.ComplaintRefused):
        services.complaint_pause(complaint=disposed, actor=handler, question="Lagi?")


def test_internal_notes_stay_internal(disposed, handler, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_note(complaint=disposed, actor=handler, note="Kontraktor lama wanprestasi")
    assert disposed.status_changes.get(note="Kontraktor lama wanprestasi").public is False
    assert not any("wanprestasi" in m.body for m in mail.outbox)


def test_the_reporter_hears_of_the_question_and_of_a_resumption_by_the_handler(
    disposed, handler, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_pause(complaint=disposed, actor=handler, question="Di RT berapa tepatnya?")
    assert "Di RT berapa tepatnya?" in mail.outbox[-1].body and disposed.tracking_url() in mail.outbox[-1].body
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_resume(complaint=disposed, actor=handler)
    assert len(mail.outbox) == 2 and "Penanganan dilanjutkan" in mail.outbox[-1].body
