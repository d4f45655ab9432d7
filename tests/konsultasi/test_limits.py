"""Per-citizen limits on new consultations and on messages (each one e-mails an expert; an attachment costs a
re-encode): refused in Indonesian on the same page with the text kept, before the attachment is touched."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from konsultasi import services
from konsultasi.models import Consultation, Message
from tests.helpers import client_for
from tests.konsultasi import files

pytestmark = pytest.mark.django_db


def create_url(expert):
    return reverse("konsultasi:create", args=[expert.expert_profile.pk])


def send_url(consultation):
    return reverse("konsultasi:send", args=[consultation.pk])


def open_consultations(citizen, expert, count, *, ago=timedelta(0)):
    for number in range(count):
        consultation = services.consultation_open(
            citizen=citizen, expert=expert.expert_profile, subject=f"Perihal {number}", body="Pertanyaan"
        )
        when = timezone.now() - ago
        Consultation.objects.filter(pk=consultation.pk).update(created_at=when)
        Message.objects.filter(consultation=consultation).update(created_at=when)


@pytest.fixture
def never_reencoded(monkeypatch):
    """Records every attachment the form would read and re-encode."""
    checked = []
    monkeypatch.setattr("konsultasi.forms.check_attachment", lambda upload: checked.append(upload.name))
    return checked


def test_new_consultations_past_the_hourly_limit_are_refused_keeping_the_text(
    citizen, expert, settings, never_reencoded
):
    settings.KONSULTASI_NEW_PER_HOUR = 2
    open_consultations(citizen, expert, 2)
    data = {"subject": "Banjir rob di Muara Badak", "body": "Kapan tanggulnya dibangun?", "attachment": files.png()}
    response = client_for(citizen).post(create_url(expert), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Anda sudah membuka 2 konsultasi dalam satu jam terakhir" in page
    assert 'value="Banjir rob di Muara Badak"' in page and "Kapan tanggulnya dibangun?" in page
    assert never_reencoded == []  # refused before the picture was read
    assert Consultation.objects.filter(citizen=citizen).count() == 2


def test_the_refusal_says_when_a_new_consultation_may_be_sent(citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR = 1
    open_consultations(citizen, expert, 1, ago=timedelta(minutes=20))
    with pytest.raises(services.ConsultationRefused) as refusal:
        services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject="Lagi", body="Isi")
    free_at = timezone.localtime(Consultation.objects.get().created_at + timedelta(hours=1))
    assert f"setelah {free_at.day} " in str(refusal.value) and f"{free_at:%H.%M}." in str(refusal.value)


def test_new_consultations_past_the_daily_limit_are_refused(citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR, settings.KONSULTASI_NEW_PER_DAY = 5, 3
    open_consultations(citizen, expert, 3, ago=timedelta(hours=3))  # none in the last hour
    response = client_for(citizen).post(create_url(expert), {"subject": "Keempat", "body": "Isi"})
    assert response.status_code == 400
    assert "Anda sudah membuka 3 konsultasi dalam 24 jam terakhir" in response.content.decode()


def test_consultations_older_than_a_day_do_not_count(citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR, settings.KONSULTASI_NEW_PER_DAY = 2, 2
    open_consultations(citizen, expert, 2, ago=timedelta(hours=25))
    response = client_for(citizen).post(create_url(expert), {"subject": "Baru", "body": "Isi"})
    assert response.status_code == 302


def test_the_limit_is_per_citizen(citizen, citizen2, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR = 1
    open_consultations(citizen, expert, 1)
    response = client_for(citizen2).post(create_url(expert), {"subject": "Punya Budi", "body": "Isi"})
    assert response.status_code == 302


def test_messages_past_the_hourly_limit_are_refused_keeping_the_text(citizen, expert, settings, never_reencoded):
    settings.KONSULTASI_MESSAGES_PER_HOUR = 3
    open_consultations(citizen, expert, 1)  # the opening question is the first message
    consultation = Consultation.objects.get()
    client = client_for(citizen)
    for number in range(2):
        assert client.post(send_url(consultation), {"body": f"Tambahan {number}"}).status_code == 302
    response = client.post(send_url(consultation), {"body": "Satu lagi, maaf", "attachment": files.png()})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Anda sudah mengirim 3 pesan konsultasi dalam satu jam terakhir" in page
    assert "Satu lagi, maaf" in page
    assert never_reencoded == []
    assert consultation.messages.count() == 3


def test_messages_past_the_daily_limit_are_refused(citizen, expert, settings):
    settings.KONSULTASI_MESSAGES_PER_HOUR, settings.KONSULTASI_MESSAGES_PER_DAY = 10, 2
    open_consultations(citizen, expert, 2, ago=timedelta(hours=5))
    consultation = Consultation.objects.first()
    response = client_for(citizen).post(send_url(consultation), {"body": "Pesan ketiga hari ini"})
    assert response.status_code == 400
    assert "Anda sudah mengirim 2 pesan konsultasi dalam 24 jam terakhir" in response.content.decode()


def test_experts_answering_are_not_limited(citizen, expert, settings):
    settings.KONSULTASI_MESSAGES_PER_HOUR = 1
    open_consultations(citizen, expert, 1)
    consultation = Consultation.objects.get()
    client = client_for(expert)
    statuses = [client.post(send_url(consultation), {"body": f"Jawaban {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 302]
