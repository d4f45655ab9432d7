import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_visitor_searches_filters_reads_downloads_and_follows_bahan_bacaan(
    live_server, any_phone, make_document, topic
):
    make_document("Pengelolaan Irigasi Desa", year=2023, pdf_lines=["Pasal 1 irigasi desa"], subjects=["Irigasi"])
    make_document("Irigasi Tersier Lama", year=2019, pdf_lines=["lama"])
    make_document("Pedoman Irigasi", year=2023, kind="perbup", pdf_lines=["perbup"])
    regulation = make_document("Perda Banjir", year=2022, pdf_lines=["banjir"])
    topic.reading_materials.add(regulation)
    base = live_server.url

    any_phone.goto(base + "/pustaka/")
    any_phone.get_by_label("Kata kunci").fill("irigasi")
    any_phone.get_by_role("button", name="Cari").click()
    expect(any_phone.get_by_text("3 dokumen")).to_be_visible()
    any_phone.get_by_text("Saring dan urutkan").click()
    any_phone.get_by_label("Jenis").select_option(label="Peraturan Daerah")
    any_phone.get_by_label("Tahun").select_option("2023")
    any_phone.get_by_role("button", name="Cari").click()
    expect(any_phone.get_by_text("1 dokumen")).to_be_visible()
    assert "q=irigasi" in any_phone.url and "tahun=2023" in any_phone.url
    screenshot(any_phone, f"pustaka-cari-360-{any_phone.js}")

    any_phone.get_by_role("link", name="Pengelolaan Irigasi Desa").click()
    expect(any_phone.get_by_role("heading", name="Pengelolaan Irigasi Desa")).to_be_visible()
    expect(any_phone.get_by_text("Peraturan Daerah Nomor 7 Tahun 2023")).to_be_visible()
    with any_phone.expect_download() as download:
        any_phone.get_by_role("link", name="Unduh").click()
    assert download.value.suggested_filename == "pengelolaan-irigasi-desa.pdf"
    screenshot(any_phone, f"pustaka-dokumen-360-{any_phone.js}")

    any_phone.goto(base + topic.get_absolute_url())
    any_phone.get_by_role("complementary").get_by_role("link", name="Perda Banjir").click()
    expect(any_phone.get_by_role("heading", name="Perda Banjir")).to_be_visible()
    any_phone.get_by_role("link", name=topic.title).click()
    expect(any_phone.get_by_role("heading", name=topic.title)).to_be_visible()
