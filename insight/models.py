"""The one thing the dashboard stores: the reach figures of each closed month, frozen when first shown.

Reach breakdowns (kecamatan, gender, age group, disability) are never counted from live data. The first time
the dashboard is opened in a month, the counts up to the end of the previous month are taken once and kept;
from then on nothing that happens — a reply, a sign-up, a moderator hiding a reply, someone editing their
profile or deleting their account — moves them until the next month. Differencing two renders therefore shows
nothing. See insight/services.py for when a month's counts are published and docs/dashboard.md for why."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReachSnapshotQuerySet(models.QuerySet):
    def for_month(self, month):
        """The snapshot taken for the month starting on `month` (a date), if it was taken."""
        return self.filter(month=month)

    def before(self, month):
        return self.filter(month__lt=month).order_by("-month")


class ReachSnapshot(models.Model):
    month = models.DateField(_("bulan"), unique=True, help_text=_("Hari pertama bulan saat angka diambil."))
    data_until = models.DateField(
        _("data sampai"), help_text=_("Batas akhir data (tidak termasuk): hari pertama bulan sesudah data terakhir.")
    )
    counts = models.JSONField(_("hitungan"))
    created_at = models.DateTimeField(_("diambil pada"), auto_now_add=True)

    objects = ReachSnapshotQuerySet.as_manager()

    class Meta:
        verbose_name = _("potret jangkauan")
        verbose_name_plural = _("potret jangkauan")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} (data < {self.data_until:%Y-%m-%d})"


class StoredFigures(models.Model):
    """The live blocks of one period (participation, consultations, events, library) as the task worker last
    counted them (`manage.py insight_segarkan`, every 15 minutes). At national size counting them takes
    seconds to minutes (GROUP BYs over every reply); reading them back is one row. Reach is not here: it has
    its own frozen monthly snapshot above. See insight/stored.py and docs/scale.md."""

    period = models.CharField(_("periode"), max_length=12, unique=True)
    period_start = models.DateTimeField(_("awal periode"), null=True)  # None: all time
    computed_at = models.DateTimeField(_("dihitung pada"))
    seconds = models.FloatField(_("lama penghitungan (detik)"))
    blocks = models.JSONField(_("blok"))

    class Meta:
        verbose_name = _("angka dasbor tersimpan")
        verbose_name_plural = _("angka dasbor tersimpan")

    def __str__(self) -> str:
        return f"{self.period} @ {self.computed_at:%Y-%m-%d %H:%M}"
