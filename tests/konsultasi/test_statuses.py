"""Konsultasi on the workflow shape: the move table, a history row per move (who and in which role), the
refusal of a move someone else made first, and the timeline the two participants read."""

import itertools

import pytest
from django.urls import reverse

from konsultasi import services
from konsultasi.models import Consultation, ConsultationStatusChange
from ruangrunding.refusals import Refused
from ruangrunding.workflow import MoveRefused, status_move
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
Status = Consultation.Status
ALLOWED = {
    (Status.WAITING, Status.ANSWERED),  # the expert answers
    (Status.ANSWERED, Status.WAITING),  # the citizen asks again
    (Status.WAITING, Status.CLOSED),  # either of them closes it
    (Status.ANSWERED, Status.CLOSED),
    (Status.CLOSED, Status.WAITING),  # the citizen reopens it with a new message
}


def history(consultation):
    return list(
        consultation.status_changes.values_list("from_status", "to_status", "actor__username", "actor_role", "public")
    )


def test_the_move_table_is_the_one_the_services_follow():
    assert {(start, end) for start, ends in Consultation.MOVES.items() for end in ends} == ALLOWED


@pytest.mark.parametrize(("start", "end"), list(itertools.product(Status.values, repeat=2)))
def test_every_move_is_allowed_or_refused_as_the_table_says(consultation, citizen, start, end):
    Consultation.objects.filter(pk=consultation.pk).update(status=start)
    consultation.refresh_from_db()
    if (start, end) in ALLOWED:
        status_move(consultation, to=end, actor=citizen, actor_role="warga", public=False)
        assert consultation.status_changes.last().to_status == end
    else:
        with pytest.raises(MoveRefused):
            status_move(consultation, to=end, actor=citizen, actor_role="warga", public=False)
    consultation.refresh_from_db()
    assert consultation.status == (end if (start, end) in ALLOWED else start)


def test_each_move_of_the_conversation_leaves_a_private_history_row_with_who_and_role(consultation, citizen, expert):
    services.message_post(consultation=consultation, author=expert, body="Rebus dulu airnya.")
    services.message_post(consultation=consultation, author=expert, body="Satu tambahan.")  # answered → answered
    services.message_post(consultation=consultation, author=citizen, body="Berapa lama?")
    services.consultation_close(consultation=consultation, closer=expert)
    services.message_post(consultation=consultation, author=citizen, body="Masih keruh.")
    services.consultation_close(consultation=consultation, closer=citizen, rating=4)
    assert history(consultation) == [
        ("", Status.WAITING, "siti", "warga", False),
        (Status.WAITING, Status.ANSWERED, "rahma", "pakar", False),
        (Status.ANSWERED, Status.WAITING, "siti", "warga", False),
        (Status.WAITING, Status.CLOSED, "rahma", "pakar", False),
        (Status.CLOSED, Status.WAITING, "siti", "warga", False),
        (Status.WAITING, Status.CLOSED, "siti", "warga", False),
    ]
    consultation.refresh_from_db()
    assert (consultation.status, consultation.rating, consultation.closed_at is not None) == (Status.CLOSED, 4, True)


def test_a_refused_message_or_close_writes_no_history(consultation, expert, citizen2):
    services.consultation_close(consultation=consultation, closer=expert)
    rows = history(consultation)
    with pytest.raises(Refused, match="Hanya warga yang dapat membukanya kembali"):
        services.message_post(consultation=consultation, author=expert, body="Tambahan")
    with pytest.raises(Refused, match="sudah ditandai selesai"):
        services.consultation_close(consultation=consultation, closer=expert)
    with pytest.raises(Refused, match="Hanya warga dan pakar"):
        services.consultation_close(consultation=consultation, closer=citizen2)
    assert history(consultation) == rows


def test_an_expert_writing_in_a_consultation_closed_meanwhile_is_refused(consultation, expert):
    # The expert's page was read while it was open; the citizen closed it before "Kirim".
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)
    with pytest.raises(Refused, match="sudah selesai"):
        services.message_post(consultation=consultation, author=expert, body="Jawaban yang terlambat")
    assert consultation.messages.count() == 1


def test_an_answer_sent_after_the_citizen_closed_it_comes_back_with_its_text(consultation, expert):
    page_read_while_open = client_for(expert).get(consultation.get_absolute_url()).content.decode()
    assert ">Jawab</h2>" in page_read_while_open
    Consultation.objects.filter(pk=consultation.pk).update(status=Status.CLOSED)  # the citizen closed it
    response = client_for(expert).post(
        reverse("konsultasi:send", args=[consultation.pk]), {"body": "Endapkan dulu airnya."}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Hanya warga yang dapat membukanya kembali." in page and "Endapkan dulu airnya." in page
    assert consultation.messages.count() == 1


def test_closing_twice_shows_the_refusal_on_the_close_page_keeping_the_text(consultation, citizen, expert):
    url = reverse("konsultasi:close", args=[consultation.pk])
    assert client_for(citizen).get(url).status_code == 200  # the citizen opens the page while it is open
    services.consultation_close(consultation=consultation, closer=expert)
    response = client_for(citizen).post(url, {"rating": "5", "comment": "Terima kasih, Bu"})
    page = response.content.decode()
    assert response.status_code == 400 and "Konsultasi ini sudah ditandai selesai." in page
    assert "Terima kasih, Bu" in page
    response = client_for(expert).post(url, {})
    assert response.status_code == 400 and "Konsultasi ini sudah ditandai selesai." in response.content.decode()
    consultation.refresh_from_db()
    assert consultation.rating is None


def test_the_participants_read_the_status_timeline(consultation, citizen, expert, auditor):
    client_for(expert).post(reverse("konsultasi:send", args=[consultation.pk]), {"body": "Rebus dulu."})
    services.consultation_close(consultation=consultation, closer=citizen)
    for reader in (citizen, expert, auditor):
        page = client_for(reader).get(consultation.get_absolute_url()).content.decode()
        assert "Riwayat status" in page
        assert page.index("Dibuka oleh warga") < page.index("Dijawab oleh pakar") < page.index("Ditandai selesai")


def test_the_detail_page_queries_do_not_grow_with_messages_and_moves(
    consultation, citizen, expert, django_assert_max_num_queries, settings
):
    settings.KONSULTASI_MESSAGES_PER_HOUR = settings.KONSULTASI_MESSAGES_PER_DAY = 100
    client = client_for(citizen)
    client.get(consultation.get_absolute_url())  # warms the per-worker copy of the region profile
    for number in range(10):
        services.message_post(consultation=consultation, author=expert, body=f"Jawaban {number}")
        services.message_post(consultation=consultation, author=citizen, body=f"Pertanyaan {number}")
    assert consultation.status_changes.count() == 21
    with django_assert_max_num_queries(6):  # session, user, consultation, read mark, messages, history
        page = client.get(consultation.get_absolute_url()).content.decode()
    assert page.count("Dijawab oleh pakar") == 10


def test_a_move_nobody_recorded_reads_without_a_name(consultation):
    change = ConsultationStatusChange(record=consultation, from_status=Status.ANSWERED, to_status=Status.CLOSED)
    assert change.summary == "Ditandai selesai"
