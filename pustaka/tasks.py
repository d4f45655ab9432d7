"""Background work for the library, run by the task worker (`manage.py db_worker`)."""

import logging
import time

from django.tasks import task
from pypdf import PdfReader, apply_configuration
from pypdf.errors import PyPdfError

from pustaka.indexing import document_index_refresh, lexicon_refresh
from pustaka.models import DocumentFile

logger = logging.getLogger(__name__)
PAGES_MAX = 3000
TEXT_MAX = 2_000_000
# A PDF's streams are compressed, and a few kilobytes of FlateDecode can hold gigabytes (a decompression bomb).
# A page of dense text is 50–200 KB of content stream; pypdf's own default allows 75 MB per stream, and keeps
# what it decoded for the life of the reader, so a bomb or many large pages would fill the worker's memory.
# These bound one stream; dropping the reader's cache after each page bounds the whole file.
STREAM_OUTPUT_MAX = 10 * 1024 * 1024
STREAM_WORK_MAX = 20 * 1024 * 1024
# A real 1,000-page PDF takes about ten seconds; past this the worker keeps the text so far and moves on.
EXTRACTION_SECONDS_MAX = 60
LIMITS = {
    "zlib_maximum_output_length": STREAM_OUTPUT_MAX,
    "lzw_maximum_output_length": STREAM_OUTPUT_MAX,
    "run_length_maximum_output_length": STREAM_OUTPUT_MAX,
    "brotli_maximum_output_length": STREAM_OUTPUT_MAX,
    "jbig2_maximum_output_length": STREAM_OUTPUT_MAX,
    "array_based_stream_maximum_output_length": STREAM_OUTPUT_MAX,
    "stream_decoding_work_maximum_length": STREAM_WORK_MAX,
}


def pdf_text(handle) -> str:
    """The text of a PDF, page by page, stopping at PAGES_MAX pages, TEXT_MAX characters or the time limit.
    A stream that inflates past the limits raises pypdf's LimitReachedError (a PyPdfError)."""
    deadline = time.monotonic() + EXTRACTION_SECONDS_MAX
    parts, length = [], 0
    with apply_configuration(**LIMITS):
        reader = PdfReader(handle)
        for number in range(min(len(reader.pages), PAGES_MAX)):
            text = reader.pages[number].extract_text() or ""
            reader.resolved_objects.clear()  # what this page decoded is not kept for the next
            parts.append(text)
            length += len(text)
            if length > TEXT_MAX or time.monotonic() > deadline:
                break
    return " ".join(" ".join(parts).split())[:TEXT_MAX]


@task
def extract_pdf_text(document_file_id: int) -> str:
    """Pull the text out of one PDF for search; a broken PDF is marked failed (visible in the admin)."""
    document_file = DocumentFile.objects.get(pk=document_file_id)
    try:
        with document_file.file.open("rb") as handle:
            document_file.extracted_text = pdf_text(handle)
        document_file.extraction = DocumentFile.Extraction.DONE
        document_file.extraction_error = ""
    except (PyPdfError, OSError, ValueError, KeyError, TypeError) as error:
        logger.warning("Text extraction failed for file %s: %s", document_file_id, error)
        document_file.extraction = DocumentFile.Extraction.FAILED
        document_file.extraction_error = f"{type(error).__name__}: {error}"[:300]
    document_file.save(update_fields=["extracted_text", "extraction", "extraction_error"])
    document_index_refresh(document_id=document_file.document_id)
    return document_file.extraction


@task
def refresh_lexicon() -> None:
    """Rebuild the list of words used for typo correction after documents change."""
    lexicon_refresh()
