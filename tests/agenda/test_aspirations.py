from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from agenda.models import Aspiration
from agenda.services import ASPIRATIONS_PER_PERSON, aspiration_create
from tests.agenda.factories import make_event
from tests.helpers import client_for, make_user

pytestmark = pytest.mark.django_db
TEXT = "Mohon lampu jalan di Jl. Poros Tenggarong–Samarinda km 5 segera diperbaiki."


@pytest.fixture
def running(db):
    """An event that started an hour ago."""
    return make_event(
        days_ahead=0,
        starts_at=timezone.now() - timedelta(hours=1),
        registration_closes_at=None,
        registration_opens_at=None,
        capacity=0,
    )


def send(user, event, body=TEXT, **extra):
    return client_for(user).post(reverse("agenda:aspiration", args=[event.pk]), {"body": body, **extra})


def test_aspiration_waits_for_moderation_and_only_its_author_sees_it(running, people, client):
    response = send(people["ani"], running)
    assert response.status_code == 302 and response["Location"].endswith("#aspirasi")
    aspiration = Aspiration.objects.get()
    assert aspiration.status == Aspiration.Status.PENDING
    own = client_for(people["ani"]).get(running.get_absolute_url()).content.decode()
    assert "lampu jalan" in own and "Menunggu moderasi" in own
    for other in (client, client_for(people["rina"])):
        assert "lampu jalan" not in other.get(running.get_absolute_url()).content.decode()


def test_published_shortlisted_and_answered_aspiration_shows_to_everyone(running, people, client):
    aspiration = aspiration_create(event=running, author=people["ani"], body=TEXT)
    aspiration.status, aspiration.shortlisted = Aspiration.Status.PUBLISHED, True
    aspiration.answer = "Sudah diteruskan ke Dinas PUPR."
    aspiration.save()
    html = client.get(running.get_absolute_url()).content.decode()
    assert "lampu jalan" in html and "Daftar pendek" in html and "Sudah diteruskan ke Dinas PUPR." in html
    assert "Masuk untuk mengirim aspirasi" in html


def test_hidden_aspiration_shows_to_nobody(running, people):
    aspiration = aspiration_create(event=running, author=people["ani"], body=TEXT)
    aspiration.status = Aspiration.Status.HIDDEN
    aspiration.save()
    assert "lampu jalan" not in client_for(people["ani"]).get(running.get_absolute_url()).content.decode()


def test_html_in_an_aspiration_is_shown_not_run(running, people, client):
    aspiration = aspiration_create(event=running, author=people["ani"], body='<script>alert("x")</script>')
    aspiration.status = Aspiration.Status.PUBLISHED
    aspiration.save()
    html = client.get(running.get_absolute_url()).content.decode()
    assert '<script>alert("x")' not in html and "&lt;script&gt;" in html


def test_before_the_event_starts_aspirations_are_refused_with_the_text_kept(event, people):
    response = send(people["ani"], event)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Aspirasi dapat dikirim mulai saat acara dimulai" in html and "lampu jalan" in html
    assert (
        "Aspirasi dapat dikirim mulai saat acara dimulai."
        in client_for(people["ani"]).get(event.get_absolute_url()).content.decode()
    )


def test_two_weeks_after_the_end_aspirations_are_closed(people):
    old = make_event(days_ahead=-20, registration_opens_at=None, registration_closes_at=None, capacity=0)
    response = send(people["ani"], old)
    assert response.status_code == 400 and "sudah ditutup" in response.content.decode()


def test_one_person_sends_at_most_the_limit(running, people):
    for number in range(ASPIRATIONS_PER_PERSON):
        assert send(people["ani"], running, body=f"Aspirasi {number}").status_code == 302
    response = send(people["ani"], running, body="Satu lagi")
    assert response.status_code == 400 and "batas untuk satu orang" in response.content.decode()
    assert "Satu lagi" in response.content.decode()


def test_empty_aspiration_is_explained(running, people):
    response = send(people["ani"], running, body="   ")
    assert response.status_code == 400 and "Tuliskan aspirasi Anda." in response.content.decode()


def test_anonymous_is_sent_to_sign_in_and_a_draft_event_is_404(running, people, client):
    response = client.post(reverse("agenda:aspiration", args=[running.pk]), {"body": TEXT})
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
    draft = make_event("Draf", is_published=False, starts_at=timezone.now() - timedelta(hours=1))
    assert send(people["ani"], draft).status_code == 404
    assert not Aspiration.objects.exists()


def test_moderators_publish_shortlist_and_answer_in_the_admin(running, people):
    aspiration = aspiration_create(event=running, author=people["ani"], body=TEXT)
    moderator = make_user("moderator", display_name="Moderator", is_staff=True)
    moderator.user_permissions.add(*Permission.objects.filter(codename__in=["change_aspiration", "view_aspiration"]))
    client = client_for(moderator)
    changelist = reverse("admin:agenda_aspiration_changelist")
    for action in ("publish", "shortlist"):
        client.post(changelist, {"action": action, "_selected_action": [aspiration.pk]})
    change = reverse("admin:agenda_aspiration_change", args=[aspiration.pk])
    response = client.post(change, {"status": "tampil", "shortlisted": "on", "answer": "Diteruskan ke Dinas PUPR."})
    assert response.status_code == 302
    aspiration.refresh_from_db()
    assert aspiration.status == "tampil" and aspiration.shortlisted and aspiration.answered_at is not None


def test_event_page_queries_stay_constant_with_many_aspirations(running, people, client, django_assert_max_num_queries):
    for number in range(30):
        author = make_user(f"penulis{number}", display_name=f"Penulis {number}")
        Aspiration.objects.create(event=running, author=author, body=f"Aspirasi {number}", status="tampil")
    with django_assert_max_num_queries(7):
        assert client.get(running.get_absolute_url()).status_code == 200
    signed_in = client_for(people["ani"])
    with django_assert_max_num_queries(10):
        assert signed_in.get(running.get_absolute_url()).status_code == 200
