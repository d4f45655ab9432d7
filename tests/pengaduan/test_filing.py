"""Filing: signed in, without an account (confirmed by e-mail), recorded by staff; the spam trap, the rate
limit, and bad input refused in Indonesian with the text kept."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pengaduan.models import Complaint
from tests.helpers import client_for
from tests.konsultasi import files
from wilayah.models import Desa

pytestmark = pytest.mark.django_db


def form_data(category, kecamatan, **extra):
    return {
        "kind": "pengaduan",
        "category": category.pk,
        "title": "Lampu jalan padam",
        "description": "Lampu jalan di Jl. Mangkurawang padam sejak sepekan.",
        "kecamatan": kecamatan.pk,
        "desa": "",
        "privacy": "biasa",
        **extra,
    }


def test_a_signed_in_citizen_files_and_lands_on_the_status_page(category, kecamatan, citizen):
    response = client_for(citizen).post(reverse("pengaduan:create"), form_data(category, kecamatan), follow=True)
    complaint = Complaint.objects.get()
    assert response.redirect_chain[-1][0] == complaint.tracking_url()
    assert complaint.status == Complaint.Status.RECEIVED and complaint.reporter == citizen
    assert complaint.agency == category.agency and complaint.channel == "web"
    assert "Respon awal paling lambat" in response.content.decode()
    seen_by_link_holder = client_for(None).get(complaint.tracking_url()).content.decode()
    assert "siti@contoh.id" not in seen_by_link_holder and "Siti" not in seen_by_link_holder


def test_the_form_starts_with_the_citizens_own_kecamatan(category, kecamatan, citizen):
    page = client_for(citizen).get(reverse("pengaduan:create")).content.decode()
    assert re.search(rf'<option value="{kecamatan.pk}" selected>', page)


def test_without_an_account_the_complaint_waits_for_the_confirmed_address(
    category, kecamatan, client, django_capture_on_commit_callbacks
):
    data = form_data(category, kecamatan, reporter_name="Rahmat", reporter_email="rahmat@contoh.id")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pengaduan:create"), data)
    assert "Periksa e-mail Anda" in response.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.status == Complaint.Status.UNCONFIRMED and complaint.initial_due is None
    assert not Complaint.objects.in_handling().exists()
    link = re.search(r"https?://\S+/pengaduan/konfirmasi/\S+", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a button, not a confirmation by opening
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/" + path, follow=True)
    complaint.refresh_from_db()
    assert complaint.status == Complaint.Status.RECEIVED and complaint.initial_due is not None
    assert response.redirect_chain[-1][0] == complaint.tracking_url()
    assert complaint.tracking_url() in mail.outbox[-1].body


def test_the_spam_trap_keeps_nothing(category, kecamatan, client):
    data = form_data(category, kecamatan, reporter_name="Bot", reporter_email="bot@contoh.id", website="http://spam")
    response = client.post(reverse("pengaduan:create"), data)
    assert response.status_code == 200
    assert not Complaint.objects.exists() and not mail.outbox


def test_the_spam_trap_is_hidden_from_people(client, category):
    page = client.get(reverse("pengaduan:create")).content.decode()
    assert re.search(r'<div class="visually-hidden" aria-hidden="true"><label for="id_website">', page)


def test_filing_without_an_account_is_rate_limited_per_address(category, kecamatan, client, settings):
    settings.PENGADUAN_GUEST_PER_HOUR = 2
    data = form_data(category, kecamatan, reporter_name="Rahmat", reporter_email="rahmat@contoh.id")
    for _ in range(2):
        assert client.post(reverse("pengaduan:create"), data).status_code == 200
    response = client.post(reverse("pengaduan:create"), data)
    assert response.status_code == 429
    assert "Terlalu banyak pengaduan dari alamat ini" in response.content.decode()
    assert "Lampu jalan padam" in response.content.decode()
    assert Complaint.objects.count() == 2


def test_bad_input_is_refused_on_the_page_with_the_text_kept(category, kecamatan, citizen):
    other_desa = Desa.objects.get(name="Kampung Lama")  # in Samboja, not Tenggarong
    data = form_data(category, kecamatan, desa=other_desa.pk, latitude="-0.4")
    response = client_for(citizen).post(reverse("pengaduan:create"), data)
    page = response.content.decode()
    assert response.status_code == 400
    assert "tidak berada di Kecamatan Tenggarong" in page
    assert "Isi lintang dan bujur keduanya" in page
    assert "Lampu jalan di Jl. Mangkurawang padam sejak sepekan." in page
    assert not Complaint.objects.exists()


def test_an_attachment_that_is_not_a_picture_or_pdf_is_refused(category, kecamatan, citizen):
    data = form_data(category, kecamatan, attachments=SimpleUploadedFile("foto.jpg", b"MZ\x90\x00 not a picture"))
    response = client_for(citizen).post(reverse("pengaduan:create"), data)
    assert response.status_code == 400
    assert "Hanya berkas PDF, JPG atau PNG" in response.content.decode()


def test_photos_are_kept_privately(category, kecamatan, citizen):
    data = form_data(category, kecamatan, attachments=[files.png(), files.png()])
    client_for(citizen).post(reverse("pengaduan:create"), data)
    assert Complaint.objects.get().attachments.count() == 2


def test_staff_record_a_phone_complaint_with_its_channel(category, kecamatan, handler):
    data = form_data(
        category, kecamatan, channel="telepon", reporter_name="Pak Darto", reporter_phone="0812", reporter_email=""
    )
    response = client_for(handler).post(reverse("pengaduan:record"), data)
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response.url == complaint.manage_url()
    assert complaint.channel == "telepon" and complaint.recorded_by == handler
    assert complaint.status == Complaint.Status.RECEIVED and complaint.initial_due is not None
