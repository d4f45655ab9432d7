"""A search's ranked ids are kept in each worker under the library's version (pustaka.search): a repeated
search skips the ranking, and any write that can change a result gives a new version, so nothing kept from
before it is used. Runs on both databases like the other search tests."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pustaka import search
from pustaka.models import Document, DocumentType
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


def titles(client, **query):
    response = client.get(reverse("pustaka:index"), query)
    assert response.status_code == 200
    return [document.title for document in response.context["rows"]]


def ranking_queries(client, **query) -> int:
    """How many queries of the request rank documents (their ids only, ordered)."""
    with CaptureQueriesContext(connection) as queries:
        titles(client, **query)
    return sum(
        1
        for q in queries
        if "ORDER BY" in q["sql"]
        and q["sql"].lstrip().upper().startswith("SELECT")
        and ('"pustaka_document"."id" AS' in q["sql"] or "pustaka_document_fts" in q["sql"])
        and "LIMIT 501" in q["sql"]
    )


def test_a_repeated_search_reuses_the_ranking_and_still_renders_the_page(client, make_document):
    make_document("Pengelolaan Irigasi Desa")
    assert ranking_queries(client, q="irigasi") == 1
    assert ranking_queries(client, q="irigasi") == 0
    assert titles(client, q="irigasi") == ["Pengelolaan Irigasi Desa"]
    assert ranking_queries(client, q="irigasi", tahun="2023") == 1  # other filters: another ranking


def test_nothing_is_kept_when_turned_off(client, make_document, settings):
    settings.PUSTAKA_SEARCH_CACHE_SECONDS = 0
    make_document("Pengelolaan Irigasi Desa")
    assert ranking_queries(client, q="irigasi") == 1
    assert ranking_queries(client, q="irigasi") == 1


def test_a_new_or_edited_or_deleted_document_shows_in_the_next_search(client, make_document):
    first = make_document("Pengelolaan Irigasi Desa")
    assert titles(client, q="irigasi") == ["Pengelolaan Irigasi Desa"]
    make_document("Irigasi Tersier", year=2024)
    assert titles(client, q="irigasi") == ["Irigasi Tersier", "Pengelolaan Irigasi Desa"]
    first = Document.objects.get(pk=first.pk)  # as stored, with its index entry
    first.status = Document.Status.REVOKED
    first.save()
    assert titles(client, q="irigasi", status="dicabut") == ["Pengelolaan Irigasi Desa"]
    first.delete()
    assert titles(client, q="irigasi") == ["Irigasi Tersier"]


def test_publishing_and_withdrawing_in_bulk_shows_in_the_next_search(make_document, staff, client):
    document = make_document("Perda Irigasi", published=False)
    assert titles(client, q="irigasi") == []
    staff.is_superuser = True
    staff.save()
    admin = client_for(staff)
    url = reverse("admin:pustaka_document_changelist")
    admin.post(url, {"action": "publish", "_selected_action": [document.pk]})
    assert titles(client, q="irigasi") == ["Perda Irigasi"]
    admin.post(url, {"action": "unpublish", "_selected_action": [document.pk]})
    assert titles(client, q="irigasi") == []


def test_a_renamed_document_type_shows_in_the_next_filtered_search(client, make_document):
    make_document("Perda Irigasi", kind="perda")
    assert titles(client, q="irigasi", jenis="peraturan-daerah") == ["Perda Irigasi"]
    kind = DocumentType.objects.get(slug="peraturan-daerah")
    kind.slug = "perda"
    kind.save()
    assert titles(client, q="irigasi", jenis="peraturan-daerah") == ["Perda Irigasi"]  # unknown filter: ignored
    assert titles(client, q="irigasi", jenis="perda") == ["Perda Irigasi"]


def test_a_change_made_in_another_worker_is_seen_within_a_second(client, make_document):
    make_document("Pengelolaan Irigasi Desa")
    assert ranking_queries(client, q="irigasi") == 1
    cache.set(search.VERSION_KEY, "set-by-another-worker", None)  # what library_changed does elsewhere
    search._version["checked_until"] = 0.0  # the second this worker trusts its reading has passed
    assert ranking_queries(client, q="irigasi") == 1


def test_a_lost_version_is_replaced_and_nothing_kept_before_is_trusted(client, make_document):
    make_document("Pengelolaan Irigasi Desa")
    assert ranking_queries(client, q="irigasi") == 1
    cache.delete(search.VERSION_KEY)
    search._version["checked_until"] = 0.0
    assert ranking_queries(client, q="irigasi") == 1
    assert titles(client, q="irigasi") == ["Pengelolaan Irigasi Desa"]


def test_a_repeated_search_reuses_its_page_and_shows_each_new_download(
    client, make_document, django_capture_on_commit_callbacks
):
    document = make_document(
        "Pengelolaan Irigasi Desa", abstract="Saluran irigasi tersier di desa.", pdf_lines=["Pasal 1: irigasi."]
    )
    first = client.get(reverse("pustaka:index"), {"q": "irigasi"}).content.decode()
    assert "<mark>irigasi</mark>" in first and " unduhan<" not in first
    search._version["checked_until"] = float("inf")  # within the second this worker trusts its reading
    with CaptureQueriesContext(connection) as queries:
        again = client.get(reverse("pustaka:index"), {"q": "irigasi"}).content.decode()
    assert again == first
    assert len(queries) == 0, [q["sql"] for q in queries]  # no ranking, no documents, no snippets, no counts
    with django_capture_on_commit_callbacks(execute=True):  # as the download's request commits
        downloaded = Client(REMOTE_ADDR="203.0.113.7").get(reverse("pustaka:download", args=[document.files.get().pk]))
    assert downloaded.status_code == 200  # a download counted: the download counts' version changes
    with CaptureQueriesContext(connection) as queries:
        after = client.get(reverse("pustaka:index"), {"q": "irigasi"}).content.decode()
    assert "1 unduhan<" in after and "<mark>irigasi</mark>" in after
    assert len(queries) == 1, [q["sql"] for q in queries]  # only the download counts


def test_a_download_counted_in_another_worker_shows_within_a_second(client, make_document):
    document = make_document("Pengelolaan Irigasi Desa")
    assert " unduhan<" not in client.get(reverse("pustaka:index"), {"q": "irigasi"}).content.decode()
    Document.objects.filter(pk=document.pk).update(download_count=3)  # counted by another worker, which
    cache.set(search.DOWNLOADS_KEY, "set-by-another-worker", None)  # gave the counts a new version
    search._version["checked_until"] = 0.0  # the second this worker trusts its reading has passed
    assert "3 unduhan<" in client.get(reverse("pustaka:index"), {"q": "irigasi"}).content.decode()
