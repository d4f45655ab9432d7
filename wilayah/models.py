"""The region's own government: its agencies (Perangkat Daerah / OPD)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Agency(models.Model):
    """A regional government agency: the unit that verifies proposals or answers complaints."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", _("Sekretariat")
        INSPECTORATE = "inspektorat", _("Inspektorat")
        OFFICE = "dinas", _("Dinas")
        AGENCY = "badan", _("Badan")
        UNIT = "satuan", _("Satuan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        OTHER = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("nama singkat"), max_length=40, help_text=_("Mis. Dinas PUPR"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    active = models.BooleanField(
        _("aktif"),
        default=True,
        help_text=_("Perangkat daerah yang sudah dilebur atau dibubarkan: matikan, jangan hapus."),
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")

    def __str__(self) -> str:
        return self.short_name or self.name
