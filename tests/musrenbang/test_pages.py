"""The public list and page, the citizens' form, following and its e-mails, and the operators' forms."""

import gzip
import io
import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from musrenbang.models import Follow, StageWindow, Usulan, UsulanDocument, WindowReopening
from tests.helpers import client_for
from tests.konsultasi import files
from tests.konsultasi.files import MINIMAL_PDF
from tests.musrenbang.conftest import decide, last_change, walk_to

pytestmark = pytest.mark.django_db

FORM = {
    "problem": "Anak-anak menyeberang sungai tanpa jembatan.",
    "title": "Jembatan ulin penyeberangan",
    "description": "Jembatan kayu ulin 12 meter di RT 05.",
    "kind": "fisik",
    "rw": "1",
    "rt": "5",
    "volume": "12",
    "unit": "meter",
    "estimated_cost": "Rp 250.000.000",
    "beneficiaries": ["anak", "perempuan"],
    "latitude": "-0.4227",
    "longitude": "116.9869",
}


def form_with(fields, **changes):
    return {**FORM, "field": fields.road.pk, **changes}


def test_citizen_proposes_and_lands_on_the_usulan_page(resident, fields, cycle):
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields), follow=True)
    usulan = Usulan.objects.get()
    assert response.redirect_chain[-1][0] == usulan.get_absolute_url()
    page = response.content.decode()
    assert f"Usulan Anda tercatat dengan kode {usulan.code}" in page
    assert "Jembatan ulin penyeberangan" in page and "Diajukan" in page and "Berhenti mengikuti" in page
    assert usulan.desa.name == "Maluhu" and usulan.for_children and usulan.for_women and not usulan.for_poor
    assert str(usulan.latitude) == "-0.422700" and usulan.estimated_cost == 250_000_000


def test_bad_input_is_explained_in_indonesian_and_kept(resident, fields, cycle):
    bad = form_with(fields, estimated_cost="seratus juta", rt="1200", latitude="-0.42", longitude="", title="")
    response = client_for(resident).post(reverse("musrenbang:create"), bad)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Tulis perkiraan biaya dalam angka rupiah, mis. 150.000.000." in page
    assert "Nomor RT antara 1 dan 999." in page
    assert "Isi lintang dan bujur bersama-sama" in page
    assert 'value="seratus juta"' in page and "Anak-anak menyeberang sungai tanpa jembatan." in page
    assert not Usulan.objects.exists()


def test_the_daily_limit_shows_on_the_form_with_the_text_kept(resident, fields, cycle, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 1
    client = client_for(resident)
    client.post(reverse("musrenbang:create"), form_with(fields))
    response = client.post(reverse("musrenbang:create"), form_with(fields, title="Usulan kedua hari ini"))
    assert response.status_code == 400
    assert "1 usulan dalam 24 jam terakhir" in response.content.decode()
    assert 'value="Usulan kedua hari ini"' in response.content.decode()
    assert Usulan.objects.count() == 1


def test_citizen_without_a_desa_is_asked_to_fill_the_profile(citizen, fields, cycle):
    response = client_for(citizen).post(reverse("musrenbang:create"), form_with(fields))
    assert "Isi desa/kelurahan Anda di profil dulu" in response.content.decode()
    assert not Usulan.objects.exists()


def test_no_form_while_no_rt_rw_window_is_open(resident, fields, cycle):
    StageWindow.objects.filter(cycle=cycle, stage="rt_rw").update(ends_on=timezone.localdate() - timedelta(days=1))
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields))
    assert "usulan baru belum diterima" in response.content.decode()
    assert not Usulan.objects.exists()


def test_list_filters(make_usulan, deciders, region, fields, client, cycle):
    road = make_usulan(title="Semenisasi jalan Maluhu")
    school = make_usulan(title="Beasiswa anak Kampung Lama", desa=region.kampung_lama, field=fields.social)
    school.for_poor = True
    school.save(update_fields=["for_poor"])
    forum = walk_to(make_usulan(title="Drainase Sukarame", desa=region.maluhu), "forum_pd", deciders, region)
    rejected = make_usulan(title="Gapura")
    decide(rejected, deciders.desa, "ditolak", reason="Bukan prioritas.")

    def titles(**query):
        return {u.title for u in client.get(reverse("musrenbang:index"), query).context["page"]}

    everything = {road.title, school.title, forum.title, rejected.title}
    assert titles() == everything
    assert titles(tahun=str(cycle.year)) == everything
    assert titles(tahun=str(cycle.year + 5)) == everything  # an unknown year is ignored with its error shown
    assert titles(kecamatan=region.samboja.pk) == {school.title}
    assert titles(desa=region.kampung_lama.pk) == {school.title}
    assert titles(bidang="sosial-budaya") == {school.title}
    assert titles(tahap="forum_pd") == {forum.title}
    assert titles(keputusan="ditolak") == {rejected.title}
    assert titles(opd=region.pupr.pk) == {forum.title}
    assert titles(manfaat="keluarga_miskin") == {school.title}
    assert titles(q="gapura") == {rejected.title}


