"""Writes of the Musrenbang module: proposing, deciding at a stage, following, reopening a stage's window."""

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from accounts.models import Role, User
from accounts.roles import Scope, scope_for
from accounts.services import user_lock
from musrenbang import imports, notifications
from musrenbang.models import (
    BENEFICIARY_FIELDS,
    CITIZEN_ROLE,
    ORIGIN_STAGE,
    STAGE_DECISIONS,
    Cycle,
    Decision,
    Follow,
    Origin,
    RedirectTarget,
    Stage,
    StageWindow,
    Usulan,
    UsulanDocument,
    UsulanImport,
    UsulanPhoto,
    UsulanStatusChange,
    WindowReopening,
    next_stage,
)
from perencanaan.models import Activity
from pustaka.models import Document
from ruangrunding.refusals import Refused
from ruangrunding.workflow import status_move, status_record_created
from wilayah.models import Agency, Desa

DECIDER_ROLES = (Role.OPERATOR_DESA, Role.OPERATOR_KECAMATAN, Role.AGENCY_VERIFIER, Role.BAPPEDA)


class UsulanRefused(Refused):
    pass


class UsulanDecidedMeanwhile(UsulanRefused):
    """Somebody else decided the usulan after the decider last saw it; nothing of theirs was saved."""


def region_code(*, desa: Desa) -> str:
    """The kabupaten's Kemendagri code without dots (6402 for Kutai Kartanegara), read from the desa's code."""
    code = desa.code or desa.kecamatan.code
    parts = code.split(".")
    return "".join(parts[:2]) if len(parts) >= 2 else "0000"


def _next_sequence(*, cycle: Cycle) -> int:
    # The cycle's row is held until the usulan is saved: parallel proposals take turns for their number, so
    # no two get the same code and none is skipped (the unique constraint is the last guard).
    locked = Cycle.objects.select_for_update().get(pk=cycle.pk)
    locked.last_sequence += 1
    Cycle.objects.filter(pk=cycle.pk).update(last_sequence=locked.last_sequence)
    return locked.last_sequence


def check_proposal_rate(*, proposer: User) -> None:
    """At most MUSRENBANG_USULAN_PER_DAY proposals a day per person; call holding the person's row."""
    limit = settings.MUSRENBANG_USULAN_PER_DAY
    since = timezone.now() - timedelta(days=1)
    if Usulan.objects.filter(proposer=proposer, created_at__gte=since).count() >= limit:
        raise UsulanRefused(
            _("Anda sudah mengirim %(limit)s usulan dalam 24 jam terakhir. Silakan kirim lagi besok.")
            % {"limit": limit}
        )


def usulan_fields(*, data: dict) -> dict:
    """The Usulan model's fields from a form's data: the beneficiary groups as their boolean columns."""
    fields = {key: value for key, value in data.items() if key not in ("beneficiaries", "photos", "documents")}
    chosen = set(data.get("beneficiaries") or ())
    fields.update({name: group in chosen for group, name in BENEFICIARY_FIELDS.items()})
    return fields


