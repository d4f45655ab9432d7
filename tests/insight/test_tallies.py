"""What the library records for the dashboard: downloads per day, and searches that found nothing — the words
only, with no trace of who searched."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pustaka.models import DownloadTally, UnfoundSearch
from tests.helpers import client_for


@pytest.fixture
def library(make_document):
    return make_document("Peraturan Daerah tentang Irigasi", pdf_lines=["Irigasi desa dan sawah."])


def search(client, **params):
    response = client.get(reverse("pustaka:index"), params)
    assert response.status_code == 200
    return response


def test_search_finding_nothing_is_counted_by_its_words(library, citizen):
    search(client_for(citizen), q="  Peta   RAWAN banjir ")
    search(client_for(None), q="peta rawan banjir")
    tally = UnfoundSearch.objects.get()
    assert (tally.term, tally.count, tally.day) == ("peta rawan banjir", 2, timezone.localdate())
    assert {f.name for f in UnfoundSearch._meta.get_fields()} == {"id", "term", "day", "count"}


def test_search_that_found_something_is_not_counted(library):
    search(client_for(None), q="irigasi")
    assert not UnfoundSearch.objects.exists()


def test_search_narrowed_by_filters_is_not_counted(library):
    # Nothing found because of a filter is not a gap in the library.
    search(client_for(None), q="tata ruang", tahun="1999")
    assert not UnfoundSearch.objects.exists()


@pytest.mark.parametrize("query", ["6472012345678901", "081234567890", "siti@contoh.id", "x"])
def test_personal_looking_or_tiny_searches_are_not_kept(library, query):
    search(client_for(None), q=query)
    assert not UnfoundSearch.objects.exists()


def test_long_search_is_cut_to_the_column(library):
    search(client_for(None), q="kata " * 60)
    assert len(UnfoundSearch.objects.get().term) == UnfoundSearch.TERM_MAX


def test_downloads_are_tallied_per_day_once_per_visitor(library):
    file_id = library.files.get().pk
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.2", "203.0.113.3"):
        response = Client(REMOTE_ADDR=address).get(reverse("pustaka:download", args=[file_id]))
        assert response.status_code == 200
    tally = DownloadTally.objects.get()
    assert (tally.document_id, tally.day, tally.count) == (library.pk, timezone.localdate(), 3)
    library.refresh_from_db()
    assert library.download_count == 3
