import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Role
from pengaduan.models import Category, Complaint
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD, make_user
from tests.pengaduan.conftest import grant
from wilayah.models import Agency

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username):
    page.goto(base_url + "/akun/login/")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("user-name")).to_be_visible()


def sign_out(page):
    page.get_by_test_id("user-name").click()
    page.get_by_role("button", name="Keluar").click()


def link_in_mail(pattern: str) -> str:
    for message in reversed(mail.outbox):
        if found := re.search(pattern, message.body):
            return found.group(0)
    raise AssertionError(f"no e-mail with {pattern}")


def test_complaint_without_account_from_filing_to_the_answer_on_the_status_page(
    live_server, any_phone, kecamatan, settings
):
    settings.SITE_URL = live_server.url
    pupr = Agency.objects.create(name="Dinas Pekerjaan Umum dan Penataan Ruang", short_name="Dinas PUPR", kind="dinas")
    Category.objects.create(name="Jalan dan jembatan", agency=pupr)
    grant(make_user("petugas", display_name="Petugas Pengaduan"), Role.COMPLAINT_HANDLER)
    grant(make_user("pupr", display_name="Penghubung PUPR"), Role.AGENCY_VERIFIER, pupr)
    page, base = any_phone, live_server.url

    page.goto(base + "/pengaduan/")
    page.get_by_role("link", name="Sampaikan pengaduan").first.click()
    page.get_by_label("Pengaduan", exact=True).check()
    page.get_by_label("Kategori").select_option(label="Jalan dan jembatan")
    page.get_by_label("Judul").fill("Jembatan Maluhu retak")
    page.get_by_label("Uraian").fill("Lantai jembatan di RT 05 retak dan berlubang sejak banjir.")
    page.get_by_label("Kecamatan").select_option(label="Tenggarong")
    page.get_by_label("Nama Anda").fill("Rahmat")
    page.get_by_label("E-mail", exact=True).fill("rahmat@contoh.id")
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_role("heading", name="Periksa e-mail Anda")).to_be_visible()

    page.goto(link_in_mail(r"https?://\S+/pengaduan/konfirmasi/\S+"))
    page.get_by_role("button", name="Konfirmasi").click()
    expect(page.get_by_text("Terima kasih, pengaduan Anda sudah diterima")).to_be_visible()
    expect(page.get_by_text(re.compile("Respon awal paling lambat .* — belum dipenuhi"))).to_be_visible()
    status_url = page.url
    complaint = Complaint.objects.get()
    assert complaint.status == Complaint.Status.RECEIVED

    sign_in(page, base, "petugas")
    page.goto(base + "/pengaduan/kelola/")
    page.get_by_role("link", name="Jembatan Maluhu retak").click()
    page.get_by_role("button", name="Verifikasi").click()
    expect(page.get_by_text("Tersimpan.")).to_be_visible()
    page.get_by_label("Dinas PUPR").check()
    page.get_by_role("button", name="Disposisikan").click()
    expect(page.get_by_text("Diteruskan kepada Dinas PUPR.")).to_be_visible()
    sign_out(page)

    sign_in(page, base, "pupr")
    page.goto(base + "/pengaduan/kelola/")
    page.get_by_role("link", name="Jembatan Maluhu retak").click()
    page.get_by_label("Tindak lanjut", exact=True).fill("Lantai jembatan sudah ditambal pada hari ini.")
    page.get_by_role("button", name="Kirim tindak lanjut").click()
    expect(page.get_by_text("Tersimpan.")).to_be_visible()
    sign_out(page)

    page.goto(status_url)
    expect(page.get_by_text(re.compile(r"Respon awal paling lambat .* — dipenuhi \d+ \w+ \d\d\.\d\d"))).to_be_visible()
    expect(page.get_by_text(re.compile(r"Respon akhir paling lambat .* — dipenuhi \d+ \w+ \d\d\.\d\d"))).to_be_visible()
    expect(page.get_by_text("Lantai jembatan sudah ditambal pada hari ini.", exact=True)).to_be_visible()
    expect(page.get_by_text("Ditindaklanjuti").first).to_be_visible()
    expect(page.get_by_text("Rahmat")).to_have_count(0)
    assert status_url in link_in_mail(re.escape(status_url))
    screenshot(page, f"pengaduan-status-{page.js}")