def usulan_create(
    *,
    cycle: Cycle,
    desa: Desa,
    data: dict,
    proposer: User | None = None,
    proposer_name: str = "",
    recorded_by: User | None = None,
    origin: str = Origin.CITIZEN,
    today: date | None = None,
) -> Usulan:
    """A new usulan at the stage its origin enters, with its public code; the proposer follows it.

    `data` holds the form's fields (problem, title, description, kind, field, rw, rt, latitude, longitude,
    volume, unit, estimated_cost, beneficiaries as a list of Beneficiary values).
    """
    if proposer is None and not proposer_name.strip():
        raise UsulanRefused(_("Tuliskan nama pengusul."), field="proposer_name")
    stage = ORIGIN_STAGE[Origin(origin)]
    window = StageWindow.objects.filter(cycle=cycle, stage=stage).first()
    if window is None or not window.is_open(today):
        raise UsulanRefused(
            _("Usulan untuk RKPD %(year)s tidak diterima saat ini: jadwal %(stage)s tidak sedang berjalan.")
            % {"year": cycle.year, "stage": Stage(stage).label}
        )
    fields = usulan_fields(data=data)
    with transaction.atomic():
        if proposer is not None:
            user_lock(user=proposer)
            check_proposal_rate(proposer=proposer)
        sequence = _next_sequence(cycle=cycle)
        usulan = Usulan.objects.create(
            code=f"{cycle.year}-{region_code(desa=desa)}-{sequence:06d}",
            cycle=cycle,
            sequence=sequence,
            origin=origin,
            kecamatan_id=desa.kecamatan_id,
            desa=desa,
            proposer=proposer,
            proposer_name=proposer_name.strip() if proposer is None else "",
            recorded_by=recorded_by,
            stage=stage,
            **fields,
        )
        status_record_created(
            usulan,
            public=True,
            stage=stage,
            decision=Decision.PROPOSED,
            actor=proposer or recorded_by,
            actor_role=CITIZEN_ROLE if proposer is not None else Role.OPERATOR_DESA,
            unit=str(desa),
        )
        if proposer is not None:
            Follow.objects.create(usulan=usulan, user=proposer)
        for position, photo in enumerate(data.get("photos") or ()):
            UsulanPhoto.objects.create(usulan=usulan, image=photo, position=position)
        for position, document in enumerate(data.get("documents") or ()):
            # Stored under a random name: the public reads the title, the file's own name stays with its owner.
            UsulanDocument.objects.create(
                usulan=usulan,
                file=File(document.upload, name=f"{uuid.uuid4().hex}.pdf"),
                title=document.title,
                size=document.size,
                position=position,
            )
    return usulan


# --- Deciding


@dataclass(frozen=True)
class Decider:
    """In which role and for which unit a person decides an usulan at its current stage (shown publicly)."""

    role: str
    unit: str


def decider_for(*, user: User | None, usulan: Usulan, scope: Scope | None = None) -> Decider | None:
    """The role a person decides this usulan in at its current stage, or None when it is not theirs to decide."""
    scope = scope if scope is not None else scope_for(user, *DECIDER_ROLES)
    stage = usulan.stage
    if stage in (Stage.RT_RW, Stage.DESA) and usulan.desa_id in scope.desa_ids:
        return Decider(Role.OPERATOR_DESA, str(usulan.desa))
    if stage == Stage.KECAMATAN and usulan.kecamatan_id in scope.kecamatan_ids:
        return Decider(Role.OPERATOR_KECAMATAN, _("Kecamatan %(name)s") % {"name": usulan.kecamatan.name})
    if stage == Stage.FORUM_PD and usulan.agency_id and usulan.agency_id in scope.agency_ids:
        return Decider(Role.AGENCY_VERIFIER, usulan.agency.name)
    if scope.whole_region:
        return Decider(Role.BAPPEDA, _("Bappeda"))
    return None


