from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import Application
from agenda.services import application_create, applications_select
from tests.agenda.factories import group, make_event
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
TOPIC = "Jalan usaha tani di RT 05 rusak sejak banjir; mohon dimasukkan prioritas."


def form(**extra):
    return {"group": group("Penyandang disabilitas").pk, "topic": TOPIC, "organisation": "HWDI Kukar", **extra}


def test_citizen_applies_with_group_needs_and_the_region_from_the_profile(event, people):
    ani = people["ani"]
    response = client_for(ani).post(
        reverse("agenda:apply", args=[event.pk]), form(needs=["juru_bahasa_isyarat", "akses_kursi_roda"])
    )
    assert response.status_code == 302 and response["Location"].endswith("#pendaftaran")
    application = Application.objects.get(event=event, citizen=ani)
    assert application.group.name == "Penyandang disabilitas"
    assert (application.kecamatan, application.desa) == (ani.kecamatan, ani.desa)
    assert application.need_labels == ["Juru bahasa isyarat", "Akses kursi roda"]
    assert application.status == Application.Status.APPLIED and len(application.code) == 6
    page = client_for(ani).get(event.get_absolute_url()).content.decode()
    assert "Status pendaftaran Anda" in page and "Mendaftar" in page


def test_anonymous_is_sent_to_sign_in(client, event):
    response = client.get(reverse("agenda:apply", args=[event.pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("account_login"))


def test_applying_after_the_deadline_is_refused_with_the_text_kept(event, people):
    event.registration_closes_at = timezone.now() - timedelta(minutes=1)
    event.save()
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), form())
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pendaftaran sudah ditutup pada" in html and TOPIC in html
    assert not Application.objects.exists()


def test_applying_before_the_opening_is_refused(event, people):
    event.registration_opens_at = timezone.now() + timedelta(days=1)
    event.save()
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), form())
    assert response.status_code == 400 and "Pendaftaran belum dibuka" in response.content.decode()


def test_applying_twice_is_refused_with_the_text_kept(event, people):
    client = client_for(people["rina"])
    client.post(reverse("agenda:apply", args=[event.pk]), form())
    again = client.post(reverse("agenda:apply", args=[event.pk]), form(topic="Kedua kalinya"))
    assert again.status_code == 400
    assert (
        "Anda sudah mendaftar untuk acara ini" in again.content.decode() and "Kedua kalinya" in again.content.decode()
    )
    assert Application.objects.filter(citizen=people["rina"]).count() == 1


def test_the_form_page_says_so_before_typing_when_applying_is_not_possible(event, people):
    client = client_for(people["rina"])
    client.post(reverse("agenda:apply", args=[event.pk]), form())
    html = client.get(reverse("agenda:apply", args=[event.pk])).content.decode()
    assert "Anda sudah mendaftar untuk acara ini" in html and "Kirim pendaftaran" not in html


def test_applying_when_the_application_limit_is_reached_is_refused(people):
    event = make_event(capacity=2, application_limit=2)
    for name in ("ani", "dedi"):
        application_create(event=event, citizen=people[name], group=group("Perempuan"), topic="x")
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), form())
    assert response.status_code == 400 and "Pendaftaran sudah penuh" in response.content.decode()
    assert TOPIC in response.content.decode()


def test_applying_when_every_place_is_given_is_refused(people):
    event = make_event(capacity=1)
    first = application_create(event=event, citizen=people["ani"], group=group("Perempuan"), topic="x")
    applications_select(event=event, applications=[first])
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), form())
    assert response.status_code == 400 and "Pendaftaran sudah penuh" in response.content.decode()


def test_missing_topic_and_group_are_explained(event, people):
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), {"organisation": "PKK"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Pilih kelompok yang Anda wakili." in html and "Tuliskan singkat apa yang ingin Anda sampaikan" in html
    assert "PKK" in html


def test_event_without_applications_refuses_politely(people):
    event = make_event(capacity=0, registration_opens_at=None, registration_closes_at=None)
    response = client_for(people["rina"]).post(reverse("agenda:apply", args=[event.pk]), form())
    assert response.status_code == 400 and "tidak membuka pendaftaran" in response.content.decode()


def test_unpublished_event_cannot_be_applied_for(people):
    event = make_event(is_published=False)
    assert client_for(people["rina"]).get(reverse("agenda:apply", args=[event.pk])).status_code == 404
