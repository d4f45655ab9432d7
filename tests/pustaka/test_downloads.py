"""A download counts once per visitor, file and day, in the file's and the document's counters and in the daily
tally the dashboard reads; repeating the download still downloads, it just does not count again."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from pustaka.models import DownloadTally, DownloadVisitor
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_file(make_document):
    return make_document("Perda Irigasi", pdf_lines=["Pasal 1: irigasi."]).files.get()


def visitor(address="203.0.113.7", browser="Mozilla/5.0 (Android 14) Chrome/130"):
    return Client(REMOTE_ADDR=address, HTTP_USER_AGENT=browser)


def download(client, document_file):
    response = client.get(reverse("pustaka:download", args=[document_file.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")  # the file itself, every time


def counts(document_file):
    document_file.refresh_from_db()
    document_file.document.refresh_from_db()
    tallies = {t.day: t.count for t in DownloadTally.objects.filter(document=document_file.document)}
    return document_file.download_count, document_file.document.download_count, tallies


def test_ten_downloads_by_one_visitor_count_once(library_file):
    client = visitor()
    for _ in range(10):
        download(client, library_file)
    assert counts(library_file) == (1, 1, {timezone.localdate(): 1})


def test_two_visitors_count_twice(library_file, citizen):
    for client in (visitor(), visitor(), client_for(citizen), client_for(citizen), visitor(browser="Firefox/131")):
        download(client, library_file)
    assert counts(library_file) == (3, 3, {timezone.localdate(): 3})


def test_a_signed_in_person_counts_once_from_any_address(library_file, citizen):
    for address in ("203.0.113.7", "198.51.100.2"):
        client = visitor(address)
        client.force_login(citizen)
        download(client, library_file)
    assert counts(library_file)[0] == 1


def test_the_next_day_counts_again(library_file, monkeypatch):
    today = timezone.localdate()
    client = visitor()
    download(client, library_file)
    tomorrow = today + datetime.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    download(client, library_file)
    download(client, library_file)
    assert counts(library_file) == (2, 2, {today: 1, tomorrow: 1})
    # what was kept to recognise yesterday's visitors is gone
    assert set(DownloadVisitor.objects.values_list("day", flat=True)) == {tomorrow}


def test_no_address_browser_or_account_is_stored(library_file, citizen):
    download(visitor(), library_file)
    download(client_for(citizen), library_file)
    stored = list(DownloadVisitor.objects.values_list("visitor", flat=True))
    assert len(stored) == 2
    for value in stored:
        assert len(value) == 64 and int(value, 16) >= 0  # a hash, nothing else
        assert "203.0.113.7" not in value and "Mozilla" not in value and str(citizen.pk) != value


@pytest.mark.django_db(transaction=True)
def test_parallel_downloads_by_one_visitor_count_once(library_file):
    """Several workers serving the same visitor at the same moment: the unique row lets exactly one count."""
    errors = []
    start = threading.Barrier(8)

    def fetch():
        try:
            start.wait()
            download(visitor(), library_file)
        except Exception as error:  # reported below, with the assertion
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert counts(library_file) == (1, 1, {timezone.localdate(): 1})
