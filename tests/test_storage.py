"""Where private files live is a setting (STORAGES["private"]; docs/scale.md): the private FileFields follow it,
the migrations do not notice it, and only a storage that signs its URLs is ever redirected to."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from konsultasi import services
from konsultasi.models import Message
from konsultasi.uploads import check_attachment
from ruangrunding.settings import s3_storage
from ruangrunding.storage import private_storage, signs_urls
from tests.helpers import client_for
from tests.konsultasi import files

pytestmark = pytest.mark.django_db


def attachment_sent(citizen, expert) -> Message:
    consultation = services.consultation_open(
        citizen=citizen,
        expert=expert.expert_profile,
        subject="Sumur",
        body="Terlampir.",
        attachment=check_attachment(files.pdf()),
    )
    return consultation.messages.get()


def test_private_files_follow_the_private_storage_setting(settings, tmp_path, citizen, expert):
    elsewhere = tmp_path / "penyimpanan-lain"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": elsewhere}},
    }
    message = attachment_sent(citizen, expert)
    assert (elsewhere / message.attachment.name).read_bytes().startswith(b"%PDF-")
    assert not (settings.PRIVATE_MEDIA_ROOT / message.attachment.name).exists()


def test_a_private_bucket_changes_no_migration(settings):
    settings.STORAGES = {**settings.STORAGES, "private": s3_storage("ruangrunding-privat", private=True)}
    assert signs_urls(private_storage)  # a bucket now (boto3 connects only when a file is touched)
    assert private_storage.deconstruct() == ("ruangrunding.storage.PrivateFileSystemStorage", (), {})
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_signed_serving_still_streams_a_file_kept_on_disk(settings, citizen, expert):
    settings.PRIVATE_FILES_SERVE = "signed"
    message = attachment_sent(citizen, expert)
    response = client_for(citizen).get(reverse("konsultasi:attachment", args=[message.consultation_id, message.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
