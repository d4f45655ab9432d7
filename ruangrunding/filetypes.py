"""What a file really is, judged by its bytes and never by its name or the browser's claim."""

import io
import re
import struct
import zipfile
import zlib
from itertools import pairwise

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

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
ARCHIVE_KINDS = {"docx", "xlsx", "pptx", "odt", "ods"}


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
    """The kind of file (a key of MIME_TYPES), or None when it is none of them. A ZIP archive whose directory
    promises a decompression bomb is refused here already (ValidationError); telling what an archive is
    never inflates more than ARCHIVE_PEEK_BYTES of it."""
    for kind, signature in SIGNATURES.items():
        if data.startswith(signature):
            return kind
    if data.startswith(LOCAL_HEADER):
        return _sniff_zip(data)
    return None


# --- ZIP archives (DOCX, XLSX, PPTX, ODT, ODS). Inflating a member is where a small upload turns into gigabytes
# of memory (a decompression bomb: 1 MB of deflate can hold 1 GB of zeros). So nothing here trusts the sizes an
# archive declares, and nothing inflates a member into memory: a member is either peeked at (a few bytes) or
# streamed through the inflater in small steps that are counted and thrown away.

LOCAL_HEADER = b"PK\x03\x04"
CENTRAL_HEADER = b"PK\x01\x02"
LOCAL_HEADER_SIZE = 30  # fixed part of a local file header, before the name and the extra field
# Enough to read an OpenDocument "mimetype" member (the longest is 46 bytes) or a nested archive's signature.
ARCHIVE_PEEK_BYTES = 64
# A large real DOCX, XLSX or PPTX has a few hundred parts (one per sheet, slide, picture). Each member costs an
# object in memory while the directory is read, so tens of thousands of tiny members are an attack in itself.
ARCHIVE_MEMBERS_MAX = 5_000
# Office XML deflates 5–20×, a very repetitive sheet about 50×; deflate's own ceiling is about 1,000×, which
# only the padding of a bomb reaches. Members smaller than ARCHIVE_RATIO_FLOOR inflated are harmless whatever
# their ratio (a few kilobytes of spaces), so they are not judged by it.
ARCHIVE_MEMBER_RATIO_MAX = 100
ARCHIVE_RATIO_FLOOR = 1024 * 1024
# Everything inside one archive, inflated: ten times the largest library upload (50 MB) in ordinary office XML
# would be 500 MB, beyond what a citizen's laptop opens anyway; a 1 GiB bomb is well past it.
ARCHIVE_UNCOMPRESSED_MAX = 512 * 1024 * 1024
# An office file may embed another (a chart's sheet inside a DOCX). One level of nesting is checked like the
# outer archive, held in memory up to this size; deeper nesting is never found in office files and is refused.
NESTED_ARCHIVE_MAX = 16 * 1024 * 1024
INFLATE_STEP = 64 * 1024  # bytes fed to / taken from the inflater at a time while streaming a member


def _archive_bomb() -> ValidationError:
    return ValidationError(
        _("Isi berkas ini membengkak jauh melampaui ukurannya saat dibuka (bom dekompresi) dan tidak dapat diterima.")
    )


def _sniff_zip(data: bytes) -> str | None:
    archive = _open_archive(data)
    if archive is None:
        return None
    with archive:
        members = _checked_members(data, archive)
        if members is None:
            return None
        names = {member.filename: member for member in members}
        if "mimetype" in names:
            return OPENDOCUMENT.get(_peek(data, names["mimetype"], ARCHIVE_PEEK_BYTES).strip())
        if "[Content_Types].xml" in names:
            for folder, kind in OFFICE_FOLDERS.items():
                if any(name.startswith(folder) for name in names):
                    return kind
    return None


def _open_archive(data: bytes) -> zipfile.ZipFile | None:
    # Every member of the central directory starts with CENTRAL_HEADER, so counting those bytes bounds the
    # number of members zipfile would build objects for, before it builds any.
    members = data.count(CENTRAL_HEADER)
    if members > ARCHIVE_MEMBERS_MAX:
        raise ValidationError(
            _("Berkas ini berisi terlalu banyak bagian (%(count)d; paling banyak %(max)d) dan tidak dapat diterima.")
            % {"count": members, "max": ARCHIVE_MEMBERS_MAX}
        )
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None


def _checked_members(data: bytes, archive: zipfile.ZipFile) -> list[zipfile.ZipInfo] | None:
    """The members, when the directory describes a plain archive within the limits; None when it is not an
    archive we can judge (encrypted, an unknown compression, members overlapping or outside the file); a
    ValidationError when what it declares is a bomb."""
    members = archive.infolist()
    declared = 0
    ends = []
    for member in members:
        if member.flag_bits & 0x1 or member.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            return None
        start = _data_start(data, member)
        if start is None or start + member.compress_size > len(data):
            return None
        ends.append((member.header_offset, start + member.compress_size))
        declared += member.file_size
        if declared > ARCHIVE_UNCOMPRESSED_MAX or _ratio_too_high(member.file_size, member.compress_size):
            raise _archive_bomb()
    ends.sort()
    # Members sharing their compressed bytes are how one kernel of deflate is counted a thousand times.
    if any(end > next_start for (_s, end), (next_start, _e) in pairwise(ends)):
        raise _archive_bomb()
    return members


