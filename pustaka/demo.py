"""Demo library for `manage.py seed_demo` and generated documents for the benchmark."""

import random
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.utils.text import slugify

from pustaka import services
from pustaka.models import Category, Document, DocumentType, Subject
from pustaka.search import lexicon_refresh
from pustaka.uploads import check_library_file


def text_pdf(lines: list[str]) -> bytes:
    """A small, valid one-page PDF whose text a PDF reader can extract (written by hand: no dependency)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({escape(line)}) '" for line in lines) + " ET"
    stream = body.encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    output, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(output)


DOCUMENTS = [
    {
        "category": "regulasi",
        "type": "peraturan-daerah",
        "number": "7",
        "year": 2023,
        "title": "Pengelolaan Irigasi Desa",
        "about": "Pembagian air, pemeliharaan saluran dan peran petani pemakai air dalam jaringan irigasi desa.",
        "subjects": ["Irigasi", "Pertanian"],
        "abstract": "Peraturan ini mengatur pembangunan, pemeliharaan dan pembagian air irigasi di desa, serta peran "
        "perkumpulan petani pemakai air dan pemerintah desa dalam merawat saluran.",
        "text": [
            "Pasal 1: Irigasi desa adalah jaringan yang dibangun dan dirawat bersama oleh masyarakat desa.",
            "Pasal 2: Pemerintah desa membantu pemeliharaan saluran tersier.",
        ],
    },
    {
        "category": "dokumen-perencanaan",
        "type": "rpjmd",
        "number": "",
        "year": 2021,
        "title": "Rencana Pembangunan Jangka Menengah Daerah 2021–2026",
        "about": "Visi, misi, tujuan dan program prioritas daerah lima tahun.",
        "subjects": ["Perencanaan", "Infrastruktur"],
        "abstract": "Dokumen RPJMD memuat arah pembangunan lima tahun: membangun jalan desa, layanan kesehatan, "
        "pendidikan, dan ekonomi di luar pertambangan.",
        "text": ["Bab I Pendahuluan. RPJMD disusun untuk membangun daerah yang maju dan sejahtera."],
    },
    {
        "category": "rekomendasi-kebijakan",
        "type": "rekomendasi-kebijakan",
        "number": "",
        "year": 2024,
        "title": "Rekomendasi Pengendalian Banjir Sungai Mahakam",
        "about": "Pilihan kebijakan untuk mengurangi dampak banjir di permukiman tepian sungai.",
        "subjects": ["Kebencanaan", "Lingkungan"],
        "abstract": "Kajian ini merekomendasikan tata ruang tepian sungai, rumah panggung, dan sistem peringatan "
        "dini banjir berbasis desa.",
        "text": ["Banjir musiman di Tenggarong dan Kota Bangun merendam permukiman selama beberapa hari."],
    },
]


@transaction.atomic
def seed() -> None:
    if Document.objects.exists():
        return
    for spec in DOCUMENTS:
        document = Document.objects.create(
            category=Category.objects.get(slug=spec["category"]),
            document_type=DocumentType.objects.get(slug=spec["type"]),
            number=spec["number"],
            year=spec["year"],
            title=spec["title"],
            about=spec["about"],
            abstract=spec["abstract"],
            author_body="Kabupaten Kutai Kartanegara",
            place_enacted="Tenggarong",
            date_enacted=date(spec["year"], 6, 1),
            source="Bagian Hukum Sekretariat Daerah",
            is_published=True,
        )
        document.subjects.set(
            Subject.objects.get_or_create(slug=slugify(name), defaults={"name": name})[0] for name in spec["subjects"]
        )
        upload = SimpleUploadedFile(f"{slugify(spec['title'])}.pdf", text_pdf(spec["text"]), "application/pdf")
        services.file_add(document=document, checked=check_library_file(upload))
        services.document_refresh_search(document.pk)
    transaction.on_commit(lexicon_refresh)


TOPICS = [
    "irigasi",
    "jalan desa",
    "air bersih",
    "pendidikan",
    "kesehatan ibu dan anak",
    "banjir",
    "pertanian",
    "perikanan",
    "pariwisata sungai",
    "UMKM",
    "pertambangan",
    "reklamasi lahan",
    "stunting",
    "listrik desa",
    "transportasi sungai",
    "perkebunan sawit",
    "hutan adat",
    "sampah",
    "sanitasi",
    "penanggulangan kemiskinan",
]
VERBS = ["Pengelolaan", "Pembangunan", "Penyelenggaraan", "Perlindungan", "Pengembangan", "Penataan", "Pemberdayaan"]


def generate_documents(count: int, *, seed: int = 2045) -> None:
    """`count` published documents with realistic titles and abstracts, bulk-written, then indexed in one
    statement (for the benchmark)."""
    rng = random.Random(seed)  # noqa: S311 — demo data, not security
    categories, types = list(Category.objects.all()), list(DocumentType.objects.all())
    documents = []
    for number in range(count):
        topic, other = rng.choice(TOPICS), rng.choice(TOPICS)
        title = f"{rng.choice(VERBS)} {topic.capitalize()} di Kabupaten"
        rare = " Termasuk pencegahan kebakaran lahan gambut." if number % 100 == 0 else ""
        documents.append(
            Document(
                category=rng.choice(categories),
                document_type=rng.choice(types),
                number=str(number % 40 + 1),
                year=rng.randint(2005, 2025),
                title=title,
                about=f"{title} dan kaitannya dengan {other}.",
                abstract=f"Dokumen ini membahas {topic} dan {other}: kebutuhan warga, peran pemerintah desa dan "
                f"perangkat daerah, serta langkah membangun layanan yang lebih baik hingga tahun 2045.{rare}",
                is_published=True,
            )
        )
    Document.objects.bulk_create(documents, batch_size=1000)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE pustaka_document SET search_vector ="
                " setweight(to_tsvector('indonesian', title), 'A')"
                " || setweight(to_tsvector('indonesian', about), 'B')"
                " || setweight(to_tsvector('indonesian', abstract), 'C')"
                " WHERE search_vector IS NULL"
            )
            cursor.execute("ANALYZE pustaka_document")
        lexicon_refresh()