def usulan_decide(
    *,
    usulan: Usulan,
    actor: User | None,
    decision: str,
    reason: str = "",
    seen_change: int | None = None,
    scope: Scope | None = None,
    agency: Agency | None = None,
    merged_into: Usulan | None = None,
    redirect_target: str = "",
    priority: int | None = None,
    minutes=None,
    minutes_document: Document | None = None,
    activity: Activity | None = None,
    today: date | None = None,
) -> UsulanStatusChange:
    """Record one decision at the usulan's current stage and move it accordingly.

    `activity` links an accommodated usulan to the Renstra activity of its agency it is taken into (at the
    agency forum, where it is required once that agency's Renstra is in the portal; at the kabupaten it may be
    changed).

    `seen_change` is the id of the last timeline entry the decider saw: when somebody else decided in the
    meantime the usulan is held (row lock) until their decision is saved, then this one is refused.

    `scope` is whom the decision is taken for when that is not the actor's own roles: an agency's planning
    system (the `api` app) decides for its agency alone, with no person as `actor` (the timeline shows the
    unit and role, never a person, either way).
    """
    reason = reason.strip()
    with transaction.atomic():
        locked = Usulan.objects.select_for_update().get(pk=usulan.pk)
        last = locked.status_changes.order_by("-at", "-pk").values_list("pk", flat=True).first()
        if seen_change is not None and last != seen_change:
            raise UsulanDecidedMeanwhile(
                _(
                    "Usulan ini baru saja diputuskan oleh orang lain. Keputusan Anda tidak disimpan; "
                    "periksa riwayatnya di bawah, lalu putuskan lagi bila masih perlu."
                )
            )
        usulan = Usulan.objects.for_page().get(pk=usulan.pk)
        decider = decider_for(user=actor, usulan=usulan, scope=scope)
        if decider is None:
            raise UsulanRefused(_("Usulan ini tidak sedang dibahas di unit Anda."))
        if not usulan.awaits_decision:
            raise UsulanRefused(_("Usulan ini sudah selesai dibahas; keputusan baru tidak dapat dicatat."))
        stage = Stage(usulan.stage)
        if decision not in STAGE_DECISIONS[stage]:
            raise UsulanRefused(
                _("Keputusan “%(decision)s” tidak tersedia pada tahap %(stage)s.")
                % {
                    "decision": Decision(decision).label if decision in Decision.values else decision,
                    "stage": stage.label,
                },
                field="decision",
            )
        window = StageWindow.objects.filter(cycle_id=usulan.cycle_id, stage=stage).first()
        if window is None or not window.is_open(today):
            raise UsulanRefused(
                _("Jadwal %(stage)s untuk RKPD %(year)s tidak sedang berjalan; keputusan tidak dapat dicatat.")
                % {"stage": stage.label, "year": usulan.cycle.year}
            )
        moved = _decision_effect(
            usulan=usulan,
            decision=Decision(decision),
            reason=reason,
            agency=agency,
            merged_into=merged_into,
            redirect_target=redirect_target,
            priority=priority,
            activity=activity,
        )
        to = moved.pop("status")
        # status_move saves with update(), which leaves auto_now alone: "changed since" must see a decision.
        moved["updated_at"] = timezone.now()
        try:
            with transaction.atomic():
                change = status_move(
                    usulan,
                    to=to,
                    actor=actor,
                    actor_role=decider.role,
                    unit=decider.unit,
                    note=reason,
                    public=True,  # every Musrenbang decision is public, with its reason
                    extra_fields=moved,
                )
        except IntegrityError:
            raise UsulanRefused(
                _("Peringkat P%(rank)s sudah dipakai usulan lain dari desa ini.") % {"rank": priority}, field="priority"
            ) from None
        change.stage = stage
        change.decision = decision
        change.merged_into = moved.get("merged_into")
        change.agency = moved.get("agency")
        change.redirect_target = moved.get("redirect_target", "")
        change.activity = moved.get("activity")
        if minutes is not None and minutes_document is not None:
            raise UsulanRefused(
                _("Pilih salah satu: unggah berita acara, atau tautkan yang sudah ada di Pustaka — tidak keduanya."),
                field="minutes_document",
            )
        if minutes is not None:
            # Stored under a random name: the uploader's file name says nothing the public needs.
            change.minutes.save(f"{uuid.uuid4().hex}.pdf", minutes, save=False)
        if minutes_document is not None:
            if not Document.objects.published().filter(pk=minutes_document.pk).exists():
                raise UsulanRefused(
                    _("Dokumen Pustaka itu belum terbit; tautkan berita acara yang sudah tampil untuk publik."),
                    field="minutes_document",
                )
            change.minutes_document = minutes_document
        change.save(
            update_fields=[
                "stage",
                "decision",
                "merged_into",
                "agency",
                "redirect_target",
                "activity",
                "minutes",
                "minutes_document",
            ]
        )
        transaction.on_commit(lambda: notifications.decision_made(change.pk))
    return change


