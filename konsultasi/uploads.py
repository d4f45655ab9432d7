"""Consultation attachments: the portal's attachment check (ruangrunding.attachments) at
KONSULTASI_ATTACHMENT_MAX_BYTES."""

from django.conf import settings

from ruangrunding.attachments import CheckedAttachment
from ruangrunding.attachments import check_attachment as check_any_attachment

__all__ = ["CheckedAttachment", "check_attachment"]


def check_attachment(upload) -> CheckedAttachment:
    return check_any_attachment(upload, max_bytes=settings.KONSULTASI_ATTACHMENT_MAX_BYTES)
