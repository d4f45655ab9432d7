"""E-mail goes through the task worker.

`TaskQueueEmailBackend` is the project's EMAIL_BACKEND: it turns each message into plain JSON data and enqueues
`deliver_email`; the worker (`manage.py db_worker`) then sends it with EMAIL_DELIVERY_BACKEND (SMTP in
production). Every sender — allauth, the admin, our own services — gets this for free, and a failing mail
server shows up as a failed task in the admin instead of as a slow or broken page.
"""

import base64
import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task

logger = logging.getLogger(__name__)


def message_to_data(message: EmailMultiAlternatives) -> dict:
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {str(k): str(v) for k, v in (message.extra_headers or {}).items()},
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
        "attachments": [_attachment_to_data(a) for a in message.attachments],
    }


def _attachment_to_data(attachment) -> list:
    filename, content, mimetype = attachment
    raw = content.encode() if isinstance(content, str) else bytes(content)
    return [filename, base64.b64encode(raw).decode("ascii"), mimetype]


def data_to_message(data: dict, connection) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, encoded, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(encoded), mimetype)
    return message


@task
def deliver_email(message_data: dict) -> int:
    """Send one queued message with the real delivery backend; an exception marks the task failed."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    return data_to_message(message_data, connection).send()


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            try:
                deliver_email.enqueue(message_to_data(message))
            except Exception:
                # Enqueueing writes one row; if even that fails the caller decides whether it matters.
                if not self.fail_silently:
                    raise
                logger.exception("Could not queue e-mail %r", message.subject)
                continue
            queued += 1
        return queued
