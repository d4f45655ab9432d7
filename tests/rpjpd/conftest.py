import pytest

from rpjpd.models import Section, Topic


@pytest.fixture
def section(db):
    return Section.objects.get(slug="isu-strategis-daerah")


@pytest.fixture
def topic(section):
    return Topic.objects.create(
        section=section,
        title="Banjir di sepanjang Sungai Mahakam",
        slug="banjir-mahakam",
        body="Ceritakan pengalaman **banjir** di kampung Anda.",
        status=Topic.Status.PUBLISHED,
    )


@pytest.fixture
def draft_topic(section):
    return Topic.objects.create(section=section, title="Rancangan", slug="rancangan", body="Draf", status="draft")
