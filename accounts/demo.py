"""Demo data for `manage.py seed_demo`: realistic, idempotent, never used by the tests' assertions."""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import AgeGroup, Desa, Disability, Gender, Kecamatan, RegionProfile, User
from accounts.permissions import staff_group_ensure
from insight import demo as insight_demo
from konsultasi import demo as konsultasi_demo
from konsultasi.models import Expert
from pustaka import demo as pustaka_demo
from rpjpd import demo as rpjpd_demo

DEMO_PASSWORD = "RuangRunding2045"  # noqa: S105 — demo accounts only; seed_demo prints it

REGION = {
    "name": "Kabupaten Kutai Kartanegara",
    "short_name": "Kukar",
    "agency_name": "Badan Perencanaan Pembangunan Daerah Kabupaten Kutai Kartanegara",
    "contact_email": "ruangrunding@example.org",
    "contact_phones": "082346721643, 085104041000, 08125888010",
    "address": "Kantor Bappeda, Tenggarong, Kutai Kartanegara, Kalimantan Timur",
}

EXPERTS = [
    ("pakar.demo", "Dr. Ir. Rahmawati Said, M.Si.", "Universitas Mulawarman", "rahmawati"),
    ("pakar.tani", "Prof. Dr. Hendra Kusuma, S.P., M.P.", "Universitas Kutai Kartanegara", "hendra"),
    ("pakar.kota", "Andi Pratama, S.T., M.T., Ph.D.", "Institut Teknologi Kalimantan", "andi"),
]
EXPERT_BIOS = {
    "pakar.demo": "Peneliti kebijakan publik dan tata kelola pemerintahan daerah; 15 tahun mendampingi penyusunan "
    "dokumen perencanaan di Kalimantan Timur.",
    "pakar.tani": "Guru besar agribisnis; meneliti ketahanan pangan, perkebunan rakyat dan irigasi desa.",
    "pakar.kota": "Perencana wilayah dan kota; fokus pada transportasi, permukiman tepian sungai dan mitigasi banjir.",
}


def seed_all() -> list[tuple[str, str]]:
    seed_region_profile()
    citizen = seed_user(
        "warga.demo",
        display_name="Siti Aminah",
        email="warga.demo@example.org",
        kecamatan="Tenggarong",
        desa="Maluhu",
        gender=Gender.FEMALE,
        age_group=AgeGroup.FROM_30_TO_44,
        disability=Disability.NO,
    )
    second = seed_user(
        "warga.dua", display_name="Budi Santoso", email="warga.dua@example.org", kecamatan="Samboja", gender=Gender.MALE
    )
    for username, full_name, institution, _slug in EXPERTS:
        user = seed_user(username, display_name=full_name, email=f"{username}@example.org", kecamatan="Tenggarong")
        Expert.objects.update_or_create(
            user=user,
            defaults={"full_name": full_name, "institution": institution, "bio": EXPERT_BIOS[username]},
        )
    staff = seed_user("staf.demo", display_name="Staf Bappeda", email="staf.demo@example.org", kecamatan="Tenggarong")
    staff.is_staff = True
    staff.save(update_fields=["is_staff"])
    staff.groups.add(seed_staff_group())
    pustaka_demo.seed()
    rpjpd_demo.seed(authors=[citizen, second])
    konsultasi_demo.seed(citizen=citizen)
    insight_demo.seed()
    return [("warga", citizen.username), ("pakar", EXPERTS[0][0]), ("staf Bappeda", staff.username)]


def seed_region_profile() -> RegionProfile:
    profile = RegionProfile.objects.first() or RegionProfile()
    for field, value in REGION.items():
        setattr(profile, field, value)
    profile.save()
    return profile


def seed_user(username: str, *, display_name: str, email: str, kecamatan: str, desa: str = "", **extra) -> User:
    user, _created = User.objects.get_or_create(username=username, defaults={"email": email})
    user.email = email
    user.display_name = display_name
    user.kecamatan = Kecamatan.objects.get(name=kecamatan)
    user.desa = Desa.objects.filter(kecamatan=user.kecamatan, name=desa).first() if desa else None
    for field, value in extra.items():
        setattr(user, field, value)
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed_staff_group() -> Group:
    # Exactly the permissions docs/roles.md lists; reading private consultations is never among them.
    return staff_group_ensure()
