from django.contrib.auth.models import AbstractUser
from django.core.cache import caches
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.roles import SUPERUSER_ONLY_APPS, is_superuser_only

# --- Region: the deployment's own kabupaten/kota, its kecamatan and desa. All of it is data, so another
# region runs the same code with its own CSV and profile.


class RegionProfileQuerySet(models.QuerySet):
    def current(self) -> "RegionProfile":
        """The one profile row, or an unsaved placeholder before staff have filled it in."""
        return self.first() or RegionProfile(name=_("Kabupaten"), agency_name=_("Bappeda"))


class RegionProfile(models.Model):
    name = models.CharField(_("nama daerah"), max_length=120, help_text=_("Mis. Kabupaten Kutai Kartanegara"))
    short_name = models.CharField(_("nama singkat"), max_length=40, blank=True, help_text=_("Mis. Kukar"))
    agency_name = models.CharField(
        _("nama badan perencanaan"),
        max_length=200,
        help_text=_("Mis. Badan Perencanaan Pembangunan Daerah Kabupaten Kutai Kartanegara"),
    )
    logo = models.ImageField(_("logo"), upload_to="daerah/", blank=True)
    contact_email = models.EmailField(_("e-mail kontak"), blank=True)
    contact_phones = models.CharField(
        _("nomor telepon kontak"), max_length=200, blank=True, help_text=_("Pisahkan beberapa nomor dengan koma.")
    )
    address = models.TextField(_("alamat"), blank=True)
    website = models.URLField(_("situs web resmi"), blank=True)

    objects = RegionProfileQuerySet.as_manager()

    class Meta:
        verbose_name = _("profil daerah")
        verbose_name_plural = _("profil daerah")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # This worker shows the change at once; the others within a minute (their copy expires).
        caches["pages"].delete("region-profile")

    @property
    def phone_list(self) -> list[str]:
        return [phone.strip() for phone in self.contact_phones.split(",") if phone.strip()]


class Kecamatan(models.Model):
    name = models.CharField(_("nama"), max_length=100, unique=True)
    code = models.CharField(_("kode wilayah"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self) -> str:
        return self.name


class Desa(models.Model):
    class Kind(models.TextChoices):
        DESA = "desa", _("Desa")
        KELURAHAN = "kelurahan", _("Kelurahan")

    kecamatan = models.ForeignKey(Kecamatan, on_delete=models.CASCADE, related_name="desa_set")
    name = models.CharField(_("nama"), max_length=100)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.DESA)
    code = models.CharField(_("kode wilayah"), max_length=20, blank=True)

    class Meta:
        ordering = ["kecamatan__name", "name"]
        constraints = [models.UniqueConstraint(fields=["kecamatan", "name"], name="unique_desa_per_kecamatan")]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


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

    # Privileges over accounts are a superuser's alone (accounts/roles.py): refused here, for every backend,
    # so no group or per-person grant can hand them to anyone else.
    def has_perm(self, perm, obj=None) -> bool:
        if not self.is_superuser and is_superuser_only(perm):
            return False
        return super().has_perm(perm, obj)

    def has_module_perms(self, app_label) -> bool:
        if not self.is_superuser and app_label in SUPERUSER_ONLY_APPS:
            return False
        return super().has_module_perms(app_label)

    def get_all_permissions(self, obj=None) -> set[str]:
        permissions = super().get_all_permissions(obj)
        return permissions if self.is_superuser else {perm for perm in permissions if not is_superuser_only(perm)}

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @cached_property
    def is_expert(self) -> bool:
        try:
            return self.expert_profile is not None
        except ObjectDoesNotExist:
            return False