def _decision_effect(*, usulan, decision, reason, agency, merged_into, redirect_target, priority, activity) -> dict:
    """The fields a decision changes (with the status under "status"), or a refusal naming the field to fix."""
    stage = Stage(usulan.stage)
    effect: dict = {"status": Usulan.Status.PENDING}
    if agency is not None:
        effect["agency"] = agency
    if priority is not None:
        if stage not in (Stage.RT_RW, Stage.DESA):
            raise UsulanRefused(_("Peringkat prioritas desa hanya diberikan di tingkat desa."), field="priority")
        limit = usulan.cycle.desa_priority_limit
        if not 1 <= priority <= limit:
            raise UsulanRefused(
                _("Peringkat prioritas desa antara P1 dan P%(limit)s.") % {"limit": limit}, field="priority"
            )
        taken = Usulan.objects.filter(cycle_id=usulan.cycle_id, desa_id=usulan.desa_id, priority=priority)
        if taken.exclude(pk=usulan.pk).exists():
            raise UsulanRefused(
                _("Peringkat P%(rank)s sudah dipakai usulan lain dari desa ini.") % {"rank": priority}, field="priority"
            )
        effect["priority"] = priority
    if activity is not None and decision not in (Decision.ACCOMMODATED, Decision.PARTLY_ACCOMMODATED):
        raise UsulanRefused(
            _("Kegiatan Renstra dikaitkan hanya bila usulan diakomodasi (seluruhnya atau sebagian)."), field="activity"
        )
    if decision == Decision.FORWARDED:
        target = next_stage(stage)
        if target == Stage.FORUM_PD and not (agency or usulan.agency_id):
            raise UsulanRefused(
                _("Pilih perangkat daerah yang akan membahas usulan ini di Forum Perangkat Daerah."), field="agency"
            )
        effect["stage"] = target
    elif decision in (Decision.ACCOMMODATED, Decision.PARTLY_ACCOMMODATED):
        linked = _linked_activity(usulan=usulan, agency=agency, activity=activity)
        if linked is not None:
            effect["activity"] = linked
        elif agency is not None and usulan.activity_id and usulan.activity.programme.agency_id != agency.pk:
            effect["activity"] = None  # sent on to another agency: the old agency's activity no longer holds
        effect["accommodation"] = decision
        effect["stage"] = next_stage(stage)
        if effect["stage"] == Stage.RKPD:
            effect["status"] = Usulan.Status.IN_RKPD
    elif decision == Decision.REJECTED:
        if not reason:
            raise UsulanRefused(_("Tuliskan alasan penolakan: pengusul berhak mengetahuinya."), field="reason")
        effect["status"] = Usulan.Status.REJECTED
    elif decision == Decision.POSTPONED:
        effect["status"] = Usulan.Status.POSTPONED
    elif decision == Decision.MERGED:
        if merged_into is None:
            raise UsulanRefused(_("Tuliskan kode usulan yang menjadi tujuan penggabungan."), field="merged_into")
        merged_into = Usulan.objects.get(pk=merged_into.pk)  # its status as saved, not as a page once read it
        if merged_into.pk == usulan.pk or merged_into.cycle_id != usulan.cycle_id:
            raise UsulanRefused(
                _("Usulan hanya dapat digabung ke usulan lain pada tahun RKPD yang sama."), field="merged_into"
            )
        if merged_into.status not in (Usulan.Status.PENDING, Usulan.Status.POSTPONED, Usulan.Status.IN_RKPD):
            raise UsulanRefused(
                _("Usulan %(code)s sudah ditolak, digabung atau dialihkan; pilih usulan yang masih berjalan.")
                % {"code": merged_into.code},
                field="merged_into",
            )
        effect["status"] = Usulan.Status.MERGED
        effect["merged_into"] = merged_into
    elif decision == Decision.REDIRECTED:
        if redirect_target not in RedirectTarget.values:
            raise UsulanRefused(_("Pilih ke mana usulan ini dialihkan."), field="redirect_target")
        if redirect_target == RedirectTarget.RENJA and not (agency or usulan.agency_id):
            raise UsulanRefused(_("Pilih perangkat daerah yang memasukkannya ke Renja."), field="agency")
        effect["status"] = Usulan.Status.REDIRECTED
        effect["redirect_target"] = redirect_target
    return effect


def _linked_activity(*, usulan, agency, activity) -> Activity | None:
    """The Renstra activity an accommodated usulan is linked to: the one chosen, which must be an active activity
    of the agency the usulan goes to; none chosen is refused at the agency forum when that agency's Renstra is in
    the portal (a region that has not imported its Renstra yet still holds its forums)."""
    agency_id = agency.pk if agency is not None else usulan.agency_id
    if activity is None:
        if usulan.stage == Stage.FORUM_PD and not usulan.activity_id and Activity.objects.of_agency(agency_id).exists():
            raise UsulanRefused(
                _("Pilih program/kegiatan Renstra perangkat daerah yang menampung usulan ini."), field="activity"
            )
        return None
    activity = Activity.objects.select_related("programme__agency").filter(pk=activity.pk).first()
    if activity is None or activity.programme.agency_id != agency_id:
        raise UsulanRefused(
            _("Kegiatan %(code)s bukan kegiatan Renstra perangkat daerah tujuan usulan ini.")
            % {"code": activity.code if activity else ""},
            field="activity",
        )
    if not (activity.active and activity.programme.active):
        raise UsulanRefused(
            _("Kegiatan %(code)s sudah tidak aktif di Renstra; pilih kegiatan lain.") % {"code": activity.code},
            field="activity",
        )
    return activity