def test_list_runs_a_fixed_number_of_queries(make_usulan, client, django_assert_max_num_queries, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 50
    for n in range(25):
        make_usulan(title=f"Usulan {n}")
    # 11: one of them is the open cycle's meetings (Agenda events), listed whether there are any or not.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("musrenbang:index"), {"tahap": "rt_rw", "halaman": "2"})
    assert len(response.context["page"].object_list) == 5


def test_usulan_page_runs_a_fixed_number_of_queries(
    make_usulan, deciders, region, client, django_assert_max_num_queries
):
    usulan = walk_to(make_usulan(), "kabupaten", deciders, region)
    for n in range(3):
        decide(make_usulan(title=f"Ganda {n}"), deciders.desa, "digabung", merged_into=usulan)
    for n in range(3):
        UsulanDocument.objects.create(usulan=usulan, file=f"musrenbang/dokumen/{n}.pdf", title=f"Dok {n}", size=9)
    # The usulan, its merged ones, photos, documents, the public timeline (with its linked library documents),
    # the region's profile and the session.
    with django_assert_max_num_queries(7):
        response = client.get(usulan.get_absolute_url())
    page = response.content.decode()
    assert page.count('class="decision-') == 5 and "Kecamatan Tenggarong" in page and "Dok 2" in page
    assert "Op Maluhu" not in page  # the deciding unit and role, never the person


def test_following_and_unfollowing(make_usulan, citizen2):
    usulan = make_usulan()
    client = client_for(citizen2)
    path = reverse("musrenbang:follow", args=[usulan.code])
    assert "Anda mengikuti usulan ini" in client.post(path, follow=True).content.decode()
    assert Follow.objects.filter(usulan=usulan, user=citizen2).exists()
    client.post(path)
    assert not Follow.objects.filter(usulan=usulan, user=citizen2).exists()


def test_every_follower_is_emailed_on_every_decision(
    make_usulan, deciders, citizen2, resident, django_capture_on_commit_callbacks
):
    usulan = make_usulan()
    client_for(citizen2).post(reverse("musrenbang:follow", args=[usulan.code]))
    with django_capture_on_commit_callbacks(execute=True):
        decide(usulan, deciders.desa, "diteruskan")
    with django_capture_on_commit_callbacks(execute=True):
        decide(usulan, deciders.desa, "ditolak", reason="Sudah ada di APBDes.")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([resident.email, citizen2.email] * 2)
    rejected = [m for m in mail.outbox if "Ditolak" in m.subject]
    assert len(rejected) == 2 and usulan.code in rejected[0].subject
    assert "Sudah ada di APBDes." in rejected[0].body and usulan.get_absolute_url() in rejected[0].body
    assert "Op Maluhu" not in rejected[0].body


def test_decision_form_refuses_rejection_without_reason_and_keeps_the_choice(make_usulan, deciders):
    usulan = make_usulan()
    path = reverse("musrenbang:decide", args=[usulan.code])
    response = client_for(deciders.desa).post(
        path, {"decision": "ditolak", "reason": "", "seen_change": last_change(usulan)}
    )
    page = response.content.decode()
    assert response.status_code == 400 and "Tuliskan alasan penolakan" in page
    assert re.search(r'value="ditolak"[^>]*checked', page)
    usulan.refresh_from_db()
    assert usulan.status == "dibahas"


def test_decision_form_tells_the_second_decider(make_usulan, deciders):
    usulan = make_usulan()
    path = reverse("musrenbang:decide", args=[usulan.code])
    seen = last_change(usulan)
    first = client_for(deciders.desa).post(path, {"decision": "diteruskan", "seen_change": seen})
    assert first.status_code == 302
    second = client_for(deciders.bappeda).post(path, {"decision": "ditunda", "reason": "Nanti", "seen_change": seen})
    assert second.status_code == 400
    assert "baru saja diputuskan oleh orang lain" in second.content.decode()
    usulan.refresh_from_db()
    assert (usulan.stage, usulan.status) == ("desa", "dibahas")


def test_decision_form_merges_by_code_and_says_when_the_code_is_unknown(make_usulan, deciders):
    kept, merged = make_usulan(), make_usulan(title="Sama")
    path = reverse("musrenbang:decide", args=[merged.code])
    client = client_for(deciders.desa)
    unknown = client.post(path, {"decision": "digabung", "merged_into": "2099-0000-000009", "seen_change": 0})
    assert "Tidak ada usulan dengan kode 2099-0000-000009." in unknown.content.decode()
    client.post(path, {"decision": "digabung", "merged_into": kept.code, "seen_change": last_change(merged)})
    merged.refresh_from_db()
    assert merged.merged_into == kept


def test_bappeda_reopens_a_window_through_its_page(deciders, cycle):
    window = StageWindow.objects.get(cycle=cycle, stage="kecamatan")
    until = timezone.localdate() + timedelta(days=30)
    path = reverse("musrenbang:window_reopen", args=[window.pk])
    refused = client_for(deciders.bappeda).post(path, {"ends_on": until.isoformat(), "reason": ""})
    assert refused.status_code == 400 and f'value="{until.isoformat()}"' in refused.content.decode()
    client_for(deciders.bappeda).post(path, {"ends_on": until.isoformat(), "reason": "Camat berhalangan."})
    window.refresh_from_db()
    assert window.ends_on == until and WindowReopening.objects.get().reason == "Camat berhalangan."


def page_weight(html: bytes) -> int:
    """HTML, stylesheets and scripts of a page, gzip-compressed, as a phone downloads them."""
    total = len(gzip.compress(html, 6))
    for asset in re.findall(rb'(?:href|src)="/static/([^"]+\.(?:css|js))"', html):
        with open(finders.find(asset.decode()), "rb") as handle:
            total += len(gzip.compress(handle.read(), 6))
    return total


def test_list_and_usulan_page_fit_the_30_kb_budget(make_usulan, deciders, region, client, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 50
    for n in range(25):
        make_usulan(title=f"Usulan pembangunan nomor {n} untuk kelurahan", beneficiaries=["anak", "perempuan"])
    usulan = walk_to(make_usulan(), "kabupaten", deciders, region)
    assert page_weight(client.get(reverse("musrenbang:index")).content) < 30 * 1024
    assert page_weight(client.get(usulan.get_absolute_url()).content) < 30 * 1024


def record_form(fields, cycle, desa, **changes):
    recorded = {"cycle": cycle.pk, "desa": desa.pk, "origin": "musyawarah_rt_rw", "proposer_name": "Pak Darmin"}
    return form_with(fields, **{**recorded, **changes})


def test_operator_records_a_residents_usulan_by_name(deciders, fields, cycle, region, client):
    response = client_for(deciders.desa).post(reverse("musrenbang:record"), record_form(fields, cycle, region.maluhu))
    usulan = Usulan.objects.get()
    assert response.status_code == 302
    assert (usulan.proposer, usulan.proposer_name, usulan.recorded_by) == (None, "Pak Darmin", deciders.desa)
    page = client.get(usulan.get_absolute_url()).content.decode()
    assert "Musyawarah RT/RW · Pak Darmin" in page and "Op Maluhu" not in page


def test_operator_cannot_record_for_another_desa(deciders, fields, cycle, region):
    form = record_form(fields, cycle, region.kampung_lama, proposer_name="")
    response = client_for(deciders.desa).post(reverse("musrenbang:record"), form)
    page = response.content.decode()
    assert response.status_code == 400 and not Usulan.objects.exists()
    assert "Masukkan pilihan yang valid" in page and "Bidang ini tidak boleh kosong" in page
    assert "Anak-anak menyeberang sungai tanpa jembatan." in page


def test_berita_acara_pdf_is_public_on_the_timeline(make_usulan, deciders, client):
    usulan = make_usulan()
    minutes = SimpleUploadedFile("BA musdus RT 03 (rahasia nama).pdf", MINIMAL_PDF, "application/pdf")
    form = {"decision": "diteruskan", "seen_change": last_change(usulan), "minutes": minutes}
    client_for(deciders.desa).post(reverse("musrenbang:decide", args=[usulan.code]), form)
    change = usulan.status_changes.last()
    assert change.minutes.name.startswith("musrenbang/berita-acara/") and change.minutes.name.endswith(".pdf")
    assert "rahasia" not in change.minutes.name
    assert change.minutes.url in client.get(usulan.get_absolute_url()).content.decode()


def test_berita_acara_that_is_not_a_pdf_is_refused_and_nothing_is_decided(make_usulan, deciders):
    usulan = make_usulan()
    fake = SimpleUploadedFile("berita-acara.pdf", b"<html><script>alert(1)</script></html>", "application/pdf")
    form = {"decision": "diteruskan", "seen_change": last_change(usulan), "minutes": fake}
    response = client_for(deciders.desa).post(reverse("musrenbang:decide", args=[usulan.code]), form)
    page = response.content.decode()
    assert response.status_code == 400 and "Isi berkas ini bukan PDF." in page
    assert "Pilih berkas berita acara lagi" in page
    usulan.refresh_from_db()
    assert usulan.stage == "rt_rw"


def camera_jpeg(name="jalan.jpg") -> SimpleUploadedFile:
    """A phone photo: JPEG with camera metadata in its EXIF."""
    exif = Image.Exif()
    exif[0x010F] = "KameraPonsel"  # Make
    exif[0x0131] = "Lokasi rumah pengusul"  # Software: any text the public must not get
    buffer = io.BytesIO()
    Image.new("RGB", (2400, 1800), (120, 90, 60)).save(buffer, format="JPEG", exif=exif)
    return SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg")


def test_photos_are_reencoded_without_metadata_and_shown(resident, fields, cycle, client):
    form = form_with(fields, photos=[camera_jpeg(), files.png()])
    client_for(resident).post(reverse("musrenbang:create"), form)
    usulan = Usulan.objects.get()
    photos = list(usulan.photos.all())
    assert len(photos) == 2
    with Image.open(photos[0].image) as image:
        assert max(image.size) == 1600 and not image.getexif()
    assert "jalan" not in photos[0].image.name
    assert photos[1].image.url in client.get(usulan.get_absolute_url()).content.decode()


def test_a_photo_that_is_not_an_image_is_refused_with_the_text_kept(resident, fields, cycle):
    fake = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 bukan foto", "image/jpeg")
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields, photos=[fake]))
    page = response.content.decode()
    assert response.status_code == 400 and "Isi berkas ini bukan gambar." in page
    assert "Pilih fotonya lagi" in page and 'value="Jembatan ulin penyeberangan"' in page
    assert not Usulan.objects.exists()


