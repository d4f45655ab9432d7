"""The two calendars: the public feed of events (never a meeting link) and a selected participant's own
invitation, which carries the meeting link."""

from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

from agenda.ical import Calendar
from agenda.models import Application, Event
from ruangrunding.mail import absolute_url


def _uid(event: Event) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "ruangrunding"
    return f"acara-{event.pk}@{host}"


def _public_description(event: Event) -> str:
    parts = [event.summary]
    if event.livestream_url:
        parts.append(_("Siaran langsung: %(url)s") % {"url": event.livestream_url})
    parts.append(absolute_url(event.get_absolute_url()))
    return "\n\n".join(parts)


def public_calendar(events, *, name: str) -> str:
    calendar = Calendar(name=name)
    for event in events:
        calendar.add_event(
            uid=_uid(event),
            start=event.starts_at,
            end=event.ends_at,
            summary=event.title,
            description=_public_description(event),
            location=event.place or (_("Daring") if event.mode == Event.Mode.ONLINE else ""),
            url=absolute_url(event.get_absolute_url()),
            updated=event.updated_at,
        )
    return calendar.to_ical()


def participant_calendar(application: Application) -> str:
    """The invitation of one selected participant: the event with its meeting link and their code."""
    event = application.event
    lines = [event.title]
    if event.meeting_url:
        lines.append(_("Tautan rapat peserta: %(url)s") % {"url": event.meeting_url})
    if event.meeting_details:
        lines.append(event.meeting_details)
    if event.is_in_person:
        lines.append(_("Kode pendaftaran: %(code)s") % {"code": application.code})
    lines.append(absolute_url(event.get_absolute_url()))
    calendar = Calendar(method="PUBLISH")
    calendar.add_event(
        uid=_uid(event),
        start=event.starts_at,
        end=event.ends_at,
        summary=event.title,
        description="\n\n".join(lines),
        location=event.place or event.meeting_url,
        url=absolute_url(event.get_absolute_url()),
        conference=event.meeting_url,
        updated=event.updated_at,
    )
    return calendar.to_ical()
