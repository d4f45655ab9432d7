"""Writes on complaints: filing, confirming, every move of the workflow, pauses and answers. Each public step
queues an e-mail to the reporter (through the task worker, links from SITE_URL) once the transaction commits."""

import secrets
from collections.abc import Iterable
from datetime import datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Role
from kalender.workdays import WorkingCalendar
from pengaduan import notifications
from pengaduan.models import (
    FINAL_DAYS_ACROSS_AGENCIES,
    FINAL_DAYS_INTERNAL,
    INITIAL_DAYS,
    Attachment,
    Category,
    Complaint,
    ComplaintStatusChange,
    Disposition,
    Pause,
)
from ruangrunding.refusals import Refused
from ruangrunding.workflow import status_move, status_record_created
from wilayah.models import Agency, Desa, Kecamatan

Status = Complaint.Status


class ComplaintRefused(Refused):
    pass


# --- The clocks


def compute_deadlines(*, complaint: Complaint, calendar: WorkingCalendar | None = None) -> None:
    """Set the deadlines not yet met from `received_at`, the final clock's length and the paused working days
    (docs/pengaduan.md, "Jam layanan"). Saves nothing."""
    if complaint.received_at is None:
        return
    calendar = calendar or WorkingCalendar()
    extra = complaint.paused_days
    if complaint.initial_met_at is None:
        complaint.initial_due = calendar.add_working_days(complaint.received_at, INITIAL_DAYS + extra)
    if complaint.final_met_at is None:
        start = complaint.reopened_at or complaint.received_at
        complaint.final_due = calendar.add_working_days(start, complaint.final_days + extra)


def _history(
    *, complaint: Complaint, actor=None, note: str = "", public: bool = True, at: datetime | None = None
) -> ComplaintStatusChange:
    """A history row without a move (a pause, a resumption, an internal note)."""
    role, unit = _actor_role(actor=actor, complaint=complaint)
    return complaint.status_changes.create(
        from_status=complaint.status,
        to_status=complaint.status,
        actor=actor,
        actor_role=role,
        unit=unit,
        note=note,
        public=public,
        at=at or timezone.now(),
    )


def _actor_role(*, actor, complaint: Complaint) -> tuple[str, str]:
    if actor is None:
        return "", ""
    if complaint.reporter_id and actor.pk == complaint.reporter_id:
        return "pelapor", ""
    roles = list(actor.roles.filter(role__in=[Role.COMPLAINT_HANDLER, Role.AGENCY_VERIFIER]).select_related("agency"))
    if not roles:
        return ("superuser" if actor.is_superuser else ""), ""
    first = roles[0]
    return first.role, str(first.agency or _("seluruh perangkat daerah"))


def _move(*, complaint: Complaint, to: str, actor=None, note: str = "", public: bool = True, at=None, **fields):
    role, unit = _actor_role(actor=actor, complaint=complaint)
    change = status_move(
        complaint, to=to, actor=actor, actor_role=role, unit=unit, note=note, public=public, extra_fields=fields
    )
    if at is not None:  # the moment the service was given (back-dated records, tests), not the wall clock
        type(change).objects.filter(pk=change.pk).update(at=at)
        change.at = at
    if public:
        transaction.on_commit(lambda: notifications.step(complaint, change))
    return change


def _meet_initial(*, complaint: Complaint, now: datetime, fields: dict) -> None:
    if complaint.initial_met_at is None:
        fields["initial_met_at"] = now


def _not_paused(*, complaint: Complaint) -> None:
    if complaint.paused_at is not None:
        raise ComplaintRefused(_("Pengaduan ini sedang menunggu jawaban pelapor. Lanjutkan dulu penanganannya."))


# --- Filing


