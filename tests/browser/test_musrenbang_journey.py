"""A citizen's usulan from the online form to the RKPD, with JavaScript on and off: the citizen proposes
(with a supporting PDF), the operator desa forwards it through the RT/RW and desa stages, the operator
kecamatan sends it to the agency forum, the agency's own planning system accommodates it through the JSON API
(linking its Renstra activity), Bappeda puts it in the RKPD at the Musrenbang Kabupaten, and the citizen reads
each step on its page and got an e-mail for each."""

import json
import re
import urllib.request

import pytest
from playwright.sync_api import expect

from api.models import AgencyToken
from api.services import token_issue
from musrenbang.models import Usulan
from perencanaan.models import Activity, Programme
from tests.browser.conftest import screenshot
from tests.helpers import PASSWORD, make_user
from tests.konsultasi.files import MINIMAL_PDF
from tests.musrenbang.conftest import cycle, deciders, fields, region, resident  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, base_url, username, next_path):
    page.goto(f"{base_url}/akun/login/?next={next_path}")
    page.get_by_label("Nama pengguna atau e-mail").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_test_id("user-name")).to_be_visible()


def sign_out(page):
    page.get_by_test_id("user-name").click()
    page.get_by_role("button", name="Keluar").click()


def decide(page, base_url, username, code, decision, agency=None, reason=""):
    sign_in(page, base_url, username, "/musrenbang/kelola/")
    page.get_by_role("link", name=f"Putuskan {code}").click()
    page.get_by_label(decision, exact=True).check()
    if agency:
        page.get_by_label("Perangkat daerah tujuan").select_option(label=agency)
    if reason:
        page.get_by_label("Alasan / catatan").fill(reason)
    page.get_by_role("button", name="Simpan keputusan").click()
    expect(page.get_by_text(f"Keputusan untuk {code} tersimpan")).to_be_visible()
    sign_out(page)


