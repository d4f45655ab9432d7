"""Writes in Konsultasi: opening a consultation, writing in it, closing it, inviting experts, recording
staff access."""

from datetime import timedelta

from allauth.account.forms import default_token_generator
from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import user_lock
from konsultasi import notifications
from konsultasi.models import AccessRecord, Consultation, Expert, Field, Message
from konsultasi.uploads import CheckedAttachment
from ruangrunding.refusals import Refused
from ruangrunding.text import clean_text
from ruangrunding.workflow import MoveRefused, status_move, status_record_created

SUBJECT_MAX = 150
BODY_MAX = 5000


ConsultationRefused = Refused  # the portal has one refusal (ruangrunding.refusals); the old name stays


def _refuse_over_quota(*, rows: QuerySet, per_hour: int, per_day: int, refusal: str) -> None:
    """Refuse when `rows` (timestamped by created_at) already hold a limit's worth in the last hour or the last
    24 hours; the refusal says when the next one may be sent."""
    now = timezone.now()
    for window, limit, period in (
        (timedelta(hours=1), per_hour, _("satu jam terakhir")),
        (timedelta(days=1), per_day, _("24 jam terakhir")),
    ):
        recent = rows.filter(created_at__gte=now - window).order_by("-created_at")
        newest = list(recent.values_list("created_at", flat=True)[:limit])
        if len(newest) >= limit:
            # A place frees up when the limit-th newest leaves the window.
            when = date_format(timezone.localtime(newest[limit - 1] + window), "j F Y, H.i")
            raise Refused(refusal % {"limit": limit, "period": period, "when": when})


def consultation_quota_check(*, citizen: User) -> None:
    """At most KONSULTASI_NEW_PER_HOUR / _PER_DAY new consultations per person, and the opening question counts
    as one of their messages. Cheap: views call it before an attachment is read and re-encoded; the services
    call it again holding the person's row, which is what makes it hold under parallel requests."""
    _refuse_over_quota(
        rows=Consultation.objects.filter(citizen=citizen),
        per_hour=settings.KONSULTASI_NEW_PER_HOUR,
        per_day=settings.KONSULTASI_NEW_PER_DAY,
        refusal=_(
            "Anda sudah membuka %(limit)s konsultasi dalam %(period)s. Konsultasi baru dapat dikirim lagi "
            "setelah %(when)s."
        ),
    )
    _citizen_message_quota_check(citizen=citizen)


def message_quota_check(*, consultation: Consultation, author: User) -> None:
    """At most KONSULTASI_MESSAGES_PER_HOUR / _PER_DAY messages a citizen writes in the consultations they
    asked (each one e-mails the expert); experts answering are not limited."""
    if consultation.role_of(author) == Consultation.Role.CITIZEN:
        _citizen_message_quota_check(citizen=author)


def _citizen_message_quota_check(*, citizen: User) -> None:
    _refuse_over_quota(
        rows=Message.objects.filter(author=citizen, consultation__citizen=citizen),
        per_hour=settings.KONSULTASI_MESSAGES_PER_HOUR,
        per_day=settings.KONSULTASI_MESSAGES_PER_DAY,
        refusal=_(
            "Anda sudah mengirim %(limit)s pesan konsultasi dalam %(period)s. Pesan dapat dikirim lagi "
            "setelah %(when)s."
        ),
    )


def _add_message(
    *, consultation: Consultation, author: User, body: str, attachment: CheckedAttachment | None
) -> Message:
    message = Message(consultation=consultation, author=author, body=body)
    if attachment is not None:
        message.attachment_name = attachment.display_name
        message.attachment_type = attachment.content_type
        message.attachment_size = attachment.size
        message.attachment.save(attachment.content.name, attachment.content, save=False)
    message.save()
    return message


def consultation_open(
    *, citizen: User, expert: Expert, subject: str, body: str, attachment: CheckedAttachment | None = None
) -> Consultation:
    if not expert.accepting_consultations:
        raise Refused(_("Pakar ini sedang tidak menerima konsultasi baru."))
    if expert.user_id == citizen.pk:
        raise Refused(_("Anda tidak dapat berkonsultasi dengan diri sendiri."))
    subject = clean_text(subject, label=_("Perihal"), maximum=SUBJECT_MAX)
    body = clean_text(body, label=_("Pertanyaan"), maximum=BODY_MAX)
    with transaction.atomic():
        user_lock(user=citizen)
        consultation_quota_check(citizen=citizen)
        now = timezone.now()
        consultation = Consultation.objects.create(
            citizen=citizen, expert=expert, subject=subject, created_at=now, last_message_at=now, citizen_read_at=now
        )
        status_record_created(consultation, actor=citizen, actor_role=Consultation.Role.CITIZEN, public=False)
        message = _add_message(consultation=consultation, author=citizen, body=body, attachment=attachment)
    transaction.on_commit(lambda: notifications.message_posted(message))
    return consultation


