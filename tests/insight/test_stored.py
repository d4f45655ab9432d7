"""The worker's stored count of the dashboard (insight/stored.py, `manage.py insight_segarkan`): exactly the
figures the page counts live, read back in a fixed number of queries whatever the amount of data, and never
used once stale or counted for another period start."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from insight import dashboard, periods, stored
from insight.models import StoredFigures
from rpjpd.demo import generate_reply_tree
from tests.helpers import client_for
from tests.insight.conftest import NOW

PERIODS = [key for key, _label in periods.CHOICES]
NOTICE = re.compile(r'<p class="message message-warning" role="status">Angka partisipasi[^<]*</p>')
PER_REQUEST = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')  # differ on every response


def test_stored_figures_are_exactly_the_live_ones(world, crowd):
    stored.refresh(now=NOW)
    assert StoredFigures.objects.count() == len(PERIODS)
    for key in PERIODS:
        period = periods.period_for(key, now=NOW)
        from_worker, counted_at = stored.blocks(period)
        assert counted_at == NOW
        live = dashboard.blocks(period)
        assert from_worker == live, key
        assert stored.encode(from_worker) == stored.encode(live)


def page(client, key: str) -> str:
    response = client.get(reverse("insight:index"), {"periode": key})
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_from_stored_figures_is_the_live_page_with_a_note(world, crowd, staff):
    client = client_for(staff)
    for key in PERIODS:
        live = page(client, key)
        assert not NOTICE.search(live)
        stored.refresh()
        from_worker = page(client, key)
        assert NOTICE.search(from_worker)
        assert PER_REQUEST.sub("", NOTICE.sub("", from_worker)) == PER_REQUEST.sub("", live)
        StoredFigures.objects.all().delete()


def test_the_workbook_holds_the_stored_figures(world, crowd, staff):
    client = client_for(staff)
    stored.refresh()
    StoredFigures.objects.filter(period=periods.ALL_TIME).update(
        blocks=[
            {**block, "facts": [{"label": "Ditanam oleh uji", "value": 4242}]}
            if block["slug"] == "partisipasi"
            else block
            for block in StoredFigures.objects.get(period=periods.ALL_TIME).blocks
        ]
    )
    html = page(client, periods.ALL_TIME)
    assert "Ditanam oleh uji" in html and "4.242" in html
    response = client.get(reverse("insight:download"), {"periode": periods.ALL_TIME})
    assert response.status_code == 200
    from io import BytesIO

    from openpyxl import load_workbook

    cells = {c.value for sheet in load_workbook(BytesIO(response.content)) for row in sheet.iter_rows() for c in row}
    assert "Ditanam oleh uji" in cells and 4242 in cells


def dashboard_queries(client, key) -> int:
    with CaptureQueriesContext(connection) as queries:
        page(client, key)
    return len(queries)


def test_the_page_reads_the_same_few_queries_for_10_and_5000_replies(world, staff, topic):
    client = client_for(staff)
    authors = list(User.objects.filter(is_staff=False))
    generate_reply_tree(topic=topic, count=10, authors=authors)
    live = [dashboard_queries(client, key) for key in PERIODS]
    stored.refresh()
    few = [dashboard_queries(client, key) for key in PERIODS]
    generate_reply_tree(topic=topic, count=4990, authors=authors, seed=7)
    stored.refresh()
    many = [dashboard_queries(client, key) for key in PERIODS]
    assert few == many
    # the stored row, the reach block (its snapshot and the kecamatan) and the page's own (session, user, region)
    assert max(many) <= 8 < min(live)


def test_stale_figures_are_counted_live(world, crowd, settings):
    settings.INSIGHT_FIGURES_MAX_AGE = 1800
    stored.refresh(now=NOW - timedelta(minutes=31))
    assert all(stored.fresh(periods.period_for(key, now=NOW)) is None for key in PERIODS)
    assert stored.blocks(periods.period_for(periods.ALL_TIME, now=NOW))[1] is None
    stored.refresh(now=NOW - timedelta(minutes=29))
    assert all(stored.fresh(periods.period_for(key, now=NOW)) is not None for key in PERIODS)


def test_figures_counted_for_another_period_start_are_not_used(world, settings):
    # Counted at 23:50 and read at 00:10: the 30-day window and (on 1 January) the year have moved on.
    settings.INSIGHT_FIGURES_MAX_AGE = 3600
    before_midnight = NOW.replace(month=12, day=31, hour=23, minute=50)
    stored.refresh(now=before_midnight)
    after = before_midnight + timedelta(minutes=20)
    assert stored.fresh(periods.period_for(periods.LAST_30_DAYS, now=after)) is None
    assert stored.fresh(periods.period_for(periods.THIS_YEAR, now=after)) is None
    assert stored.fresh(periods.period_for(periods.ALL_TIME, now=after)) is not None


def test_figures_counted_after_the_moment_asked_about_are_not_used(world):
    stored.refresh(now=NOW)
    assert stored.fresh(periods.period_for(periods.ALL_TIME, now=NOW - timedelta(minutes=1))) is None


def test_the_command_counts_every_period(world, capsys):
    call_command("insight_segarkan")
    assert set(StoredFigures.objects.values_list("period", flat=True)) == set(PERIODS)
    assert all(row.computed_at <= timezone.now() for row in StoredFigures.objects.all())
    assert "semua:" in capsys.readouterr().out


def test_a_value_the_store_does_not_know_is_refused():
    with pytest.raises(TypeError, match="cannot store"):
        stored.encode(object())
