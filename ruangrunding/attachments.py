"""Attachments (a consultation's, a complaint's): PDF, JPG or PNG, judged by their content (never by their
name), at most the caller's limit. Pictures are re-encoded at their own size (ruangrunding.images), which drops
hidden metadata such as a phone's GPS position and turns a photo the way the phone was held; a decompression
bomb is refused."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from ruangrunding.filetypes import MIME_TYPES, check_size, refuse_polyglot, sniff
from ruangrunding.images import reencode_image

ALLOWED = {"pdf", "jpg", "png"}


@dataclass
class CheckedAttachment:
    content: ContentFile
    display_name: str
    content_type: str
    size: int


def check_attachment(upload, *, max_bytes: int) -> CheckedAttachment:
    check_size(upload, max_bytes)
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
        data, kind = reencode_image(data, kind=kind)
    stem = get_valid_filename(Path(upload.name or "lampiran").stem)[:80] or "lampiran"
    content = ContentFile(data, name=f"{uuid.uuid4().hex}.{kind}")
    return CheckedAttachment(content, f"{stem}.{kind}", MIME_TYPES[kind], len(data))
