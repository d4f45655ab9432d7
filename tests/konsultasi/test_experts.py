import io
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from accounts.models import User
from konsultasi import services
from konsultasi.models import Expert, Field
from tests.helpers import client_for, make_expert, page_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def experts(db):
    water = Field.objects.create(name="Air dan Sanitasi", slug="air-dan-sanitasi")
    farming = Field.objects.create(name="Pertanian dan Pangan", slug="pertanian-dan-pangan")
    rahma = make_expert("rahma", "Dr. Rahmawati, M.Si.").expert_profile
    rahma.fields.set([water])
    hendra = make_expert("hendra", "Prof. Hendra Kusuma").expert_profile
    hendra.institution = "Universitas Kutai Kartanegara"
    hendra.save()
    hendra.fields.set([farming])
    return rahma, hendra


def test_list_shows_cards_with_name_institution_fields_and_button(client, experts):
    page = client.get(reverse("konsultasi:index")).content.decode()
    assert "Dr. Rahmawati, M.Si." in page and "Universitas Kutai Kartanegara" in page
    assert "Air dan Sanitasi" in page
    assert len(re.findall(r'class="button" href="/konsultasi/pakar/\d+/konsultasi/">Konsultasi</a>', page)) == 2


def listed_experts(client, query=None) -> set[str]:
    """The experts whose card (a link to their profile) is on the list page."""
    page = client.get(reverse("konsultasi:index"), query or {}).content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/konsultasi/pakar/(\d+)/"', page)}
    return set(Expert.objects.filter(pk__in=linked).values_list("full_name", flat=True))


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ({"bidang": "air-dan-sanitasi"}, "Dr. Rahmawati, M.Si."),
        ({"lembaga": "Universitas Kutai Kartanegara"}, "Prof. Hendra Kusuma"),
        ({"q": "hendra kus"}, "Prof. Hendra Kusuma"),
    ],
)
def test_filters_by_field_institution_and_name(client, experts, query, shown):
    assert listed_experts(client) == {"Dr. Rahmawati, M.Si.", "Prof. Hendra Kusuma"}  # both, unfiltered
    assert listed_experts(client, query) == {shown}
    assert "1 pakar" in client.get(reverse("konsultasi:index"), query).content.decode()


def test_unknown_filter_values_are_an_empty_result_not_an_error(client, experts):
    response = client.get(reverse("konsultasi:index"), {"bidang": "<script>", "lembaga": "x", "halaman": "zz"})
    assert response.status_code == 200
    assert "<script>" not in page_of(response)


def test_expert_page_has_the_konsultasi_button(client, experts):
    rahma, _hendra = experts
    page = client.get(reverse("konsultasi:expert", args=[rahma.pk])).content.decode()
    assert "Dr. Rahmawati, M.Si." in page and reverse("konsultasi:create", args=[rahma.pk]) in page


def admin_client(staff):
    staff.is_superuser = True
    staff.save()
    return client_for(staff)


def test_staff_turn_an_existing_account_into_an_expert(staff, citizen):
    client = admin_client(staff)
    client.post(
        reverse("admin:konsultasi_expert_add"),
        {"user": citizen.pk, "full_name": "Siti Aminah, S.T.", "institution": "Politeknik Samarinda"},
    )
    assert Expert.objects.get(user=citizen).institution == "Politeknik Samarinda"


