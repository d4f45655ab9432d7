"""Writes of the planning documents: checking an XLSX import (kept as a draft) and saving it, all or nothing."""

from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from perencanaan.importer import Check, check_rows
from perencanaan.models import Activity, ImportLog, Programme
from ruangrunding.refusals import Refused

DRAFT_KEPT = timedelta(days=1)  # a check older than this is stale: the data may have moved on since


class ImportRefused(Refused):
    """The import was not saved; `errors` holds the rows to fix when that is the reason."""

    def __init__(self, message: str, *, errors=(), field: str | None = None):
        super().__init__(message, field=field)
        self.errors = list(errors)


def renstra_import_check(*, rows: list[dict], file_name: str, actor) -> tuple[Check, ImportLog | None]:
    """The dry run: every row checked, nothing imported. When the file is clean its rows are kept as a draft
    (an ImportLog not yet applied) that "Simpan" saves; when it is not, no draft is kept."""
    check = check_rows(rows)
    if check.errors:
        return check, None
    log = ImportLog.objects.create(
        file_name=file_name[:200], checked_by=actor, row_count=len(rows), rows=rows, summary=check.summary
    )
    return check, log


def renstra_import_apply(*, log: ImportLog, actor) -> Check:
    """Save a checked import in one transaction: every row or none. The rows are checked again against the data
    as it is now (someone may have changed it since the dry run)."""
    with transaction.atomic():
        log = ImportLog.objects.select_for_update().get(pk=log.pk)
        if log.applied_at is not None:
            raise ImportRefused(_("Berkas ini sudah disimpan pada pemeriksaan sebelumnya; tidak ada yang diubah."))
        if timezone.now() - log.checked_at > DRAFT_KEPT:
            raise ImportRefused(_("Pemeriksaan ini sudah lebih dari sehari. Unggah dan periksa berkasnya lagi."))
        check = check_rows(log.rows)
        if check.errors:
            raise ImportRefused(
                _("Data berubah sejak berkas diperiksa; perbaiki baris berikut lalu periksa lagi."), errors=check.errors
            )
        try:
            with transaction.atomic():
                _apply(check=check)
        except IntegrityError:
            raise ImportRefused(
                _("Data Renstra baru saja diubah orang lain. Unggah dan periksa berkasnya lagi.")
            ) from None
        log.applied_by, log.applied_at, log.summary, log.rows = actor, timezone.now(), check.summary, []
        log.save(update_fields=["applied_by", "applied_at", "summary", "rows"])
    return check


def _apply(*, check: Check) -> None:
    saved = {}
    for key, plan in check.programmes.items():
        if plan.existing is None:
            saved[key] = Programme.objects.create(
                agency=plan.agency, code=plan.code, name=plan.name, rpjmd_priority=plan.priority
            )
            continue
        changes = plan.changes
        if changes:
            Programme.objects.filter(pk=plan.existing.pk).update(**changes)
        saved[key] = plan.existing
    for plan in check.activities.values():
        programme = saved[(plan.programme.agency.pk, plan.programme.code)]
        if plan.existing is None:
            Activity.objects.create(programme=programme, code=plan.code, name=plan.name)
        elif plan.changes:
            Activity.objects.filter(pk=plan.existing.pk).update(**plan.changes)