def complaint_file(
    *,
    kind: str,
    category: Category,
    title: str,
    description: str,
    kecamatan: Kecamatan,
    desa: Desa | None = None,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    privacy: str = Complaint.Privacy.NORMAL,
    reporter=None,
    reporter_name: str = "",
    reporter_email: str = "",
    reporter_phone: str = "",
    channel: str = Complaint.Channel.WEB,
    recorded_by=None,
    attachments: Iterable = (),
    now: datetime | None = None,
) -> Complaint:
    """File a complaint. A signed-in citizen's or one staff recorded is received at once and its clocks start;
    one from someone without an account waits until they confirm their e-mail address."""
    if desa is not None and desa.kecamatan_id != kecamatan.pk:
        raise ComplaintRefused(_("Desa/kelurahan itu tidak berada di kecamatan yang dipilih."), field="desa")
    if reporter is None and recorded_by is None and not reporter_email:
        raise ComplaintRefused(_("Tuliskan alamat e-mail Anda untuk konfirmasi."), field="reporter_email")
    now = now or timezone.now()
    confirmed = reporter is not None or recorded_by is not None
    with transaction.atomic():
        complaint = Complaint(
            kind=kind,
            category=category,
            title=title,
            description=description,
            kecamatan=kecamatan,
            desa=desa,
            latitude=latitude,
            longitude=longitude,
            privacy=privacy,
            reporter=reporter,
            reporter_name="" if reporter else reporter_name,
            reporter_email="" if reporter else reporter_email,
            reporter_phone=reporter_phone,
            channel=channel,
            recorded_by=recorded_by,
            agency=category.agency_for(kecamatan),
            created_at=now,
            status=Status.RECEIVED if confirmed else Status.UNCONFIRMED,
            received_at=now if confirmed else None,
            confirm_token="" if confirmed else secrets.token_urlsafe(24),
        )
        compute_deadlines(complaint=complaint)
        complaint.save()
        for checked in attachments:
            Attachment.objects.create(
                complaint=complaint,
                file=checked.content,
                name=checked.display_name,
                content_type=checked.content_type,
                size=checked.size,
            )
        change = status_record_created(complaint, actor=recorded_by or reporter, public=True, at=now)
    if confirmed:
        transaction.on_commit(lambda: notifications.step(complaint, change))
    else:
        transaction.on_commit(lambda: notifications.confirm(complaint))
    return complaint


def complaint_confirm(*, complaint: Complaint, token: str, now: datetime | None = None) -> Complaint:
    """The reporter without an account confirms their address: the complaint is received, its clocks start."""
    if complaint.status != Status.UNCONFIRMED:
        return complaint  # a second click on the link changes nothing
    if not complaint.confirm_token or not secrets.compare_digest(complaint.confirm_token, token):
        raise ComplaintRefused(_("Tautan konfirmasi ini tidak berlaku."))
    now = now or timezone.now()
    complaint.received_at = now
    compute_deadlines(complaint=complaint)
    _move(
        complaint=complaint,
        at=now,
        to=Status.RECEIVED,
        note=_("Alamat e-mail pelapor telah dikonfirmasi."),
        received_at=now,
        initial_due=complaint.initial_due,
        final_due=complaint.final_due,
    )
    return complaint


# --- Handling


def complaint_verify(*, complaint: Complaint, actor, note: str = "", now: datetime | None = None) -> Complaint:
    """A handler has checked the complaint: it becomes public (unless "rahasia"); the initial response is met."""
    now = now or timezone.now()
    fields = {"verified_at": now}
    _meet_initial(complaint=complaint, now=now, fields=fields)
    _move(
        complaint=complaint,
        at=now,
        to=Status.VERIFIED,
        actor=actor,
        note=note or _("Pengaduan telah diverifikasi."),
        **fields,
    )
    return complaint


