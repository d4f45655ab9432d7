"""The pages `make lighthouse` audits, on top of the demo data: a published topic with 2,000 replies, and a
signed-in session of the demo citizen (warga.demo) for "Konsultasi Saya". Prints one JSON line: the pages'
paths and the session key."""

import json

import django

django.setup()

from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from agenda.models import Event  # noqa: E402
from musrenbang.models import Usulan  # noqa: E402
from pengaduan.models import Complaint  # noqa: E402
from pustaka.models import Document  # noqa: E402
from rpjpd.demo import generate_reply_tree  # noqa: E402
from rpjpd.models import Section, Topic  # noqa: E402

citizen = User.objects.get(username="warga.demo")
authors = [
    User.objects.get_or_create(username=f"lighthouse{n}", defaults={"display_name": f"Warga Uji {n}"})[0]
    for n in range(40)
]
topic = Topic.objects.create(
    section=Section.objects.get(slug="isu-strategis-daerah"),
    title="Banjir di sepanjang Sungai Mahakam",
    slug="banjir-lighthouse",
    body="Ceritakan pengalaman **banjir** di kampung Anda: kapan datang, berapa lama, apa yang paling dirugikan.",
    status=Topic.Status.PUBLISHED,
)
generate_reply_tree(topic=topic, count=2000, authors=authors)

client = Client()
client.force_login(citizen)
print(
    json.dumps(
        {
            "pages": {
                "home": "/",
                "topic (2,000 replies)": topic.get_absolute_url(),
                "expert list": "/konsultasi/",
                "library search": "/pustaka/?q=irigasi",
                "document": Document.objects.published().order_by("pk").first().get_absolute_url(),
                "sign-in": reverse("account_login"),
                "Konsultasi Saya": reverse("konsultasi:mine"),
                "usulan": Usulan.objects.order_by("pk").first().get_absolute_url(),
                "complaint status": Complaint.objects.order_by("pk").first().tracking_url(),
                "event": Event.objects.published().order_by("pk").first().get_absolute_url(),
            },
            "signed_in": ["Konsultasi Saya"],
            "session": client.cookies["sessionid"].value,
        }
    )
)
