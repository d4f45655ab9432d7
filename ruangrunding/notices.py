"""Confirmations shown where the reader's eye is.

After "Kirim" the browser is sent to the new reply's anchor, far below the top of the page where messages
usually sit; on a phone the confirmation would be out of view. A confirmation tied to an anchor is shown
beside that element instead (`{% messages_at anchor %}` in the template that renders it).
"""

from django.contrib import messages
from django.http import HttpRequest

ANCHOR_PREFIX = "di:"


def confirm_at(request: HttpRequest, anchor: str, text: str) -> None:
    """A success message to be shown next to the element whose id is `anchor`."""
    messages.success(request, text, extra_tags=ANCHOR_PREFIX + anchor)


def anchor_of(message) -> str:
    """The id of the element the message belongs beside; "" for one shown at the top of the page."""
    tags = message.extra_tags or ""
    return tags.removeprefix(ANCHOR_PREFIX) if tags.startswith(ANCHOR_PREFIX) else ""