def complaint_dispose(
    *, complaint: Complaint, actor, agencies: Iterable[Agency], instruction: str = "", now: datetime | None = None
) -> Complaint:
    """Send the complaint to one or more agencies. More than one makes it a cross-agency matter: the final
    response is then due in 5 working days instead of 2."""
    agencies = list(dict.fromkeys(agencies))
    if not agencies:
        raise ComplaintRefused(_("Pilih paling sedikit satu perangkat daerah."), field="agencies")
    _not_paused(complaint=complaint)
    now = now or timezone.now()
    complaint.final_days = FINAL_DAYS_ACROSS_AGENCIES if len(agencies) > 1 else FINAL_DAYS_INTERNAL
    compute_deadlines(complaint=complaint)
    names = ", ".join(str(agency) for agency in agencies)
    with transaction.atomic():
        _move(
            complaint=complaint,
            at=now,
            to=Status.DISPOSED,
            actor=actor,
            note=_("Diteruskan kepada %(agencies)s.") % {"agencies": names},
            final_days=complaint.final_days,
            final_due=complaint.final_due,
        )
        for agency in agencies:
            # After a contest an agency may get the complaint again: its earlier answer stays in the history.
            Disposition.objects.update_or_create(
                complaint=complaint,
                agency=agency,
                defaults={
                    "instruction": instruction,
                    "created_at": now,
                    "answer": "",
                    "answered_at": None,
                    "answered_by": None,
                },
            )
        if instruction:
            _history(complaint=complaint, at=now, actor=actor, note=instruction, public=False)
    for agency in agencies:
        transaction.on_commit(lambda agency=agency: notifications.disposed(complaint, agency))
    return complaint


def disposition_answer(*, disposition: Disposition, actor, answer: str, now: datetime | None = None) -> Disposition:
    """An agency's follow-up. When the last agency the complaint went to has answered, the final response is met."""
    complaint = disposition.complaint
    if disposition.answered_at is not None:
        raise ComplaintRefused(_("Perangkat daerah ini sudah memberikan tindak lanjut."))
    if complaint.status != Status.DISPOSED:
        raise ComplaintRefused(_("Pengaduan ini tidak sedang menunggu tindak lanjut."))
    _not_paused(complaint=complaint)
    now = now or timezone.now()
    with transaction.atomic():
        disposition.answer, disposition.answered_at, disposition.answered_by = answer, now, actor
        disposition.save(update_fields=["answer", "answered_at", "answered_by"])
        waiting = complaint.dispositions.filter(answered_at__isnull=True).exists()
        # The answer goes into the history too, so it stays archived if the complaint is disposed again.
        note = _("%(agency)s memberikan tindak lanjut: %(answer)s") % {"agency": disposition.agency, "answer": answer}
        if waiting:
            change = _history(complaint=complaint, at=now, actor=actor, note=note)
            transaction.on_commit(lambda: notifications.step(complaint, change))
        else:
            _move(
                complaint=complaint,
                at=now,
                to=Status.ANSWERED,
                actor=actor,
                note=note + "\n" + _("Semua perangkat daerah telah memberikan tindak lanjut."),
                final_met_at=now,
                contest_until=contest_deadline(answered_at=now),
            )
    return disposition


def complaint_answer(*, complaint: Complaint, actor, response: str, now: datetime | None = None) -> Complaint:
    """The handler answers a verified complaint without disposing it (handled internally)."""
    _not_paused(complaint=complaint)
    now = now or timezone.now()
    _move(
        complaint=complaint,
        at=now,
        to=Status.ANSWERED,
        actor=actor,
        note=response,
        final_response=response,
        final_met_at=now,
        contest_until=contest_deadline(answered_at=now),
    )
    return complaint


def complaint_close(*, complaint: Complaint, actor, note: str = "", now: datetime | None = None) -> Complaint:
    now = now or timezone.now()
    _move(complaint=complaint, at=now, to=Status.DONE, actor=actor, note=note or _("Pengaduan selesai."), closed_at=now)
    return complaint


def _exit(*, complaint: Complaint, to: str, actor, note: str, now: datetime | None, **fields) -> Complaint:
    """A side exit answers the complaint for good: it meets whichever clock still runs and closes it."""
    now = now or timezone.now()
    fields.update(closed_at=now, paused_at=None)
    _meet_initial(complaint=complaint, now=now, fields=fields)
    if complaint.final_met_at is None:
        fields["final_met_at"] = now
    _move(complaint=complaint, at=now, to=to, actor=actor, note=note, **fields)
    return complaint


