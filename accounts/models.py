from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wilayah.models import Desa, Kecamatan, RegionProfile  # noqa: F401 (RegionProfile: moved, still importable)

# --- People


class Gender(models.TextChoices):
    FEMALE = "perempuan", _("Perempuan")
    MALE = "laki_laki", _("Laki-laki")


class AgeGroup(models.TextChoices):
    UNDER_18 = "di_bawah_18", _("Di bawah 18 tahun")
    FROM_18_TO_29 = "18_29", _("18–29 tahun")
    FROM_30_TO_44 = "30_44", _("30–44 tahun")
    FROM_45_TO_59 = "45_59", _("45–59 tahun")
    FROM_60 = "60_ke_atas", _("60 tahun ke atas")


class Disability(models.TextChoices):
    YES = "ya", _("Ya, saya penyandang disabilitas")
    NO = "tidak", _("Tidak")


class User(AbstractUser):
    """A person using the portal. The demographic fields are optional and only ever reported in aggregate."""

    display_name = models.CharField(
        _("nama tampilan"),
        max_length=60,
        help_text=_("Nama yang dilihat orang lain di samping tanggapan Anda."),
    )
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    desa = models.ForeignKey(
        Desa,
        verbose_name=_("desa/kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Boleh dikosongkan bila desa/kelurahan Anda belum ada di daftar."),
    )
    gender = models.CharField(_("jenis kelamin"), max_length=12, choices=Gender.choices, blank=True)
    age_group = models.CharField(_("kelompok umur"), max_length=12, choices=AgeGroup.choices, blank=True)
    disability = models.CharField(_("disabilitas"), max_length=6, choices=Disability.choices, blank=True)
    notify_replies = models.BooleanField(_("kirimi saya e-mail bila ada yang membalas tanggapan saya"), default=True)

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self) -> str:
        return self.display_name or self.username

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @cached_property
    def is_expert(self) -> bool:
        try:
            return self.expert_profile is not None
        except ObjectDoesNotExist:
            return False
