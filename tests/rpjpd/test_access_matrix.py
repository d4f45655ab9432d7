"""Every RPJPD URL for every member of the cast. Private actions on someone else's reply are 404."""

import pytest
from django.urls import reverse

from rpjpd import services
from rpjpd.models import Reply
from tests.helpers import client_for

pytestmark = pytest.mark.django_db
EVERYONE = ["anonymous", "citizen", "citizen2", "expert", "expert2", "staff"]


@pytest.fixture
def replies(topic, draft_topic, cast):
    own = services.reply_create(topic=topic, author=cast["citizen"], body="Milik Siti")
    hidden_draft_reply = Reply.objects.create(topic=draft_topic, author=cast["staff"], body="Uji draf", path="")
    hidden_draft_reply.place_in_thread()
    return {"own": own, "draft": hidden_draft_reply}


def status(cast, role, url, method="get", data=None):
    client = client_for(cast[role])
    return getattr(client, method)(url, data or {}).status_code


@pytest.mark.parametrize("role", EVERYONE)
def test_public_reading_pages(cast, role, topic, replies):
    reply = replies["own"]
    assert status(cast, role, reverse("rpjpd:index")) == 200
    assert status(cast, role, reverse("rpjpd:section", args=[topic.section.slug])) == 200
    assert status(cast, role, reverse("rpjpd:topic", args=[topic.section.slug, topic.slug])) == 200
    assert status(cast, role, reverse("rpjpd:thread", args=[reply.pk])) == 200
    assert status(cast, role, reverse("rpjpd:reply", args=[reply.pk])) == 302


@pytest.mark.parametrize("role", EVERYONE)
def test_draft_topic_and_its_replies_are_staff_only(cast, role, draft_topic, replies):
    expected = 200 if role == "staff" else 404
    draft_reply = replies["draft"]
    assert status(cast, role, reverse("rpjpd:topic", args=[draft_topic.section.slug, draft_topic.slug])) == expected
    assert status(cast, role, reverse("rpjpd:thread", args=[draft_reply.pk])) == expected
    assert status(cast, role, reverse("rpjpd:reply", args=[draft_reply.pk])) == (302 if role == "staff" else 404)


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("name", ["rpjpd:edit", "rpjpd:delete"])
def test_only_the_author_edits_or_deletes_others_get_404(cast, role, name, replies):
    url = reverse(name, args=[replies["own"].pk])
    if role == "anonymous":
        assert status(cast, role, url) == 302  # to "Masuk"
        assert status(cast, role, url, "post", {"body": "x"}) == 302
    elif role == "citizen":
        assert status(cast, role, url) == 200
    else:
        assert status(cast, role, url) == 404
        assert status(cast, role, url, "post", {"body": "Diubah orang lain"}) == 404
    reply = Reply.objects.get(pk=replies["own"].pk)
    assert reply.body == "Milik Siti" and not reply.is_removed


@pytest.mark.parametrize("role", EVERYONE)
@pytest.mark.parametrize("name", ["rpjpd:answer", "rpjpd:report"])
def test_answering_and_reporting_need_an_account(cast, role, name, replies):
    response = client_for(cast[role]).get(reverse(name, args=[replies["own"].pk]))
    if role == "anonymous":
        assert response.status_code == 302 and reverse("account_login") in response["Location"]
    else:
        assert response.status_code == 200


@pytest.mark.parametrize("role", [r for r in EVERYONE if r != "staff"])
@pytest.mark.parametrize("name", ["rpjpd:answer", "rpjpd:report", "rpjpd:edit", "rpjpd:delete"])
def test_actions_on_replies_in_draft_topics_are_404_for_non_staff(cast, role, name, replies):
    response = client_for(cast[role]).get(reverse(name, args=[replies["draft"].pk]))
    assert response.status_code == (302 if role == "anonymous" else 404)


@pytest.mark.parametrize("role", EVERYONE)
def test_unknown_reply_is_404_everywhere(cast, role):
    for name in ["rpjpd:reply", "rpjpd:thread"]:
        assert status(cast, role, reverse(name, args=[999999])) == 404


@pytest.mark.parametrize("name", ["rpjpd:answer", "rpjpd:edit", "rpjpd:delete", "rpjpd:report"])
def test_state_changes_refuse_get_side_effects(cast, name, replies):
    """GET only shows a form: nothing changes until the form is posted."""
    client_for(cast["citizen"]).get(reverse(name, args=[replies["own"].pk]))
    reply = Reply.objects.get(pk=replies["own"].pk)
    assert (reply.body, reply.report_count, reply.is_removed) == ("Milik Siti", 0, False)
    assert Reply.objects.count() == 2
