"""The rules of replying, editing, removing, reporting and moderating (services and models)."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from rpjpd import services
from rpjpd.models import Reply, Topic
from rpjpd.reading import whole_thread
from rpjpd.services import ReplyRefused
from tests.helpers import make_user

pytestmark = pytest.mark.django_db


def reply(topic, author, body="Tanggapan", parent=None):
    return services.reply_create(topic=topic, author=author, body=body, parent=parent)


def test_replies_form_a_thread_stored_as_a_path(topic, citizen, citizen2):
    first = reply(topic, citizen)
    answer = reply(topic, citizen2, parent=first)
    deeper = reply(topic, citizen, parent=answer)
    assert (first.depth, answer.depth, deeper.depth) == (0, 1, 2)
    assert deeper.root_id == answer.root_id == first.pk
    assert deeper.path == f"{first.pk:010d}{answer.pk:010d}{deeper.pk:010d}"
    assert deeper.ancestor_ids == [first.pk, answer.pk]
    later_sibling = reply(topic, citizen2, parent=first)
    assert list(Reply.objects.in_threads([first.pk])) == [answer, deeper, later_sibling]


def test_replies_deeper_than_three_levels_show_flat_with_whom_they_answer(topic, citizen, citizen2):
    level1 = reply(topic, citizen)
    level2 = reply(topic, citizen2, parent=level1)
    level3 = reply(topic, citizen, parent=level2)
    level4 = reply(topic, citizen2, parent=level3)
    level5 = reply(topic, citizen, parent=level4)
    shown = whole_thread(level1)
    level3_node = shown.children[0].children[0]
    assert level3_node.reply == level3
    assert [node.reply for node in level3_node.children] == [level4, level5]
    assert level3_node.children[0].answering is None  # answers level 3 itself, which it sits under
    assert level3_node.children[1].answering == level4


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "draft"}, "sudah ditutup"),
        ({"is_open": False}, "sudah ditutup"),
        ({"closes_at": timezone.now() - timedelta(minutes=1)}, "sudah ditutup"),
    ],
)
def test_closed_or_draft_topics_refuse_replies(topic, citizen, change, message):
    for field, value in change.items():
        setattr(topic, field, value)
    topic.save()
    with pytest.raises(ReplyRefused, match=message):
        reply(topic, citizen)
    assert not Reply.objects.exists()


def test_topic_with_a_future_closing_date_still_accepts_replies(topic, citizen):
    topic.closes_at = timezone.now() + timedelta(days=1)
    topic.save()
    assert reply(topic, citizen).pk


@pytest.mark.parametrize(
    ("body", "message"),
    [("", "tidak boleh kosong"), ("   \n\t ", "tidak boleh kosong"), ("x" * 3001, "paling banyak 3000")],
)
def test_body_must_be_1_to_3000_characters_after_trimming(topic, citizen, body, message):
    with pytest.raises(ReplyRefused, match=message):
        reply(topic, citizen, body=body)


def test_body_is_trimmed_and_keeps_3000_characters(topic, citizen):
    made = reply(topic, citizen, body="  " + "y" * 3000 + "\n ")
    assert made.body == "y" * 3000


def test_a_resubmitted_form_creates_one_reply(topic, citizen):
    token = uuid.uuid4()
    first = services.reply_create(topic=topic, author=citizen, body="Sekali saja", submission_token=token)
    again = services.reply_create(topic=topic, author=citizen, body="Sekali saja", submission_token=token)
    assert first == again
    assert Reply.objects.count() == 1


def hide_or_remove(parent: Reply, state: str) -> None:
    if state == "removed":
        parent.remove_by_author()
    else:
        parent.status = {"hidden": Reply.Status.HIDDEN, "pending": Reply.Status.PENDING_REVIEW}[state]
        parent.save(update_fields=["status"])


@pytest.mark.parametrize("state", ["hidden", "pending", "removed"])
def test_no_answer_under_a_hidden_pending_or_deleted_reply(topic, citizen, citizen2, state):
    parent = reply(topic, citizen, body="Yang disembunyikan")
    hide_or_remove(parent, state)
    with pytest.raises(ReplyRefused, match="disembunyikan atau dihapus"):
        reply(topic, citizen2, body="Jawaban di bawahnya", parent=parent)
    assert list(Reply.objects.all()) == [parent]


def test_answers_are_possible_again_once_a_moderator_restores_the_reply(topic, citizen, citizen2, staff):
    parent = reply(topic, citizen)
    hide_or_remove(parent, "hidden")
    services.reply_restore(reply=parent, moderator=staff, reason="Tidak melanggar")
    assert reply(topic, citizen2, parent=parent).parent_id == parent.pk


def test_replies_are_rate_limited_per_person(topic, citizen, citizen2, settings):
    settings.RPJPD_REPLIES_PER_MINUTE = 5
    for number in range(5):
        reply(topic, citizen, body=f"Tanggapan {number}")
    with pytest.raises(ReplyRefused, match="Tunggu sebentar"):
        reply(topic, citizen)
    assert reply(topic, citizen2).pk  # others are not affected
    Reply.objects.filter(author=citizen).update(created_at=timezone.now() - timedelta(minutes=2))
    assert reply(topic, citizen).pk  # a minute later it works again


def test_author_edits_within_15_minutes_and_it_is_marked(topic, citizen):
    made = reply(topic, citizen, body="Salah ketik")
    services.reply_edit(reply=made, editor=citizen, body="Sudah dibetulkan")
    made.refresh_from_db()
    assert made.body == "Sudah dibetulkan" and made.edited_at is not None


def test_edit_after_15_minutes_is_refused(topic, citizen):
    made = reply(topic, citizen)
    Reply.objects.filter(pk=made.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    made.refresh_from_db()
    with pytest.raises(ReplyRefused, match="15 menit"):
        services.reply_edit(reply=made, editor=citizen, body="Terlambat")


def test_nobody_else_may_edit_or_remove_a_reply(topic, citizen, citizen2):
    made = reply(topic, citizen)
    with pytest.raises(ReplyRefused):
        services.reply_edit(reply=made, editor=citizen2, body="Bukan milik saya")
    with pytest.raises(ReplyRefused):
        services.reply_remove(reply=made, remover=citizen2)
    made.refresh_from_db()
    assert made.body == "Tanggapan" and not made.is_removed


def test_removed_reply_loses_its_text_but_keeps_its_answers(topic, citizen, citizen2):
    made = reply(topic, citizen, body="Akan saya hapus")
    answer = reply(topic, citizen2, parent=made)
    services.reply_remove(reply=made, remover=citizen)
    made.refresh_from_db()
    assert made.is_removed and made.body == ""
    assert whole_thread(made).children[0].reply == answer


def test_reports_hide_a_reply_pending_review_at_the_threshold(topic, citizen, citizen2, settings):
    settings.RPJPD_REPORTS_TO_HIDE = 3
    made = reply(topic, citizen)
    reporters = [citizen2, make_user("r2", display_name="R2"), make_user("r3", display_name="R3")]
    assert services.reply_report(reply=made, reporter=reporters[0], reason="spam")
    assert not services.reply_report(reply=made, reporter=reporters[0], reason="kasar")  # once per person
    services.reply_report(reply=made, reporter=reporters[1], reason="kasar")
    made.refresh_from_db()
    assert (made.report_count, made.status) == (2, Reply.Status.VISIBLE)
    services.reply_report(reply=made, reporter=reporters[2], reason="tidak_relevan")
    made.refresh_from_db()
    assert (made.report_count, made.status) == (3, Reply.Status.PENDING_REVIEW)


def test_nobody_reports_their_own_reply(topic, citizen):
    with pytest.raises(ReplyRefused):
        services.reply_report(reply=reply(topic, citizen), reporter=citizen, reason="spam")


def test_staff_hide_and_restore_with_a_reason_the_author_receives(
    topic, citizen, staff, django_capture_on_commit_callbacks
):
    made = reply(topic, citizen, body="Tanggapan yang dipersoalkan")
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_hide(reply=made, moderator=staff, reason="Mengandung data pribadi orang lain.")
    assert made.status == Reply.Status.HIDDEN
    assert mail.outbox[-1].to == ["siti@contoh.id"]
    assert "Mengandung data pribadi orang lain." in mail.outbox[-1].body
    assert "disembunyikan" in mail.outbox[-1].subject

    with django_capture_on_commit_callbacks(execute=True):
        services.reply_restore(reply=made, moderator=staff, reason="Data pribadi sudah tidak ada.")
    assert made.status == Reply.Status.VISIBLE and made.report_count == 0
    assert "ditampilkan kembali" in mail.outbox[-1].subject


def test_moderation_needs_a_reason(topic, citizen, staff):
    with pytest.raises(ReplyRefused, match="alasan"):
        services.reply_hide(reply=reply(topic, citizen), moderator=staff, reason="  ")


def test_reply_to_a_reply_from_another_topic_is_refused(topic, section, citizen):
    other = Topic.objects.create(section=section, title="Lain", slug="lain", body="x", status="published")
    with pytest.raises(ReplyRefused, match="tidak ada di topik ini"):
        reply(topic, citizen, parent=reply(other, citizen))