# --- Following


def usulan_follow(*, usulan: Usulan, user: User) -> bool:
    """Follow an usulan (True), or stop following it when already following (False)."""
    deleted, _rows = Follow.objects.filter(usulan=usulan, user=user).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Follow.objects.create(usulan=usulan, user=user)
    except IntegrityError:
        pass  # the same button pressed twice at once: following either way
    return True


# --- Windows


def window_reopen(*, window: StageWindow, actor: User, ends_on: date, reason: str) -> WindowReopening:
    """Bappeda reopens (or extends) a stage's window until `ends_on`; the change is kept with its reason."""
    if not scope_for(actor, Role.BAPPEDA).whole_region:
        raise UsulanRefused(_("Hanya Bappeda yang dapat membuka kembali jadwal tahap."))
    reason = reason.strip()
    if not reason:
        raise UsulanRefused(_("Tuliskan alasan membuka kembali tahap ini."), field="reason")
    if ends_on < timezone.localdate():
        raise UsulanRefused(_("Tanggal selesai yang baru tidak boleh sebelum hari ini."), field="ends_on")
    with transaction.atomic():
        locked = StageWindow.objects.select_for_update().get(pk=window.pk)
        if ends_on < locked.starts_on:
            raise UsulanRefused(_("Tanggal selesai tidak boleh sebelum tanggal mulai tahap."), field="ends_on")
        reopening = WindowReopening.objects.create(
            window=locked, previous_ends_on=locked.ends_on, ends_on=ends_on, reason=reason, actor=actor
        )
        StageWindow.objects.filter(pk=locked.pk).update(ends_on=ends_on)
    window.ends_on = ends_on
    return reopening


# --- Importing a desa's recap (musrenbang/imports.py reads and checks; docs/musrenbang.md "Impor rekap")


def usulan_import_start(*, cycle: Cycle, desa: Desa, uploader: User, upload, total_rows: int) -> UsulanImport:
    """Keep an upload that passed the form (a real XLSX with `total_rows` rows) for its check and import."""
    batch = UsulanImport(
        cycle=cycle,
        desa=desa,
        uploader=uploader,
        original_name=get_valid_filename(Path(upload.name or "rekap.xlsx").name)[:120],
        total_rows=total_rows,
    )
    batch.file.save("rekap.xlsx", upload, save=False)  # upload_to gives it a random name
    batch.save()
    return batch


def _import_finish(*, batch: UsulanImport, status: str, report=None, errors=None, **extra) -> None:
    values = {"status": status, "finished_at": timezone.now() if status != UsulanImport.Status.CHECKED else None}
    if report is not None:
        values.update(
            new_count=len(report.new),
            unchanged_count=report.unchanged,
            errors=report.errors,
            error_count=report.error_count,
            notes=report.notes,
        )
    if errors is not None:
        values.update(errors=errors, error_count=len(errors))
    UsulanImport.objects.filter(pk=batch.pk).update(**values, **extra)
    batch.refresh_from_db()


def _file_errors(*, error: ValidationError) -> list[dict]:
    return [{"row": None, "column": "", "message": message} for message in error.messages]


def usulan_import_check(*, batch: UsulanImport, today: date | None = None) -> UsulanImport:
    """The dry run: every row checked, nothing but the report saved. Progress is written every few rows in its
    own short statement (no transaction is open here), so the import's page sees it while the worker runs."""
    batch = UsulanImport.objects.select_related("cycle", "desa").get(pk=batch.pk)
    if batch.status != UsulanImport.Status.QUEUED:
        return batch
    rows = _stored_rows_or_fail(batch=batch)
    if rows is None:
        return batch

    def progress(done: int) -> None:
        UsulanImport.objects.filter(pk=batch.pk).update(rows_done=done)

    report = imports.check_rows(cycle=batch.cycle, desa=batch.desa, rows=rows, today=today, progress=progress)
    status = UsulanImport.Status.FAILED if report.error_count else UsulanImport.Status.CHECKED
    _import_finish(batch=batch, status=status, report=report, total_rows=len(rows), rows_done=len(rows))
    return batch


