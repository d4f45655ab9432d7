"""The handler's queue and the public list run a fixed number of queries, whatever the number of rows."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pengaduan import forms, services
from pengaduan.models import Complaint
from ruangrunding.paging import paginate
from tests.helpers import client_for
from tests.pengaduan.conftest import at

pytestmark = pytest.mark.django_db


def make(file_complaint, citizen, handler, count, start=0):
    for number in range(start, start + count):
        complaint = file_complaint(f"Pengaduan {number}", reporter=citizen, privacy="anonim" if number % 2 else "biasa")
        services.complaint_verify(complaint=complaint, actor=handler)


def queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ["pengaduan:index", "pengaduan:queue", "pengaduan:mine"])
def test_the_lists_query_count_does_not_grow_with_rows(file_complaint, citizen, handler, name):
    user = {"pengaduan:index": None, "pengaduan:queue": handler, "pengaduan:mine": citizen}[name]
    client = client_for(user)
    make(file_complaint, citizen, handler, 2)
    client.get(reverse(name))  # the region profile is cached after the first page
    few = queries(client, reverse(name))
    make(file_complaint, citizen, handler, 18, start=2)
    assert queries(client, reverse(name)) == few


def test_public_list_queries_are_pinned(file_complaint, citizen, handler, django_assert_max_num_queries):
    make(file_complaint, citizen, handler, 20)
    with django_assert_max_num_queries(4):
        client_for(None).get(reverse("pengaduan:index"))


def test_queue_queries_are_pinned(file_complaint, citizen, handler, django_assert_max_num_queries):
    make(file_complaint, citizen, handler, 20)
    client = client_for(handler)
    with django_assert_max_num_queries(8):  # the list's length and the overdue figures: one count
        client.get(reverse("pengaduan:queue"))


def page_weight(html: bytes) -> int:
    """HTML plus its stylesheet and script, gzip-compressed, as a phone downloads them."""
    total = len(gzip.compress(html, 6))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        with open(finders.find(asset.decode()), "rb") as handle:
            total += len(gzip.compress(handle.read(), 6))
    return total


def test_full_pages_fit_the_30_kb_budget(file_complaint, citizen, handler, agencies):
    make(file_complaint, citizen, handler, 20)
    complaint = Complaint.objects.first()
    services.complaint_dispose(complaint=complaint, actor=handler, agencies=[agencies["pupr"], agencies["dlh"]])
    for user, path in [
        (None, reverse("pengaduan:index")),
        (None, reverse("pengaduan:create")),
        (None, complaint.tracking_url()),
        (handler, reverse("pengaduan:queue")),
        (handler, complaint.manage_url()),
    ]:
        html = client_for(user).get(path).content
        assert page_weight(html) < 30 * 1024, path


def test_the_queue_counts_what_it_lists_under_each_filter(file_complaint, citizen, handler):
    """The list's length, its pages and both overdue figures come from one count: each filter still lists
    exactly its complaints and the overdue figures stay those of everything the handler may see."""
    late = [file_complaint(f"Lama {n}", reporter=citizen, now=at("2026-03-02 09:00")) for n in range(3)]
    fresh = [file_complaint(f"Baru {n}", reporter=citizen) for n in range(2)]
    services.complaint_verify(complaint=fresh[0], actor=handler)
    services.complaint_reject(complaint=late[2], actor=handler, reason="Bukan kewenangan daerah.")
    client = client_for(handler)

    def listed(**query) -> tuple[set[str], str]:
        response = client.get(reverse("pengaduan:queue"), query)
        page = response.content.decode()
        titles = {c.title for c in [*late, *fresh] if f">{c.title}<" in page}
        assert response.context["page"].paginator.count == len(titles)  # the pages counted what is listed
        figures = re.search(r"Terlambat: \d+ respon awal, \d+ respon akhir", page)
        return titles, figures.group(0)

    overdue = "Terlambat: 2 respon awal, 0 respon akhir"
    assert listed() == ({"Lama 0", "Lama 1", "Baru 0", "Baru 1"}, overdue)
    assert listed(terlambat="on") == ({"Lama 0", "Lama 1"}, overdue)
    assert listed(status="diverifikasi") == ({"Baru 0"}, overdue)
    assert listed(status="ditolak") == ({"Lama 2"}, overdue)
    assert listed(status="diverifikasi", terlambat="on") == (set(), overdue)


def test_visitors_share_a_copy_of_the_public_pages_for_a_few_seconds(
    settings, file_complaint, citizen, handler, django_assert_num_queries
):
    """At 100,000 complaints the public list costs a count over them all; a crowd of visitors pays it once in
    VISITOR_PAGE_CACHE_SECONDS. A signed-in reader and the handler's queue are always fresh."""
    settings.VISITOR_PAGE_CACHE_SECONDS = 10
    make(file_complaint, citizen, handler, 3)
    complaint = Complaint.objects.first()
    visitor, signed_in = client_for(None), client_for(citizen)
    for path in [reverse("pengaduan:index"), reverse("pengaduan:index") + "?kecamatan=1", complaint.get_absolute_url()]:
        assert visitor.get(path).status_code == 200
        with django_assert_num_queries(0):
            assert visitor.get(path).status_code == 200
        with CaptureQueriesContext(connection) as fresh:
            assert signed_in.get(path).status_code == 200
        assert len(fresh) > 0
    make(file_complaint, citizen, handler, 1, start=3)
    assert "Pengaduan 3" not in visitor.get(reverse("pengaduan:index")).content.decode()  # the kept copy
    assert "Pengaduan 3" in signed_in.get(reverse("pengaduan:index")).content.decode()
    assert "Pengaduan 3" in visitor.get(reverse("pengaduan:index") + "?utm_source=wa").content.decode()


def test_the_overdue_figures_wrap_on_a_phone_and_read_with_thousands_separators(rf, handler):
    """At 100,000 complaints the figures run to five and six digits: written as "12.345" and in a plain
    paragraph that wraps at 360 px (it used the header's one-line badge style and was cut off)."""
    request = rf.get(reverse("pengaduan:queue"))
    request.user = handler
    context = {
        "page": paginate([], per_page=20, requested=None),
        "filters": forms.QueueFilterForm(),
        "counts": {"initial": 12345, "final": 678901},
        "handler": True,
        "query": "",
    }
    html = render_to_string("pengaduan/queue.html", context, request=request)
    assert '<p role="status"><strong>Terlambat: 12.345 respon awal, 678.901 respon akhir</strong></p>' in html
