"""One shape for records that move through statuses, so every module's history reads the same.

- the status is a `TextChoices` field named `status` on the model;
- the allowed moves are a table on the model: `MOVES = {from_status: {to_status, …}}`;
- every move leaves a row of a `StatusChange` subclass (who, in which role and unit, when, from, to, note,
  public or internal), linked to the record as `status_changes`;
- one service per move, named `<thing>_<verb>`, calls `status_move` (which checks the table, locks the row,
  records the change) and then queues its e-mails.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ruangrunding.refusals import Refused


class MoveRefused(Refused):
    pass


class StatusChange(models.Model):
    """A history row. Subclasses add `record = ForeignKey(<Thing>, related_name="status_changes")`."""

    from_status = models.CharField(gettext_lazy("dari status"), max_length=24, blank=True)
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
    unit = models.CharField(gettext_lazy("unit"), max_length=200, blank=True)
    note = models.TextField(gettext_lazy("catatan"), blank=True)
    public = models.BooleanField(gettext_lazy("tampil untuk publik"), default=True)
    at = models.DateTimeField(gettext_lazy("waktu"), default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


def allowed_moves(record) -> set[str]:
    return set(type(record).MOVES.get(record.status, ()))


@transaction.atomic
def status_move(
    record,
    *,
    to: str,
    actor=None,
    actor_role: str = "",
    unit: str = "",
    note: str = "",
    public: bool = True,
    extra_fields: dict | None = None,
) -> StatusChange:
    """Move `record` to status `to` if its table allows it, saving `extra_fields` with it, and record the move.

    The row is locked first, so two people moving the same record at once cannot both succeed from the same
    status; the record passed in is refreshed with what was saved.
    """
    model = type(record)
    current = model.objects.select_for_update().only("status").get(pk=record.pk).status
    if to not in model.MOVES.get(current, ()):
        labels = dict(model.Status.choices)
        raise MoveRefused(
            _("Status tidak dapat diubah dari “%(from)s” ke “%(to)s”.")
            % {"from": labels.get(current, current), "to": labels.get(to, to)}
        )
    changed = {"status": to, **(extra_fields or {})}
    model.objects.filter(pk=record.pk).update(**changed)
    for field, value in changed.items():
        setattr(record, field, value)
    return record.status_changes.create(
        from_status=current, to_status=to, actor=actor, actor_role=actor_role, unit=unit, note=note, public=public
    )
