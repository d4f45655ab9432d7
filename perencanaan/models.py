"""Planning documents the Musrenbang is synchronised with: the RPJMD's priorities (5-year plan) and each agency's
Renstra programmes (program) and activities (kegiatan), coded after the national nomenclature (Kepmendagri
050-5889/2021: `1.03.10` a programme of urusan 1, bidang 03; `1.03.10.2.01` one of its activities).

Staff keep the priorities in the admin and import the programmes and activities from XLSX (perencanaan.importer);
an usulan accepted at the agency forum points at one activity (musrenbang.Usulan.activity), shown publicly."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wilayah.models import Agency

# Urusan 1–9 (or X for the supporting programmes every agency has), bidang urusan two digits (or XX), then the
# programme's two digits; an activity adds its kind digit and two digits.
PROGRAMME_CODE = re.compile(r"^[1-9X]\.(\d{2}|XX)\.\d{2}$")
ACTIVITY_CODE = re.compile(r"^[1-9X]\.(\d{2}|XX)\.\d{2}\.\d\.\d{2}$")


class RpjmdPriority(models.Model):
    """A priority (prioritas pembangunan) of the RPJMD in force, kept by staff."""

    code = models.CharField(_("kode"), max_length=20, unique=True, help_text=_("Mis. P1"))
    name = models.CharField(_("nama prioritas"), max_length=300)
    start_year = models.PositiveSmallIntegerField(_("tahun awal RPJMD"), help_text=_("Mis. 2026"))
    end_year = models.PositiveSmallIntegerField(_("tahun akhir RPJMD"), help_text=_("Mis. 2031"))
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "code"]
        constraints = [
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="rpjmd_period_in_order")
        ]
        verbose_name = _("prioritas RPJMD")
        verbose_name_plural = _("prioritas RPJMD")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def period(self) -> str:
        return f"{self.start_year}–{self.end_year}"


class ProgrammeQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


class Programme(models.Model):
    """A programme of an agency's Renstra. The same nomenclature code can belong to several agencies (every
    agency has its X.XX.01 supporting programme), so a code is unique per agency."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField(
        _("kode program"),
        max_length=20,
        help_text=_("Mis. 1.03.10"),
        validators=[RegexValidator(PROGRAMME_CODE, _("Tulis kode program seperti 1.03.10."))],
    )
    name = models.CharField(_("nama program"), max_length=300)
    rpjmd_priority = models.ForeignKey(
        RpjmdPriority,
        verbose_name=_("prioritas RPJMD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
    )
    active = models.BooleanField(
        _("aktif"), default=True, help_text=_("Program yang tidak lagi ada di Renstra: matikan, jangan hapus.")
    )

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "code"]
        constraints = [models.UniqueConstraint(fields=["agency", "code"], name="unique_programme_code_per_agency")]
        verbose_name = _("program Renstra")
        verbose_name_plural = _("program Renstra")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ActivityQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True, programme__active=True)

    def of_agency(self, agency_id):
        """The active activities an usulan sent to this agency can be linked to, with their programme."""
        return self.active().filter(programme__agency_id=agency_id).select_related("programme").order_by("code")


class Activity(models.Model):
    """An activity (kegiatan) of a Renstra programme."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="activities"
    )
    code = models.CharField(
        _("kode kegiatan"),
        max_length=30,
        help_text=_("Mis. 1.03.10.2.01"),
        validators=[RegexValidator(ACTIVITY_CODE, _("Tulis kode kegiatan seperti 1.03.10.2.01."))],
    )
    name = models.CharField(_("nama kegiatan"), max_length=300)
    active = models.BooleanField(_("aktif"), default=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="unique_activity_code_per_programme")]
        verbose_name = _("kegiatan Renstra")
        verbose_name_plural = _("kegiatan Renstra")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self):
        if self.programme_id and self.code and not self.code.startswith(self.programme.code + "."):
            raise ValidationError(
                {"code": _("Kode kegiatan harus diawali kode programnya (%(code)s.).") % {"code": self.programme.code}}
            )


class ImportLog(models.Model):
    """One XLSX import: checked (a dry run, its rows kept until saved) and then saved, by whom and when."""

    file_name = models.CharField(_("nama berkas"), max_length=200)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diperiksa oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("diperiksa pada"), default=timezone.now)
    row_count = models.PositiveIntegerField(_("jumlah baris"), default=0)
    # The checked rows, kept between "Periksa" and "Simpan" (emptied once saved).
    rows = models.JSONField(_("baris"), default=list, blank=True, editable=False)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("disimpan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    applied_at = models.DateTimeField(_("disimpan pada"), null=True, blank=True)
    summary = models.CharField(_("ringkasan"), max_length=500, blank=True)

    class Meta:
        ordering = ["-checked_at"]
        verbose_name = _("riwayat impor Renstra")
        verbose_name_plural = _("riwayat impor Renstra")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.checked_at:%Y-%m-%d %H:%M})"