def test_at_most_three_photos(resident, fields, cycle):
    photos = [files.png(f"foto{n}.png") for n in range(4)]
    response = client_for(resident).post(reverse("musrenbang:create"), form_with(fields, photos=photos))
    assert "Paling banyak 3 foto." in response.content.decode() and not Usulan.objects.exists()


def test_worklist_runs_a_fixed_number_of_queries(make_usulan, deciders, django_assert_max_num_queries, settings):
    settings.MUSRENBANG_USULAN_PER_DAY = 50
    for n in range(25):
        make_usulan(title=f"Usulan {n}")
    client = client_for(deciders.bappeda)
    with django_assert_max_num_queries(9):
        response = client.get(reverse("musrenbang:worklist"))
    assert response.context["page"].paginator.count == 25 and len(response.context["page"].object_list) == 20


def test_decision_page_warns_when_the_stage_is_locked(make_usulan, deciders, cycle):
    usulan = make_usulan()
    path = reverse("musrenbang:decide", args=[usulan.code])
    assert "sedang terkunci" not in client_for(deciders.desa).get(path).content.decode()
    StageWindow.objects.filter(cycle=cycle, stage="rt_rw").update(ends_on=timezone.localdate() - timedelta(days=1))
    assert "sedang terkunci" in client_for(deciders.desa).get(path).content.decode()