def message_post(
    *, consultation: Consultation, author: User, body: str, attachment: CheckedAttachment | None = None
) -> Message:
    """Write in a consultation. The expert's message answers it (`consultation_answer`); the citizen's asks
    again (`consultation_ask_again`), and in a closed one reopens it (`consultation_reopen`): a follow-up
    question keeps its context, and the expert sees it as waiting again. An expert cannot reopen it."""
    role = consultation.role_of(author)
    if role is None:
        raise Refused(_("Hanya warga dan pakar dalam konsultasi ini yang dapat menulis di sini."))
    _refuse_expert_in_closed(consultation=consultation, role=role)
    body = clean_text(body, label=_("Pesan"), maximum=BODY_MAX)
    with transaction.atomic():
        user_lock(user=author)
        message_quota_check(consultation=consultation, author=author)
        # The status as saved now, held until the message is in: the other participant may have just moved it.
        saved = Consultation.objects.select_for_update().values("status", "first_answer_at").get(pk=consultation.pk)
        consultation.status, consultation.first_answer_at = saved["status"], saved["first_answer_at"]
        _refuse_expert_in_closed(consultation=consultation, role=role)
        message = _add_message(consultation=consultation, author=author, body=body, attachment=attachment)
        if role == Consultation.Role.EXPERT:
            consultation_answer(consultation=consultation, message=message)
        elif consultation.is_closed:
            consultation_reopen(consultation=consultation, message=message)
        else:
            consultation_ask_again(consultation=consultation, message=message)
    transaction.on_commit(lambda: notifications.message_posted(message))
    return message


def _refuse_expert_in_closed(*, consultation: Consultation, role: str) -> None:
    if consultation.is_closed and role == Consultation.Role.EXPERT:
        raise Refused(_("Konsultasi ini sudah selesai. Hanya warga yang dapat membukanya kembali."))


def consultation_answer(*, consultation: Consultation, message: Message) -> None:
    """The expert's `message` answers: waiting → answered (an answer to an answered one moves nothing)."""
    fields = {
        "last_message_at": message.created_at,
        "last_author_role": Consultation.Role.EXPERT,
        "expert_read_at": message.created_at,
    }
    if consultation.first_answer_at is None:
        fields["first_answer_at"] = message.created_at
    _move_or_save(consultation=consultation, to=Consultation.Status.ANSWERED, actor=message.author, fields=fields)


def consultation_ask_again(*, consultation: Consultation, message: Message) -> None:
    """The citizen's `message` in an open consultation: answered → waiting (waiting stays waiting)."""
    fields = {
        "last_message_at": message.created_at,
        "last_author_role": Consultation.Role.CITIZEN,
        "citizen_read_at": message.created_at,
    }
    _move_or_save(consultation=consultation, to=Consultation.Status.WAITING, actor=message.author, fields=fields)


def consultation_reopen(*, consultation: Consultation, message: Message) -> None:
    """The citizen's `message` in a closed consultation: closed → waiting."""
    fields = {
        "last_message_at": message.created_at,
        "last_author_role": Consultation.Role.CITIZEN,
        "citizen_read_at": message.created_at,
        "closed_at": None,
    }
    _move_or_save(consultation=consultation, to=Consultation.Status.WAITING, actor=message.author, fields=fields)


def _move_or_save(*, consultation: Consultation, to: str, actor: User, fields: dict) -> None:
    """A message always updates the conversation's fields; it moves the status only when it changes it."""
    if consultation.status == to:
        Consultation.objects.filter(pk=consultation.pk).update(**fields)
        for name, value in fields.items():
            setattr(consultation, name, value)
        return
    status_move(
        consultation,
        to=to,
        actor=actor,
        actor_role=consultation.role_of(actor),
        public=False,
        extra_fields=fields,
    )


def consultation_close(
    *, consultation: Consultation, closer: User, rating: int | None = None, comment: str = ""
) -> Consultation:
    """The citizen or the expert marks it "Selesai" (waiting/answered → closed); only the citizen rates.
    Of two closing it at once, the second is refused: it is closed already."""
    role = consultation.role_of(closer)
    if role is None:
        raise Refused(_("Hanya warga dan pakar dalam konsultasi ini yang dapat menutupnya."))
    if role != Consultation.Role.CITIZEN:
        rating, comment = None, ""  # only the citizen rates the answer
    if rating is not None and not 1 <= rating <= 5:
        raise Refused(_("Penilaian harus antara 1 dan 5."))
    fields = {"closed_at": timezone.now()}
    if rating is not None:
        fields |= {"rating": rating, "rating_comment": (comment or "").strip()[:1000]}
    try:
        status_move(
            consultation,
            to=Consultation.Status.CLOSED,
            actor=closer,
            actor_role=role,
            public=False,
            extra_fields=fields,
        )
    except MoveRefused:
        raise Refused(_("Konsultasi ini sudah ditandai selesai.")) from None
    return consultation


def staff_access_record(*, consultation: Consultation, staff: User, what: str = "percakapan") -> AccessRecord:
    return AccessRecord.objects.create(consultation=consultation, staff=staff, what=what)


def expert_invite(*, email: str, full_name: str, institution: str, fields: list[Field]) -> Expert:
    """Create an account and expert profile for someone without an account, and e-mail them a link to set
    their own password."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise Refused(_("Alamat e-mail ini sudah punya akun: pilih akunnya saja."))
    base = slugify(email.split("@")[0]).replace("-", ".")[:20] or "pakar"
    username, number = base, 1
    while User.objects.filter(username__iexact=username).exists():
        number += 1
        username = f"{base}{number}"
    with transaction.atomic():
        user = User(username=username, email=email, display_name=full_name[:60])
        user.set_unusable_password()
        user.save()
        expert = Expert.objects.create(user=user, full_name=full_name, institution=institution)
        expert.fields.set(fields)
    token = default_token_generator.make_token(user)
    transaction.on_commit(lambda: notifications.expert_invited(expert, token))
    return expert
