import pytest
from playwright.sync_api import expect

from konsultasi.models import Consultation, Field
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD, make_expert
from tests.konsultasi.files import MINIMAL_PDF

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def experts(db):
    water = Field.objects.create(name="Air dan Sanitasi", slug="air-dan-sanitasi")
    make_expert("hendra", "Prof. Hendra Kusuma")
    rahma = make_expert("rahma", "Dr. Rahmawati, M.Si.")
    rahma.expert_profile.fields.set([water])
    return rahma


def sign_in(page, base_url, username):
    page.goto(base_url + "/akun/login/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("user-name")).to_be_visible()


def sign_out(page):
    page.get_by_test_id("user-name").click()
    page.get_by_role("button", name="Keluar").click()


def test_private_consultation_from_question_to_closing(live_server, any_phone, citizen, citizen2, experts):
    base = live_server.url
    sign_in(any_phone, base, "siti")
    any_phone.get_by_text("Menu", exact=True).click()  # on a phone the modules are behind "Menu"
    any_phone.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Konsultasi").click()
    any_phone.get_by_label("Bidang keahlian").select_option(label="Air dan Sanitasi")
    any_phone.get_by_role("button", name="Tampilkan").click()
    expect(any_phone.get_by_text("1 pakar")).to_be_visible()
    expect(any_phone.get_by_text("Prof. Hendra Kusuma")).to_have_count(0)
    any_phone.get_by_role("link", name="Konsultasi", exact=True).last.click()

    any_phone.get_by_label("Perihal").fill("Air sumur keruh setelah banjir")
    any_phone.get_by_label("Pertanyaan Anda").fill("Sumur kami keruh sejak banjir. Amankah untuk mandi?")
    any_phone.get_by_label("Lampiran").set_input_files(
        files=[{"name": "hasil-uji-air.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}]
    )
    any_phone.get_by_role("button", name="Kirim").click()
    expect(any_phone.get_by_text("Konsultasi Anda telah dikirim")).to_be_visible()
    expect(any_phone.get_by_role("link", name="hasil-uji-air.pdf")).to_be_visible()
    consultation = Consultation.objects.get()
    private_url = base + consultation.get_absolute_url()

    any_phone.get_by_role("link", name="Konsultasi Saya").click()
    expect(any_phone.get_by_role("link", name="Air sumur keruh setelah banjir")).to_be_visible()
    expect(any_phone.get_by_text("Menunggu jawaban")).to_be_visible()
    sign_out(any_phone)

    sign_in(any_phone, base, "rahma")
    any_phone.goto(base + "/konsultasi/saya/")
    any_phone.get_by_role("link", name="Air sumur keruh setelah banjir").click()
    any_phone.get_by_label("Pesan").fill("Jangan dipakai dulu; endapkan dan beri kaporit, lalu uji ke puskesmas.")
    any_phone.get_by_role("button", name="Kirim").click()
    expect(any_phone.get_by_text("Pesan Anda telah dikirim")).to_be_visible()
    sign_out(any_phone)

    sign_in(any_phone, base, "siti")
    any_phone.goto(base + "/konsultasi/saya/")
    expect(any_phone.get_by_text("Dijawab")).to_be_visible()
    any_phone.get_by_role("link", name="Air sumur keruh setelah banjir").click()
    expect(any_phone.get_by_text("endapkan dan beri kaporit")).to_be_visible()
    screenshot(any_phone, f"konsultasi-percakapan-360-{any_phone.js}")
    any_phone.get_by_role("link", name="Tandai selesai").click()
    any_phone.get_by_label("5 ★").check()
    any_phone.get_by_role("button", name="Ya, selesai").click()
    expect(any_phone.get_by_text("Selesai", exact=True)).to_be_visible()
    consultation.refresh_from_db()
    assert consultation.is_closed and consultation.rating == 5
    sign_out(any_phone)

    sign_in(any_phone, base, "budi")
    response = any_phone.goto(private_url)
    assert response.status == 404
    expect(any_phone.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()
    expect(any_phone.get_by_text("Air sumur keruh")).to_have_count(0)
