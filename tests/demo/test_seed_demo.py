import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from demo.seed import DEMO_PASSWORD
from insight import dashboard, periods
from konsultasi.models import Consultation, Expert, Message
from pustaka.models import Document, DocumentFile
from rpjpd.models import Reply, Topic
from wilayah.models import Kecamatan, RegionProfile

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_every_role_and_prints_their_logins(client):
    output = seed()
    for username in ["warga.demo", "pakar.demo", "staf.demo"]:
        assert username in output
    assert DEMO_PASSWORD in output
    assert User.objects.get(username="staf.demo").is_staff
    assert User.objects.get(username="pakar.demo").is_expert
    assert not User.objects.get(username="warga.demo").is_expert
    signed_in = client.post(reverse("account_login"), {"login": "warga.demo", "password": DEMO_PASSWORD}, follow=True)
    assert signed_in.context["user"].username == "warga.demo"


def test_seed_demo_is_idempotent():
    seed()
    models = [User, Expert, Kecamatan, RegionProfile, Topic, Reply, Consultation, Message, Document, DocumentFile]
    counts = [model.objects.count() for model in models]
    seed()
    assert [model.objects.count() for model in models] == counts
    assert RegionProfile.objects.count() == 1


def test_demo_staff_member_can_use_the_admin(client):
    seed()
    client.post(reverse("account_login"), {"login": "staf.demo", "password": DEMO_PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:wilayah_kecamatan_changelist")).status_code == 200
    assert client.get(reverse("admin:konsultasi_expert_changelist")).status_code == 200


def test_demo_content_fills_every_page(client):
    seed()
    assert "Kabupaten Kutai Kartanegara" in client.get(reverse("home")).content.decode()
    experts = client.get(reverse("konsultasi:index")).content.decode()
    assert "Universitas Mulawarman" in experts and "Dr. Ir. Rahmawati Said" in experts
    assert "082346721643" in client.get(reverse("guide")).content.decode()


def test_demo_staff_group_cannot_read_private_consultations():
    seed()
    staff = User.objects.get(username="staf.demo")
    assert staff.has_perm("rpjpd.change_reply")
    assert not staff.has_perm("konsultasi.read_private_consultation")


def test_demo_data_fills_the_staff_dashboard():
    seed()
    blocks = {block.slug: block for block in dashboard.blocks(periods.period_for(periods.ALL_TIME))}
    facts = {fact.label: fact.value for fact in blocks["partisipasi"].facts}
    assert facts["Peserta aktif (pernah menulis) dalam periode ini"] > 100
    assert facts["Tanggapan RPJPD dalam periode ini"] > 500
    kecamatan = next(f for f in blocks["jangkauan"].figures if f.slug == "per-kecamatan")
    assert len(kecamatan.highlighted_rows) == 3  # Tabang, Kembang Janggut and Muara Wis: nobody yet
    unfound = next(f for f in blocks["pustaka"].figures if f.slug == "pencarian-tanpa-hasil")
    assert unfound.rows[0][0] == "peta rawan banjir kecamatan"
    consultations = {fact.label: fact.value for fact in blocks["konsultasi"].facts}
    assert consultations["Konsultasi dibuka"] > 30 and consultations["Rata-rata penilaian (1–5)"] > 3


def test_seed_demo_prints_a_working_api_token_and_revokes_the_previous_one(client):
    import re

    first = re.search(r"Bearer (rr_\S+)'", seed()).group(1)
    second = re.search(r"Bearer (rr_\S+)'", seed()).group(1)
    listing = client.get("/api/v1/usulan", headers={"Authorization": f"Bearer {second}"})
    assert listing.status_code == 200 and "items" in listing.json()
    assert client.get("/api/v1/usulan", headers={"Authorization": f"Bearer {first}"}).status_code == 401
