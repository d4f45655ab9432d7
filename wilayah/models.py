"""The region as data: its profile, kecamatan and desa/kelurahan with Kemendagri codes, and its agencies
(Perangkat Daerah / OPD). Below every other app of the portal: it imports none of them."""

from django.core.cache import caches
from django.db import models
from django.utils.translation import gettext_lazy as _

# --- The deployment's own kabupaten/kota, its kecamatan and desa. All of it is data, so another region runs
# the same code with its own codes and profile.


PROFILE_CACHE_KEY = "region-profile"  # the profile as every page shows it (wilayah.context_processors)


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
        caches["pages"].delete(PROFILE_CACHE_KEY)

    @property
    def phone_list(self) -> list[str]:
        return [phone.strip() for phone in self.contact_phones.split(",") if phone.strip()]


class UnitQuerySet(models.QuerySet):
    def active(self):
        return self.filter(active=True)


ACTIVE_HELP = _("Unit yang sudah tidak ada dalam data resmi tetap disimpan (ada yang merujuknya), tetapi tidak aktif.")


class Kecamatan(models.Model):
    name = models.CharField(_("nama"), max_length=100)
    code = models.CharField(_("kode wilayah"), max_length=20, blank=True, help_text=_("Kode Kemendagri, mis. 64.02.05"))
    active = models.BooleanField(_("aktif"), default=True, help_text=ACTIVE_HELP)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="unique_kecamatan_code")
        ]
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
    code = models.CharField(
        _("kode wilayah"), max_length=20, blank=True, help_text=_("Kode Kemendagri, mis. 64.02.05.1001")
    )
    active = models.BooleanField(_("aktif"), default=True, help_text=ACTIVE_HELP)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["kecamatan__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["kecamatan", "name"], name="unique_desa_per_kecamatan"),
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="unique_desa_code"),
        ]
        verbose_name = _("desa/kelurahan")
        verbose_name_plural = _("desa/kelurahan")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


# --- Agencies


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
