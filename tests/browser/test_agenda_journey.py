from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from accounts.models import Disability
from agenda.models import Application, Aspiration
from musrenbang.models import Field, Usulan
from tests.agenda import ics
from tests.agenda.factories import MEETING_URL, make_event
from tests.browser.conftest import screenshot
from tests.browser.test_konsultasi_journey import sign_in, sign_out
from tests.helpers import make_user
from tests.musrenbang.conftest import open_cycle
from wilayah.models import Desa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def cast(kecamatan):
    ani = make_user("ani", display_name="Ani Lestari", kecamatan=kecamatan, disability=Disability.YES)
    panitia = make_user("panitia", display_name="Panitia Musrenbang", is_staff=True)
    panitia.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["select_participants", "change_aspiration"], content_type__app_label="agenda"
        )
    )
    return ani, panitia


def test_citizen_applies_staff_select_with_quotas_citizen_gets_link_and_calendar(live_server, any_phone, cast):
    base = live_server.url
    event = make_event("Musrenbang RKPD Kabupaten 2027", capacity=3, quotas={"Penyandang disabilitas": 1})

    sign_in(any_phone, base, "ani")
    any_phone.goto(base + "/agenda/")
    any_phone.get_by_role("link", name="Musrenbang RKPD Kabupaten 2027").click()
    expect(any_phone.get_by_text("Penyandang disabilitas (1)")).to_be_visible()
    any_phone.get_by_role("link", name="Daftar sebagai peserta").click()
    any_phone.get_by_label("Saya mewakili kelompok").select_option(label="Penyandang disabilitas")
    any_phone.get_by_label("Organisasi/lembaga (bila ada)").fill("HWDI Kukar")
    any_phone.get_by_label("Apa yang ingin Anda sampaikan?").fill("Trotoar dan kantor desa belum ramah kursi roda.")
    any_phone.get_by_label("Juru bahasa isyarat").check()
    any_phone.get_by_role("button", name="Kirim pendaftaran").click()
    expect(any_phone.get_by_text("Pendaftaran Anda diterima")).to_be_visible()
    expect(any_phone.get_by_test_id("application-status")).to_contain_text("Mendaftar")
    expect(any_phone.get_by_test_id("meeting-link")).to_have_count(0)
    sign_out(any_phone)

    sign_in(any_phone, base, "panitia")
    any_phone.goto(base + f"/agenda/staf/{event.pk}/")
    expect(any_phone.get_by_test_id("unfilled")).to_contain_text("Tempat untuk Penyandang disabilitas masih kosong 1")
    expect(any_phone.get_by_text("Juru bahasa isyarat")).to_be_visible()
    any_phone.get_by_label("Ani Lestari").check()
    any_phone.get_by_label("Tindakan untuk yang dicentang").select_option(label="Pilih sebagai peserta")
    any_phone.get_by_role("button", name="Terapkan").click()
    expect(any_phone.get_by_text("1 peserta terpilih dan dikirimi e-mail.")).to_be_visible()
    expect(any_phone.get_by_test_id("unfilled")).to_have_count(0)
    screenshot(any_phone, f"agenda-seleksi-{any_phone.js}")
    sign_out(any_phone)

    (message,) = [m for m in mail.outbox if m.to == ["ani@contoh.id"]]
    assert MEETING_URL in message.body and "Juru bahasa isyarat" in message.body
    ((filename, content, _mimetype),) = message.attachments
    (vevent,) = ics.events(content.decode() if isinstance(content, bytes) else content)
    assert filename == "undangan.ics" and vevent["params"]["DTSTART"] == {"TZID": "Asia/Makassar"}
    assert vevent["CONFERENCE"] == MEETING_URL
    assert Application.objects.get().code in message.body

    sign_in(any_phone, base, "ani")
    any_phone.goto(base + event.get_absolute_url())
    expect(any_phone.get_by_test_id("meeting-link")).to_contain_text(MEETING_URL)


