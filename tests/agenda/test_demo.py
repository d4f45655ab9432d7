import pytest

from agenda import demo as agenda_demo
from agenda.models import Application, Event
from pengumuman import demo as pengumuman_demo
from pengumuman.models import Announcement

pytestmark = pytest.mark.django_db


def test_demo_seeds_are_idempotent_and_valid(citizen):
    assert agenda_demo.seed(citizen=citizen) == 3
    assert agenda_demo.seed(citizen=citizen) == 0
    assert pengumuman_demo.seed() == 4
    assert pengumuman_demo.seed() == 0
    for event in Event.objects.all():
        event.full_clean()
    assert Application.objects.filter(citizen=citizen).count() == 1
    assert Announcement.objects.published().count() == 4
