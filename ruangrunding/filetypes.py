"""What a file really is, judged by its bytes and never by its name or the browser's claim."""

import io
import re
import zipfile

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MIME_TYPES = {
    "pdf": "application/pdf",
    "jpg": "image/jpeg",
    "png": "image/png",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}
SIGNATURES = {"pdf": b"%PDF-", "jpg": b"\xff\xd8\xff", "png": b"\x89PNG\r\n\x1a\n"}
OFFICE_FOLDERS = {"word/": "docx", "xl/": "xlsx", "ppt/": "pptx"}
OPENDOCUMENT = {MIME_TYPES["odt"].encode(): "odt", MIME_TYPES["ods"].encode(): "ods"}


MARKUP = re.compile(rb"<\s*(script|html|body|svg|iframe|object|embed|!doctype|\?php)\b", re.IGNORECASE)
EDGE = 4096


def carries_markup(data: bytes) -> bool:
    """A polyglot: a real PDF or picture that also holds a web page or script where a browser or a server
    looks first (the start) or where such payloads are usually appended (the end). Genuine documents do not."""
    return bool(MARKUP.search(data[:EDGE]) or MARKUP.search(data[-EDGE:]))


def refuse_polyglot(data: bytes) -> None:
    if carries_markup(data):
        raise ValidationError(_("Berkas ini berisi kode halaman web atau skrip tersembunyi dan tidak dapat diterima."))


def sniff(data: bytes) -> str | None:
    """The kind of file (a key of MIME_TYPES), or None when it is none of them."""
    for kind, signature in SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data.startswith(b"PK\x03\x04"):
        return _sniff_zip(data)
    return None


def _sniff_zip(data: bytes) -> str | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "mimetype" in names:
                return OPENDOCUMENT.get(archive.read("mimetype").strip())
            if "[Content_Types].xml" in names:
                for folder, kind in OFFICE_FOLDERS.items():
                    if any(name.startswith(folder) for name in names):
                        return kind
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    return None


def check_size(upload, limit: int) -> None:
    """Refuse an empty upload or one above `limit` bytes, saying how big it was."""
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB). Paling besar %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024}
        )
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong. Pilih berkas yang berisi."))