def test_citizen_sends_an_aspiration_and_staff_turn_it_into_a_draft_usulan(live_server, any_phone, cast, kecamatan):
    base = live_server.url
    kecamatan.code = "64.02.05"
    kecamatan.save()
    maluhu = Desa.objects.get(name="Maluhu")
    maluhu.code = "64.02.05.1001"
    maluhu.save()
    cycle = open_cycle(timezone.localdate().year + 1)  # the Musrenbang RT/RW window is open
    road = Field.objects.get_or_create(slug="prasarana-wilayah", defaults={"name": "Prasarana Wilayah"})[0]
    start = timezone.now() - timedelta(hours=1)
    event = make_event(
        "Konsultasi publik RPJPD",
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        capacity=0,
        registration_opens_at=None,
        registration_closes_at=None,
        cycle=cycle,
        stage="kecamatan",
    )
    sign_in(any_phone, base, "ani")
    any_phone.goto(base + event.get_absolute_url())
    any_phone.get_by_label("Aspirasi Anda").fill("Sediakan juru bahasa isyarat di setiap musrenbang desa.")
    any_phone.get_by_role("button", name="Kirim aspirasi").click()
    expect(any_phone.get_by_text("Aspirasi Anda diterima")).to_be_visible()
    expect(any_phone.get_by_test_id("aspiration")).to_contain_text("Menunggu moderasi")
    aspiration = Aspiration.objects.get()
    assert aspiration.body == "Sediakan juru bahasa isyarat di setiap musrenbang desa."
    sign_out(any_phone)

    # The moderator shows it and puts it on the shortlist in the admin, then turns it into a draft usulan.
    sign_in(any_phone, base, "panitia")
    for action in ("Tampilkan aspirasi terpilih", "Masukkan ke daftar pendek"):
        any_phone.goto(base + "/admin/agenda/aspiration/")
        any_phone.locator("input[name=_selected_action]").check()
        any_phone.locator("select[name=action]").select_option(label=action)
        any_phone.locator("button[name=index]").click()
    expect(any_phone.get_by_text("1 aspirasi masuk daftar pendek.")).to_be_visible()
    any_phone.get_by_role("link", name="Jadikan usulan/pengaduan").click()
    form = any_phone.locator("#usulan")
    form.locator("[name=usulan-desa]").select_option(str(maluhu.pk))
    form.locator("[name=usulan-problem]").fill("Penyandang disabilitas rungu tidak dapat mengikuti musyawarah.")
    form.locator("[name=usulan-title]").fill("Juru bahasa isyarat untuk musyawarah desa")
    form.locator("[name=usulan-description]").fill("Honor juru bahasa isyarat untuk 4 musyawarah setahun.")
    form.locator("input[name=usulan-kind][value=non_fisik]").check()
    form.locator("[name=usulan-field]").select_option(str(road.pk))
    form.locator("[name=usulan-volume]").fill("4")
    form.locator("[name=usulan-unit]").fill("kegiatan")
    form.locator("[name=usulan-estimated_cost]").fill("8.000.000")
    form.get_by_role("button", name="Jadikan usulan").click()
    usulan = Usulan.objects.get()
    expect(any_phone.get_by_text(f"Aspirasi menjadi usulan {usulan.code}.")).to_be_visible()
    assert usulan.proposer.username == "ani" and usulan.stage == "rt_rw" and usulan.cycle == cycle

    any_phone.goto(base + event.get_absolute_url())
    became = any_phone.get_by_test_id("became")
    expect(became).to_have_text(f"Menjadi usulan {usulan.code}")
    became.get_by_role("link", name=usulan.code).click()
    expect(any_phone.get_by_test_id("from-aspiration")).to_contain_text("aspirasi pada acara Konsultasi publik RPJPD")
    screenshot(any_phone, f"agenda-aspirasi-usulan-{any_phone.js}")
