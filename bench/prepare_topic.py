"""Load the benchmark's data: a published topic with 2,000 replies in a random tree, and a library of 10,000
documents. Prints a signed-in reader's session key and the topic's URL."""

import django

django.setup()

from django.test import Client  # noqa: E402

from accounts.models import User  # noqa: E402
from pustaka.demo import generate_documents  # noqa: E402
from rpjpd.demo import generate_reply_tree  # noqa: E402
from rpjpd.models import Section, Topic  # noqa: E402

REPLIES = 2000

authors = [
    User.objects.get_or_create(username=f"bench{n}", defaults={"display_name": f"Warga Uji {n}"})[0] for n in range(60)
]
section = Section.objects.get(slug="isu-strategis-daerah")
topic = Topic.objects.create(
    section=section,
    title="Banjir di sepanjang Sungai Mahakam",
    slug="banjir-bench",
    body="Ceritakan pengalaman **banjir** di kampung Anda: kapan datang, berapa lama, apa yang paling dirugikan.",
    status=Topic.Status.PUBLISHED,
)
generate_reply_tree(topic=topic, count=REPLIES, authors=authors)
generate_documents(10_000)
# A signed-in reader's session, for the second measurement (signed-in pages are never cached).
reader = Client()
reader.force_login(authors[0])
print(reader.cookies["sessionid"].value)
print(topic.get_absolute_url())
