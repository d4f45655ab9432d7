import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_reads_downloads_and_follows_bahan_bacaan(live_server, phone, make_document, topic):
    make_document("Pengelolaan Irigasi Desa", year=2023, pdf_lines=["Pasal 1 irigasi desa"], subjects=["Irigasi"])
    make_document("Irigasi Tersier Lama", year=2019, pdf_lines=["lama"])
    make_document("Pedoman Irigasi", year=2023, kind="perbup", pdf_lines=["perbup"])
    regulation = make_document("Perda Banjir", year=2022, pdf_lines=["banjir"])
    topic.reading_materials.add(regulation)
    base = live_server.url

    phone.goto(base + "/pustaka/")
    phone.get_by_label("Kata kunci").fill("irigasi")
    phone.get_by_role("button", name="Cari").click()
    expect(phone.get_by_text("3 dokumen")).to_be_visible()
    phone.get_by_text("Saring dan urutkan").click()
    phone.get_by_label("Jenis").select_option(label="Peraturan Daerah")
    phone.get_by_label("Tahun").select_option("2023")
    phone.get_by_role("button", name="Cari").click()
    expect(phone.get_by_text("1 dokumen")).to_be_visible()
    assert "q=irigasi" in phone.url and "tahun=2023" in phone.url
    screenshot(phone, "pustaka-cari-360")

    phone.get_by_role("link", name="Pengelolaan Irigasi Desa").click()
    expect(phone.get_by_role("heading", name="Pengelolaan Irigasi Desa")).to_be_visible()
    expect(phone.get_by_text("Peraturan Daerah Nomor 7 Tahun 2023")).to_be_visible()
    with phone.expect_download() as download:
        phone.get_by_role("link", name="Unduh").click()
    assert download.value.suggested_filename == "pengelolaan-irigasi-desa.pdf"
    screenshot(phone, "pustaka-dokumen-360")

    phone.goto(base + topic.get_absolute_url())
    phone.get_by_role("complementary").get_by_role("link", name="Perda Banjir").click()
    expect(phone.get_by_role("heading", name="Perda Banjir")).to_be_visible()
    phone.get_by_role("link", name=topic.title).click()
    expect(phone.get_by_role("heading", name=topic.title)).to_be_visible()
