"""Demo announcements (idempotent: an announcement whose title exists is left alone)."""

from datetime import timedelta

from django.utils import timezone

from pengumuman.models import Announcement
from wilayah.models import Desa, Kecamatan

# (title, body, kecamatan name or "", desa name or "", pinned, days since publication)
ANNOUNCEMENTS = [
    (
        "Pendaftaran peserta aktif Musrenbang Kabupaten dibuka",
        "Warga yang ingin ikut berbicara dalam **Musrenbang RKPD Kabupaten** dapat mendaftar di halaman Agenda. "
        "Tempat disediakan untuk perempuan, anak dan pemuda, penyandang disabilitas, komunitas, perguruan "
        "tinggi dan dunia usaha.\n\nSiaran langsung terbuka untuk semua warga.",
        "",
        "",
        True,
        2,
    ),
    (
        "Jadwal Musrenbang Kecamatan Tenggarong",
        "Musrenbang Kecamatan Tenggarong digelar di Aula Kantor Camat. Kepala desa dan lurah membawa daftar "
        "usulan prioritas hasil musrenbang desa/kelurahan.",
        "Tenggarong",
        "",
        False,
        5,
    ),
    (
        "Rapat koordinasi KIM dan pengelola website desa",
        "Diskominfo mengundang Kelompok Informasi Masyarakat (KIM) dan pengelola website desa se-Kecamatan "
        "Marang Kayu untuk rapat koordinasi penyebaran informasi publik. Pasang kotak pengumuman Ruang "
        "Runding di situs desa Anda: lihat halaman *Pasang di situs desa*.",
        "Marang Kayu",
        "",
        False,
        8,
    ),
    (
        "Sosialisasi RPJPD 2025–2045 di kelurahan",
        "Tim Bappeda menyosialisasikan rancangan akhir RPJPD di balai kelurahan. Bawa pertanyaan Anda.",
        "Tenggarong",
        "Maluhu",
        False,
        12,
    ),
]


def seed() -> int:
    now = timezone.now()
    made = 0
    for title, body, kecamatan_name, desa_name, pinned, days in ANNOUNCEMENTS:
        if Announcement.objects.filter(title=title).exists():
            continue
        kecamatan = Kecamatan.objects.filter(name=kecamatan_name).first() if kecamatan_name else None
        desa = Desa.objects.filter(kecamatan=kecamatan, name=desa_name).first() if kecamatan and desa_name else None
        Announcement.objects.create(
            title=title,
            body=body,
            kecamatan=kecamatan,
            desa=desa,
            pinned=pinned,
            publish_at=now - timedelta(days=days),
        )
        made += 1
    return made
