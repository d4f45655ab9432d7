"""Every consultation URL × {anonymous, the citizen, another citizen, the expert, another expert, staff
without the permission, staff with it}. Outsiders get 404 everywhere; staff with the permission read only,
and every read is recorded."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from konsultasi import services
from konsultasi.models import AccessRecord, Message
from konsultasi.uploads import check_attachment
from ruangrunding.storage import private_storage, signs_urls
from tests.helpers import client_for
from tests.konsultasi import files

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "citizen", "citizen2", "expert", "expert2", "staff", "auditor"]
PARTICIPANTS = {"citizen", "expert"}


@pytest.fixture
def everyone(cast, auditor):
    return {**cast, "auditor": auditor}


@pytest.fixture
def with_attachment(consultation, citizen):
    message = services.message_post(
        consultation=consultation, author=citizen, body="Foto sumur", attachment=_checked(files.png())
    )
    return consultation, message


def _checked(upload):
    return check_attachment(upload)


def urls(consultation, message):
    return {
        "detail": reverse("konsultasi:detail", args=[consultation.pk]),
        "send": reverse("konsultasi:send", args=[consultation.pk]),
        "close": reverse("konsultasi:close", args=[consultation.pk]),
        "attachment": reverse("konsultasi:attachment", args=[consultation.pk, message.pk]),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", ["detail", "close", "attachment"])
def test_reading_a_consultation(everyone, role, name, with_attachment):
    consultation, message = with_attachment
    response = client_for(everyone[role]).get(urls(consultation, message)[name])
    if role in PARTICIPANTS or (role == "auditor" and name != "close"):
        assert response.status_code == 200
        if name == "attachment":
            assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        else:
            assert "Air sumur keruh" in response.content.decode()
    else:
        assert response.status_code == 404
        assert "Air sumur keruh" not in response.content.decode()


@pytest.mark.parametrize("role", ROLES)
def test_writing_in_a_consultation(everyone, role, with_attachment):
    consultation, message = with_attachment
    before = Message.objects.count()
    response = client_for(everyone[role]).post(urls(consultation, message)["send"], {"body": "Menyusup"})
    if role in PARTICIPANTS:
        assert response.status_code == 302 and Message.objects.count() == before + 1
    else:
        assert response.status_code == 404 and Message.objects.count() == before


@pytest.mark.parametrize("role", ROLES)
def test_closing_a_consultation(everyone, role, with_attachment):
    consultation, message = with_attachment
    response = client_for(everyone[role]).post(urls(consultation, message)["close"], {"rating": "1"})
    consultation.refresh_from_db()
    if role in PARTICIPANTS:
        assert response.status_code == 302 and consultation.is_closed
    else:
        assert response.status_code == 404 and not consultation.is_closed


@pytest.mark.parametrize("role", ROLES)
def test_unknown_consultation_and_attachment_look_the_same_as_forbidden_ones(everyone, role, with_attachment):
    consultation, _message = with_attachment
    client = client_for(everyone[role])
    assert client.get(reverse("konsultasi:detail", args=[999999])).status_code == 404
    assert client.get(reverse("konsultasi:attachment", args=[consultation.pk, 999999])).status_code == 404


def test_staff_reads_are_recorded_and_read_only(auditor, citizen, with_attachment):
    consultation, message = with_attachment
    services.consultation_close(consultation=consultation, closer=citizen, rating=3, comment="Cukup")
    assert "<textarea" in client_for(citizen).get(urls(consultation, message)["detail"]).content.decode()
    client = client_for(auditor)
    page = client.get(urls(consultation, message)["detail"]).content.decode()
    assert "Akses ini tercatat" in page and "<textarea" not in page
    assert "Penilaian warga: 3 dari 5" in page and "Cukup" in page
    client.get(urls(consultation, message)["attachment"])
    records = list(AccessRecord.objects.values_list("staff__username", "what"))
    assert records.count(("auditor", "percakapan")) == 1 and ("auditor", "lampiran") in records


def test_attachments_download_safely_with_no_public_url(citizen, with_attachment, settings):
    consultation, message = with_attachment
    response = client_for(citizen).get(urls(consultation, message)["attachment"])
    assert response["Content-Disposition"] == 'attachment; filename="peta.png"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert message.attachment.storage is private_storage and not default_storage.exists(message.attachment.name)
    if signs_urls(message.attachment.storage):  # a private bucket (make scaletest): only signed, expiring URLs
        assert "X-Amz-Signature=" in message.attachment.storage.url(message.attachment.name)
    else:
        assert str(settings.MEDIA_ROOT) not in message.attachment.path
        with pytest.raises(ValueError, match="no URL"):
            message.attachment.storage.url(message.attachment.name)


@pytest.mark.parametrize("role", ROLES)
def test_only_staff_with_the_permission_see_the_list_of_all(everyone, role, consultation):
    response = client_for(everyone[role]).get(reverse("konsultasi:staff_list"))
    assert response.status_code == (200 if role == "auditor" else 404)


def test_the_list_of_all_shows_no_subjects_until_one_is_opened_and_recorded(auditor, consultation, citizen, expert):
    client = client_for(auditor)
    listing = client.get(reverse("konsultasi:staff_list")).content.decode()
    assert consultation.get_absolute_url() in listing and "Dr. Rahmawati" in listing  # the metadata is there
    assert "Air sumur keruh" not in listing  # the subject is private content
    assert not AccessRecord.objects.exists()
    opened = client.get(consultation.get_absolute_url()).content.decode()
    assert "Air sumur keruh" in opened
    assert list(AccessRecord.objects.values_list("staff__username", flat=True)) == ["auditor"]


def test_the_list_of_all_costs_the_same_queries_for_one_or_many(auditor, consultation, citizen, expert, settings):
    settings.KONSULTASI_NEW_PER_HOUR = settings.KONSULTASI_NEW_PER_DAY = 100
    settings.KONSULTASI_MESSAGES_PER_HOUR = settings.KONSULTASI_MESSAGES_PER_DAY = 100
    client = client_for(auditor)
    client.get(reverse("konsultasi:staff_list"))  # warms the per-worker copy of the region profile
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("konsultasi:staff_list"))
    for number in range(15):
        services.consultation_open(citizen=citizen, expert=expert.expert_profile, subject=f"K{number}", body="x")
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("konsultasi:staff_list"))
    assert len(one) == len(many) <= 10


@pytest.mark.parametrize("role", ROLES)
def test_konsultasi_saya_shows_only_ones_own(everyone, role, consultation):
    response = client_for(everyone[role]).get(reverse("konsultasi:mine"))
    if role == "anonymous":
        assert response.status_code == 302
        return
    page = response.content.decode()
    assert ("Air sumur keruh" in page) == (role in PARTICIPANTS)
