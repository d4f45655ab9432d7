"""Demo planning documents for Kukar: a few RPJMD priorities and Renstra programmes and activities of the agencies
the demo usulan go to. Codes follow the national nomenclature (Kepmendagri 050-5889/2021); the priorities and
their wording are illustrative, not Kukar's RPJMD. Safe to run again."""

from perencanaan.models import Activity, Programme, RpjmdPriority
from wilayah.demo import seed_agencies
from wilayah.models import Agency

PRIORITIES = [
    ("P1", "Infrastruktur dasar dan konektivitas antarwilayah"),
    ("P2", "Kualitas sumber daya manusia: pendidikan dan kesehatan"),
    ("P3", "Ekonomi kerakyatan berbasis pertanian, perikanan dan pariwisata"),
    ("P4", "Tata kelola pemerintahan dan pelayanan publik"),
]
# (agency short name, programme code, programme name, RPJMD priority, [(activity code, activity name)])
PROGRAMMES = [
    (
        "Dinas PUPR",
        "1.03.10",
        "Program Penyelenggaraan Jalan",
        "P1",
        [("1.03.10.2.01", "Penyelenggaraan Jalan Kabupaten/Kota")],
    ),
    (
        "Dinas PUPR",
        "1.03.03",
        "Program Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum",
        "P1",
        [("1.03.03.2.01", "Pengelolaan dan Pengembangan Sistem Penyediaan Air Minum (SPAM) di Daerah Kabupaten/Kota")],
    ),
    (
        "Dinkes",
        "1.02.02",
        "Program Pemenuhan Upaya Kesehatan Perorangan dan Upaya Kesehatan Masyarakat",
        "P2",
        [
            (
                "1.02.02.2.01",
                "Penyediaan Fasilitas Pelayanan Kesehatan untuk UKM dan UKP Kewenangan Daerah Kabupaten/Kota",
            ),
            ("1.02.02.2.02", "Penyediaan Layanan Kesehatan untuk UKM dan UKP Rujukan Tingkat Daerah Kabupaten/Kota"),
        ],
    ),
    (
        "Dishub",
        "2.15.02",
        "Program Penyelenggaraan Lalu Lintas dan Angkutan Jalan (LLAJ)",
        "P1",
        [("2.15.02.2.02", "Penyediaan Perlengkapan Jalan di Jalan Kabupaten/Kota")],
    ),
    (
        "Diskan",
        "3.25.05",
        "Program Pengolahan dan Pemasaran Hasil Perikanan",
        "P3",
        [
            (
                "3.25.05.2.01",
                "Pembinaan Mutu dan Keamanan Hasil Perikanan bagi Usaha Pengolahan dan Pemasaran Skala Mikro",
            )
        ],
    ),
]
RPJMD_YEARS = (2026, 2031)


def seed() -> None:
    seed_agencies()
    priorities = {}
    for order, (code, name) in enumerate(PRIORITIES, start=1):
        priorities[code], _created = RpjmdPriority.objects.get_or_create(
            code=code,
            defaults={"name": name, "start_year": RPJMD_YEARS[0], "end_year": RPJMD_YEARS[1], "order": order},
        )
    for short_name, code, name, priority, activities in PROGRAMMES:
        agency = Agency.objects.get(short_name=short_name)
        programme, _created = Programme.objects.get_or_create(
            agency=agency, code=code, defaults={"name": name, "rpjmd_priority": priorities[priority]}
        )
        for activity_code, activity_name in activities:
            Activity.objects.get_or_create(programme=programme, code=activity_code, defaults={"name": activity_name})