def _ratio_too_high(inflated: int, compressed: int) -> bool:
    return inflated > ARCHIVE_RATIO_FLOOR and inflated > ARCHIVE_MEMBER_RATIO_MAX * max(compressed, 1)


def _data_start(data: bytes, member: zipfile.ZipInfo) -> int | None:
    offset = member.header_offset
    header = data[offset : offset + LOCAL_HEADER_SIZE]
    if len(header) < LOCAL_HEADER_SIZE or not header.startswith(LOCAL_HEADER):
        return None
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    return offset + LOCAL_HEADER_SIZE + name_length + extra_length


def _raw(data: bytes, member: zipfile.ZipInfo) -> memoryview:
    start = _data_start(data, member) or 0
    return memoryview(data)[start : start + member.compress_size]


def _peek(data: bytes, member: zipfile.ZipInfo, size: int) -> bytes:
    """At most `size` bytes from the start of a member, inflating no more than that."""
    raw = _raw(data, member)
    if member.compress_type == zipfile.ZIP_STORED:
        return bytes(raw[:size])
    try:
        return zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw[:INFLATE_STEP], size)
    except zlib.error:
        return b""


def _streamed_size(data: bytes, member: zipfile.ZipInfo, limit: int) -> int | None:
    """How many bytes the member really inflates to, counted in small steps and thrown away; the count stops
    just past `limit`. None when its data is broken."""
    raw = _raw(data, member)
    if member.compress_type == zipfile.ZIP_STORED:
        return len(raw)
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    try:
        for offset in range(0, len(raw), INFLATE_STEP):
            pending = raw[offset : offset + INFLATE_STEP]
            while pending and not inflater.eof:
                produced += len(inflater.decompress(pending, INFLATE_STEP))
                if produced > limit:
                    return produced
                pending = inflater.unconsumed_tail
            if inflater.eof:
                break
    except zlib.error:
        return None
    return produced


def refuse_archive_bomb(data: bytes, *, nested: bool = False) -> int:
    """Before an office file is accepted: every member is streamed through the inflater (nothing kept) and
    must inflate to exactly the size its directory declares, so a directory that lies is caught too. An
    archive inside it is checked the same way, one level deep. Returns the bytes it inflates to in all."""
    archive = _open_archive(data)
    if archive is None:
        raise ValidationError(_("Berkas ini rusak atau bukan dokumen Office/OpenDocument yang sebenarnya."))
    total = 0
    with archive:
        members = _checked_members(data, archive)
        if members is None:
            raise ValidationError(_("Berkas ini rusak atau bukan dokumen Office/OpenDocument yang sebenarnya."))
        for member in members:
            size = _streamed_size(data, member, member.file_size)
            if size is None or size < member.file_size:
                raise ValidationError(_("Berkas ini rusak atau bukan dokumen Office/OpenDocument yang sebenarnya."))
            total += size
            if size > member.file_size or total > ARCHIVE_UNCOMPRESSED_MAX:
                raise _archive_bomb()
            if _peek(data, member, len(LOCAL_HEADER)) == LOCAL_HEADER:
                if nested or member.file_size > NESTED_ARCHIVE_MAX:
                    raise _archive_bomb()
                total += refuse_archive_bomb(archive.read(member), nested=True)
                if total > ARCHIVE_UNCOMPRESSED_MAX:
                    raise _archive_bomb()
    return total


# Re-encoding a picture costs CPU and memory in proportion to its pixels (a 36-megapixel PNG about a second and
# 150 MB). 24 megapixels is a 6000 × 4000 camera photo, more than a phone takes by default and more than a
# letter or a map needs to stay readable.
PICTURE_PIXELS_MAX = 24_000_000
# Pillow's own last line, wherever a picture is opened (Django's ImageField too): it warns above this many
# pixels and refuses twice as many outright. Set above our limit so that ours speaks first, with the numbers.
Image.MAX_IMAGE_PIXELS = 2 * PICTURE_PIXELS_MAX


def refuse_too_many_pixels(width: int, height: int, limit: int = PICTURE_PIXELS_MAX) -> None:
    """Called with the size a picture's header declares, before a single pixel is decoded."""
    if width * height > limit:
        raise ValidationError(
            _(
                "Gambar ini terlalu besar ukurannya (%(pixels).1f megapiksel; paling besar %(max)d megapiksel). "
                "Perkecil gambarnya lalu coba lagi."
            )
            % {"pixels": width * height / 1_000_000, "max": limit // 1_000_000}
        )


def check_size(upload, limit: int) -> None:
    """Refuse an empty upload or one above `limit` bytes, saying how big it was."""
    if upload.size > limit:
        raise ValidationError(
            _("Berkas terlalu besar (%(size).1f MB). Paling besar %(limit)d MB.")
            % {"size": upload.size / 1024 / 1024, "limit": limit // 1024 // 1024}
        )
    if upload.size == 0:
        raise ValidationError(_("Berkas kosong. Pilih berkas yang berisi."))
