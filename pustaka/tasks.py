"""Background work for the library, run by the task worker (`manage.py db_worker`)."""

import logging

from django.tasks import task
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from pustaka.models import DocumentFile
from pustaka.search import lexicon_refresh
from pustaka.services import document_refresh_search

logger = logging.getLogger(__name__)
PAGES_MAX = 3000
TEXT_MAX = 2_000_000


@task
def extract_pdf_text(document_file_id: int) -> str:
    """Pull the text out of one PDF for search; a broken PDF is marked failed (visible in the admin)."""
    document_file = DocumentFile.objects.get(pk=document_file_id)
    try:
        with document_file.file.open("rb") as handle:
            reader = PdfReader(handle)
            parts, length = [], 0
            for page in reader.pages[:PAGES_MAX]:
                text = page.extract_text() or ""
                parts.append(text)
                length += len(text)
                if length > TEXT_MAX:
                    break
        document_file.extracted_text = " ".join(" ".join(parts).split())[:TEXT_MAX]
        document_file.extraction = DocumentFile.Extraction.DONE
        document_file.extraction_error = ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Text extraction failed for file %s: %s", document_file_id, error)
        document_file.extraction = DocumentFile.Extraction.FAILED
        document_file.extraction_error = f"{type(error).__name__}: {error}"[:300]
    document_file.save(update_fields=["extracted_text", "extraction", "extraction_error"])
    document_refresh_search(document_file.document_id)
    return document_file.extraction


@task
def refresh_lexicon() -> None:
    """Rebuild the list of words used for typo correction after documents change."""
    lexicon_refresh()
