"""One shape for records that move through statuses, so every module's history reads the same.

- the status is a `TextChoices` class `Status` on the model and a field named `status`;
- the allowed moves are a table on the model: `MOVES = {from_status: {to_status, …}}`; a status missing from
  the table has no way out;
- every move leaves a row of a `StatusChange` subclass (who, in which role and unit, when, from, to, note,
  public or internal), linked to the record as `status_changes`;
- one service per move, named `<thing>_<verb>`, calls `status_move` (which locks the row, checks the table
  against the status saved in the database, saves, records the change) and then queues its e-mails with
  `transaction.on_commit`.

docs/architecture.md ("One workflow shape") has a worked example (konsultasi).
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruangrunding.refusals import Refused


class MoveRefused(Refused):
    """The move is not in the table from the status the record has now (perhaps someone else moved it first)."""


class StatusChange(models.Model):
    """A history row. Subclasses add `record = ForeignKey(<Thing>, on_delete=CASCADE,
    related_name="status_changes")`; a subclass that declares its own `Meta` inherits `StatusChange.Meta`."""

    from_status = models.CharField(gettext_lazy("dari status"), max_length=24, blank=True)  # blank: created
    to_status = models.CharField(gettext_lazy("ke status"), max_length=24)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_role = models.CharField(gettext_lazy("sebagai"), max_length=24, blank=True)
    unit = models.CharField(gettext_lazy("unit"), max_length=200, blank=True)  # as it was named at the time
    note = models.TextField(gettext_lazy("catatan"), blank=True)
    # Internal unless the service says otherwise: a forgotten flag hides a row, it never publishes one.
    public = models.BooleanField(gettext_lazy("tampil untuk publik"), default=False)
    at = models.DateTimeField(gettext_lazy("waktu"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"

    @classmethod
    def status_labels(cls) -> dict[str, str]:
        return dict(cls._meta.get_field("record").related_model.Status.choices)

    @property
    def from_label(self) -> str:
        return self.status_labels().get(self.from_status, self.from_status)

    @property
    def to_label(self) -> str:
        return self.status_labels().get(self.to_status, self.to_status)


def allowed_moves(record) -> set[str]:
    """The statuses `record` may move to from the status it had when it was read (for showing buttons; the
    move itself checks again under a lock)."""
    return set(type(record).MOVES.get(record.status, ()))


def status_record_created(
    record, *, actor=None, actor_role: str = "", unit: str = "", note: str = "", public: bool, **extra
) -> StatusChange:
    """The first history row of a new record: from nothing to the status it was created with. `extra` fills the
    fields a module's history adds (Musrenbang's stage and decision, a complaint's moment of receipt)."""
    return record.status_changes.create(
        from_status="",
        to_status=record.status,
        actor=actor,
        actor_role=actor_role,
        unit=unit,
        note=note,
        public=public,
        **extra,
    )


@transaction.atomic
def status_move(
    record,
    *,
    to: str,
    actor=None,
    actor_role: str = "",
    unit: str = "",
    note: str = "",
    public: bool,
    extra_fields: dict | None = None,
) -> StatusChange:
    """Move `record` to status `to` if its table allows it from the status saved now, saving `extra_fields`
    (plain values, saved with `update()`: no `save()`, no signals, no auto_now) in the same statement, and
    record the move. `public` has no default: every service says whether the public may read its rows.

    The row is locked first (SELECT … FOR UPDATE, held until the caller's transaction ends), so of two people
    moving the same record at once the second waits, then sees the first one's status: if the table does not
    allow its move from there, it gets `MoveRefused`. The record passed in is updated with what was saved."""
    model = type(record)
    current = model.objects.select_for_update().only("status").get(pk=record.pk).status
    if to not in model.MOVES.get(current, ()):
        labels = dict(model.Status.choices)
        if current == to:
            message = _("Statusnya sudah “%(to)s”; mungkin baru saja diubah orang lain. Muat ulang halaman ini.")
        else:
            message = _("Status tidak dapat diubah dari “%(from)s” ke “%(to)s”.")
        raise MoveRefused(message % {"from": labels.get(current, current), "to": labels.get(to, to)})
    changed = {"status": to, **(extra_fields or {})}
    model.objects.filter(pk=record.pk).update(**changed)
    for field, value in changed.items():
        setattr(record, field, value)
    return record.status_changes.create(
        from_status=current, to_status=to, actor=actor, actor_role=actor_role, unit=unit, note=note, public=public
    )
