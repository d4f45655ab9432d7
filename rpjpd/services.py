"""Writes in the RPJPD consultation: replying, editing, removing, reporting and moderating."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_lock
from rpjpd import notifications
from rpjpd.models import MAX_DEPTH, Reply, Report, Topic
from ruangrunding.refusals import Refused
from ruangrunding.text import clean_text

BODY_MAX_LENGTH = 3000


ReplyRefused = Refused  # the portal has one refusal (ruangrunding.refusals); the old name stays


def reply_body_clean(*, body: str) -> str:
    return clean_text(body, label=_("Tanggapan"), maximum=BODY_MAX_LENGTH)


def reply_rate_check(*, author: User) -> None:
    """At most RPJPD_REPLIES_PER_MINUTE replies a minute per person, counted in the database itself so the
    limit holds across every worker and server. Call it holding the author's row (accounts user_lock), in the
    transaction that inserts the reply, or parallel requests all count the same number."""
    limit = settings.RPJPD_REPLIES_PER_MINUTE
    recent = Reply.objects.filter(author=author, created_at__gte=timezone.now() - timedelta(minutes=1)).count()
    if recent >= limit:
        raise Refused(
            _("Anda sudah mengirim %(limit)s tanggapan dalam satu menit terakhir. Tunggu sebentar, lalu kirim lagi.")
            % {"limit": limit}
        )


def reply_create(
    *,
    topic: Topic,
    author: User,
    body: str,
    parent: Reply | None = None,
    submission_token: uuid.UUID | None = None,
) -> Reply:
    if submission_token is not None:
        already = Reply.objects.filter(author=author, submission_token=submission_token).first()
        if already is not None:
            return already
    if not topic.accepts_replies:
        raise Refused(_("Topik ini sudah ditutup; tanggapan baru tidak dapat dikirim."))
    if parent is not None and parent.topic_id != topic.pk:
        raise Refused(_("Balasan yang ingin Anda tanggapi tidak ada di topik ini."))
    if parent is not None and not parent.is_shown:
        # Hidden by a moderator, waiting for review or deleted by its author: nothing to answer in public.
        raise Refused(_("Balasan ini disembunyikan atau dihapus; balasan baru di bawahnya tidak dapat dikirim."))
    if parent is not None and parent.depth >= MAX_DEPTH:
        raise Refused(_("Utas ini sudah terlalu panjang untuk dibalas lagi. Balaslah tanggapan di atasnya."))
    body = reply_body_clean(body=body)
    try:
        with transaction.atomic():
            user_lock(user=author)
            if submission_token is not None:
                # The same form sent twice at once: the second waited for the first; hand back its reply.
                already = Reply.objects.filter(author=author, submission_token=submission_token).first()
                if already is not None:
                    return already
            reply_rate_check(author=author)
            reply = Reply.objects.create(
                topic=topic, author=author, parent=parent, body=body, submission_token=submission_token
            )
            reply.place_in_thread()
    except IntegrityError:
        # The same form sent twice at the same moment: the first one won; hand back its reply.
        return Reply.objects.get(author=author, submission_token=submission_token)
    if parent is not None:
        transaction.on_commit(lambda: notifications.reply_answered(reply))
    return reply


def reply_edit(*, reply: Reply, editor: User, body: str) -> Reply:
    if reply.author_id != editor.pk:
        raise Refused(_("Anda hanya dapat menyunting tanggapan Anda sendiri."))
    if not reply.can_be_edited:
        raise Refused(_("Tanggapan hanya dapat disunting dalam 15 menit setelah dikirim."))
    reply.body = reply_body_clean(body=body)
    reply.edited_at = timezone.now()
    reply.save(update_fields=["body", "edited_at"])
    return reply


def reply_remove(*, reply: Reply, remover: User) -> Reply:
    if reply.author_id != remover.pk:
        raise Refused(_("Anda hanya dapat menghapus tanggapan Anda sendiri."))
    if not reply.is_removed:
        reply.remove_by_author()
    return reply


def reply_report(*, reply: Reply, reporter: User, reason: str) -> bool:
    """Record one person's report; at RPJPD_REPORTS_TO_HIDE reports the reply waits for a moderator.
    Returns False when this person had already reported it."""
    if reply.author_id == reporter.pk:
        raise Refused(_("Anda tidak dapat melaporkan tanggapan Anda sendiri."))
    with transaction.atomic():
        _report, created = Report.objects.get_or_create(reply=reply, reporter=reporter, defaults={"reason": reason})
        if not created:
            return False
        Reply.objects.filter(pk=reply.pk).update(report_count=F("report_count") + 1)
        reply.refresh_from_db(fields=["report_count", "status"])
        if reply.report_count >= settings.RPJPD_REPORTS_TO_HIDE and reply.status == Reply.Status.VISIBLE:
            reply.status = Reply.Status.PENDING_REVIEW
            reply.save(update_fields=["status"])
    return True


def reply_hide(*, reply: Reply, moderator: User, reason: str) -> Reply:
    return _moderate(reply=reply, moderator=moderator, reason=reason, status=Reply.Status.HIDDEN)


def reply_restore(*, reply: Reply, moderator: User, reason: str) -> Reply:
    return _moderate(reply=reply, moderator=moderator, reason=reason, status=Reply.Status.VISIBLE)


def _moderate(*, reply: Reply, moderator: User, reason: str, status: str) -> Reply:
    reason = (reason or "").strip()
    if not reason:
        raise Refused(_("Tuliskan alasan moderasi; penulis akan menerimanya lewat e-mail."))
    reply.status = status
    reply.moderation_reason = reason
    reply.moderated_by = moderator
    reply.moderated_at = timezone.now()
    if status == Reply.Status.VISIBLE:
        reply.report_count = 0  # reviewed: it leaves the moderation queue; the reports stay as history
    reply.save(update_fields=["status", "moderation_reason", "moderated_by", "moderated_at", "report_count"])
    transaction.on_commit(lambda: notifications.reply_moderated(reply))
    return reply