def complaint_redirect(*, complaint: Complaint, actor, to_whom: str, note: str = "", now=None) -> Complaint:
    """Not the region's matter: say to whom the reporter should turn."""
    if not to_whom.strip():
        raise ComplaintRefused(_("Tuliskan kepada siapa pengaduan ini dialihkan."), field="to_whom")
    text = _("Bukan wewenang kami; dialihkan kepada %(whom)s.") % {"whom": to_whom}
    return _exit(
        complaint=complaint,
        to=Status.REDIRECTED,
        actor=actor,
        note=f"{text} {note}".strip(),
        now=now,
        redirected_to=to_whom,
    )


def complaint_mark_duplicate(*, complaint: Complaint, actor, original: Complaint, now=None) -> Complaint:
    if original.pk == complaint.pk:
        raise ComplaintRefused(_("Pengaduan tidak dapat menjadi duplikat dirinya sendiri."), field="original")
    note = _("Sama dengan pengaduan %(code)s; penanganannya diikuti di sana.") % {"code": original.code}
    return _exit(complaint=complaint, to=Status.DUPLICATE, actor=actor, note=note, now=now, duplicate_of=original)


def complaint_reject(*, complaint: Complaint, actor, reason: str, now=None) -> Complaint:
    if not reason.strip():
        raise ComplaintRefused(_("Tuliskan alasan penolakan."), field="reason")
    return _exit(complaint=complaint, to=Status.REJECTED, actor=actor, note=reason, now=now, rejection_reason=reason)


def complaint_pause(*, complaint: Complaint, actor, question: str, now: datetime | None = None) -> Pause:
    """Ask the reporter for what is missing; the clocks stop until they reply (or the handler resumes). Asking
    is itself a response, so it meets the initial clock."""
    if complaint.is_closed or complaint.status == Status.UNCONFIRMED:
        raise ComplaintRefused(_("Pengaduan ini tidak sedang ditangani."))
    if complaint.paused_at is not None:
        raise ComplaintRefused(_("Pengaduan ini sudah menunggu jawaban pelapor."))
    if not question.strip():
        raise ComplaintRefused(_("Tuliskan apa yang perlu dijawab pelapor."), field="question")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
        if locked.paused_at is not None:
            raise ComplaintRefused(_("Pengaduan ini sudah menunggu jawaban pelapor."))
        fields = {"paused_at": now}
        _meet_initial(complaint=complaint, now=now, fields=fields)
        Complaint.objects.filter(pk=complaint.pk).update(**fields)
        for name, value in fields.items():
            setattr(complaint, name, value)
        pause = Pause.objects.create(complaint=complaint, question=question, started_at=now)
        change = _history(
            complaint=complaint, at=now, actor=actor, note=_("Menunggu jawaban pelapor: %(q)s") % {"q": question}
        )
    transaction.on_commit(lambda: notifications.step(complaint, change))
    return pause


def complaint_resume(*, complaint: Complaint, actor=None, reply: str = "", now: datetime | None = None) -> Pause:
    """End the pause: the working days it lasted (working_days_between its start and now) are added to every
    deadline not yet met."""
    if complaint.paused_at is None:
        raise ComplaintRefused(_("Pengaduan ini tidak sedang menunggu jawaban pelapor."))
    now = now or timezone.now()
    calendar = WorkingCalendar()
    with transaction.atomic():
        pause = complaint.pauses.select_for_update().filter(ended_at__isnull=True).latest("started_at")
        pause.ended_at, pause.reply = now, reply
        pause.working_days = max(0, calendar.working_days_between(pause.started_at, now))
        pause.save(update_fields=["ended_at", "reply", "working_days"])
        complaint.paused_days += pause.working_days
        complaint.paused_at = None
        compute_deadlines(complaint=complaint, calendar=calendar)
        complaint.save(update_fields=["paused_days", "paused_at", "initial_due", "final_due"])
        note = (
            _("Pelapor telah menjawab; penanganan dilanjutkan (tenggat bertambah %(n)s hari kerja).")
            if reply
            else _("Penanganan dilanjutkan (tenggat bertambah %(n)s hari kerja).")
        )
        change = _history(complaint=complaint, at=now, actor=actor, note=note % {"n": pause.working_days})
    if actor is not None:  # a handler resumed without the reporter's reply: tell them (they know when they reply)
        transaction.on_commit(lambda: notifications.step(complaint, change))
    return pause


