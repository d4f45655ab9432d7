"""Per-person limits hold under parallel requests: 20 POSTs sent at the same moment, each from its own thread
with its own database connection, save exactly the limit. The check and the insert run in one transaction
that holds the author's row, so no request counts while another is between its count and its insert."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from agenda.models import Application
from konsultasi.models import Consultation, Message
from rpjpd.models import Reply
from tests.agenda.factories import group, make_event
from tests.helpers import make_user

PARALLEL = 20
pytestmark = [
    pytest.mark.django_db(transaction=True),  # every thread commits through its own connection
    pytest.mark.skipif(
        settings.DATABASES["default"]["ENGINE"].endswith("sqlite3"),
        reason="SQLite has a single writer: parallel writers wait or fail on its file lock, so this is a "
        "PostgreSQL test by nature (the limit itself is tested on both backends elsewhere)",
    ),
]


def post_all_at_once(user, path: str, forms: list[dict]) -> list[int]:
    """The status of each POST, all sent together by separate signed-in browsers."""
    clients = []
    for _ in forms:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(forms))

    def send(client: Client, form: dict) -> int:
        try:
            start.wait()
            return client.post(path, form).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        return list(pool.map(send, clients, forms))


def test_parallel_replies_save_exactly_the_limit(topic, citizen):
    limit = settings.RPJPD_REPLIES_PER_MINUTE
    path = reverse("rpjpd:reply_to_topic", args=[topic.section.slug, topic.slug])
    statuses = post_all_at_once(citizen, path, [{"body": f"Tanggapan serentak {n}"} for n in range(PARALLEL)])
    assert Reply.objects.filter(author=citizen).count() == limit
    assert sorted(statuses) == [302] * limit + [400] * (PARALLEL - limit)


def test_parallel_consultations_save_exactly_the_hourly_limit(citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR = 3
    path = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    forms = [{"subject": f"Perihal {n}", "body": "Pertanyaan serentak"} for n in range(PARALLEL)]
    statuses = post_all_at_once(citizen, path, forms)
    assert Consultation.objects.filter(citizen=citizen).count() == 3
    assert sorted(statuses) == [302] * 3 + [400] * (PARALLEL - 3)


def test_parallel_messages_save_exactly_the_hourly_limit(citizen, expert, settings):
    settings.KONSULTASI_MESSAGES_PER_HOUR = 6
    client = Client()
    client.force_login(citizen)
    opened = client.post(
        reverse("konsultasi:create", args=[expert.expert_profile.pk]), {"subject": "Air", "body": "Pertama"}
    )
    forms = [{"body": f"Pesan serentak {n}"} for n in range(PARALLEL)]
    assert opened.status_code == 302
    send = reverse("konsultasi:send", args=[Consultation.objects.get(citizen=citizen).pk])
    statuses = post_all_at_once(citizen, send, forms)
    assert Message.objects.filter(author=citizen).count() == 6  # the opening question counts too
    assert sorted(statuses) == [302] * 5 + [400] * (PARALLEL - 5)


def post_as_many_at_once(users, path: str, form: dict) -> list[int]:
    """The status of the same POST sent together by several people, each in their own browser."""
    clients = []
    for user in users:
        client = Client()
        client.force_login(user)
        clients.append(client)
    start = threading.Barrier(len(clients))

    def send(client: Client) -> int:
        try:
            start.wait()
            return client.post(path, form).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(clients)) as pool:
        return list(pool.map(send, clients))


def test_parallel_applications_fill_exactly_the_application_limit(db):

    event = make_event(capacity=3, application_limit=3)
    people = [make_user(f"pendaftar{n}", display_name=f"Pendaftar {n}") for n in range(PARALLEL)]
    form = {"group": group("Komunitas").pk, "topic": "Daftar serentak"}
    statuses = post_as_many_at_once(people, reverse("agenda:apply", args=[event.pk]), form)
    assert Application.objects.filter(event=event).count() == 3
    assert sorted(statuses) == [302] * 3 + [400] * (PARALLEL - 3)


def test_parallel_applications_of_one_person_save_one(citizen):

    event = make_event()
    form = {"group": group("Komunitas").pk, "topic": "Daftar dua kali"}
    statuses = post_all_at_once(citizen, reverse("agenda:apply", args=[event.pk]), [form] * PARALLEL)
    assert Application.objects.filter(event=event, citizen=citizen).count() == 1
    assert sorted(statuses) == [302] + [400] * (PARALLEL - 1)
