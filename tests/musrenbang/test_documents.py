"""Supporting documents on an usulan, and a decision's berita acara linked from the library (Pustaka) instead
of uploaded again."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from musrenbang.models import Usulan, UsulanDocument
from tests.helpers import client_for
from tests.konsultasi import files
from tests.konsultasi.files import MINIMAL_PDF
from tests.musrenbang.conftest import last_change
from tests.musrenbang.test_pages import form_with

pytestmark = pytest.mark.django_db


def pdf(name):
    return SimpleUploadedFile(name, MINIMAL_PDF, content_type="application/pdf")


def test_citizen_attaches_documents_shown_by_title_under_random_names(resident, fields, cycle, client):
    documents = [pdf("Proposal_jalan RT-03 (Pak Darman).pdf"), pdf("rincian biaya.pdf")]
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields, documents=documents))
    usulan = Usulan.objects.get()
    assert response.status_code == 302
    stored = list(usulan.documents.all())
    assert [document.title for document in stored] == ["Proposal jalan RT-03 (Pak Darman)", "rincian biaya"]
    assert all(d.file.name.startswith("musrenbang/dokumen/") and "Darman" not in d.file.name for d in stored)
    page = client.get(usulan.get_absolute_url()).content.decode()
    assert "Dokumen pendukung" in page and "Proposal jalan RT-03 (Pak Darman)" in page
    assert stored[0].file.url in page and f"(PDF, {len(MINIMAL_PDF)}" in page


def test_a_picture_named_pdf_is_refused_and_the_form_kept(resident, fields, cycle):
    disguised = SimpleUploadedFile("proposal.pdf", files.png().read(), content_type="application/pdf")
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields, documents=[disguised]))
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dokumen pendukung hanya dapat berupa PDF. Isi berkas “proposal.pdf” bukan PDF." in page
    assert "Jembatan ulin penyeberangan" in page  # what was typed stays
    assert "Pilih dokumen pendukungnya lagi" in page
    assert not Usulan.objects.exists() and not UsulanDocument.objects.exists()


def test_at_most_three_documents_and_no_broken_pdf(resident, fields, cycle):
    client = client_for(resident)
    four = [pdf(f"lampiran {n}.pdf") for n in range(4)]
    assert (
        "Paling banyak 3 dokumen."
        in client.post(reverse("musrenbang:create"), form_with(fields, documents=four)).content.decode()
    )
    cut = SimpleUploadedFile("terpotong.pdf", MINIMAL_PDF[:-7], content_type="application/pdf")
    page = client.post(reverse("musrenbang:create"), form_with(fields, documents=[cut])).content.decode()
    assert "Berkas PDF ini rusak atau tidak lengkap." in page
    assert not Usulan.objects.exists()


def test_operator_records_an_usulan_with_its_documents(deciders, fields, cycle, region):
    form = {
        **form_with(fields),
        "cycle": cycle.pk,
        "origin": "musyawarah_rt_rw",
        "desa": region.maluhu.pk,
        "proposer_name": "Ketua RT 05",
        "documents": [pdf("Notulen musdus.pdf")],
    }
    response = client_for(deciders.desa).post(reverse("musrenbang:record"), form)
    assert response.status_code == 302
    assert Usulan.objects.get().documents.get().title == "Notulen musdus"


def decide_form(usulan, **extra):
    return {"decision": "diteruskan", "seen_change": last_change(usulan), **extra}


def test_berita_acara_linked_from_the_library_shows_on_the_public_timeline(
    make_usulan, deciders, make_document, client
):
    minutes = make_document("Berita Acara Musrenbang Desa Maluhu 2026", kind="perbup")
    usulan = make_usulan()
    address = f"https://ruangrunding.example/pustaka/{minutes.pk}/berita-acara/"
    response = client_for(deciders.desa).post(
        reverse("musrenbang:decide", args=[usulan.code]), decide_form(usulan, minutes_document=address)
    )
    assert response.status_code == 302
    change = usulan.status_changes.get(decision="diteruskan")
    assert change.minutes_document == minutes and not change.minutes
    page = client.get(usulan.get_absolute_url()).content.decode()
    assert f'href="{minutes.get_absolute_url()}"' in page
    assert "Berita acara di Pustaka: Berita Acara Musrenbang Desa Maluhu 2026" in page


@pytest.mark.parametrize("pasted", ["bukan alamat", "/pustaka/999999/tidak-ada/", "UNPUBLISHED"])
def test_a_library_link_that_is_not_a_published_document_is_refused(pasted, make_usulan, deciders, make_document):
    draft = make_document("Draf berita acara", published=False)
    usulan = make_usulan()
    value = f"/pustaka/{draft.pk}/draf/" if pasted == "UNPUBLISHED" else pasted
    response = client_for(deciders.desa).post(
        reverse("musrenbang:decide", args=[usulan.code]), decide_form(usulan, minutes_document=value, reason="Sepakat")
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Dokumen Pustaka tidak ditemukan." in page and "Sepakat" in page
    assert usulan.status_changes.count() == 1


def test_upload_and_library_link_together_are_refused(make_usulan, deciders, make_document):
    minutes = make_document("Berita Acara Musrenbang Desa Maluhu 2026")
    usulan = make_usulan()
    form = decide_form(usulan, minutes_document=f"/pustaka/{minutes.pk}/x/", minutes=pdf("ba.pdf"))
    response = client_for(deciders.desa).post(reverse("musrenbang:decide", args=[usulan.code]), form)
    assert response.status_code == 400
    assert "Pilih salah satu: unggah berita acara, atau tautkan yang sudah ada di Pustaka" in response.content.decode()
    assert usulan.status_changes.count() == 1


def test_a_linked_document_withdrawn_from_the_library_disappears_from_the_timeline(
    make_usulan, deciders, make_document, client
):
    minutes = make_document("Berita Acara Musrenbang Desa Maluhu 2026")
    usulan = make_usulan()
    client_for(deciders.desa).post(
        reverse("musrenbang:decide", args=[usulan.code]), decide_form(usulan, minutes_document=str(minutes.pk))
    )
    assert "Berita acara di Pustaka" in client.get(usulan.get_absolute_url()).content.decode()
    minutes.is_published = False
    minutes.save(update_fields=["is_published"])
    assert "Berita acara di Pustaka" not in client.get(usulan.get_absolute_url()).content.decode()
