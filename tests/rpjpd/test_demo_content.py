"""The demo's replies fit their topics: each topic has its own pool, its own keywords, and the seeded replies
come only from the pool of the topic they stand under."""

import io

import pytest
from django.core.management import call_command

from rpjpd.demo import TOPIC_BY_SLUG, TOPICS, words
from rpjpd.models import Reply

FLOODS = TOPIC_BY_SLUG["banjir-di-sepanjang-sungai-mahakam"]
FARMING = TOPIC_BY_SLUG["pangan-dari-sawah-dan-kebun-kita"]


def texts(topic) -> list[str]:
    return [*topic.replies, *(text for _parent, text in topic.conversation)]


def drawn_from(body: str, pool: list[str]) -> bool:
    """Whether `body` is nothing but sentences of `pool` joined by spaces."""
    rest = body
    while rest:
        match = next((text for text in pool if rest.startswith(text)), None)
        if match is None:
            return False
        rest = rest[len(match) :].lstrip(" ")
    return True


def test_no_reply_text_appears_in_the_pools_of_two_topics():
    seen: dict[str, str] = {}
    for topic in TOPICS:
        for text in texts(topic):
            assert seen.setdefault(text, topic.title) == topic.title, text
    assert len(TOPICS) >= 6 and all(len(topic.replies) >= 12 for topic in TOPICS)


def test_every_pooled_reply_uses_its_own_topics_keywords_and_no_other_topics():
    for topic in TOPICS:
        others = set().union(*(other.keywords for other in TOPICS if other is not topic))
        for text in texts(topic):
            assert words(text) & topic.keywords, f"{topic.title}: {text}"
            assert not words(text) & others, f"{topic.title}: {text} uses {words(text) & others}"


def test_flood_replies_say_nothing_about_farming():
    farming = FARMING.keywords | {"pupuk", "sawah", "irigasi", "panen", "bibit", "petani"}
    assert not any(words(text) & farming for text in texts(FLOODS))


@pytest.mark.django_db
def test_every_seeded_reply_comes_from_the_pool_of_its_own_topic():
    call_command("seed_demo", stdout=io.StringIO())
    replies = list(Reply.objects.select_related("topic"))
    assert len(replies) > 500
    topics_used = set()
    for reply in replies:
        topic = TOPIC_BY_SLUG[reply.topic.slug]
        assert drawn_from(reply.body, texts(topic)), f"{topic.title}: {reply.body}"
        topics_used.add(topic.slug)
    assert topics_used == set(TOPIC_BY_SLUG)
    flood_replies = [reply.body for reply in replies if reply.topic.slug == FLOODS.slug]
    assert flood_replies and not any(words(body) & FARMING.keywords for body in flood_replies)
