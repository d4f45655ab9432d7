"""E-mails of the selection. They leave through the portal's mail backend, which queues them for the task
worker; the meeting link is only ever in the "selected" one."""

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from agenda.calendars import participant_calendar
from agenda.models import Application
from agenda.tokens import decline_token
from ruangrunding.mail import absolute_url, send_templated
from ruangrunding.text import single_line


def _context(application: Application) -> dict:
    event = application.event
    return {"application": application, "event": event, "event_url": absolute_url(event.get_absolute_url())}


def selected(application: Application) -> bool:
    citizen = application.citizen
    if not citizen.email:
        return False
    context = {
        **_context(application),
        "recipient": citizen,
        "decline_url": absolute_url(reverse("agenda:decline", args=[decline_token(application)])),
    }
    message = EmailMultiAlternatives(
        subject=single_line(render_to_string("emails/agenda_selected_subject.txt", context)),
        body=render_to_string("emails/agenda_selected.txt", context),
        to=[citizen.email],
    )
    message.attach("undangan.ics", participant_calendar(application), "text/calendar; charset=utf-8; method=PUBLISH")
    message.send()
    return True


def waiting(application: Application) -> bool:
    return send_templated("agenda_waiting", application.citizen, _context(application))


def not_selected(application: Application) -> bool:
    return send_templated("agenda_not_selected", application.citizen, _context(application))


def reminder(application: Application) -> bool:
    """The day before: time, place and — for the selected, who alone get this — the meeting link again."""
    context = {
        **_context(application),
        "decline_url": absolute_url(reverse("agenda:decline", args=[decline_token(application)])),
    }
    return send_templated("agenda_reminder", application.citizen, context)
