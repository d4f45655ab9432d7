"""`manage.py seed_demo` put together: every app's demo part, in the order they depend on each other. The only
module that knows every app (the `demo` app is the top of the import graph); each app keeps its own content in
its `<app>/demo.py`."""

from accounts import demo as accounts_demo
from accounts.models import AgeGroup, Disability, Gender
from agenda import demo as agenda_demo
from insight import demo as insight_demo
from konsultasi import demo as konsultasi_demo
from musrenbang import demo as musrenbang_demo
from pengaduan import demo as pengaduan_demo
from pengumuman import demo as pengumuman_demo
from perencanaan import demo as perencanaan_demo
from pustaka import demo as pustaka_demo
from rpjpd import demo as rpjpd_demo
from wilayah import demo as wilayah_demo

DEMO_PASSWORD = accounts_demo.DEMO_PASSWORD


def seed_all() -> list[tuple[str, str]]:
    """Fill every app with demo content; the logins to print, as (role, username)."""
    wilayah_demo.seed_agencies()
    wilayah_demo.seed_region_profile()
    citizen = accounts_demo.seed_user(
        "warga.demo",
        display_name="Siti Aminah",
        email="warga.demo@example.org",
        kecamatan="Tenggarong",
        desa="Maluhu",
        gender=Gender.FEMALE,
        age_group=AgeGroup.FROM_30_TO_44,
        disability=Disability.NO,
    )
    second = accounts_demo.seed_user(
        "warga.dua", display_name="Budi Santoso", email="warga.dua@example.org", kecamatan="Samboja", gender=Gender.MALE
    )
    experts = konsultasi_demo.seed_experts(kecamatan="Tenggarong")
    staff = accounts_demo.seed_staff_member("staf.demo", display_name="Staf Bappeda", kecamatan="Tenggarong")
    pustaka_demo.seed()
    rpjpd_demo.seed(authors=[citizen, second])
    konsultasi_demo.seed(citizen=citizen)
    perencanaan_demo.seed()
    operators = musrenbang_demo.seed(citizen=citizen)
    pengaduan_demo.seed(citizen=citizen)
    operators += [("pengelola pengaduan", "pengaduan.demo"), ("penghubung PUPR", "pupr.demo")]
    pengumuman_demo.seed()
    agenda_demo.seed(citizen=citizen)
    insight_demo.seed()
    return [
        ("warga", citizen.username),
        ("pakar", experts[0].user.username),
        ("staf Bappeda", staff.username),
        *operators,
    ]
