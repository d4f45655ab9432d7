import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify

from pustaka import services
from pustaka.demo import text_pdf
from pustaka.models import Category, Document, DocumentType, Subject
from pustaka.uploads import check_library_file


@pytest.fixture
def vocab(db):
    # Made by a data migration; a transactional test's flush empties them, hence get_or_create.
    def get(model, name):
        return model.objects.get_or_create(slug=slugify(name.replace("/", "-")), defaults={"name": name})[0]

    return {
        "regulasi": get(Category, "Regulasi"),
        "perencanaan": get(Category, "Dokumen Perencanaan"),
        "perda": get(DocumentType, "Peraturan Daerah"),
        "perbup": get(DocumentType, "Peraturan Bupati"),
        "rpjmd": get(DocumentType, "RPJMD"),
    }


@pytest.fixture
def make_document(vocab, django_capture_on_commit_callbacks):
    def make(title, *, year=2023, kind="perda", published=True, about="", abstract="", subjects=(), pdf_lines=None):
        document = Document.objects.create(
            category=vocab["regulasi"],
            document_type=vocab[kind],
            number="7",
            year=year,
            title=title,
            about=about,
            abstract=abstract,
            is_published=published,
        )
        document.subjects.set(Subject.objects.get_or_create(slug=slugify(s), defaults={"name": s})[0] for s in subjects)
        if pdf_lines:
            upload = SimpleUploadedFile(f"{slugify(title)}.pdf", text_pdf(pdf_lines), "application/pdf")
            with django_capture_on_commit_callbacks(execute=True):
                services.file_add(document=document, checked=check_library_file(upload))
        services.document_refresh_search(document.pk)
        return document

    return make
