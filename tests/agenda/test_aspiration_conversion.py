"""Moderators turn a shortlisted aspiration into a draft usulan (Musrenbang) or a complaint (Pengaduan) with
one action, once; the link shows on both sides."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from agenda.models import Aspiration
from musrenbang.models import DECIDING_STAGES, Cycle, Field, Origin, StageWindow, Usulan
from pengaduan import services as pengaduan_services
from pengaduan.models import Category, Complaint
from tests.agenda.factories import make_event
from tests.helpers import client_for, make_user
from wilayah.models import Agency, Desa

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(kecamatan):
    kecamatan.code = "64.02.05"
    kecamatan.save()
    desa = Desa.objects.get(name="Maluhu")
    desa.code = "64.02.05.1001"
    desa.save()
    today = timezone.localdate()
    cycle = Cycle.objects.create(year=today.year + 1)
    for stage in DECIDING_STAGES:
        StageWindow.objects.create(
            cycle=cycle, stage=stage, starts_on=today - timedelta(days=5), ends_on=today + timedelta(days=5)
        )
    author = make_user("warga", display_name="Rahmat Hidayat", kecamatan=kecamatan, desa=desa)
    event = make_event("Musrenbang Kecamatan Tenggarong", days_ahead=-1, cycle=cycle, stage="kecamatan")
    aspiration = Aspiration.objects.create(
        event=event,
        author=author,
        body="Jalan lingkungan RT 03 Maluhu berlubang dan tergenang setiap hujan.",
        status=Aspiration.Status.PUBLISHED,
        shortlisted=True,
    )
    agency = Agency.objects.create(name="Dinas Pekerjaan Umum", short_name="Dinas PU", kind="dinas")
    return {
        "cycle": cycle,
        "desa": desa,
        "author": author,
        "event": event,
        "aspiration": aspiration,
        "field": Field.objects.get_or_create(slug="prasarana-wilayah", defaults={"name": "Prasarana Wilayah"})[0],
        "category": Category.objects.create(name="Jalan", agency=agency),
    }


@pytest.fixture
def moderator(db):
    user = make_user("moderator", display_name="Moderator Agenda", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="change_aspiration"))
    return user


def page(aspiration):
    return reverse("agenda:staff_aspiration", args=[aspiration.pk])


def usulan_post(setting, **changes):
    data = {
        "menjadi": "usulan",
        "usulan-cycle": setting["cycle"].pk,
        "usulan-desa": setting["desa"].pk,
        "usulan-problem": "Jalan lingkungan RT 03 berlubang.",
        "usulan-title": "Semenisasi jalan lingkungan RT 03",
        "usulan-description": "Jalan tanah 200 meter dipakai anak sekolah.",
        "usulan-kind": "fisik",
        "usulan-field": setting["field"].pk,
        "usulan-volume": "200",
        "usulan-unit": "meter",
        "usulan-estimated_cost": "150.000.000",
    }
    return {**data, **changes}


def complaint_post(setting, **changes):
    data = {
        "menjadi": "pengaduan",
        "pengaduan-kind": "pengaduan",
        "pengaduan-category": setting["category"].pk,
        "pengaduan-title": "Jalan lingkungan RT 03 berlubang",
        "pengaduan-description": "Disampaikan pada Musrenbang Kecamatan.",
        "pengaduan-desa": setting["desa"].pk,
    }
    return {**data, **changes}


def test_only_moderators_reach_the_conversion_page(setting, moderator, client, citizen, staff):
    url = page(setting["aspiration"])
    assert client.get(url).status_code == 302  # anonymous → "Masuk"
    for outsider in (citizen, staff, setting["author"]):
        assert client_for(outsider).get(url).status_code == 404
        assert client_for(outsider).post(url, usulan_post(setting)).status_code == 404
    assert not Usulan.objects.exists()
    html = client_for(moderator).get(url).content.decode()
    assert "Jadikan usulan Musrenbang" in html and "Jadikan pengaduan" in html


def test_the_form_takes_the_desa_from_the_authors_profile(setting, moderator):
    form = client_for(moderator).get(page(setting["aspiration"])).context["usulan_form"]
    assert form["desa"].initial == setting["desa"] and form["cycle"].initial == setting["cycle"].pk


def test_conversion_needs_the_csrf_token(setting, moderator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    assert strict.post(page(setting["aspiration"]), usulan_post(setting)).status_code == 403
    assert not Usulan.objects.exists()


def test_aspiration_becomes_one_draft_usulan_and_a_second_click_makes_none(setting, moderator):
    moderator_client = client_for(moderator)
    response = moderator_client.post(page(setting["aspiration"]), usulan_post(setting), follow=True)
    usulan = Usulan.objects.get()
    assert f"Aspirasi menjadi usulan {usulan.code}." in response.content.decode()
    assert usulan.origin == Origin.EVENT and usulan.stage == "rt_rw" and usulan.status == "dibahas"
    assert usulan.proposer == setting["author"] and usulan.recorded_by == moderator
    assert usulan.desa == setting["desa"] and usulan.code.startswith(f"{setting['cycle'].year}-6402-")
    again = moderator_client.post(page(setting["aspiration"]), usulan_post(setting), follow=True)
    assert f"Aspirasi ini sudah menjadi usulan {usulan.code}." in again.content.decode()
    again = moderator_client.post(page(setting["aspiration"]), complaint_post(setting), follow=True)
    assert Usulan.objects.count() == 1 and not Complaint.objects.exists()
    setting["aspiration"].refresh_from_db()
    assert setting["aspiration"].usulan == usulan


def test_the_usulan_and_the_aspiration_link_to_each_other(setting, moderator, client, django_assert_max_num_queries):
    client_for(moderator).post(page(setting["aspiration"]), usulan_post(setting))
    usulan = Usulan.objects.get()
    event_page = client.get(setting["event"].get_absolute_url()).content.decode()
    assert "Menjadi usulan" in event_page and usulan.get_absolute_url() in event_page
    with django_assert_max_num_queries(8):
        usulan_page = client.get(usulan.get_absolute_url()).content.decode()
    assert "aspirasi pada acara" in usulan_page and "Musrenbang Kecamatan Tenggarong" in usulan_page
    assert setting["event"].get_absolute_url() in usulan_page


def test_aspiration_becomes_one_complaint_through_the_forum_channel(setting, moderator, client):
    moderator_client = client_for(moderator)
    response = moderator_client.post(page(setting["aspiration"]), complaint_post(setting), follow=True)
    complaint = Complaint.objects.get()
    assert f"Aspirasi menjadi pengaduan {complaint.code}." in response.content.decode()
    assert complaint.channel == Complaint.Channel.FORUM and complaint.status == Complaint.Status.RECEIVED
    assert complaint.reporter == setting["author"] and complaint.recorded_by == moderator
    assert complaint.kecamatan == setting["desa"].kecamatan
    again = moderator_client.post(page(setting["aspiration"]), complaint_post(setting), follow=True)
    assert f"Aspirasi ini sudah menjadi pengaduan {complaint.code}." in again.content.decode()
    assert Complaint.objects.count() == 1 and not Usulan.objects.exists()
    assert f"Menjadi pengaduan {complaint.code}" in client.get(setting["event"].get_absolute_url()).content.decode()
    pengaduan_services.complaint_verify(complaint=complaint, actor=moderator)
    detail = client.get(reverse("pengaduan:detail", args=[complaint.code])).content.decode()
    assert "Berasal dari aspirasi pada acara" in detail and setting["event"].get_absolute_url() in detail


def test_without_a_desa_the_moderator_is_asked_to_choose_one(setting, moderator):
    setting["author"].desa = None
    setting["author"].save()
    response = client_for(moderator).post(page(setting["aspiration"]), usulan_post(setting, **{"usulan-desa": ""}))
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih desa/kelurahan: profil penulis aspirasi tidak mencatat desanya." in html
    assert "Semenisasi jalan lingkungan RT 03" in html  # what staff typed is kept
    assert not Usulan.objects.exists()


def test_only_a_shortlisted_shown_aspiration_can_be_converted(setting, moderator):
    aspiration = setting["aspiration"]
    Aspiration.objects.filter(pk=aspiration.pk).update(shortlisted=False)
    response = client_for(moderator).post(page(aspiration), complaint_post(setting), follow=True)
    assert "Masukkan aspirasi ini ke daftar pendek lebih dulu." in response.content.decode()
    Aspiration.objects.filter(pk=aspiration.pk).update(shortlisted=True, status=Aspiration.Status.HIDDEN)
    response = client_for(moderator).post(page(aspiration), usulan_post(setting), follow=True)
    assert "Aspirasi yang disembunyikan tidak dapat dijadikan usulan atau pengaduan." in response.content.decode()
    assert not Usulan.objects.exists() and not Complaint.objects.exists()


def test_a_closed_musrenbang_window_is_refused_on_the_form(setting, moderator):
    StageWindow.objects.filter(stage="rt_rw").update(ends_on=timezone.localdate() - timedelta(days=1))
    response = client_for(moderator).post(page(setting["aspiration"]), usulan_post(setting))
    assert response.status_code == 400 and "tidak sedang berjalan" in response.content.decode()
    assert not Usulan.objects.exists()
    setting["aspiration"].refresh_from_db()
    assert setting["aspiration"].usulan is None


def test_the_moderation_list_links_to_the_conversion_and_then_to_what_it_became(setting, moderator):
    changelist = reverse("admin:agenda_aspiration_changelist")
    html = client_for(moderator).get(changelist).content.decode()
    assert page(setting["aspiration"]) in html and "Jadikan usulan/pengaduan" in html
    client_for(moderator).post(page(setting["aspiration"]), usulan_post(setting))
    html = client_for(moderator).get(changelist).content.decode()
    assert f"usulan {Usulan.objects.get().code}" in html and "Jadikan usulan/pengaduan" not in html
