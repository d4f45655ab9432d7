"""Hostile uploads through the real forms: refused with a clear message and nothing stored; a path in a file
name never reaches the disk."""

import pytest
from django.urls import reverse

from konsultasi.models import Consultation, Message
from tests.helpers import client_for
from tests.konsultasi import files

pytestmark = pytest.mark.django_db

HOSTILE_UPLOADS = [
    (files.executable_as_pdf, "bukan salah satunya"),
    (files.html_as_pdf, "bukan salah satunya"),
    (files.svg_as_png, "bukan salah satunya"),
    (files.svg_as_pdf, "bukan salah satunya"),
    (files.polyglot_pdf, "kode halaman web atau skrip"),
    (files.polyglot_png, "kode halaman web atau skrip"),
    (files.empty, "kosong"),
    (files.too_large, "Berkas terlalu besar"),
    (files.decompression_bomb, "terlalu besar ukurannya"),
]


def stored_files(root):
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


@pytest.mark.parametrize(("make", "message"), HOSTILE_UPLOADS, ids=[make.__name__ for make, _m in HOSTILE_UPLOADS])
def test_hostile_attachment_is_refused_and_nothing_stored(citizen, expert, settings, make, message):
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    form = {"subject": "Sumur keruh", "body": "Lihat lampiran.", "attachment": make()}
    response = client_for(citizen).post(url, form)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert "Sumur keruh" in html  # what was typed is kept
    assert not Consultation.objects.exists() and not Message.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_path_in_a_file_name_never_reaches_the_disk(citizen, expert, settings):
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    form = {"subject": "Surat", "body": "Terlampir.", "attachment": files.traversal_name()}
    assert client_for(citizen).post(url, form).status_code == 302
    message = Message.objects.get()
    assert "/" not in message.attachment_name and ".." not in message.attachment_name
    (stored,) = stored_files(settings.PRIVATE_MEDIA_ROOT)
    assert stored.resolve().is_relative_to(settings.PRIVATE_MEDIA_ROOT.resolve())
    assert "jahat" not in stored.name and "cron" not in str(stored)