def test_funnel_figures_are_shared_for_a_minute_and_rows_stay_fresh(make_usulan, client, settings):
    settings.MUSRENBANG_FUNNEL_CACHE_SECONDS = 60
    make_usulan(title="Usulan pertama")
    assert "1 usulan" in client.get(reverse("musrenbang:index")).content.decode()
    make_usulan(title="Usulan kedua")
    page = client.get(reverse("musrenbang:index")).content.decode()
    # The figures are the minute-old ones; the rows are read fresh.
    assert "1 usulan" in page and "Usulan kedua" in page
    # Other filters are other figures.
    assert "2 usulan" in client.get(reverse("musrenbang:index"), {"tahap": "rt_rw"}).content.decode()


def test_desa_filter_lists_desa_under_their_kecamatan_and_only_the_chosen_kecamatans(region, client):
    page = client.get(reverse("musrenbang:index")).content.decode()
    assert '<optgroup label="Tenggarong">' in page and '<optgroup label="Samboja">' in page
    narrowed = client.get(reverse("musrenbang:index"), {"kecamatan": region.samboja.pk}).content.decode()
    desa_select = narrowed[narrowed.index('name="desa"') : narrowed.index("</select>", narrowed.index('name="desa"'))]
    assert "Kampung Lama" in desa_select and "Maluhu" not in desa_select


@pytest.mark.parametrize("typed", ["9" * 5000, "9" * 30, "-1", "abc", "\uff11\uff12"])
def test_any_kecamatan_typed_in_the_address_gives_the_list_never_an_error(typed, region, client):
    response = client.get(reverse("musrenbang:index"), {"kecamatan": typed})
    assert response.status_code == 200
    assert "Tidak ada usulan yang cocok dengan saringan ini." in response.content.decode()