def _stored_rows_or_fail(*, batch: UsulanImport) -> list | None:
    """The stored upload's rows; None when it cannot be read any more, the upload then marked failed."""
    try:
        return imports.stored_rows(batch.file)
    except ValidationError as error:
        _import_finish(batch=batch, status=UsulanImport.Status.FAILED, errors=_file_errors(error=error))
        return None


def usulan_import_request(*, batch: UsulanImport) -> bool:
    """ "Impor" pressed: the checked upload is claimed for importing; False when it was not waiting for that
    (pressed twice, or already imported), so it is imported once."""
    return bool(
        UsulanImport.objects.filter(pk=batch.pk, status=UsulanImport.Status.CHECKED).update(
            status=UsulanImport.Status.IMPORTING
        )
    )


class _ImportRefused(Exception):
    def __init__(self, errors: list[dict]):
        self.errors = errors


def usulan_import_apply(*, batch: UsulanImport, today: date | None = None) -> UsulanImport:
    """Every new row of a claimed upload becomes an usulan — all in one transaction, or none.

    The rows are checked again inside the transaction, holding the cycle's row (the lock usulan_create takes
    for its code): what changed since the dry run (a rank or key taken meanwhile, a window closed) refuses the
    whole file. The codes are one consecutive run from Cycle.last_sequence. Each usulan's timeline opens with
    "diajukan", recorded by the uploader like the operator's own "Catat usulan"."""
    batch = UsulanImport.objects.select_related("cycle", "desa", "uploader").get(pk=batch.pk)
    if batch.status != UsulanImport.Status.IMPORTING:
        return batch
    rows = _stored_rows_or_fail(batch=batch)
    if rows is None:
        return batch
    try:
        with transaction.atomic():
            if (
                not UsulanImport.objects.select_for_update()
                .filter(pk=batch.pk, status=UsulanImport.Status.IMPORTING)
                .exists()
            ):
                return batch  # another worker run got here first
            cycle = Cycle.objects.select_for_update().get(pk=batch.cycle_id)
            report = imports.check_rows(cycle=cycle, desa=batch.desa, rows=rows, today=today)
            if report.error_count:
                raise _ImportRefused(report.errors)
            created = _import_rows(batch=batch, cycle=cycle, new=report.new)
            _import_finish(
                batch=batch,
                status=UsulanImport.Status.DONE,
                report=report,
                rows_done=len(rows),
                first_code=created[0].code if created else "",
                last_code=created[-1].code if created else "",
            )
    except _ImportRefused as refused:
        _import_finish(batch=batch, status=UsulanImport.Status.FAILED, errors=refused.errors)
    except IntegrityError:
        message = _("Usulan dari desa ini baru saja dicatat bersamaan dengan impor ini. Periksa ulang berkasnya.")
        _import_finish(
            batch=batch, status=UsulanImport.Status.FAILED, errors=[{"row": None, "column": "", "message": message}]
        )
    return batch


def _import_rows(*, batch: UsulanImport, cycle: Cycle, new: list) -> list[Usulan]:
    """Insert the checked rows; call holding the cycle's row lock. Two statements for the usulan (500 a time),
    one per timeline row (status_record_created, the one way a first history row is written)."""
    desa, uploader = batch.desa, batch.uploader
    prefix = f"{cycle.year}-{region_code(desa=desa)}-"
    now = timezone.now()
    usulan = []
    for offset, row in enumerate(new, start=1):
        data = dict(row.data)
        sequence = cycle.last_sequence + offset
        origin = data.pop("origin")
        usulan.append(
            Usulan(
                code=f"{prefix}{sequence:06d}",
                cycle=cycle,
                sequence=sequence,
                origin=origin,
                kecamatan_id=desa.kecamatan_id,
                desa=desa,
                proposer_name=data.pop("proposer_name").strip(),
                recorded_by=uploader,
                stage=ORIGIN_STAGE[Origin(origin)],
                priority=data.pop("priority"),
                external_key=data.pop("external_key"),
                created_at=now,
                **usulan_fields(data=data),
            )
        )
    Usulan.objects.bulk_create(usulan, batch_size=500)
    Cycle.objects.filter(pk=cycle.pk).update(last_sequence=cycle.last_sequence + len(usulan))
    unit = str(desa)
    for item in usulan:
        status_record_created(
            item,
            public=True,
            stage=item.stage,
            decision=Decision.PROPOSED,
            actor=uploader,
            actor_role=Role.OPERATOR_DESA,
            unit=unit,
        )
    return usulan
