from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from accounts.permissions import SUPERUSER_ONLY_APPS, is_superuser_only
from wilayah.models import Desa, Kecamatan

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

    # Privileges over accounts are a superuser's alone (accounts/permissions.py): refused here, for every backend,
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


# --- Sessions


class Session(AbstractBaseSession):
    """A browser's session (SESSION_ENGINE "accounts.sessions"): Django's row, plus the person signed in with it,
    so that one query reads both (accounts.sessions). Written from the session's own data on every save."""

    # No database constraint: a session saved while its person is being deleted must not fail; the ORM still
    # deletes a person's sessions with them.
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, null=True, blank=True, db_constraint=False, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")


# --- Roles over a part of the region


class Role(models.TextChoices):
    OPERATOR_DESA = "operator_desa", _("Operator desa/kelurahan")
    OPERATOR_KECAMATAN = "operator_kecamatan", _("Operator kecamatan")
    AGENCY_VERIFIER = "verifikator_opd", _("Verifikator perangkat daerah")
    COMPLAINT_HANDLER = "pengelola_pengaduan", _("Pengelola pengaduan")
    BAPPEDA = "bappeda", _("Bappeda (seluruh daerah)")


# Which unit each role is held over; a role without a unit covers the whole region.
ROLE_UNIT = {
    Role.OPERATOR_DESA: "desa",
    Role.OPERATOR_KECAMATAN: "kecamatan",
    Role.AGENCY_VERIFIER: "agency",
    Role.COMPLAINT_HANDLER: "agency",
    Role.BAPPEDA: None,
}
UNIT_FIELDS = ("desa", "kecamatan", "agency")


class RoleAssignment(models.Model):
    """A person acting for one part of the region: an operator for one desa, a verifier for one agency …"""

    user = models.ForeignKey(User, verbose_name=_("orang"), on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("peran"), max_length=24, choices=Role.choices)
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    agency = models.ForeignKey(
        "wilayah.Agency",
        verbose_name=_("perangkat daerah"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Untuk pengelola pengaduan: kosongkan bila menangani pengaduan seluruh perangkat daerah."),
    )
    granted_by = models.ForeignKey(
        User, verbose_name=_("diberikan oleh"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    granted_at = models.DateTimeField(_("diberikan pada"), auto_now_add=True)

    class Meta:
        ordering = ["user__display_name", "role"]
        verbose_name = _("peran wilayah")
        verbose_name_plural = _("peran wilayah")

    def __str__(self) -> str:
        unit = self.desa or self.kecamatan or self.agency or _("seluruh daerah")
        return f"{self.user}: {self.get_role_display()} — {unit}"

    def clean(self) -> None:
        needed = ROLE_UNIT.get(self.role)
        given = [name for name in UNIT_FIELDS if getattr(self, f"{name}_id")]
        optional = self.role == Role.COMPLAINT_HANDLER and not given
        if needed is None and given:
            raise ValidationError(
                _("Peran ini berlaku untuk seluruh daerah: kosongkan desa, kecamatan dan perangkat daerah.")
            )
        if needed is not None and given != [needed] and not optional:
            unit = self._meta.get_field(needed).verbose_name
            message = _("Peran ini dipegang atas satu %(unit)s: isi hanya kolom ini.") % {"unit": unit}
            raise ValidationError({needed: message})
        same = RoleAssignment.objects.filter(
            user_id=self.user_id, role=self.role, desa_id=self.desa_id, kecamatan_id=self.kecamatan_id
        ).filter(agency_id=self.agency_id)
        if self.user_id and same.exclude(pk=self.pk).exists():
            raise ValidationError(_("Orang ini sudah memegang peran ini atas unit yang sama."))
