import pytest
from django.urls import reverse

from agenda import demo as agenda_demo
from agenda.models import Application, Event
from musrenbang.models import Cycle
from pengumuman import demo as pengumuman_demo
from pengumuman.models import Announcement
from tests.helpers import client_for

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


def test_demo_musrenbang_events_are_stages_of_the_latest_cycle(citizen):
    Cycle.objects.create(year=2026)
    latest = Cycle.objects.create(year=2027)
    agenda_demo.seed(citizen=citizen)
    stages = dict(Event.objects.filter(cycle=latest).values_list("kind", "stage"))
    assert stages == {"musrenbang_kabupaten": "kabupaten", "musrenbang_kecamatan": "kecamatan"}
    assert Event.objects.get(kind="konsultasi_publik").cycle is None


def test_generated_applicants_fill_the_event_for_the_benchmark(event, selector, client, django_assert_max_num_queries):
    assert agenda_demo.generate_applicants(event, 120) == 120
    assert Application.objects.filter(event=event).count() == 120
    assert Application.objects.filter(event=event, status="terpilih").count() == event.capacity
    staff_client = client_for(selector)
    with django_assert_max_num_queries(15):
        assert staff_client.get(reverse("agenda:staff_selection", args=[event.pk])).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(event.get_absolute_url()).status_code == 200
