"""Kutai Kartanegara's profile and main agencies, for the demo (`manage.py seed_demo`)."""

from wilayah.models import Agency, RegionProfile

REGION = {
    "name": "Kabupaten Kutai Kartanegara",
    "short_name": "Kukar",
    "agency_name": "Badan Perencanaan Pembangunan Daerah Kabupaten Kutai Kartanegara",
    "contact_email": "ruangrunding@example.org",
    "contact_phones": "082346721643, 085104041000, 08125888010",
    "address": "Kantor Bappeda, Tenggarong, Kutai Kartanegara, Kalimantan Timur",
}

KIND = Agency.Kind
AGENCIES = [
    ("Sekretariat Daerah Kabupaten Kutai Kartanegara", "Setda", KIND.SECRETARIAT),
    ("Sekretariat Dewan Perwakilan Rakyat Daerah", "Setwan", KIND.SECRETARIAT),
    ("Inspektorat Daerah", "Inspektorat", KIND.INSPECTORATE),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", KIND.AGENCY),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", KIND.AGENCY),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", KIND.AGENCY),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", KIND.AGENCY),
    ("Dinas Pendidikan dan Kebudayaan", "Disdikbud", KIND.OFFICE),
    ("Dinas Kesehatan", "Dinkes", KIND.OFFICE),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "Dinas PUPR", KIND.OFFICE),
    ("Dinas Perumahan dan Kawasan Permukiman", "Disperkim", KIND.OFFICE),
    ("Dinas Sosial", "Dinsos", KIND.OFFICE),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil", KIND.OFFICE),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "DPMD", KIND.OFFICE),
    ("Dinas Pertanian dan Peternakan", "Distanak", KIND.OFFICE),
    ("Dinas Perikanan dan Kelautan", "Diskan", KIND.OFFICE),
    ("Dinas Lingkungan Hidup", "DLH", KIND.OFFICE),
    ("Dinas Perhubungan", "Dishub", KIND.OFFICE),
    ("Dinas Komunikasi dan Informatika", "Diskominfo", KIND.OFFICE),
    ("Dinas Pariwisata", "Dispar", KIND.OFFICE),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", KIND.OFFICE),
    ("Satuan Polisi Pamong Praja", "Satpol PP", KIND.UNIT),
]


def seed_agencies() -> int:
    """Add the demo agencies that are missing; returns how many were added (idempotent)."""
    added = 0
    for name, short_name, kind in AGENCIES:
        _, created = Agency.objects.get_or_create(name=name, defaults={"short_name": short_name, "kind": kind})
        added += created
    return added


def seed_region_profile() -> RegionProfile:
    profile = RegionProfile.objects.first() or RegionProfile()
    for field, value in REGION.items():
        setattr(profile, field, value)
    profile.save()
    return profile
