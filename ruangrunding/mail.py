"""E-mail goes through the task worker.

`TaskQueueEmailBackend` is the project's default mailer: it turns each message into plain JSON data and
enqueues `deliver_email`; the worker (`manage.py db_worker`) then sends it through the "delivery" mailer
(SMTP in production, see MAILERS in settings). Every sender — allauth, the admin, our own services — gets
this for free, and a failing mail server shows up as a failed task in the admin instead of as a slow or
broken page.
"""

import base64
import logging
from datetime import timedelta
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, mailers, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from ruangrunding.text import single_line

logger = logging.getLogger(__name__)
DELIVERY_MAILER = "delivery"
# A refused or unreachable mail server is tried again after these pauses; after the last, the task stays
# failed in the admin with the message and the error.
RETRY_DELAYS = [timedelta(minutes=1), timedelta(minutes=10), timedelta(hours=1)]


def message_to_data(message: EmailMultiAlternatives) -> dict:
    # Every sender's message enters the queue here (allauth's and the admin's too): its subject is made one
    # line, or the worker would refuse the header and the mail would be lost.
    return {
        "subject": single_line(message.subject),
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


def data_to_message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, encoded, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(encoded), mimetype)
    return message


@task
def deliver_email(message_data: dict, attempt: int = 1) -> int:
    """Send one queued message through the delivery mailer; on failure schedule the next try, then fail."""
    try:
        return mailers[DELIVERY_MAILER].send_messages([data_to_message(message_data)])
    except Exception:
        schedule_retry(message_data, attempt)
        raise


def schedule_retry(message_data: dict, attempt: int) -> None:
    if attempt > len(RETRY_DELAYS) or not deliver_email.get_backend().supports_defer:
        logger.error("E-mail %r to %s failed for good", message_data["subject"], message_data["to"])
        return
    run_after = timezone.now() + RETRY_DELAYS[attempt - 1]
    deliver_email.using(run_after=run_after).enqueue(message_data, attempt + 1)


class TaskQueueEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        queued = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_to_data(message))
            queued += 1
        return queued


def absolute_url(path: str) -> str:
    """A site path as the full address for an e-mail (the worker has no request to ask; SITE_URL tells)."""
    return settings.SITE_URL.rstrip("/") + path


def on_site_url(value: str) -> str:
    """An absolute http(s) address moved onto SITE_URL (same path, query and fragment); anything else as it
    is. For links a library built from the request's Host header, which the client chooses."""
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.netloc or any(c.isspace() for c in value):
        return value
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


def send_templated(template: str, recipient, context: dict) -> bool:
    """Queue one e-mail built from templates/emails/<template>_subject.txt and <template>.txt to a user; False
    when the user has no address."""
    if not recipient.email:
        return False
    context = {**context, "recipient": recipient}
    send_mail(
        # One line whatever the context holds (a name stored with a line break must not lose the mail).
        subject=single_line(render_to_string(f"emails/{template}_subject.txt", context)),
        message=render_to_string(f"emails/{template}.txt", context),
        from_email=None,
        recipient_list=[recipient.email],
    )
    return True
