"""Load-test data: 50 citizens signed in (their session keys), a topic, a reply to answer (its author wants
e-mail), and three experts. Prints one JSON line."""

import io
import json

import django

django.setup()

from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.test import Client  # noqa: E402
from PIL import Image  # noqa: E402

from accounts.models import User  # noqa: E402
from konsultasi import services as konsultasi_services  # noqa: E402
from konsultasi.models import Expert  # noqa: E402
from konsultasi.uploads import check_attachment  # noqa: E402
from pustaka import services as pustaka_services  # noqa: E402
from pustaka.demo import text_pdf  # noqa: E402
from pustaka.models import Category, Document, DocumentType  # noqa: E402
from pustaka.uploads import check_library_file  # noqa: E402
from rpjpd import services  # noqa: E402
from rpjpd.models import Section, Topic  # noqa: E402

CITIZENS = 50

citizens = [
    User.objects.create_user(f"beban{n}", email=f"beban{n}@contoh.id", password=None, display_name=f"Warga Beban {n}")
    for n in range(CITIZENS)
]
experts = []
for n in range(3):
    user = User.objects.create_user(f"pakar{n}", email=f"pakar{n}@contoh.id", password=None, display_name=f"Pakar {n}")
    experts.append(Expert.objects.create(user=user, full_name=f"Dr. Pakar {n}", institution="Universitas Mulawarman"))
author = User.objects.create_user("penulis", email="penulis@contoh.id", password=None, display_name="Penulis")
topic = Topic.objects.create(
    section=Section.objects.get(slug="isu-strategis-daerah"),
    title="Uji beban",
    slug="uji-beban",
    body="Topik untuk uji beban.",
    status=Topic.Status.PUBLISHED,
)
parent = services.reply_create(topic=topic, author=author, body="Tanggapan yang akan dibalas.")
# A library file and a consultation attachment, so the backup has media to carry.
upload = SimpleUploadedFile("perda-irigasi.pdf", text_pdf(["Irigasi desa."]), "application/pdf")
document = Document.objects.create(
    category=Category.objects.first(), document_type=DocumentType.objects.first(), year=2024, title="Perda Irigasi"
)
pustaka_services.file_add(document=document, checked=check_library_file(upload))
picture = io.BytesIO()
Image.new("RGB", (40, 30), (10, 90, 70)).save(picture, format="PNG")
question = konsultasi_services.consultation_open(
    citizen=author, expert=experts[0], subject="Lampiran", body="Foto terlampir."
)
konsultasi_services.message_post(
    consultation=question,
    author=author,
    body="Fotonya.",
    attachment=check_attachment(SimpleUploadedFile("sumur.png", picture.getvalue(), "image/png")),
)
sessions = []
for citizen in citizens:
    client = Client()
    client.force_login(citizen)
    sessions.append(client.cookies["sessionid"].value)
print(
    json.dumps(
        {
            "sessions": sessions,
            "topic": topic.get_absolute_url(),
            "reply_to_topic": f"{topic.get_absolute_url()}balas/",
            "answer": f"/rpjpd/balasan/{parent.pk}/balas/",
            "experts": [expert.pk for expert in experts],
            "notified": author.email,
        }
    )
)
