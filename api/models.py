"""The JSON API for the agencies' own planning systems (E-Perencanaan): who may call it, and what it decided.

A token belongs to one agency and acts for it alone (docs/api.md). Only a short public prefix and a SHA-256 of
the secret are stored: the plain token is shown once, when a superuser issues it in the admin.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from musrenbang.models import UsulanStatusChange
from wilayah.models import Agency


class AgencyTokenQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class AgencyToken(models.Model):
    """An agency's key to the API: `Authorization: Bearer rr_<prefix>_<secret>`."""

    agency = models.ForeignKey(
        Agency, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="api_tokens"
    )
    name = models.CharField(
        _("nama"), max_length=100, help_text=_("Sistem yang memakainya, mis. “E-Perencanaan Dinas PUPR”.")
    )
    # Looked up by the prefix (unique, indexed); the secret itself is compared by its hash.
    prefix = models.CharField(_("awalan"), max_length=16, unique=True, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("diterbitkan"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)
    # Requests in the current minute (api.services.token_rate_count), on the row so every worker counts alike.
    rate_window = models.DateTimeField(null=True, editable=False)
    rate_count = models.PositiveIntegerField(default=0, editable=False)

    objects = AgencyTokenQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name", "-created_at"]
        verbose_name = _("token API perangkat daerah")
        verbose_name_plural = _("token API perangkat daerah")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None


class ApiDecision(models.Model):
    """A decision an agency's system recorded through the API under its own key (`Idempotency-Key`): the same
    key sent again gets this response back instead of a second decision. Also the audit trail of which token
    decided what (the timeline's entry names the agency and role, never a token or a person)."""

    token = models.ForeignKey(AgencyToken, verbose_name=_("token"), on_delete=models.PROTECT, related_name="decisions")
    key = models.CharField(_("kunci idempotensi"), max_length=100)
    # SHA-256 of the usulan's code and the request body: the same key with another request is refused.
    fingerprint = models.CharField(max_length=64)
    change = models.OneToOneField(
        UsulanStatusChange,
        verbose_name=_("keputusan"),
        on_delete=models.PROTECT,
        null=True,  # filled in the same transaction; the row comes first so a parallel twin waits for it
        related_name="+",
    )
    status_code = models.PositiveSmallIntegerField(default=201)
    # The exact JSON text answered the first time (jsonb would reorder its keys), replayed byte for byte.
    response = models.TextField(default="")
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="unique_api_decision_key")]
        verbose_name = _("keputusan lewat API")
        verbose_name_plural = _("keputusan lewat API")

    def __str__(self) -> str:
        return f"{self.token.prefix} · {self.key}"
