import csv
import io
import json
import re

import pytest
from django.urls import reverse

from pustaka.models import Document, DocumentFile
from pustaka.tasks import extract_pdf_text
from tests.helpers import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def regulation(make_document):
    return make_document(
        "Pengelolaan Irigasi Desa",
        about="Pembagian air dan pemeliharaan saluran.",
        abstract="Mengatur irigasi desa.",
        subjects=["Irigasi"],
        pdf_lines=["Pasal 1: irigasi desa."],
    )


def test_unpublished_documents_are_404_to_the_public_and_previewed_by_staff(client, make_document, citizen, staff):
    make_document("Perda Sampah Terbit")
    draft = make_document("Rancangan Perda Sampah", published=False, pdf_lines=["draf"])
    file = draft.files.get()
    for user in (None, citizen):
        viewer = client_for(user)
        assert viewer.get(draft.get_absolute_url()).status_code == 404
        assert viewer.get(reverse("pustaka:download", args=[file.pk])).status_code == 404
        assert viewer.get(reverse("pustaka:view", args=[file.pk])).status_code == 404
        for query in ({}, {"q": "sampah"}, {"q": "rancangan"}):
            listed = viewer.get(reverse("pustaka:index"), query).content.decode()
            assert "Rancangan Perda Sampah" not in listed
            assert ("Perda Sampah Terbit" in listed) == (query != {"q": "rancangan"})
    assert client_for(staff).get(draft.get_absolute_url()).status_code == 200


def test_document_page_shows_metadata_files_and_citation(client, regulation):
    page = client.get(regulation.get_absolute_url()).content.decode()
    assert "Peraturan Daerah Nomor 7 Tahun 2023" in page
    assert "Pembagian air dan pemeliharaan saluran." in page and "Irigasi" in page
    assert ">Unduh</a>" in page and ">Lihat</a>" in page and "(PDF," in page


def test_an_old_or_missing_slug_redirects_to_the_right_address(client, regulation):
    response = client.get(reverse("pustaka:document_short", args=[regulation.pk]))
    assert response.status_code == 301 and response["Location"] == regulation.get_absolute_url()


