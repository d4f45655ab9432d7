"""Where the reader's eye is: confirmations beside what the page jumped to, the way back after "Muat lebih
banyak", and the account menu that shows an expert's full name and what waits for them."""

import pytest
from playwright.sync_api import expect

from konsultasi import services as konsultasi_services
from rpjpd import services
from rpjpd.models import Reply
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD, make_expert

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SMALL_PHONE = {"width": 360, "height": 640}
LONG_NAME = "Prof. Dr. Ir. Rahmawati Said Kusumaningrum, M.Si."


def sign_in(page, base_url, username):
    page.goto(base_url + "/akun/login/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("user-name")).to_be_visible()


def test_confirmations_after_kirim_and_kirim_laporan_are_in_view_on_a_phone(
    live_server, any_phone, topic, citizen, citizen2, settings
):
    settings.RPJPD_REPLIES_PER_MINUTE = 100
    page = any_phone
    page.set_viewport_size(SMALL_PHONE)
    oldest = services.reply_create(topic=topic, author=citizen2, body="Pupuk mahal, panen gagal.")
    for number in range(6):
        services.reply_create(topic=topic, author=citizen2, body=f"Banjir tahun lalu sampai lantai {number}.")
    sign_in(page, live_server.url, "siti")
    page.goto(live_server.url + topic.get_absolute_url())

    page.get_by_label("Tanggapan Anda").fill("Rumah kami di Tenggarong terendam tiga hari.")
    page.get_by_role("button", name="Kirim").click()
    mine = Reply.objects.get(body__startswith="Rumah kami")
    assert page.url.endswith(f"#balasan-{mine.pk}")
    expect(page.get_by_text("Tanggapan Anda telah dikirim.")).to_be_in_viewport()
    expect(page.locator(f"#balasan-{mine.pk}")).to_contain_text("terendam tiga hari")
    screenshot(page, f"konfirmasi-kirim-360-{page.js}")

    page.locator(f"#balasan-{oldest.pk}").get_by_role("link", name="Laporkan").click()
    page.get_by_label("Spam atau iklan").check()
    page.get_by_role("button", name="Kirim laporan").click()
    assert page.url.endswith(f"#balasan-{oldest.pk}")
    expect(page.get_by_text("Terima kasih, laporan Anda kami terima.")).to_be_in_viewport()
    reported = page.locator(f"#balasan-{oldest.pk}")
    expect(reported.get_by_text("Anda telah melaporkan balasan ini")).to_be_visible()
    expect(reported.get_by_role("link", name="Laporkan")).to_have_count(0)
    screenshot(page, f"konfirmasi-laporan-360-{page.js}")


def test_confirmation_of_a_consultation_message_is_in_view_on_a_phone(live_server, any_phone, citizen):
    page = any_phone
    page.set_viewport_size(SMALL_PHONE)
    expert = make_expert("rahma", "Dr. Rahmawati, M.Si.")
    consultation = konsultasi_services.consultation_open(
        citizen=citizen, expert=expert.expert_profile, subject="Air sumur keruh", body="Keruh sejak banjir. " * 40
    )
    konsultasi_services.message_post(consultation=consultation, author=expert, body="Endapkan dulu. " * 40)
    sign_in(page, live_server.url, "siti")
    page.goto(live_server.url + consultation.get_absolute_url())
    page.get_by_label("Pesan", exact=True).fill("Terima kasih, akan kami coba.")
    page.get_by_role("button", name="Kirim").click()
    assert page.url.endswith("#pesan-terakhir")
    expect(page.get_by_text("Pesan Anda telah dikirim.")).to_be_in_viewport()


def test_header_shows_an_experts_full_name_at_1280_px_and_what_waits(live_server, browser, citizen):
    expert = make_expert("rahma", LONG_NAME)
    for subject in ("Air sumur keruh", "Jalan desa rusak"):
        konsultasi_services.consultation_open(
            citizen=citizen, expert=expert.expert_profile, subject=subject, body="Mohon saran."
        )
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "rahma")
        name = page.get_by_test_id("user-name")
        expect(name).to_have_text(LONG_NAME)
        uncut = "e => e.clientWidth > 0 && e.scrollWidth <= e.clientWidth"
        assert name.evaluate(f"name => [name, name.closest('summary')].every({uncut})"), "the name is cut"
        expect(page.get_by_test_id("waiting-count")).to_have_text("2 konsultasi menunggu jawaban Anda")
        screenshot(page, "header-pakar-1280")

        page.get_by_test_id("user-name").click()
        page.get_by_role("link", name="Konsultasi Saya").click()
        expect(page.get_by_role("link", name="Air sumur keruh")).to_be_visible()

        page.set_viewport_size(SMALL_PHONE)  # on a phone the name may shorten, the page never scrolls sideways
        assert page.evaluate("document.documentElement.scrollWidth <= 360")
        expect(page.get_by_test_id("waiting-count")).to_be_visible()
    finally:
        context.close()
