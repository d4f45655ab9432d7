"""Demo topics and replies for `manage.py seed_demo` (idempotent: skipped once a topic exists)."""

import random
from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify

from pustaka.models import Document
from rpjpd import services
from rpjpd.models import PATH_SEGMENT, Reply, Section, Topic

TOPICS = [
    (
        "kata-kunci-visi",
        "Satu kata untuk daerah kita pada 2045",
        "Visi RPJPD merangkum ke mana daerah kita menuju dalam dua puluh tahun. Bappeda ingin mendengar **kata "
        "kunci** yang menurut Anda paling penting: *maju*, *sejahtera*, *berkelanjutan*, *berbudaya*, atau "
        "yang lain.\n\nTuliskan satu atau dua kata, dan ceritakan mengapa kata itu penting bagi keluarga dan "
        "kampung Anda.",
    ),
    (
        "isu-strategis-daerah",
        "Ekonomi sesudah batu bara",
        "Sebagian besar pendapatan daerah masih bergantung pada batu bara dan minyak bumi. Cadangan itu akan "
        "berkurang, dan permintaan dunia berubah.\n\n## Pertanyaan untuk Anda\n\n1. Usaha apa di kampung Anda "
        "yang bisa tumbuh menggantikannya?\n2. Apa yang menghambat: jalan, modal, pelatihan, atau pasar?",
    ),
    (
        "isu-strategis-daerah",
        "Banjir di sepanjang Sungai Mahakam",
        "Banjir musiman merendam permukiman tepian Sungai Mahakam dan anak-anak sungainya. Ceritakan "
        "pengalaman Anda: kapan banjir datang, berapa lama, dan apa yang paling dirugikan.",
    ),
    (
        "sasaran-pokok",
        "Ukuran keberhasilan layanan kesehatan desa",
        "Sasaran pokok harus bisa diukur. Menurut Anda, angka apa yang paling tepat menunjukkan bahwa layanan "
        "kesehatan di desa sudah baik pada 2045: jarak ke puskesmas, jumlah bidan desa, angka stunting, atau "
        "yang lain?",
    ),
]

CONVERSATION = [
    (
        None,
        "Kata saya: mandiri. Selama ini kita terlalu bergantung pada tambang; anak cucu harus bisa hidup dari "
        "pertanian, perikanan dan wisata sungai.",
    ),
    (
        0,
        "Setuju soal mandiri. Tapi jalan ke desa-desa hulu harus dibangun dulu, kalau tidak hasil panen tidak bisa "
        "dijual. Lihat juga https://example.org/jalan-desa",
    ),
    (1, "Di Tabang jalan memang masih sulit saat musim hujan."),
    (None, "Usul saya: lestari. Hutan dan sungai kita adalah modal utama."),
]


def seed(*, authors) -> None:
    if Topic.objects.exists():
        return
    for order, (section_slug, title, body) in enumerate(TOPICS, start=1):
        Topic.objects.create(
            section=Section.objects.get(slug=section_slug),
            title=title,
            slug=slugify(title)[:60],
            body=body,
            status=Topic.Status.PUBLISHED,
            order=order,
        )
    Topic.objects.get(slug=slugify("Ekonomi sesudah batu bara")[:60]).reading_materials.set(
        Document.objects.filter(document_type__slug="rpjmd")
    )
    Topic.objects.get(slug=slugify("Banjir di sepanjang Sungai Mahakam")[:60]).reading_materials.set(
        Document.objects.filter(title__icontains="banjir")
    )
    topic = Topic.objects.get(section__slug="kata-kunci-visi")
    made = []
    for index, (parent_index, body) in enumerate(CONVERSATION):
        parent = made[parent_index] if parent_index is not None else None
        author = authors[index % len(authors)]
        made.append(services.reply_create(topic=topic, author=author, body=body, parent=parent))


SENTENCES = [
    "Jalan desa kami rusak setiap musim hujan sehingga hasil kebun sulit dibawa ke pasar.",
    "Anak-anak muda perlu pelatihan keterampilan agar tidak semua bergantung pada tambang.",
    "Air bersih masih harus dibeli dari kapal, padahal kami tinggal di tepi sungai.",
    "Saya usul agar puskesmas pembantu di desa punya bidan yang menetap, bukan bergantian.",
    "Wisata sungai dan budaya Kutai bisa menjadi sumber penghasilan baru bila dikelola bersama.",
    "Harga pupuk mahal dan penyuluh pertanian jarang datang ke kampung kami.",
    "Sinyal internet di hulu Mahakam masih lemah, sekolah daring hampir tidak mungkin.",
    "Perlu ada pengawasan reklamasi lubang tambang agar tidak memakan korban lagi.",
]


def generate_reply_tree(*, topic: Topic, count: int, authors: list, seed: int = 2045, top_level_share: float = 0.3):
    """`count` replies in a random tree with realistic lengths, written in a few bulk queries (for load tests
    and the query-count test). Earlier replies are parents of later ones, as in a real discussion."""
    rng = random.Random(seed)  # noqa: S311 — demo data, not security
    start = timezone.now() - timedelta(days=30)
    replies = Reply.objects.bulk_create(
        Reply(
            topic=topic,
            author=authors[rng.randrange(len(authors))],
            body=" ".join(rng.choice(SENTENCES) for _ in range(rng.randint(1, 6))),
            created_at=start + timedelta(minutes=index * 7),
            path="",
        )
        for index in range(count)
    )
    for index, reply in enumerate(replies):
        own = f"{reply.pk:0{PATH_SEGMENT}d}"
        if index == 0 or rng.random() < top_level_share:
            reply.parent, reply.root_id, reply.path, reply.depth = None, reply.pk, own, 0
        else:
            parent = replies[rng.randrange(index)]
            reply.parent, reply.root_id = parent, parent.root_id
            reply.path, reply.depth = parent.path + own, parent.depth + 1
    Reply.objects.bulk_update(replies, ["parent", "root", "path", "depth"], batch_size=500)
    return replies