def complaint_note(*, complaint: Complaint, actor, note: str) -> ComplaintStatusChange:
    """An internal note: in the history staff read, never on any public page or e-mail."""
    if not note.strip():
        raise ComplaintRefused(_("Catatan tidak boleh kosong."), field="note")
    return _history(complaint=complaint, actor=actor, note=note, public=False)


# --- After the final response: the reporter closes, contests, or the complaint closes itself


def contest_deadline(*, answered_at: datetime) -> datetime:
    return WorkingCalendar().add_working_days(answered_at, settings.PENGADUAN_CONTEST_DAYS)


def complaint_accept(*, complaint: Complaint, now: datetime | None = None) -> Complaint:
    """The reporter (on the status page) is satisfied: done."""
    now = now or timezone.now()
    _move(
        complaint=complaint,
        at=now,
        to=Status.DONE,
        note=_("Pelapor menyatakan pengaduan selesai."),
        closed_at=now,
        contest_until=None,
    )
    return complaint


def complaint_contest(*, complaint: Complaint, reason: str, now: datetime | None = None) -> Complaint:
    """The reporter contests the final response before `contest_until`: the complaint goes back to the handlers
    (diverifikasi) and a new final clock runs from now, with the same number of working days."""
    now = now or timezone.now()
    if complaint.status != Status.ANSWERED or complaint.contest_until is None or now > complaint.contest_until:
        raise ComplaintRefused(_("Batas waktu untuk mengajukan keberatan sudah lewat."))
    if not reason.strip():
        raise ComplaintRefused(_("Tuliskan alasan keberatan Anda."), field="reason")
    complaint.reopened_at, complaint.final_met_at, complaint.paused_days = now, None, 0
    compute_deadlines(complaint=complaint)
    _move(
        complaint=complaint,
        at=now,
        to=Status.VERIFIED,
        note=_("Pelapor mengajukan keberatan: %(reason)s") % {"reason": reason},
        reopened_at=now,
        final_met_at=None,
        final_due=complaint.final_due,
        paused_days=0,
        contest_until=None,
        final_reminded=False,
    )
    return complaint


def complaints_close_uncontested(*, now: datetime | None = None) -> int:
    """Close every answered complaint whose time to contest has run out (the scheduled job)."""
    now = now or timezone.now()
    closed = 0
    for complaint in Complaint.objects.filter(status=Status.ANSWERED, contest_until__lt=now):
        _move(
            complaint=complaint,
            at=now,
            to=Status.DONE,
            note=_("Ditutup otomatis: tidak ada keberatan dalam %(n)s hari kerja setelah respon akhir.")
            % {"n": settings.PENGADUAN_CONTEST_DAYS},
            closed_at=now,
        )
        closed += 1
    return closed


def complaints_remind(*, now: datetime | None = None) -> int:
    """E-mail the people who must answer when a running deadline is less than PENGADUAN_REMINDER_HOURS away;
    once per clock (the scheduled job)."""
    now = now or timezone.now()
    soon = now + timedelta(hours=settings.PENGADUAN_REMINDER_HOURS)
    running = Complaint.objects.in_handling().exclude(status__in=Complaint.CLOSED).filter(paused_at__isnull=True)
    sent = 0
    for clock in ("initial", "final"):
        due = running.filter(
            **{f"{clock}_met_at__isnull": True, f"{clock}_reminded": False, f"{clock}_due__gt": now},
            **{f"{clock}_due__lte": soon},
        ).select_related("agency")
        for complaint in due:
            sent += notifications.reminder(complaint, clock)
            Complaint.objects.filter(pk=complaint.pk).update(**{f"{clock}_reminded": True})
    return sent
