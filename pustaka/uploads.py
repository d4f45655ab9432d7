"""Library files: PDF, DOCX, XLSX, PPTX, ODT or ODS, judged by content, at most PUSTAKA_FILE_MAX_BYTES."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ruangrunding.filetypes import ARCHIVE_KINDS, MIME_TYPES, check_size, refuse_archive_bomb, refuse_polyglot, sniff

ALLOWED = {"pdf", "docx", "xlsx", "pptx", "odt", "ods"}


@dataclass
class CheckedFile:
    upload: File
    stored_name: str
    display_name: str
    kind: str
    content_type: str
    size: int


def check_library_file(upload) -> CheckedFile:
    check_size(upload, settings.PUSTAKA_FILE_MAX_BYTES)
    upload.seek(0)
    # Office files are ZIP archives whose table of contents sits at the end: read it all (≤ the limit).
    data = upload.read()
    kind = sniff(data)
    upload.seek(0)
    if kind not in ALLOWED:
        raise ValidationError(
            _("Hanya PDF, DOCX, XLSX, PPTX, ODT atau ODS yang dapat diunggah. Isi berkas ini bukan salah satunya.")
        )
    refuse_polyglot(data)
    if kind in ARCHIVE_KINDS:
        refuse_archive_bomb(data)
    stem = get_valid_filename(Path(upload.name or "dokumen").stem)[:100] or "dokumen"
    return CheckedFile(upload, f"{uuid.uuid4().hex}.{kind}", f"{stem}.{kind}", kind, MIME_TYPES[kind], upload.size)
