"""Hostile uploads through the real forms: refused with a clear message and nothing stored; a path in a file
name never reaches the disk."""

import tracemalloc

import pytest
from django.urls import reverse

from konsultasi.models import Consultation, Message
from ruangrunding.storage import signs_urls
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
    (files.photo_36_megapixels, "terlalu besar ukurannya (36.0 megapiksel; paling besar 24 megapiksel)"),
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
    # The stored name is ours alone, in the consultation's folder of the private storage (disk or bucket).
    name = message.attachment.name
    assert message.attachment.storage.exists(name)
    assert name.startswith(f"konsultasi/{message.consultation_id}/") and ".." not in name.split("/")
    assert "jahat" not in name and "cron" not in name
    if not signs_urls(message.attachment.storage):
        (stored,) = stored_files(settings.PRIVATE_MEDIA_ROOT)
        assert stored.resolve().is_relative_to(settings.PRIVATE_MEDIA_ROOT.resolve())


# --- Decompression bombs: a small upload that would inflate to gigabytes is refused without inflating it.

BOMB_MEMORY_MAX = 50 * 1024 * 1024


def peak_memory_of(action):
    """What `action` returns, and the most memory Python held during it beyond what it held before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        result = action()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return result, peak - before


@pytest.fixture
def library_admin(staff):
    staff.is_superuser = True
    staff.save()
    return client_for(staff)


@pytest.mark.parametrize("make", [files.gibibyte_bomb_odt, files.gibibyte_bomb_docx], ids=["odt", "docx"])
def test_a_gibibyte_zip_bomb_attached_to_a_consultation_is_refused_without_inflating_it(
    citizen, expert, settings, make
):
    upload = make()
    assert upload.size < 1_100_000  # about 1 MB that inflates to 1 GiB
    url = reverse("konsultasi:create", args=[expert.expert_profile.pk])
    form = {"subject": "Sumur keruh", "body": "Lihat lampiran.", "attachment": upload}
    response, grew = peak_memory_of(lambda: client_for(citizen).post(url, form))
    assert response.status_code == 400
    assert "bom dekompresi" in response.content.decode()
    assert "Sumur keruh" in response.content.decode()
    assert grew < BOMB_MEMORY_MAX, f"{grew / 1024 / 1024:.1f} MB"
    assert not Consultation.objects.exists() and stored_files(settings.PRIVATE_MEDIA_ROOT) == []


LIBRARY_BOMBS = [
    (files.gibibyte_bomb_odt, "bom dekompresi"),
    (files.gibibyte_bomb_docx, "bom dekompresi"),
    (files.lying_docx, "bom dekompresi"),
    (files.overlapping_docx, "bom dekompresi"),
    (files.many_members_docx, "terlalu banyak bagian (20002; paling banyak 5000)"),
    (lambda: files.nested_docx(2), "bom dekompresi"),
]


@pytest.mark.parametrize(
    ("make", "message"), LIBRARY_BOMBS, ids=["odt", "docx", "lying-directory", "overlapping", "many-members", "nested"]
)
def test_a_zip_bomb_uploaded_to_the_library_is_refused_without_inflating_it(
    library_admin, vocab, settings, make, message
):
    from pustaka.models import Document, DocumentFile
    from tests.pustaka.test_admin import form_data

    data = form_data(vocab, **{"files-0-file": make()})
    response, grew = peak_memory_of(lambda: library_admin.post(reverse("admin:pustaka_document_add"), data))
    assert response.status_code == 200 and message in response.content.decode()
    assert grew < BOMB_MEMORY_MAX, f"{grew / 1024 / 1024:.1f} MB"
    assert not Document.objects.exists() and not DocumentFile.objects.exists()
    assert stored_files(settings.PRIVATE_MEDIA_ROOT) == []


def test_an_office_file_embedding_another_is_still_accepted(library_admin, vocab):
    from pustaka.models import DocumentFile
    from tests.pustaka.test_admin import form_data

    data = form_data(vocab, **{"files-0-file": files.nested_docx(1)})
    assert library_admin.post(reverse("admin:pustaka_document_add"), data).status_code == 302
    assert DocumentFile.objects.get().kind == "docx"
