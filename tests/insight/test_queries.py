"""The dashboard is a fixed handful of GROUP BY queries whatever the amount of data."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import User
from insight.models import ReachSnapshot
from rpjpd.demo import generate_reply_tree
from tests.helpers import client_for

QUERY_LIMIT = 30


def dashboard_queries(client, period) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("insight:index"), {"periode": period})
    assert response.status_code == 200
    return len(queries)


PERIODS = ["semua", "tahun-ini", "30-hari"]


def test_query_count_is_the_same_for_10_and_5000_replies(world, staff, topic):
    client = client_for(staff)
    client.get(reverse("insight:index"))  # warm the per-worker caches (region profile)
    authors = list(User.objects.filter(is_staff=False))
    generate_reply_tree(topic=topic, count=10, authors=authors)
    few = [dashboard_queries(client, period) for period in PERIODS]
    generate_reply_tree(topic=topic, count=4990, authors=authors, seed=7)
    many = [dashboard_queries(client, period) for period in PERIODS]
    assert few == many
    assert max(many) <= QUERY_LIMIT


def test_export_query_count_does_not_grow(world, staff, topic):
    client = client_for(staff)
    authors = list(User.objects.filter(is_staff=False))
    client.get(reverse("insight:download"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("insight:download"))
    generate_reply_tree(topic=topic, count=2000, authors=authors)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("insight:download"))
    assert len(few) == len(many) <= QUERY_LIMIT


def test_taking_a_months_reach_snapshot_costs_the_same_whatever_the_data(world, crowd, staff, topic):
    # The first render of a month counts the closed months once (a few aggregate queries) and stores them.
    client = client_for(staff)
    client.get(reverse("insight:index"))
    authors = list(User.objects.filter(is_staff=False))

    def first_render_of_the_month() -> int:
        ReachSnapshot.objects.all().delete()
        queries = dashboard_queries(client, "semua")
        assert ReachSnapshot.objects.count() == 1
        return queries

    few = first_render_of_the_month()
    generate_reply_tree(topic=topic, count=3000, authors=authors)
    many = first_render_of_the_month()
    assert few == many <= QUERY_LIMIT
    assert dashboard_queries(client, "semua") < few  # later renders read the stored counts
