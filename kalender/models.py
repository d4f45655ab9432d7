"""Local changes to the national calendar of working days, each backed by a decree."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarChange(models.Model):
    """One day that a regional decree makes different from the national calendar: a regional holiday or an
    extra cuti bersama (the office is closed), or a national cuti bersama the region cancelled (open)."""

    class Kind(models.TextChoices):
        CLOSED = "libur", _("Libur (hari libur daerah, cuti bersama tambahan)")
        OPEN = "masuk", _("Masuk kerja (cuti bersama dibatalkan, hari kerja pengganti)")

    day = models.DateField(_("tanggal"), unique=True)
    kind = models.CharField(_("jenis perubahan"), max_length=8, choices=Kind.choices, default=Kind.CLOSED)
    name = models.CharField(_("keterangan"), max_length=160, help_text=_("Mis. Hari Jadi Kota Tenggarong"))
    decree = models.CharField(
        _("nomor keputusan"), max_length=160, help_text=_("Mis. Keputusan Bupati Kutai Kartanegara Nomor …")
    )
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        ordering = ["-day"]
        verbose_name = _("perubahan hari kerja daerah")
        verbose_name_plural = _("perubahan hari kerja daerah")

    def __str__(self) -> str:
        return f"{self.day:%d-%m-%Y} {self.get_kind_display()}: {self.name}"
