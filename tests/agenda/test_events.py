from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from agenda.calendars import public_calendar
from agenda.ical import escape_text, fold
from agenda.models import Event
from agenda.services import application_create
from tests.agenda import ics
from tests.agenda.factories import MEETING_URL, group, make_event
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
WITA = ZoneInfo("Asia/Makassar")


def test_list_shows_published_upcoming_and_past_but_not_drafts(client):
    make_event("Musrenbang Kecamatan Tenggarong")
    make_event("Sosialisasi RPJPD", days_ahead=-30, registration_opens_at=None, registration_closes_at=None, capacity=0)
    make_event("Rancangan acara", is_published=False)
    html = client.get(reverse("agenda:index")).content.decode()
    assert "Musrenbang Kecamatan Tenggarong" in html and "Sosialisasi RPJPD" in html
    assert html.index("Musrenbang Kecamatan Tenggarong") < html.index("Sudah berlangsung") < html.index("Sosialisasi")
    assert "Rancangan acara" not in html


def test_unpublished_event_page_is_404_for_everyone(client, staff):
    draft = make_event("Rancangan acara", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client_for(staff).get(draft.get_absolute_url()).status_code == 404


def test_wrong_slug_redirects_to_the_event(client):
    event = make_event()
    response = client.get(reverse("agenda:detail", args=[event.pk, "salah"]))
    assert response.status_code == 301 and response["Location"] == event.get_absolute_url()


def test_event_page_shows_time_in_wita_livestream_and_open_graph(client, settings):
    settings.SITE_URL = "https://ruangrunding.kukarkab.go.id"
    start = datetime(2027, 4, 11, 18, 30, tzinfo=WITA)
    event = make_event("Musrenbang Kota", starts_at=start, ends_at=start + timedelta(hours=2))
    event.registration_closes_at = start - timedelta(days=1)
    event.save()
    html = client.get(event.get_absolute_url()).content.decode()
    assert "18.30" in html and "20.30 WITA" in html
    assert "https://youtube.example/live/musrenbang-kukar" in html
    assert '<meta property="og:title" content="Musrenbang Kota">' in html
    assert f'content="https://ruangrunding.kukarkab.go.id/agenda/{event.pk}/musrenbang-kota/"' in html
    assert "Musrenbang kabupaten/kota · 11-04-2027 18.30" in html
    assert MEETING_URL not in html


def test_event_rules_refuse_an_end_before_the_start_and_a_late_deadline():
    start = timezone.now() + timedelta(days=5)
    event = Event(title="x", kind="sosialisasi", starts_at=start, ends_at=start - timedelta(hours=1), capacity=5)
    with pytest.raises(ValidationError) as error:
        event.full_clean()
    assert "ends_at" in error.value.message_dict and "registration_closes_at" in error.value.message_dict


def test_calendar_feed_is_rfc5545_with_time_zone_and_escaping_and_no_meeting_link(client):
    start = datetime(2027, 4, 11, 18, 30, tzinfo=WITA)
    make_event(
        "Musrenbang; tahap 2, kabupaten",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
        registration_closes_at=start - timedelta(days=1),
        description="Baris satu\nBaris dua, dengan koma; dan titik koma \\ garis miring. " + "Panjang " * 30,
        place="Pendopo Odah Etam, Jl. Wolter Monginsidi; Tenggarong",
    )
    response = client.get(reverse("agenda:calendar"))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    components = ics.parse(text)
    zone = next(c for c in components if c["type"] == "VTIMEZONE")
    assert zone["TZID"] == "Asia/Makassar"
    standard = next(c for c in components if c["type"] == "STANDARD")
    assert standard["TZOFFSETTO"] == "+0800"
    (event,) = ics.events(text)
    assert event["DTSTART"] == "20270411T183000" and event["params"]["DTSTART"] == {"TZID": "Asia/Makassar"}
    assert event["DTEND"] == "20270411T203000"
    assert event["SUMMARY"] == "Musrenbang; tahap 2, kabupaten"
    assert "SUMMARY:Musrenbang\\; tahap 2\\, kabupaten" in text
    assert event["LOCATION"] == "Pendopo Odah Etam, Jl. Wolter Monginsidi; Tenggarong"
    assert event["DESCRIPTION"].startswith("Baris satu Baris dua, dengan koma; dan titik koma \\ garis miring.")
    assert "https://youtube.example/live/musrenbang-kukar" in event["DESCRIPTION"]
    assert MEETING_URL not in text and "RahasiaPesertaSaja" not in text.replace("\r\n ", "")


def test_calendar_feed_leaves_out_drafts_and_long_past_events(client):
    make_event("Terbit")
    make_event("Draf", is_published=False)
    make_event("Lama sekali", days_ahead=-400, registration_opens_at=None, registration_closes_at=None, capacity=0)
    titles = [e["SUMMARY"] for e in ics.events(client.get(reverse("agenda:calendar")).content.decode())]
    assert titles == ["Terbit"]


def test_calendar_in_a_zone_with_daylight_saving_falls_back_to_utc(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    start = datetime(2027, 7, 1, 10, 0, tzinfo=ZoneInfo("Europe/Amsterdam"))
    event = make_event(starts_at=start, ends_at=start + timedelta(hours=1), registration_closes_at=start)
    (parsed,) = ics.events(public_calendar([event], name="x"))
    assert parsed["DTSTART"] == "20270701T080000Z" and parsed["params"]["DTSTART"] == {}


def test_escape_and_fold_follow_the_rfc():
    assert escape_text("a,b;c\\d\r\ne\x07") == "a\\,b\\;c\\\\d\\ne"
    folded = fold("DESCRIPTION:" + "é" * 80)
    assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + "é" * 80


def test_event_page_queries_stay_constant(client, people, django_assert_max_num_queries):
    event = make_event(quotas={"Perempuan": 1, "Penyandang disabilitas": 1, "Komunitas": 1})
    for name, person in people.items():
        application_create(event=event, citizen=person, group=group("Komunitas"), topic=f"Usul {name}")
    with django_assert_max_num_queries(6):
        assert client.get(event.get_absolute_url()).status_code == 200
    signed_in = client_for(people["ani"])
    with django_assert_max_num_queries(10):
        assert signed_in.get(event.get_absolute_url()).status_code == 200
