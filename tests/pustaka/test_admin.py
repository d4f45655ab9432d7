import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pustaka.demo import text_pdf
from pustaka.models import Document, DocumentFile
from tests.helpers import client_for
from tests.konsultasi import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(staff):
    staff.is_superuser = True
    staff.save()
    return client_for(staff)


def form_data(vocab, **extra):
    data = {
        "category": vocab["regulasi"].pk,
        "document_type": vocab["perda"].pk,
        "number": "3",
        "year": "2024",
        "title": "Perda Air Bersih",
        "status": "berlaku",
        "language": "Indonesia",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-order": "0",
    }
    data.update(extra)
    return data


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def test_staff_upload_a_document_with_a_pdf_whose_text_is_extracted(
    admin, vocab, client, django_capture_on_commit_callbacks
):
    upload = SimpleUploadedFile("Perda 3 2024.pdf", text_pdf(["Pasal 1: sambungan rumah air bersih gratis."]))
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(reverse("admin:pustaka_document_add"), form_data(vocab, **{"files-0-file": upload}))
    assert response.status_code == 302, response.content.decode()[:3000]
    stored = DocumentFile.objects.get()
    assert (stored.display_name, stored.kind, stored.extraction) == ("Perda_3_2024.pdf", "pdf", "selesai")
    assert "sambungan rumah air bersih" in stored.extracted_text
    page = admin.get(reverse("admin:pustaka_document_changelist")).content.decode()
    assert "Selesai" in page


def test_a_documents_page_names_its_stored_files_without_a_link_to_them(admin, make_document):
    document = make_document("Perda Irigasi", pdf_lines=["Pasal 1: irigasi."])
    stored = document.files.get().file.name
    response = admin.get(reverse("admin:pustaka_document_change", args=[document.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert f"Berkas tersimpan: {stored.rsplit('/', 1)[-1]}" in page
    assert stored not in page and "X-Amz-Signature" not in page  # no storage address, nor a signed URL


def test_office_files_are_accepted_without_extraction(admin, vocab):
    upload = SimpleUploadedFile("lampiran.docx", docx_bytes())
    admin.post(reverse("admin:pustaka_document_add"), form_data(vocab, **{"files-0-file": upload}))
    assert DocumentFile.objects.get().extraction == DocumentFile.Extraction.NOT_APPLICABLE


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (files.executable_as_pdf, "bukan salah satunya"),
        (files.html_as_pdf, "bukan salah satunya"),
        (files.polyglot_pdf, "kode halaman web atau skrip"),
        (files.svg_as_pdf, "bukan salah satunya"),
        (files.empty, "kosong"),  # Django's own check says it first
        (lambda: files.too_large(2), "Berkas terlalu besar"),
    ],
)
def test_bad_uploads_are_refused_and_nothing_is_saved(admin, vocab, settings, make, message):
    settings.PUSTAKA_FILE_MAX_BYTES = 1024 * 1024
    response = admin.post(reverse("admin:pustaka_document_add"), form_data(vocab, **{"files-0-file": make()}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not Document.objects.exists() and not DocumentFile.objects.exists()


def test_revoked_needs_the_revoking_document(admin, vocab):
    response = admin.post(reverse("admin:pustaka_document_add"), form_data(vocab, status="dicabut"))
    assert "Pilih dokumen yang mencabut" in response.content.decode()


def test_publish_unpublish_and_extract_again_actions(admin, make_document, django_capture_on_commit_callbacks):
    document = make_document("Perda Irigasi", published=False, pdf_lines=["irigasi"])
    url = reverse("admin:pustaka_document_changelist")
    admin.post(url, {"action": "publish", "_selected_action": [document.pk]})
    document.refresh_from_db()
    assert document.is_published
    DocumentFile.objects.update(extraction="gagal", extracted_text="")
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url, {"action": "extract_again", "_selected_action": [document.pk]})
    assert DocumentFile.objects.get().extraction == "selesai"
    admin.post(url, {"action": "unpublish", "_selected_action": [document.pk]})
    document.refresh_from_db()
    assert not document.is_published


def test_a_cover_of_too_many_pixels_is_refused_before_it_is_decoded(admin, vocab):
    response = admin.post(reverse("admin:pustaka_document_add"), form_data(vocab, cover=files.photo_36_megapixels()))
    assert response.status_code == 200
    assert "36.0 megapiksel; paling besar 24 megapiksel" in response.content.decode()
    assert not Document.objects.exists()