def agency_system_decides(base_url, plain_token, code, body):
    """What an agency's E-Perencanaan does: one POST to the API with its token and an idempotency key."""
    request = urllib.request.Request(
        f"{base_url}/api/v1/usulan/{code}/keputusan",
        data=json.dumps(body).encode(),
        method="POST",
        headers={
            "Authorization": f"Bearer {plain_token}",
            "Idempotency-Key": f"eperencanaan-{code}",
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


@pytest.mark.usefixtures("resident", "deciders", "fields", "cycle")
def test_usulan_from_the_citizen_to_the_rkpd(live_server, any_phone, mailoutbox, region, tmp_path):  # noqa: F811
    base = live_server.url
    page = any_phone
    roads = Programme.objects.create(agency=region.pupr, code="1.03.10", name="Program Penyelenggaraan Jalan")
    Activity.objects.create(programme=roads, code="1.03.10.2.02", name="Pembangunan Jembatan Desa")
    superuser = make_user("admin", display_name="Admin", is_staff=True, is_superuser=True)
    plain_token = token_issue(token=AgencyToken(agency=region.pupr, name="E-Perencanaan PUPR"), issued_by=superuser)
    proposal = tmp_path / "Sketsa jembatan RT 05.pdf"
    proposal.write_bytes(MINIMAL_PDF)
    sign_in(page, base, "siti", "/musrenbang/")
    page.get_by_role("link", name="Ajukan usulan").click()
    page.get_by_label("Permasalahan").fill("Anak sekolah menyeberang sungai tanpa jembatan.")
    page.get_by_label("Judul usulan").fill("Jembatan ulin penyeberangan RT 05")
    page.get_by_label("Uraian").fill("Jembatan kayu ulin 12 meter, lebar 2 meter.")
    page.get_by_label("Fisik", exact=True).check()
    page.get_by_label("Bidang").select_option(label="Prasarana Wilayah")
    page.get_by_label(re.compile(r"^RT\b")).fill("5")
    page.get_by_label("Volume").fill("12")
    page.get_by_label("Satuan").fill("meter")
    page.get_by_label("Perkiraan biaya (Rp)").fill("dua ratus lima puluh juta")
    page.get_by_label("Anak", exact=True).check()
    page.get_by_label("Dokumen pendukung").set_input_files(str(proposal))
    page.get_by_role("button", name="Kirim").click()
    expect(page.get_by_text("Tulis perkiraan biaya dalam angka rupiah")).to_be_visible()
    expect(page.get_by_label("Judul usulan")).to_have_value("Jembatan ulin penyeberangan RT 05")
    expect(page.get_by_text("Pilih dokumen pendukungnya lagi")).to_be_visible()
    page.get_by_label("Perkiraan biaya (Rp)").fill("250.000.000")
    page.get_by_label("Dokumen pendukung").set_input_files(str(proposal))
    page.get_by_role("button", name="Kirim").click()
    usulan = Usulan.objects.get()
    expect(page.get_by_text(f"Usulan Anda tercatat dengan kode {usulan.code}")).to_be_visible()
    sign_out(page)

    decide(page, base, "op_maluhu", usulan.code, "Diteruskan")  # Musyawarah RT/RW → desa
    decide(page, base, "op_maluhu", usulan.code, "Diteruskan")  # desa → kecamatan
    decide(page, base, "op_tenggarong", usulan.code, "Diteruskan", agency="Dinas PUPR")
    status, answer = agency_system_decides(
        base,
        plain_token,
        usulan.code,
        {"decision": "diakomodasi_sebagian", "reason": "Lebar 1,5 meter.", "activity": "1.03.10.2.02"},
    )
    assert status == 201 and answer["usulan"]["stage"] == "kabupaten"
    decide(page, base, "bappeda", usulan.code, "Diakomodasi", reason="Masuk RKPD, Dinas PUPR.")

    sign_in(page, base, "siti", usulan.get_absolute_url())
    timeline = page.locator(".timeline")
    expect(timeline.locator("li")).to_have_count(6)
    expect(timeline).to_contain_text("Kecamatan Tenggarong")
    expect(timeline).to_contain_text("Dinas Pekerjaan Umum dan Penataan Ruang")
    expect(timeline).to_contain_text("Lebar 1,5 meter.")
    expect(timeline).to_contain_text("Verifikator perangkat daerah")
    expect(page.get_by_text("1.03.10.2.02").first).to_be_visible()
    expect(page.get_by_role("link", name="Sketsa jembatan RT 05")).to_be_visible()
    expect(page.locator(".stage-path .current")).to_have_text("RKPD")
    expect(page.get_by_text("Masuk RKPD", exact=True)).to_be_visible()
    screenshot(page, f"musrenbang-usulan-360-{page.js}")
    assert sum(1 for message in mailoutbox if message.to == ["siti@contoh.id"]) == 5


@pytest.mark.usefixtures("resident", "cycle", "fields")
def test_one_button_fills_the_location_from_the_phone(live_server, browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740},
        locale="id-ID",
        geolocation={"latitude": -0.4227, "longitude": 116.9869},
        permissions=["geolocation"],
    )
    page = context.new_page()
    try:
        sign_in(page, live_server.url, "siti", "/musrenbang/usulkan/")
        page.get_by_role("button", name="Pakai lokasi saya").click()
        expect(page.get_by_text("Lokasi terisi dari ponsel Anda.")).to_be_visible()
        expect(page.get_by_label("Lintang")).to_have_value("-0.422700")
        expect(page.get_by_label("Bujur")).to_have_value("116.986900")
    finally:
        context.close()


@pytest.mark.usefixtures("resident", "cycle", "fields")
def test_without_javascript_there_is_no_location_button(live_server, phone_without_js):
    sign_in(phone_without_js, live_server.url, "siti", "/musrenbang/usulkan/")
    expect(phone_without_js.get_by_label("Judul usulan")).to_be_visible()
    expect(phone_without_js.get_by_role("button", name="Pakai lokasi saya")).to_be_hidden()
