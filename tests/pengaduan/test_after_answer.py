"""After the final response: the reporter accepts or contests (which reopens it with a new final clock);
uncontested complaints close themselves; reminders before deadlines go out once. The scheduled job is
`manage.py pengaduan_jadwal`."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from pengaduan import services
from pengaduan.models import Complaint
from tests.helpers import client_for
from tests.pengaduan.conftest import at

pytestmark = pytest.mark.django_db
Status = Complaint.Status


@pytest.fixture
def answered(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-02 10:00"))
    services.complaint_answer(
        complaint=complaint, actor=handler, response="Sudah diperbaiki.", now=at("2026-03-03 10:00")
    )
    complaint.refresh_from_db()
    return complaint


def test_the_contest_window_is_counted_in_working_days(answered, settings):
    assert settings.PENGADUAN_CONTEST_DAYS == 5
    assert answered.contest_until == at("2026-03-10 16:00")


def test_contesting_reopens_with_a_new_final_clock(answered):
    services.complaint_contest(complaint=answered, reason="Masih berlubang.", now=at("2026-03-05 10:00"))
    answered.refresh_from_db()
    assert answered.status == Status.VERIFIED and answered.final_met_at is None
    assert answered.final_due == at("2026-03-09 16:00")  # 2 working days from Thursday 5 March
    assert answered.initial_met_at == at("2026-03-02 10:00")
    assert answered.status_changes.last().note == "Pelapor mengajukan keberatan: Masih berlubang."


def test_contesting_after_the_window_is_refused(answered):
    with pytest.raises(services.ComplaintRefused):
        services.complaint_contest(complaint=answered, reason="Terlambat", now=at("2026-03-11 09:00"))


def test_the_reporter_contests_or_accepts_on_the_status_page(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen)
    services.complaint_verify(complaint=complaint, actor=handler)
    services.complaint_answer(complaint=complaint, actor=handler, response="Sudah.")
    client = client_for(None)
    page = client.get(complaint.tracking_url()).content.decode()
    assert "Ajukan keberatan" in page and "Selesai, terima kasih" in page
    response = client.post(complaint.tracking_url(), {"langkah": "keberatan", "reason": ""})
    assert response.status_code == 400 and "Alasan keberatan" in response.content.decode()
    client.post(complaint.tracking_url(), {"langkah": "keberatan", "reason": "Belum diperbaiki."})
    complaint.refresh_from_db()
    assert complaint.status == Status.VERIFIED
    services.complaint_answer(complaint=complaint, actor=handler, response="Kini sudah.")
    client.post(complaint.tracking_url(), {"langkah": "terima"})
    complaint.refresh_from_db()
    assert complaint.status == Status.DONE


def test_uncontested_complaints_close_themselves(answered, file_complaint, citizen, handler):
    still_open = file_complaint("Baru dijawab", reporter=citizen, now=at("2026-03-09 09:00"))
    services.complaint_verify(complaint=still_open, actor=handler, now=at("2026-03-09 10:00"))
    services.complaint_answer(complaint=still_open, actor=handler, response="Ok", now=at("2026-03-09 11:00"))
    assert services.complaints_close_uncontested(now=at("2026-03-11 09:00")) == 1
    answered.refresh_from_db()
    still_open.refresh_from_db()
    assert answered.status == Status.DONE and still_open.status == Status.ANSWERED
    assert "Ditutup otomatis" in answered.status_changes.last().note


def test_reminders_go_once_to_the_people_who_must_answer(
    file_complaint, citizen, handler, liaison, other_liaison, django_capture_on_commit_callbacks
):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    mail.outbox.clear()
    assert services.complaints_remind(now=at("2026-03-03 10:00")) == 0  # 6 hours left: not yet
    assert services.complaints_remind(now=at("2026-03-03 12:30")) == 1  # the all-agency handler
    assert services.complaints_remind(now=at("2026-03-03 13:00")) == 0  # once
    assert mail.outbox[0].to == ["petugas@contoh.id"] and complaint.code in mail.outbox[0].subject


def test_the_scheduled_command_runs_both(answered):
    output = io.StringIO()
    call_command("pengaduan_jadwal", stdout=output)
    answered.refresh_from_db()
    assert answered.status == Status.DONE  # the real now is long after March 2026
    assert "ditutup otomatis: 1" in output.getvalue()


def test_a_contested_complaint_can_go_to_the_same_agency_again(disposed, handler, liaison, agencies):
    services.disposition_answer(disposition=disposed.dispositions.get(), actor=liaison, answer="Ditambal.")
    disposed.refresh_from_db()
    services.complaint_contest(complaint=disposed, reason="Lubang lagi.")
    disposed.refresh_from_db()
    services.complaint_dispose(complaint=disposed, actor=handler, agencies=[agencies["pupr"]])
    disposition = disposed.dispositions.get()
    assert disposition.answered_at is None
    assert disposed.status_changes.filter(note__contains="Ditambal.").exists()
    url = reverse("pengaduan:manage", args=[disposed.code])
    assert "Kirim tindak lanjut" in client_for(liaison).get(url).content.decode()


def test_the_final_reminder_reaches_the_liaison_of_the_agency_still_to_answer(
    file_complaint, citizen, handler, liaison, other_liaison, agencies
):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-02 10:00"))
    services.complaint_dispose(
        complaint=complaint, actor=handler, agencies=[agencies["pupr"]], now=at("2026-03-02 11:00")
    )
    mail.outbox.clear()
    services.complaints_remind(now=at("2026-03-04 13:00"))  # final due Wednesday 4 March 16:00
    assert sorted(m.to[0] for m in mail.outbox) == ["petugas@contoh.id", "pupr@contoh.id"]
