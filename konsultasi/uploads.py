"""Consultation attachments: PDF, JPG or PNG, judged by their content (never by their name), at most
KONSULTASI_ATTACHMENT_MAX_BYTES. Pictures are re-encoded, which drops hidden metadata such as a phone's GPS
position; a decompression bomb is refused."""

import io
import uuid
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from ruangrunding.filetypes import MIME_TYPES, check_size, refuse_polyglot, refuse_too_many_pixels, sniff

ALLOWED = {"pdf", "jpg", "png"}


@dataclass
class CheckedAttachment:
    content: ContentFile
    display_name: str
    content_type: str
    size: int


def check_attachment(upload) -> CheckedAttachment:
    check_size(upload, settings.KONSULTASI_ATTACHMENT_MAX_BYTES)
    upload.seek(0)
    data = upload.read()
    kind = sniff(data)
    if kind not in ALLOWED:
        raise ValidationError(
            _("Hanya berkas PDF, JPG atau PNG yang dapat dilampirkan. Isi berkas ini bukan salah satunya.")
        )
    refuse_polyglot(data)
    if kind == "pdf":
        if b"%%EOF" not in data[-2048:]:
            raise ValidationError(_("Berkas PDF ini rusak atau tidak lengkap."))
    else:
        data = reencode_picture(data, kind)
    stem = get_valid_filename(Path(upload.name or "lampiran").stem)[:80] or "lampiran"
    content = ContentFile(data, name=f"{uuid.uuid4().hex}.{kind}")
    return CheckedAttachment(content, f"{stem}.{kind}", MIME_TYPES[kind], len(data))


def reencode_picture(data: bytes, kind: str) -> bytes:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                refuse_too_many_pixels(probe.width, probe.height)
                probe.verify()
            with Image.open(io.BytesIO(data)) as picture:
                picture.load()
                output = io.BytesIO()
                if kind == "jpg":
                    picture.convert("RGB").save(output, format="JPEG", quality=90)
                else:
                    picture.save(output, format="PNG", optimize=True)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(_("Gambar ini terlalu besar ukurannya (piksel) untuk diproses.")) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("Gambar ini rusak atau bukan gambar JPG/PNG yang sebenarnya.")) from None
    return output.getvalue()
