"""Applying for an event, selecting its participants with places kept per group, the waiting list, declining,
and the e-mails each step sends (through the task worker, like every e-mail of the portal)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from agenda import notifications
from agenda.models import Application, Aspiration, Event, ParticipantGroup, new_code
from agenda.places import GroupPlaces, places_for
from agenda.reminders import reminder_schedule
from musrenbang import services as musrenbang_services
from musrenbang.models import Cycle, Origin, Usulan
from pengaduan import services as pengaduan_services
from pengaduan.models import Category, Complaint
from ruangrunding.refusals import Refused
from wilayah.models import Desa


def _local(*, moment) -> str:
    return date_format(timezone.localtime(moment), "j F Y H.i T")


def event_is_full(*, event: Event) -> bool:
    """No more applications: every place is given, or the application limit is reached."""
    applications = Application.objects.filter(event=event)
    if event.application_limit and applications.count() >= event.application_limit:
        return True
    return event.capacity > 0 and applications.filter(status=Application.Status.SELECTED).count() >= event.capacity


def application_refusal(*, event: Event, citizen, now=None) -> Refused | None:
    """Why this citizen may not apply now (None when they may)."""
    state = event.registration_state(now)
    if not event.takes_applications:
        return Refused(_("Acara ini tidak membuka pendaftaran peserta aktif; ikuti siaran langsungnya."))
    if state == "belum":
        return Refused(
            _("Pendaftaran belum dibuka; dibuka %(when)s.") % {"when": _local(moment=event.registration_opens_at)}
        )
    if state == "tutup":
        when = _local(moment=event.registration_closes_at)
        return Refused(_("Pendaftaran sudah ditutup pada %(when)s.") % {"when": when})
    if Application.objects.filter(event=event, citizen=citizen).exists():
        return Refused(_("Anda sudah mendaftar untuk acara ini. Status pendaftaran Anda ada di halaman acara."))
    if event_is_full(event=event):
        return Refused(_("Pendaftaran sudah penuh. Anda tetap dapat mengikuti siaran langsungnya."))
    return None


def application_create(
    *,
    event: Event,
    citizen,
    group: ParticipantGroup,
    topic: str,
    organisation: str = "",
    needs: list[str] | tuple[str, ...] = (),
    other_needs: str = "",
    invited_by=None,
    now=None,
) -> Application:
    """A citizen applies (or staff add an invited participant). The event row is locked, so two applications
    arriving together cannot both take the last place or both count as the first."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        if invited_by is None and (refusal := application_refusal(event=locked, citizen=citizen, now=now)):
            raise refusal
        if invited_by is not None and Application.objects.filter(event=locked, citizen=citizen).exists():
            raise Refused(_("Orang ini sudah terdaftar untuk acara ini."))
        taken = set(Application.objects.filter(event=locked).values_list("code", flat=True))
        code = new_code()
        while code in taken:
            code = new_code()
        try:
            with transaction.atomic():
                return Application.objects.create(
                    event=locked,
                    citizen=citizen,
                    group=group,
                    organisation=organisation,
                    kecamatan=citizen.kecamatan,
                    desa=citizen.desa,
                    topic=topic,
                    needs=list(needs),
                    other_needs=other_needs,
                    code=code,
                    invited_by=invited_by,
                )
        except IntegrityError:  # the same person twice, arriving in the same instant on a database without locks
            raise Refused(_("Anda sudah mendaftar untuk acara ini.")) from None


def _selected(*, application: Application) -> None:
    notifications.selected(application)
    reminder_schedule(application)


@dataclass
class SelectionResult:
    selected: list[Application] = field(default_factory=list)
    refused: list[tuple[Application, str]] = field(default_factory=list)
    unfilled: list[GroupPlaces] = field(default_factory=list)


def _mark(*, application: Application, status: str, **fields) -> None:
    application.status = status
    application.decided_at = timezone.now()
    for name, value in fields.items():
        setattr(application, name, value)
    application.save(update_fields=["status", "decided_at", *fields])


