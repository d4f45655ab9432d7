"""The demo library looks like a regional JDIH: at least 30 documents of the kinds a Bappeda works with,
consistent metadata, a searchable PDF each, and searches such as "RPJPD 2025" find them."""

from collections import Counter

import pytest
from django.urls import reverse

from pustaka import demo
from pustaka.models import Document

pytestmark = pytest.mark.django_db
RPJPD_REGULATION = "Rencana Pembangunan Jangka Panjang Daerah (RPJPD) Tahun 2025–2045"


@pytest.fixture
def library(django_capture_on_commit_callbacks):
    # The PDFs' text is extracted by the task queue once the seeding commits (in-process in the tests).
    with django_capture_on_commit_callbacks(execute=True):
        demo.seed()
    return Document.objects.published()


def test_demo_library_holds_thirty_documents_of_every_kind_bappeda_uses(library):
    assert library.count() >= 30
    kinds = Counter(library.values_list("document_type__slug", flat=True))
    assert kinds["peraturan-daerah"] >= 5 and kinds["peraturan-bupati"] >= 3
    assert kinds["rpjpd"] >= 1 and kinds["rpjmd"] >= 1 and kinds["rkpd"] >= 1
    assert kinds["renstra-perangkat-daerah"] >= 4 and kinds["kajian"] >= 4 and kinds["rekomendasi-kebijakan"] >= 3
    assert library.filter(document_type__slug="peraturan-bupati", title__icontains="Musyawarah Perencanaan").exists()


def test_demo_documents_carry_consistent_jdih_metadata(library):
    for document in library.prefetch_related("subjects", "files"):
        assert document.author_body == "Pemerintah Kabupaten Kutai Kartanegara"
        assert document.date_enacted.year == document.year, document
        assert document.date_promulgated is None or document.date_promulgated >= document.date_enacted
        assert document.abstract and document.about and document.subjects.all()
        assert "fiktif" in document.source
        (pdf,) = document.files.all()
        assert pdf.extraction == pdf.Extraction.DONE and "fiktif" in pdf.extracted_text
        assert document.title.split()[0].upper().replace("–", "-") in pdf.extracted_text
        if document.status != Document.Status.IN_FORCE:
            newer = document.status_changed_by
            assert newer.is_published and newer.date_enacted > document.date_enacted, document
    assert set(library.values_list("status", flat=True)) == set(Document.Status.values)
    regulations = library.filter(document_type__slug__in=["peraturan-daerah", "peraturan-bupati"])
    assert all(number.isdigit() for number in regulations.values_list("number", flat=True))


def test_searching_rpjpd_2025_finds_the_rpjpd_regulation(client, library):
    response = client.get(reverse("pustaka:index"), {"q": "RPJPD 2025"})
    titles = [document.title for document in response.context["rows"]]
    # On the first page on both databases (PostgreSQL ranks it first; SQLite's bm25 puts shorter RPJPD titles
    # such as the drafting team's decree a little higher).
    assert RPJPD_REGULATION in titles[:5]
    assert "Rencana Pembangunan Jangka Menengah Daerah 2021–2026" not in titles


def test_seeding_the_library_again_changes_nothing(library):
    before = list(library.order_by("pk").values_list("pk", "status_changed_by", "download_count"))
    demo.seed()
    assert list(Document.objects.order_by("pk").values_list("pk", "status_changed_by", "download_count")) == before
