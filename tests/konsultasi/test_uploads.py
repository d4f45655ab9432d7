import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from konsultasi.uploads import check_attachment
from tests.konsultasi import files


def test_a_real_pdf_is_accepted_with_a_safe_name():
    checked = check_attachment(files.pdf("Surat ke Bappeda (final).pdf"))
    assert checked.content_type == "application/pdf"
    assert checked.display_name == "Surat_ke_Bappeda_final.pdf"
    assert checked.content.name.endswith(".pdf") and "Surat" not in checked.content.name


def test_photos_lose_their_gps_and_other_metadata():
    upload = files.jpeg_with_gps()
    with Image.open(upload) as original:
        assert 0x8825 in original.getexif()  # the phone's GPS block is there to be lost
    upload.seek(0)
    checked = check_attachment(upload)
    with Image.open(io.BytesIO(checked.content.read())) as stored:
        assert stored.format == "JPEG"
        assert not stored.getexif()


def test_a_photo_taken_upright_stays_upright_without_its_orientation_tag():
    # Phones store a portrait photo as a landscape picture plus a tag saying "turn it a quarter"; re-encoding
    # drops the tag, so the pixels must be turned first or the expert sees the photo lying on its side.
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (200, 30, 30)).save(buffer, format="JPEG", exif=exif)
    upload = SimpleUploadedFile("tegak.jpg", buffer.getvalue(), content_type="image/jpeg")
    checked = check_attachment(upload)
    with Image.open(io.BytesIO(checked.content.read())) as stored:
        assert stored.size == (20, 40)
        assert not stored.getexif()


def test_a_png_stays_a_png():
    assert check_attachment(files.png()).content_type == "image/png"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (files.executable_as_pdf, "bukan salah satunya"),
        (files.html_as_pdf, "bukan salah satunya"),
        (files.fake_png, "rusak atau bukan gambar"),
        (files.decompression_bomb, "terlalu besar ukurannya"),
        (files.photo_36_megapixels, r"36\.0 megapiksel; paling besar 24 megapiksel"),
        (files.too_large, r"Berkas terlalu besar \(6.0 MB\)\. Paling besar 5 MB"),
        (files.empty, "Berkas kosong"),
    ],
)
def test_disguised_broken_or_oversized_files_are_refused(make, message):
    with pytest.raises(ValidationError, match=message):
        check_attachment(make())


def test_a_camera_photo_of_24_megapixels_is_still_accepted():
    checked = check_attachment(files.png("kamera.png", size=(6000, 4000)))
    with Image.open(io.BytesIO(checked.content.read())) as stored:
        assert stored.size == (6000, 4000)
