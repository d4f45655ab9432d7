"""The topic page's reply queries are built by the ORM once per shape and then run as kept SQL with each
request's numbers (ruangrunding.prepared): what they read must be exactly what the querysets give. On
PostgreSQL the kept SQL runs; on SQLite the querysets themselves (the comparison then holds trivially)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rpjpd import reading, services
from rpjpd.models import Report
from ruangrunding import prepared

pytestmark = pytest.mark.django_db


def evaluated(model, shape, build, numbers):
    return list(build(*numbers))


def page_as_data(page: reading.ReplyPage, reported: set[int]) -> tuple:
    def node(shown):
        row = {**vars(shown.reply), "author": (shown.reply.author.username, shown.reply.author.display_name)}
        return (row, [node(child) for child in shown.children], shown.shown_count)

    return [node(shown) for shown in page.threads], page.has_next, page.reply_count, page.next_anchor, reported


def read(topic, user, *, number=1, order="terbaru"):
    page = reading.topic_reply_page(topic, number=number, order=order)
    return page_as_data(page, reading.reported_by(user, page.threads))


def test_the_kept_sql_reads_what_the_querysets_read(topic, citizen, citizen2, settings, monkeypatch):
    settings.RPJPD_REPLIES_PER_PAGE = 3
    roots = [services.reply_create(topic=topic, author=citizen, body=f"Akar {n}") for n in range(5)]
    for n in range(5):
        services.reply_create(topic=topic, author=citizen2, parent=roots[n % 2], body=f"Balasan {n}")
    Report.objects.create(reply=roots[4], reporter=citizen2, reason="spam")
    prepared.forget()
    kept = [read(topic, citizen2, number=number, order=order) for number in (1, 2) for order in ("terbaru", "terlama")]
    if connection.vendor == "postgresql":  # every shape became kept SQL (none fell back to the queryset)
        assert len(prepared._kept) >= 7 and all(prepared._kept.values())
    with CaptureQueriesContext(connection) as queries:
        again = read(topic, citizen2)
    assert again == kept[0] and len(queries) == 3  # the kept SQL, run again: the same rows, the same queries
    monkeypatch.setattr(prepared, "values_rows", evaluated)
    plain = [read(topic, citizen2, number=number, order=order) for number in (1, 2) for order in ("terbaru", "terlama")]
    assert kept == plain
    assert kept[0][4] == {roots[4].pk} and kept[0][2] == 10
