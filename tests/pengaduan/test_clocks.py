"""The service standard's clocks on real dates of the 2026 calendar (Nyepi and Idul Fitri: 18–24 March closed)."""

import pytest

from pengaduan import services
from pengaduan.clocks import clocks_of
from pengaduan.models import Complaint
from tests.pengaduan.conftest import at

pytestmark = pytest.mark.django_db


def test_friday_before_closing_counts_from_friday(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-13 15:50"))
    assert complaint.initial_due == at("2026-03-16 16:00")  # Monday
    assert complaint.final_due == at("2026-03-17 16:00")  # Tuesday


def test_friday_after_closing_counts_from_monday_and_the_final_clock_skips_the_holidays(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-13 16:10"))
    assert complaint.initial_due == at("2026-03-17 16:00")  # Tuesday
    assert complaint.final_due == at("2026-03-25 16:00")  # Wednesday after Nyepi and Idul Fitri


def test_tuesday_before_the_cuti_bersama_is_answered_the_wednesday_after(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-17 15:50"))
    assert complaint.initial_due == at("2026-03-25 16:00")


def test_tuesday_after_closing_before_the_cuti_bersama_counts_from_the_wednesday_after(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-17 16:10"))
    # Day zero is 25 March (the next working day); one working day later is Thursday.
    assert complaint.initial_due == at("2026-03-26 16:00")
    assert complaint.final_due == at("2026-03-27 16:00")


def test_disposing_to_two_agencies_gives_five_working_days(file_complaint, citizen, handler, agencies):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-13 15:50"))
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-16 09:00"))
    services.complaint_dispose(
        complaint=complaint, actor=handler, agencies=[agencies["pupr"], agencies["dlh"]], now=at("2026-03-16 09:30")
    )
    complaint.refresh_from_db()
    assert complaint.final_days == 5
    assert complaint.final_due == at("2026-03-27 16:00")  # 13 March + 5 working days, the holidays skipped


def test_disposing_to_one_agency_keeps_two_working_days(disposed):
    disposed.refresh_from_db()
    assert disposed.final_days == 2
    assert disposed.final_due == services.WorkingCalendar().add_working_days(disposed.received_at, 2)


def test_a_pause_extends_the_final_deadline_by_the_working_days_it_lasted(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    assert complaint.final_due == at("2026-03-04 16:00")
    services.complaint_pause(complaint=complaint, actor=handler, question="Di RT berapa?", now=at("2026-03-03 10:00"))
    complaint.refresh_from_db()
    assert complaint.initial_met_at == at("2026-03-03 10:00")  # asking is the initial response
    assert not Complaint.objects.overdue(now=at("2026-03-20 10:00")).filter(pk=complaint.pk).exists()
    pause = services.complaint_resume(complaint=complaint, reply="RT 05", now=at("2026-03-05 11:00"))
    complaint.refresh_from_db()
    assert pause.working_days == 2
    assert complaint.paused_days == 2
    assert complaint.final_due == at("2026-03-06 16:00")
    assert complaint.initial_due == at("2026-03-03 16:00")  # met: not moved


def test_a_pause_within_one_working_day_adds_nothing(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_pause(complaint=complaint, actor=handler, question="Foto?", now=at("2026-03-02 10:00"))
    services.complaint_resume(complaint=complaint, reply="Terlampir", now=at("2026-03-02 15:00"))
    complaint.refresh_from_db()
    assert complaint.final_due == at("2026-03-04 16:00")


def test_a_guest_complaint_starts_its_clocks_when_the_address_is_confirmed(file_complaint):
    complaint = file_complaint(now=at("2026-03-13 10:00"))
    assert complaint.initial_due is None and complaint.received_at is None
    services.complaint_confirm(complaint=complaint, token=complaint.confirm_token, now=at("2026-03-13 16:10"))
    complaint.refresh_from_db()
    assert complaint.received_at == at("2026-03-13 16:10")
    assert complaint.initial_due == at("2026-03-17 16:00")


def test_the_status_page_text_says_the_deadline_and_when_it_was_met(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-19 20:00"))  # a holiday: counts from 25 March
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-20 10:14"))
    complaint.refresh_from_db()
    initial, final = clocks_of(complaint, now=at("2026-03-20 11:00"))
    assert initial.text == "Respon awal paling lambat Kamis, 26 Maret 2026 — dipenuhi 20 Maret 10.14"
    assert final.text == "Respon akhir paling lambat Jumat, 27 Maret 2026 — belum dipenuhi"


def test_overdue_clocks_are_found_in_sql_and_said(file_complaint, citizen):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    assert list(Complaint.objects.overdue(now=at("2026-03-03 17:00"))) == [complaint]
    assert not Complaint.objects.overdue(now=at("2026-03-03 15:00")).exists()
    initial, _final = clocks_of(complaint, now=at("2026-03-03 17:00"))
    assert initial.overdue and initial.text.endswith("terlambat, belum dipenuhi")


def test_the_queue_sorts_by_the_nearest_running_deadline(file_complaint, citizen, handler):
    late = file_complaint("Lama", reporter=citizen, now=at("2026-03-02 09:00"))
    soon = file_complaint("Baru", reporter=citizen, now=at("2026-03-04 09:00"))
    met = file_complaint("Sudah", reporter=citizen, now=at("2026-03-01 09:00"))
    services.complaint_verify(complaint=met, actor=handler, now=at("2026-03-02 08:00"))  # final due 4 March
    assert [c.title for c in Complaint.objects.for_queue()] == ["Lama", "Sudah", "Baru"]
    assert late.initial_due < soon.initial_due


def test_the_stored_next_deadline_follows_every_step(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))

    def next_due():
        return Complaint.objects.values_list("next_due", flat=True).get(pk=complaint.pk)

    assert next_due() == at("2026-03-03 16:00")  # the initial deadline
    services.complaint_verify(complaint=complaint, actor=handler, now=at("2026-03-02 10:00"))
    assert next_due() == at("2026-03-04 16:00")  # then the final one
    services.complaint_answer(complaint=complaint, actor=handler, response="Selesai", now=at("2026-03-03 10:00"))
    assert next_due() is None


def test_closed_complaints_are_never_overdue(file_complaint, citizen, handler):
    complaint = file_complaint(reporter=citizen, now=at("2026-03-02 09:00"))
    services.complaint_reject(complaint=complaint, actor=handler, reason="Iklan", now=at("2026-03-10 09:00"))
    assert not Complaint.objects.overdue(now=at("2026-03-20 09:00")).exists()
