from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExpertQuerySet(models.QuerySet):
    def listed(self):
        return self.select_related("user").order_by("full_name")


class Expert(models.Model):
    """A university expert citizens may consult. The account stays a normal user account; this adds the
    public profile. (The consultation itself arrives with the konsultasi issue.)"""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    full_name = models.CharField(_("nama lengkap dan gelar"), max_length=150)
    institution = models.CharField(_("universitas/lembaga"), max_length=150)
    bio = models.TextField(_("profil singkat"), blank=True)
    accepting_consultations = models.BooleanField(_("menerima konsultasi baru"), default=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("pakar")
        verbose_name_plural = _("pakar")

    def __str__(self) -> str:
        return self.full_name
