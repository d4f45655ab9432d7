"""Two people moving the same consultation at the same moment: one wins, the other is told in Indonesian why
not, and the history stays one unbroken chain. Each request runs in its own thread with its own database
connection; `status_move` locks the row, so the second one sees the first one's status."""

import itertools
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from konsultasi import services
from konsultasi.models import Consultation

pytestmark = [
    pytest.mark.django_db(transaction=True),  # every thread commits through its own connection
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a "
        "PostgreSQL test by nature (the move table itself is tested on both backends elsewhere)",
    ),
]


def post_all_at_once(requests: list[tuple]) -> list[tuple[int, str]]:
    """(status, page) of each (user, path, form) POST, all sent together by separate signed-in browsers."""
    clients = []
    for user, _path, _form in requests:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(requests))

    def send(client: Client, request: tuple) -> tuple[int, str]:
        _user, path, form = request
        try:
            start.wait()
            response = client.post(path, form)
            return response.status_code, response.content.decode()
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(requests)) as pool:
        return list(pool.map(send, clients, requests))


def assert_one_unbroken_chain(consultation: Consultation) -> list[tuple[str, str]]:
    moves = list(consultation.status_changes.order_by("at", "pk").values_list("from_status", "to_status"))
    for (_before, reached), (left, _after) in itertools.pairwise(moves):
        assert left == reached, moves
    consultation.refresh_from_db()
    assert moves[-1][1] == consultation.status
    return moves


@pytest.fixture
def consultation(citizen, expert):
    return services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject="Air", body="Keruh")


def test_closing_at_the_same_moment_closes_once_and_tells_the_others(consultation, citizen, expert):
    path = reverse("konsultasi:close", args=[consultation.pk])
    results = post_all_at_once([(who, path, {}) for who in [citizen, expert] * 5])
    statuses = sorted(status for status, _page in results)
    assert statuses == [302] + [400] * 9
    assert all("Konsultasi ini sudah ditandai selesai." in page for status, page in results if status == 400)
    moves = assert_one_unbroken_chain(consultation)
    assert moves.count(("menunggu", "selesai")) == 1 and consultation.is_closed


def test_answers_and_a_close_at_the_same_moment_keep_one_chain(consultation, citizen, expert):
    send = reverse("konsultasi:send", args=[consultation.pk])
    close = reverse("konsultasi:close", args=[consultation.pk])
    requests = [(expert, send, {"body": f"Jawaban {n}"}) for n in range(4)] + [(citizen, close, {})] * 2
    results = post_all_at_once(requests)
    answers, closes = results[:4], results[4:]
    assert sorted(status for status, _page in closes) == [302, 400]
    for status, page in answers:  # saved before the close, or refused after it
        assert status == 302 or (status == 400 and "Konsultasi ini sudah selesai." in page)
    moves = assert_one_unbroken_chain(consultation)
    assert consultation.is_closed and [to for _from, to in moves].count("selesai") == 1
    closed_at = consultation.status_changes.get(to_status="selesai").at
    answered = consultation.messages.filter(author=expert)
    assert answered.count() == sum(status == 302 for status, _page in answers)
    assert all(message.created_at <= closed_at for message in answered)
