"""An event that is a Musrenbang stage: linked to its cycle and stage, shown both on the event page and on
the Musrenbang page of the open cycle (through the reverse relation: musrenbang never imports agenda)."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from musrenbang.models import DECIDING_STAGES, Cycle, Stage, StageWindow
from tests.agenda.factories import make_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle():
    today = timezone.localdate()
    cycle = Cycle.objects.create(year=today.year + 1)
    for stage in DECIDING_STAGES:
        StageWindow.objects.create(
            cycle=cycle, stage=stage, starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=5)
        )
    return cycle


def test_event_page_names_the_musrenbang_stage_and_cycle(client, cycle, django_assert_max_num_queries):
    event = make_event("Musrenbang Kecamatan Tenggarong", cycle=cycle, stage=Stage.KECAMATAN)
    with django_assert_max_num_queries(6):
        html = client.get(event.get_absolute_url()).content.decode()
    assert f"Musrenbang Kecamatan · Musrenbang RKPD {cycle.year}" in html
    assert f"{reverse('musrenbang:index')}?tahun={cycle.year}" in html


def test_event_without_a_cycle_shows_no_musrenbang_row(client):
    html = client.get(make_event("Sosialisasi RPJPD").get_absolute_url()).content.decode()
    assert 'data-testid="musrenbang-stage"' not in html


def test_a_stage_needs_its_cycle_and_a_cycle_its_stage(cycle):
    event = make_event()
    event.stage = Stage.DESA
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "Tahap Musrenbang memerlukan siklusnya (tahun RKPD)." in refused.value.message_dict["cycle"]
    event.stage, event.cycle = "", cycle
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "Pilih tahap Musrenbang untuk siklus ini." in refused.value.message_dict["stage"]
    event.stage = Stage.DESA
    event.full_clean()


def test_musrenbang_page_lists_the_open_cycles_published_events(client, cycle, django_assert_max_num_queries):
    make_event("Musrenbang Desa Loa Ipuh", cycle=cycle, stage=Stage.DESA)
    make_event("Forum PD Kesehatan (rancangan)", cycle=cycle, stage=Stage.FORUM_PD, is_published=False)
    make_event("Sosialisasi di luar siklus")
    with django_assert_max_num_queries(11):  # as the Musrenbang list's own pin
        html = client.get(reverse("musrenbang:index")).content.decode()
    assert 'data-testid="cycle-events"' in html
    assert "Musrenbang Desa Loa Ipuh" in html and "Musrenbang Desa/Kelurahan" in html
    assert "rancangan" not in html and "Sosialisasi di luar siklus" not in html


def test_musrenbang_page_without_cycle_events_has_no_schedule(client, cycle):
    assert 'data-testid="cycle-events"' not in client.get(reverse("musrenbang:index")).content.decode()