def test_staff_invite_an_expert_who_sets_their_own_password(staff, client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client(staff).post(
            reverse("admin:konsultasi_expert_add"),
            {
                "invite_email": "dosen@unmul.ac.id",
                "full_name": "Dr. Dosen Baru",
                "institution": "Universitas Mulawarman",
            },
        )
    user = User.objects.get(email="dosen@unmul.ac.id")
    assert user.is_expert and not user.has_usable_password()
    link = re.search(r"https?://[^/\s]+(/akun/password/reset/key/\S+/)", mail.outbox[-1].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    client.post(form_url, {"password1": "Mahakam-Hulu-2045", "password2": "Mahakam-Hulu-2045"})
    signed_in = client.post(
        reverse("account_login"), {"login": user.username, "password": "Mahakam-Hulu-2045"}, follow=True
    )
    assert signed_in.context["user"] == user


def test_add_expert_needs_exactly_one_of_account_or_email(staff, citizen):
    response = admin_client(staff).post(
        reverse("admin:konsultasi_expert_add"), {"full_name": "Tanpa akun", "institution": "X"}
    )
    assert "Pilih satu akun yang sudah ada" in response.content.decode()
    assert not Expert.objects.filter(full_name="Tanpa akun").exists()


def test_expert_photo_is_shrunk_to_600px_and_stripped(staff, citizen):
    buffer = io.BytesIO()
    Image.new("RGB", (2000, 1500), (1, 2, 3)).save(buffer, format="JPEG", exif=Image.Exif())
    admin_client(staff).post(
        reverse("admin:konsultasi_expert_add"),
        {
            "user": citizen.pk,
            "full_name": "Siti, S.T.",
            "institution": "X",
            "photo": SimpleUploadedFile("foto.jpg", buffer.getvalue(), "image/jpeg"),
        },
    )
    with Image.open(Expert.objects.get(user=citizen).photo.open("rb")) as stored:  # on disk or in a bucket
        assert max(stored.size) == 600 and not stored.getexif()


def test_admin_expert_list_shows_counts_and_median_first_answer(staff, citizen, experts):
    rahma, _hendra = experts
    for hours in (2, 6):
        consultation = services.consultation_open(citizen=citizen, expert=rahma, subject="S", body="B")
        consultation.created_at = consultation.created_at.replace(microsecond=0)
        consultation.save()
        message = services.message_post(consultation=consultation, author=rahma.user, body="Jawab")
        consultation.first_answer_at = consultation.created_at + timedelta(hours=hours)
        consultation.save()
        assert message.pk
    services.consultation_open(citizen=citizen, expert=rahma, subject="Menunggu", body="B")
    rated = services.consultation_open(citizen=citizen, expert=rahma, subject="Dinilai", body="B")
    services.consultation_close(consultation=rated, closer=citizen, rating=4)
    page = admin_client(staff).get(reverse("admin:konsultasi_expert_changelist")).content.decode()
    assert "4,0 jam" in page or "4.0 jam" in page
    assert re.search(r'field-waiting">1<', page) and re.search(r'field-answered">2<', page)
    assert re.search(r'field-closed">1<', page) and "4.0 / 5" in page


@pytest.mark.parametrize(
    ("name", "initial"), [("Prof. Dr. Hendra Kusuma, S.P.", "H"), ("Andi Pratama, S.T.", "A"), ("Dr.", "D")]
)
def test_initials_skip_academic_titles(name, initial):
    assert Expert(full_name=name).initial == initial


def test_staff_open_an_existing_expert_in_the_admin(staff, experts):
    rahma, _hendra = experts
    response = admin_client(staff).get(reverse("admin:konsultasi_expert_change", args=[rahma.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Dr. Rahmawati, M.Si." in page and 'name="invite_email"' not in page


def test_a_name_ending_in_a_title_with_a_full_stop_never_gets_a_second_one(experts, citizen):
    rahma, _hendra = experts
    client = client_for(citizen)
    pages = [
        client.get(reverse("konsultasi:index")),
        client.get(rahma.get_absolute_url()),
        client.get(reverse("konsultasi:create", args=[rahma.pk])),
        client.post(reverse("konsultasi:create", args=[rahma.pk]), {"subject": "Air", "body": "Keruh"}, follow=True),
        client.get(reverse("konsultasi:mine")),
        client_for(rahma.user).get(reverse("home")),
    ]
    for response in pages:
        page = response.content.decode()
        assert response.status_code == 200
        assert "Dr. Rahmawati, M.Si." in page and "M.Si.." not in page, response.request["PATH_INFO"]
