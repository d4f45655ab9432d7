"""The reminder the day before, through the real database task queue and worker."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from agenda.models import Application
from agenda.reminders import reminders_reschedule
from agenda.services import application_create, application_decline, applications_select
from tests.agenda.factories import MEETING_URL, group, make_event
from tests.helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)  # the worker opens and closes its own connections
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.fixture
def queued(settings, people):
    settings.TASKS = DATABASE_TASKS
    event = make_event(capacity=2)
    applications = [
        application_create(event=event, citizen=people[name], group=group("Komunitas"), topic="Usul")
        for name in ("ani", "rina")
    ]
    applications_select(event=event, applications=applications)
    return event, applications


def reminders():
    return DBTaskResult.objects.filter(task_path="agenda.reminders.send_reminder")


def make_due(event):
    """Time passes: the event is now 20 hours away and the queued reminders are due."""
    event.starts_at = timezone.now() + timedelta(hours=20)
    event.ends_at = event.starts_at + timedelta(hours=2)
    event.save()
    reminders().update(run_after=timezone.now() - timedelta(seconds=1))


def test_selected_are_reminded_once_the_day_before_with_their_link(queued):
    event, _applications = queued
    assert reminders().count() == 2
    due = reminders().first().run_after
    assert abs(due - (event.starts_at - timedelta(days=1))) < timedelta(seconds=1)
    run_worker()  # the selection e-mails go; the reminders wait for their time
    assert [m.subject for m in mail.outbox].count("Besok: Musrenbang RKPD Kabupaten") == 0
    make_due(event)
    run_worker()
    sent = [m for m in mail.outbox if m.subject == "Besok: Musrenbang RKPD Kabupaten"]
    assert sorted(m.to[0] for m in sent) == ["ani@contoh.id", "rina@contoh.id"]
    assert all(MEETING_URL in m.body for m in sent)
    reminders().update(status="READY", run_after=timezone.now() - timedelta(seconds=1))
    run_worker()  # queued twice by mistake: still one reminder each
    assert len([m for m in mail.outbox if m.subject.startswith("Besok:")]) == 2


def test_who_declined_gets_no_reminder(queued):
    event, applications = queued
    application_decline(application=Application.objects.get(pk=applications[0].pk))
    make_due(event)
    run_worker()
    reminded = [m.to[0] for m in mail.outbox if m.subject.startswith("Besok:")]
    assert reminded == ["rina@contoh.id"]


def test_a_moved_event_is_reminded_at_its_new_time(queued):
    event, _applications = queued
    event.starts_at += timedelta(days=7)
    event.ends_at += timedelta(days=7)
    event.save()
    assert reminders_reschedule(event) == 2
    reminders().filter(run_after__lt=event.starts_at - timedelta(days=2)).update(
        run_after=timezone.now() - timedelta(seconds=1)
    )
    run_worker()  # the old reminders run at the old time and find the event is still a week away
    assert not [m for m in mail.outbox if m.subject.startswith("Besok:")]
    new_due = reminders().filter(status="READY").values_list("run_after", flat=True)
    assert [abs(d - (event.starts_at - timedelta(days=1))) < timedelta(seconds=1) for d in new_due] == [True, True]
