"""The minutes of an event (notulen, berita acara) are library documents, shown on its page afterwards."""

import pytest

from tests.agenda.factories import make_event

pytestmark = pytest.mark.django_db


def test_past_event_shows_its_published_minutes(client, make_document, django_assert_max_num_queries):
    event = make_event("Musrenbang Kecamatan Tenggarong", days_ahead=-2, capacity=0, registration_closes_at=None)
    notulen = make_document("Notulen Musrenbang Kecamatan Tenggarong 2026")
    draft = make_document("Berita Acara Musrenbang Kecamatan Tenggarong (konsep)", published=False)
    event.minutes.set([notulen, draft])
    with django_assert_max_num_queries(6):
        html = client.get(event.get_absolute_url()).content.decode()
    assert "Notulen dan berita acara" in html
    assert notulen.get_absolute_url() in html and "Notulen Musrenbang Kecamatan Tenggarong 2026" in html
    assert "(konsep)" not in html


def test_minutes_are_not_shown_before_the_event_is_over(client, make_document):
    event = make_event("Forum Perangkat Daerah Kesehatan")
    event.minutes.set([make_document("Notulen Forum PD Kesehatan")])
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Notulen Forum PD Kesehatan" not in html and 'data-testid="minutes"' not in html
