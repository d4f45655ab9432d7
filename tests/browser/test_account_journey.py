import pytest
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def register(page, base_url):
    page.goto(base_url + "/")
    page.get_by_role("link", name="Daftar", exact=True).first.click()
    expect(page.get_by_role("heading", name="Daftar", exact=True)).to_be_visible()
    page.get_by_label("Nama pengguna").fill("nurhayati")
    page.get_by_label("E-mail", exact=True).fill("nurhayati@contoh.id")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_label("Kata sandi (ulangi)").fill(PASSWORD)
    page.get_by_label("Nama tampilan").fill("Nurhayati")
    page.get_by_label("Kecamatan").select_option(label="Tenggarong")
    page.get_by_label("Desa/kelurahan").select_option(label="Kelurahan Maluhu")
    page.get_by_label("Perempuan").check()
    screenshot(page, "daftar-360")
    page.get_by_role("button", name="Daftar").click()


def test_register_log_out_and_log_in_with_email_on_a_phone(live_server, any_phone, kecamatan):
    register(any_phone, live_server.url)
    expect(any_phone.get_by_test_id("user-name")).to_have_text("Nurhayati")
    assert User.objects.get(username="nurhayati").desa.name == "Maluhu"

    any_phone.get_by_test_id("user-name").click()
    any_phone.get_by_role("button", name="Keluar").click()
    header = any_phone.get_by_role("banner")
    expect(header.get_by_role("link", name="Masuk", exact=True)).to_be_visible()

    header.get_by_role("link", name="Masuk", exact=True).click()
    any_phone.get_by_label("Nama pengguna atau e-mail").fill("nurhayati@contoh.id")
    any_phone.get_by_label("Kata sandi").fill(PASSWORD)
    any_phone.get_by_role("button", name="Masuk").click()
    expect(any_phone.get_by_test_id("user-name")).to_have_text("Nurhayati")
    screenshot(any_phone, f"beranda-masuk-360-{any_phone.js}")
    # Nothing on the page is wider than the any_phone.
    assert any_phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_desa_list_follows_the_chosen_kecamatan(live_server, phone, kecamatan):
    phone.goto(live_server.url + "/akun/signup/")
    phone.get_by_label("Kecamatan").select_option(label="Samboja")
    visible = phone.eval_on_selector_all("#id_desa optgroup:not([hidden]) option", "els => els.map(e => e.text)")
    assert visible == ["Desa Kampung Lama"]


def test_without_javascript_the_desa_list_shows_every_kecamatan_in_groups(live_server, phone_without_js, kecamatan):
    phone_without_js.goto(live_server.url + "/akun/signup/")
    groups = phone_without_js.eval_on_selector_all("#id_desa optgroup:not([hidden])", "els => els.map(e => e.label)")
    assert groups == ["Samboja", "Tenggarong"]


def test_a_form_error_keeps_what_was_typed_in_the_browser(live_server, any_phone, kecamatan):
    any_phone.goto(live_server.url + "/akun/signup/")
    any_phone.get_by_label("Nama pengguna").fill("nurhayati")
    any_phone.get_by_label("E-mail", exact=True).fill("bukan-email")
    any_phone.get_by_label("Nama tampilan").fill("Nurhayati")
    any_phone.get_by_role("button", name="Daftar").click()
    expect(any_phone.get_by_text("Masukkan alamat email yang valid")).to_be_visible()
    expect(any_phone.get_by_label("Nama pengguna")).to_have_value("nurhayati")
    expect(any_phone.get_by_label("Nama tampilan")).to_have_value("Nurhayati")
    screenshot(any_phone, f"daftar-galat-360-{any_phone.js}")
