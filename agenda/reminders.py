"""The reminder a selected participant gets the day before: a task queued with `run_after` for the task
worker. The task looks at the event again when it runs, so a moved event or a declined place never gets a
wrong reminder, and `reminded_at` makes it send at most once however many times it was queued."""

from datetime import timedelta

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from agenda import notifications
from agenda.models import Application, Event

BEFORE = timedelta(days=1)


def reminder_due(event: Event):
    return event.starts_at - BEFORE


def reminder_schedule(application: Application) -> bool:
    """Queue the reminder for the day before (False when that moment has passed or the task backend cannot
    wait, e.g. the in-process backend of the tests)."""
    due = reminder_due(application.event)
    if due <= timezone.now() or not send_reminder.get_backend().supports_defer:
        return False
    send_reminder.using(run_after=due).enqueue(application.pk)
    return True


def reminders_reschedule(event: Event) -> int:
    """After staff move an event: queue reminders for its new time (the old ones find nothing to do)."""
    selected = Application.objects.filter(event=event, status=Application.Status.SELECTED, reminded_at__isnull=True)
    return sum(reminder_schedule(application) for application in selected.select_related("event"))


@task
def send_reminder(application_id: int) -> bool:
    with transaction.atomic():
        application = (
            Application.objects.select_for_update()
            .select_related("event", "citizen")
            .filter(pk=application_id, status=Application.Status.SELECTED, reminded_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if application is None or application.event.starts_at <= now:
            return False
        if now < reminder_due(application.event) - timedelta(minutes=5):
            return False  # the event moved later; reminders_reschedule queued the right one
        application.reminded_at = now
        application.save(update_fields=["reminded_at"])
        transaction.on_commit(lambda: notifications.reminder(application))
    return True
