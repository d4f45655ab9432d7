"""Text extraction from library PDFs runs in the worker on whatever staff uploaded: a PDF's compressed streams
must not be able to fill the worker's memory (a FlateDecode bomb), whatever the file holds."""

import io
import tracemalloc

import pytest

from pustaka.models import DocumentFile
from pustaka.tasks import extract_pdf_text
from tests.konsultasi import files

pytestmark = pytest.mark.django_db

EXTRACTION_MEMORY_MAX = 50 * 1024 * 1024


def stored_pdf(make_document, data: bytes) -> DocumentFile:
    document = make_document("Lampiran Besar")
    stored = DocumentFile.objects.create(
        document=document, display_name="lampiran.pdf", kind="pdf", content_type="application/pdf", size=len(data)
    )
    stored.file.save("lampiran.pdf", io.BytesIO(data), save=True)
    return stored


def extract_measured(document_file: DocumentFile) -> int:
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        extract_pdf_text.call(document_file.pk)
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_a_page_that_inflates_to_a_gibibyte_fails_extraction_without_filling_memory(make_document):
    data = files.pdf_of_streams([files.zlib_of_spaces(1024)])
    assert len(data) < 1_100_000
    bomb = stored_pdf(make_document, data)
    grew = extract_measured(bomb)
    bomb.refresh_from_db()
    assert bomb.extraction == DocumentFile.Extraction.FAILED and "Limit" in bomb.extraction_error
    assert grew < EXTRACTION_MEMORY_MAX, f"{grew / 1024 / 1024:.1f} MB"


def test_many_large_pages_are_read_one_at_a_time(make_document):
    """Twenty pages of 8 MiB each: within the limit page by page, but 160 MB if every page were kept."""
    heavy = stored_pdf(make_document, files.pdf_of_streams([files.zlib_of_spaces(8) for _ in range(20)]))
    grew = extract_measured(heavy)
    heavy.refresh_from_db()
    assert heavy.extraction == DocumentFile.Extraction.DONE
    assert grew < EXTRACTION_MEMORY_MAX, f"{grew / 1024 / 1024:.1f} MB"
