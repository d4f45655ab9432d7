import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.helpers import client_for
from wilayah.admin import RegionProfileForm
from wilayah.models import RegionProfile

pytestmark = pytest.mark.django_db


def test_header_and_footer_show_the_region_profile(client):
    RegionProfile.objects.create(
        name="Kabupaten Pekalongan",
        agency_name="Bappeda Kabupaten Pekalongan",
        contact_email="bappeda@contoh.go.id",
        contact_phones="0285-111, 0812-222",
        address="Kajen",
    )
    page = client.get(reverse("home")).content.decode()
    assert "Kabupaten Pekalongan" in page
    assert "Bappeda Kabupaten Pekalongan" in page
    assert 'href="mailto:bappeda@contoh.go.id"' in page
    assert 'href="tel:0285-111"' in page and 'href="tel:0812-222"' in page


def png_upload(width: int, height: int, name: str = "logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGBA", (width, height), (11, 93, 75, 255)).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def test_logo_upload_is_shrunk_and_reencoded():
    form = RegionProfileForm(
        data={"name": "Kabupaten X", "agency_name": "Bappeda X"}, files={"logo": png_upload(1200, 800)}
    )
    assert form.is_valid(), form.errors
    profile = form.save()
    with Image.open(profile.logo.open("rb")) as stored:  # on disk or in a bucket
        assert max(stored.size) == 240
        assert stored.format == "PNG"


def test_a_file_that_is_not_an_image_is_refused_as_logo():
    fake = SimpleUploadedFile("logo.png", b"MZ\x90\x00 not really a png", content_type="image/png")
    form = RegionProfileForm(data={"name": "Kabupaten X", "agency_name": "Bappeda X"}, files={"logo": fake})
    assert not form.is_valid()
    assert "logo" in form.errors


def test_staff_edit_the_single_region_profile_in_admin(staff):
    staff.is_superuser = True
    staff.save()
    client = client_for(staff)
    assert client.get(reverse("admin:wilayah_regionprofile_add")).status_code == 200
    RegionProfile.objects.create(name="Kabupaten X", agency_name="Bappeda X")
    assert client.get(reverse("admin:wilayah_regionprofile_add")).status_code == 403
    profile = RegionProfile.objects.get()
    assert client.get(reverse("admin:wilayah_regionprofile_change", args=[profile.pk])).status_code == 200