def applications_select(*, event: Event, applications) -> SelectionResult:
    """Select the given applicants, in order, as far as the places allow: a group's kept places go to its
    own applicants; the open places to anyone. Who cannot be placed is listed with the reason."""
    result = SelectionResult()
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        places = places_for(locked)
        pks = [a.pk for a in applications]
        rows = {a.pk: a for a in Application.objects.select_for_update().filter(event=locked, pk__in=pks)}
        for application in (rows[pk] for pk in pks if pk in rows):
            if application.status == Application.Status.SELECTED:
                continue
            if application.status == Application.Status.DECLINED:
                result.refused.append((application, _("sudah mengundurkan diri")))
            elif places.can_take(application.group_id):
                places.take(application.group_id)
                _mark(application=application, status=Application.Status.SELECTED, waiting_position=None)
                result.selected.append(application)
            elif places.free == 0:
                result.refused.append((application, _("semua tempat sudah terisi")))
            else:
                result.refused.append((application, _("tempat yang tersisa disediakan untuk kelompok lain")))
        result.unfilled = places.unfilled_groups()
        for application in result.selected:
            transaction.on_commit(lambda a=application: _selected(application=a))
    return result


def applications_wait(*, event: Event, applications) -> int:
    """Put applicants on the waiting list, after those already on it, in the order given."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=event.pk)
        last = Application.objects.filter(event=locked).aggregate(last=Max("waiting_position"))["last"] or 0
        moved = 0
        for application in applications:
            if application.status in {Application.Status.APPLIED, Application.Status.NOT_SELECTED}:
                last += 1
                _mark(application=application, status=Application.Status.WAITING, waiting_position=last)
                transaction.on_commit(lambda a=application: notifications.waiting(a))
                moved += 1
    return moved


def applications_reject(*, event: Event, applications) -> int:
    """Not selected: thanked, and given the livestream."""
    moved = 0
    with transaction.atomic():
        Event.objects.select_for_update().get(pk=event.pk)
        for application in applications:
            if application.status in {Application.Status.APPLIED, Application.Status.WAITING}:
                _mark(application=application, status=Application.Status.NOT_SELECTED, waiting_position=None)
                transaction.on_commit(lambda a=application: notifications.not_selected(a))
                moved += 1
    return moved


def application_decline(*, application: Application) -> Application | None:
    """A selected participant gives their place back; the first on the waiting list whose group the freed
    place may go to moves up (and is told). Returns who moved up, if anyone."""
    with transaction.atomic():
        locked = Event.objects.select_for_update().get(pk=application.event_id)
        application = Application.objects.select_for_update().get(pk=application.pk)
        if application.status != Application.Status.SELECTED:
            raise Refused(_("Hanya peserta terpilih yang dapat mengundurkan diri."))
        _mark(application=application, status=Application.Status.DECLINED)
        places = places_for(locked)
        waiting = Application.objects.filter(event=locked, status=Application.Status.WAITING).order_by(
            "waiting_position", "pk"
        )
        promoted = next((w for w in waiting.select_related("citizen") if places.can_take(w.group_id)), None)
        if promoted is not None:
            _mark(application=promoted, status=Application.Status.SELECTED, waiting_position=None)
            transaction.on_commit(lambda: _selected(application=promoted))
    return promoted


def attendance_mark(*, event: Event, code: str) -> Application:
    """Staff at the registration desk: the participant with this code is here."""
    code = "".join(code.split()).upper()[:8]
    with transaction.atomic():
        application = (
            Application.objects.select_for_update().select_related("citizen").filter(event=event, code=code).first()
        )
        if application is None:
            raise Refused(_("Kode %(code)s tidak terdaftar untuk acara ini.") % {"code": code or "—"}, field="code")
        if application.status != Application.Status.SELECTED:
            status = application.get_status_display()
            raise Refused(_("Kode %(code)s bukan peserta terpilih (%(status)s).") % {"code": code, "status": status})
        if application.attended_at:
            when = date_format(timezone.localtime(application.attended_at), "H.i")
            raise Refused(
                _("%(name)s sudah tercatat hadir pukul %(when)s.") % {"name": application.citizen, "when": when}
            )
        application.attended_at = timezone.now()
        application.save(update_fields=["attended_at"])
    return application


ASPIRATIONS_PER_PERSON = 5
ASPIRATION_DAYS_AFTER = 14


def aspiration_window(*, event: Event) -> tuple:
    """From the start of the event until two weeks after its end."""
    return event.starts_at, event.ends_at + timedelta(days=ASPIRATION_DAYS_AFTER)


def aspiration_refusal(*, event: Event, author, now=None) -> Refused | None:
    now = now or timezone.now()
    opens, closes = aspiration_window(event=event)
    if now < opens:
        return Refused(_("Aspirasi dapat dikirim mulai saat acara dimulai, %(when)s.") % {"when": _local(moment=opens)})
    if now >= closes:
        return Refused(
            _("Pengiriman aspirasi untuk acara ini sudah ditutup pada %(when)s.") % {"when": _local(moment=closes)}
        )
    if Aspiration.objects.filter(event=event, author=author).count() >= ASPIRATIONS_PER_PERSON:
        text = _("Anda sudah mengirim %(n)d aspirasi untuk acara ini, batas untuk satu orang.")
        return Refused(text % {"n": ASPIRATIONS_PER_PERSON})
    return None


def aspiration_create(*, event: Event, author, body: str, now=None) -> Aspiration:
    """A signed-in person sends an aspiration; it waits for a moderator. The author's row is locked so
    parallel sends cannot pass the per-person limit."""
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=author.pk).first()
        if refusal := aspiration_refusal(event=event, author=author, now=now):
            raise refusal
        return Aspiration.objects.create(event=event, author=author, body=body)


# --- An aspiration becomes a draft usulan or a complaint (one action of the moderators, at most once)


def conversion_refusal(*, aspiration: Aspiration) -> Refused | None:
    """Why this aspiration cannot be turned into an usulan or a complaint now (None when it can)."""
    if aspiration.usulan_id:
        code = aspiration.usulan.code
        return Refused(_("Aspirasi ini sudah menjadi usulan %(code)s.") % {"code": code})
    if aspiration.complaint_id:
        code = aspiration.complaint.code
        return Refused(_("Aspirasi ini sudah menjadi pengaduan %(code)s.") % {"code": code})
    if aspiration.status == Aspiration.Status.HIDDEN:
        return Refused(_("Aspirasi yang disembunyikan tidak dapat dijadikan usulan atau pengaduan."))
    if not aspiration.shortlisted:
        return Refused(_("Masukkan aspirasi ini ke daftar pendek lebih dulu."))
    return None


def _locked_for_conversion(*, aspiration: Aspiration, desa: Desa | None) -> Aspiration:
    """The aspiration's row, locked, so a second click waits for the first and then finds it converted."""
    locked = (
        Aspiration.objects.select_for_update(of=("self",))
        .select_related("usulan", "complaint", "author")
        .get(pk=aspiration.pk)
    )
    if refusal := conversion_refusal(aspiration=locked):
        raise refusal
    if desa is None:
        raise Refused(
            _("Pilih desa/kelurahan: profil penulis aspirasi tidak mencatat desanya."),
            field="desa",
        )
    return locked