def test_download_is_counted_once_and_named_safely(client, regulation):
    file = regulation.files.get()
    response = client.get(reverse("pustaka:download", args=[file.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="pengelolaan-irigasi-desa.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("pustaka:download", args=[file.pk])).status_code == 200
    regulation.refresh_from_db()
    file.refresh_from_db()
    assert (regulation.download_count, file.download_count) == (1, 1)  # the same visitor, the same day


def test_lihat_opens_a_pdf_in_the_browser(client, regulation):
    response = client.get(reverse("pustaka:view", args=[regulation.files.get().pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    # the browser's PDF viewer cannot run under the site-wide policy; the document page itself keeps it
    assert "Content-Security-Policy" not in response
    assert "Content-Security-Policy" in client.get(regulation.get_absolute_url())


def test_status_links_to_the_document_that_revoked_it(client, make_document):
    old = make_document("Perda Lama")
    new = make_document("Perda Baru")
    old.status, old.status_changed_by = Document.Status.REVOKED, new
    old.save()
    assert new.get_absolute_url() in client.get(old.get_absolute_url()).content.decode()
    assert old.get_absolute_url() in client.get(new.get_absolute_url()).content.decode()


def test_related_documents_share_a_subject(client, make_document, regulation):
    make_document("Perbup Jaringan Irigasi", kind="perbup", subjects=["Irigasi"])
    make_document("Perda Pajak Hotel", subjects=["Pajak"])
    page = client.get(regulation.get_absolute_url()).content.decode()
    assert "Perbup Jaringan Irigasi" in page and "Perda Pajak Hotel" not in page


def test_bahan_bacaan_links_topic_and_library_both_ways(client, topic, regulation):
    topic.reading_materials.add(regulation)
    topic_page = client.get(topic.get_absolute_url()).content.decode()
    assert "Bahan bacaan" in topic_page and regulation.get_absolute_url() in topic_page
    document_page = client.get(regulation.get_absolute_url()).content.decode()
    assert "Dibahas di RPJPD" in document_page and topic.get_absolute_url() in document_page


def test_unpublished_reading_material_is_not_listed_on_the_topic(client, topic, make_document):
    topic.reading_materials.add(make_document("Draf Rahasia", published=False), make_document("Perda Terbit"))
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Draf Rahasia" not in page and "Perda Terbit" in page


def test_atom_feed_lists_new_published_documents(client, make_document, regulation):
    make_document("Belum Terbit", published=False)
    feed = client.get(reverse("pustaka:feed")).content.decode()
    assert feed.startswith("<?xml") and "http://www.w3.org/2005/Atom" in feed
    assert "Pengelolaan Irigasi Desa" in feed and "Belum Terbit" not in feed


def test_open_data_json_and_csv(client, make_document, regulation):
    make_document("Belum Terbit", published=False)
    data = json.loads(b"".join(client.get(reverse("pustaka:data_json")).streaming_content))
    assert [row["judul"] for row in data["dokumen"]] == ["Pengelolaan Irigasi Desa"]
    assert data["dokumen"][0]["jenis"] == "Peraturan Daerah" and data["dokumen"][0]["subjek"] == "Irigasi"
    raw = b"".join(client.get(reverse("pustaka:data_csv")).streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(raw)))
    assert [row["judul"] for row in rows] == ["Pengelolaan Irigasi Desa"]
    assert rows[0]["tautan"].endswith(regulation.get_absolute_url())


FORMULAS = ['=HYPERLINK("http://x","klik")', "+62 541 1234", "-1+1", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("formula", FORMULAS)
def test_open_data_csv_never_carries_a_formula(client, make_document, formula):
    document = make_document(formula, about=formula, abstract=formula, subjects=[formula[:40]])
    document.source = formula
    document.save()
    raw = b"".join(client.get(reverse("pustaka:data_csv")).streaming_content).decode("utf-8-sig")
    (row,) = csv.DictReader(io.StringIO(raw, newline=""))
    for column in ("judul", "tentang", "abstrak", "sumber"):
        assert row[column] == "'" + formula
    assert row["subjek"] == "'" + formula[:40]


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ({"q": "irigasi " * 60}, "Kata kunci terlalu panjang"),
        ({"q": "'; DROP TABLE pustaka_document; --"}, None),
        ({"q": "\x00\x1b<script>alert(1)</script> & | ! :* ((("}, None),
        ({"q": "%s %d {0} ${x}"}, None),
        ({"q": 'irigasi" OR title:* NEAR(a b) AND ^desa -'}, None),
        ({"q": '- or OR "" -irigasi'}, None),
        ({"kategori": "tidak-ada", "jenis": "<b>", "tahun": "abad-21", "status": "hilang"}, "tidak dikenali"),
        ({"halaman": "9999"}, "Halaman 9999 tidak ada"),
        ({"halaman": "-1", "urut": "acak"}, None),
        ({"halaman": "9" * 5000}, "ini halaman terakhir"),  # more digits than int() reads
    ],
)
def test_bad_queries_and_filters_give_a_normal_page(client, regulation, query, notice):
    response = client.get(reverse("pustaka:index"), query)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in page
    if notice:
        assert notice in page
    assert Document.objects.filter(pk=regulation.pk).exists()


def test_result_count_and_pagination_keep_the_query(client, make_document):
    for number in range(25):
        make_document(f"Irigasi {number:02d}")
    page = client.get(reverse("pustaka:index"), {"q": "irigasi", "urut": "judul"}).content.decode()
    assert "25 dokumen" in page
    next_link = re.search(r'href="\?([^"]*halaman=2)"', page)[1].replace("&amp;", "&")
    assert "q=irigasi" in next_link and "urut=judul" in next_link
    second = client.get(reverse("pustaka:index") + "?" + next_link)
    assert [d.title for d in second.context["rows"]] == [
        "Irigasi 20",
        "Irigasi 21",
        "Irigasi 22",
        "Irigasi 23",
        "Irigasi 24",
    ]


def test_file_extraction_failure_is_recorded(make_document):
    document = make_document("PDF Rusak")
    bad = DocumentFile.objects.create(
        document=document, display_name="rusak.pdf", kind="pdf", content_type="application/pdf", size=10
    )
    bad.file.save("rusak.pdf", io.BytesIO(b"%PDF-1.4 bukan pdf"), save=True)
    extract_pdf_text.call(bad.pk)
    bad.refresh_from_db()
    assert bad.extraction == DocumentFile.Extraction.FAILED and bad.extraction_error


def test_a_topic_s_reading_materials_kept_per_worker_follow_every_change(client, topic, make_document, settings):
    settings.VISITOR_PAGE_CACHE_SECONDS = 0  # every request renders: what is kept is the reading list alone
    first, second = make_document("Perda Irigasi"), make_document("Perda Banjir")
    topic.reading_materials.add(first)
    assert "Perda Irigasi" in client.get(topic.get_absolute_url()).content.decode()  # now kept
    topic.reading_materials.add(second)  # only the list changed: a new library version all the same
    assert "Perda Banjir" in client.get(topic.get_absolute_url()).content.decode()
    topic.reading_materials.remove(first)
    second.title = "Perda Banjir Bandang"
    second.save()
    page = client.get(topic.get_absolute_url()).content.decode()
    assert "Perda Irigasi" not in page and "Perda Banjir Bandang" in page
