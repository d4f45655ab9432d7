"""Short announcements staff post for the whole region or one kecamatan/desa, shown on the portal, in Atom
feeds and in a block desa and KIM websites embed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruangrunding.markup import markdown_summary
from wilayah.models import Desa, Kecamatan


class AnnouncementQuerySet(models.QuerySet):
    def published(self, now=None):
        """Past their publication time and not yet expired."""
        now = now or timezone.now()
        return self.filter(publish_at__lte=now).filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def for_kecamatan(self, kecamatan: Kecamatan):
        """What a kecamatan's readers should see: the region-wide ones and those of the kecamatan or its desa."""
        return self.filter(Q(kecamatan__isnull=True, desa__isnull=True) | Q(kecamatan=kecamatan))

    def for_desa(self, desa: Desa):
        """What a desa's readers should see: the region-wide ones, its kecamatan's own, and the desa's."""
        region_wide = Q(kecamatan__isnull=True, desa__isnull=True)
        return self.filter(region_wide | Q(kecamatan_id=desa.kecamatan_id, desa__isnull=True) | Q(desa=desa))

    def listing(self):
        return self.select_related("kecamatan", "desa").order_by("-pinned", "-publish_at", "-pk")

    def for_home(self, limit: int = 3) -> list["Announcement"]:
        """The latest published announcements, pinned first, for the home page."""
        return list(self.published().listing()[:limit])


class Announcement(models.Model):
    title = models.CharField(_("judul"), max_length=160)
    body = models.TextField(_("isi"), help_text=_("Markdown: **tebal**, *miring*, daftar dan tautan. HTML dibuang."))
    summary = models.CharField(
        _("ringkasan"),
        max_length=200,
        blank=True,
        help_text=_("Satu-dua kalimat untuk pratinjau tautan (WhatsApp) dan umpan. Kosong: diambil dari isi."),
    )
    image = models.ImageField(_("gambar"), upload_to="pengumuman/", blank=True)
    image_alt = models.CharField(_("teks pengganti gambar"), max_length=200, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosongkan untuk pengumuman seluruh daerah."),
    )
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    pinned = models.BooleanField(_("disematkan di atas"), default=False)
    publish_at = models.DateTimeField(_("terbit pada"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("berakhir pada"), null=True, blank=True, help_text=_("Kosongkan bila pengumuman tidak berakhir.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AnnouncementQuerySet.as_manager()

    class Meta:
        ordering = ["-pinned", "-publish_at", "-pk"]
        indexes = [models.Index(fields=["publish_at"])]
        verbose_name = _("pengumuman")
        verbose_name_plural = _("pengumuman")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("pengumuman:detail", args=[self.pk])

    def clean(self):
        if self.desa_id and self.kecamatan_id and self.desa.kecamatan_id != self.kecamatan_id:
            raise ValidationError({"desa": _("Desa/kelurahan ini tidak berada di kecamatan yang dipilih.")})
        if self.desa_id and not self.kecamatan_id:
            self.kecamatan_id = self.desa.kecamatan_id
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            raise ValidationError({"expires_at": _("Tanggal berakhir harus sesudah tanggal terbit.")})

    @property
    def short_text(self) -> str:
        return self.summary or markdown_summary(self.body)

    @property
    def area_label(self) -> str:
        if self.desa_id:
            return str(self.desa)
        if self.kecamatan_id:
            return _("Kecamatan %(name)s") % {"name": self.kecamatan.name}
        return ""
