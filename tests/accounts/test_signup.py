import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from tests.helpers import PASSWORD, make_user
from wilayah.models import Desa

pytestmark = pytest.mark.django_db
SIGNUP = reverse("account_signup")


def signup_data(kecamatan, **overrides):
    data = {
        "username": "ahmad",
        "email": "ahmad@contoh.id",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "display_name": "Ahmad Fauzi",
        "kecamatan": str(kecamatan.pk),
        "desa": str(Desa.objects.get(name="Maluhu").pk),
        "gender": "laki_laki",
        "age_group": "18_29",
        "disability": "tidak",
    }
    data.update(overrides)
    return data


def test_signup_page_has_the_form_in_indonesian(client, kecamatan):
    page = client.get(SIGNUP).content.decode()
    assert "<h1>Daftar</h1>" in page
    for label in ["Nama pengguna", "Kata sandi (ulangi)", "Nama tampilan", "Kecamatan", "Jenis kelamin"]:
        assert label in page
    assert "Tidak ingin menjawab" in page
    assert "hanya dipakai untuk rekap jumlah" in page


def test_citizen_signs_up_with_profile_and_is_signed_in(client, kecamatan):
    response = client.post(SIGNUP, signup_data(kecamatan), follow=True)
    user = User.objects.get(username="ahmad")
    assert (user.display_name, user.kecamatan, user.desa.name) == ("Ahmad Fauzi", kecamatan, "Maluhu")
    assert (user.gender, user.age_group, user.disability) == ("laki_laki", "18_29", "tidak")
    assert response.context["user"] == user
    assert 'data-testid="user-name">Ahmad Fauzi<' in response.content.decode()
    assert EmailAddress.objects.filter(user=user, email="ahmad@contoh.id", primary=True).exists()


def test_demographics_may_be_left_unanswered(client, kecamatan):
    client.post(SIGNUP, signup_data(kecamatan, gender="", age_group="", disability="", desa=""))
    user = User.objects.get(username="ahmad")
    assert (user.gender, user.age_group, user.disability, user.desa) == ("", "", "", None)


def assert_error_kept_input(response, message, kept_values):
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page, page
    for value in kept_values:
        assert f'value="{value}"' in page
    assert not User.objects.filter(display_name="Ahmad Fauzi").exists()


def test_taken_username_is_refused_with_typed_input_kept(client, kecamatan):
    make_user("ahmad", display_name="Ahmad Lain")
    response = client.post(SIGNUP, signup_data(kecamatan, email="baru@contoh.id"))
    assert_error_kept_input(response, "Nama pengguna ini sudah dipakai", ["ahmad", "baru@contoh.id", "Ahmad Fauzi"])


def test_taken_username_differing_only_in_case_is_refused(client, kecamatan):
    make_user("ahmad", display_name="Ahmad Lain")
    response = client.post(SIGNUP, signup_data(kecamatan, username="AHMAD", email="baru@contoh.id"))
    assert_error_kept_input(response, "Nama pengguna ini sudah dipakai", ["AHMAD"])


def test_taken_email_is_refused_with_typed_input_kept(client, kecamatan):
    make_user("lain", display_name="Orang Lain", email="ahmad@contoh.id")
    response = client.post(SIGNUP, signup_data(kecamatan, email="Ahmad@Contoh.id"))
    assert_error_kept_input(response, "Alamat e-mail ini sudah terdaftar", ["ahmad", "Ahmad Fauzi"])


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("pendek1", "Kata sandi terlalu pendek"),
        ("password123", "Kata sandi ini terlalu umum"),
        ("8841902733", "Kata sandi ini seluruhnya terdiri dari angka"),
    ],
)
def test_weak_password_is_refused_in_indonesian(client, kecamatan, password, message):
    response = client.post(SIGNUP, signup_data(kecamatan, password1=password, password2=password))
    assert_error_kept_input(response, message, ["ahmad", "ahmad@contoh.id", "Ahmad Fauzi"])


def test_mismatched_passwords_are_refused(client, kecamatan):
    response = client.post(SIGNUP, signup_data(kecamatan, password2=PASSWORD + "x"))
    assert_error_kept_input(response, "Anda harus mengetikkan kata sandi yang sama", ["ahmad", "Ahmad Fauzi"])


@pytest.mark.parametrize("email", ["ahmad.contoh.id", "ahmad@", "@contoh.id", "ahmad@contoh..id"])
def test_bad_email_is_refused(client, kecamatan, email):
    response = client.post(SIGNUP, signup_data(kecamatan, email=email))
    assert_error_kept_input(response, "Masukkan alamat email yang valid", ["ahmad", "Ahmad Fauzi"])


def test_desa_outside_the_chosen_kecamatan_is_refused(client, kecamatan):
    other_desa = Desa.objects.get(name="Kampung Lama")
    response = client.post(SIGNUP, signup_data(kecamatan, desa=str(other_desa.pk)))
    assert_error_kept_input(response, "tidak berada di Kecamatan Tenggarong", ["ahmad", "Ahmad Fauzi"])


def test_kecamatan_and_display_name_are_required(client, kecamatan):
    response = client.post(SIGNUP, {**signup_data(kecamatan), "kecamatan": "", "display_name": "", "desa": ""})
    page = response.content.decode()
    assert page.count("Bidang ini tidak boleh kosong") >= 2
    assert 'value="ahmad"' in page
    assert not User.objects.filter(username="ahmad").exists()


def test_unknown_demographic_value_is_refused(client, kecamatan):
    response = client.post(SIGNUP, signup_data(kecamatan, gender="lainnya"))
    assert "Masukkan pilihan yang valid" in response.content.decode()
    assert not User.objects.filter(username="ahmad").exists()


def test_signed_in_user_visiting_signup_is_sent_home(client, citizen):
    client.force_login(citizen)
    response = client.get(SIGNUP)
    assert response.status_code == 302 and response["Location"] == reverse("home")