def aspiration_to_usulan(*, aspiration: Aspiration, actor, cycle: Cycle, desa: Desa | None, data: dict) -> Usulan:
    """A draft usulan at the Musyawarah RT/RW of the desa (origin "aspirasi pada musyawarah"), proposed by
    the aspiration's author and recorded by the moderator; the aspiration keeps the link."""
    with transaction.atomic():
        locked = _locked_for_conversion(aspiration=aspiration, desa=desa)
        usulan = musrenbang_services.usulan_create(
            cycle=cycle, desa=desa, data=data, proposer=locked.author, recorded_by=actor, origin=Origin.EVENT
        )
        locked.usulan = usulan
        locked.save(update_fields=["usulan"])
    return usulan


def aspiration_to_complaint(
    *, aspiration: Aspiration, actor, category: Category, kind: str, title: str, description: str, desa: Desa | None
) -> Complaint:
    """A complaint received through the forum (channel "forum/acara publik"), its author as the reporter and
    the moderator as who recorded it; its clocks start at once. The aspiration keeps the link."""
    with transaction.atomic():
        locked = _locked_for_conversion(aspiration=aspiration, desa=desa)
        complaint = pengaduan_services.complaint_file(
            kind=kind,
            category=category,
            title=title,
            description=description,
            kecamatan=desa.kecamatan,
            desa=desa,
            reporter=locked.author,
            channel=Complaint.Channel.FORUM,
            recorded_by=actor,
        )
        locked.complaint = complaint
        locked.save(update_fields=["complaint"])
    return complaint
