"""Public meetings (Musrenbang, forums, public consultations): who may take part actively is decided by
selection with places kept for each group, and only the selected ever see the meeting link."""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, Q, When
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _

from musrenbang.models import Cycle, Stage, Usulan
from pengaduan.models import Complaint
from pustaka.models import Document
from ruangrunding.markup import markdown_summary
from wilayah.models import Desa, Kecamatan


class ParticipantGroup(models.Model):
    """One of the region's groups whose voice the planning law asks to hear (perempuan, penyandang
    disabilitas, …); staff keep the list."""

    name = models.CharField(_("nama"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kelompok peserta")
        verbose_name_plural = _("kelompok peserta")

    def __str__(self) -> str:
        return self.name


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())


class Event(models.Model):
    class Kind(models.TextChoices):
        MUSRENBANG_DESA = "musrenbang_desa", _("Musrenbang desa/kelurahan")
        MUSRENBANG_KECAMATAN = "musrenbang_kecamatan", _("Musrenbang kecamatan")
        MUSRENBANG_KABUPATEN = "musrenbang_kabupaten", _("Musrenbang kabupaten/kota")
        FORUM_PD = "forum_pd", _("Forum Perangkat Daerah")
        PUBLIC_CONSULTATION = "konsultasi_publik", _("Konsultasi publik")
        SOCIALISATION = "sosialisasi", _("Sosialisasi")

    class Mode(models.TextChoices):
        ONLINE = "daring", _("Daring (online)")
        IN_PERSON = "luring", _("Luring (tatap muka)")
        BOTH = "hibrida", _("Daring dan luring")

    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, blank=True)
    kind = models.CharField(_("jenis"), max_length=24, choices=Kind.choices)
    mode = models.CharField(_("cara"), max_length=8, choices=Mode.choices, default=Mode.BOTH)
    description = models.TextField(_("keterangan"), blank=True, help_text=_("Markdown; HTML dibuang."))
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=250, blank=True, help_text=_("Untuk acara luring."))
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cycle = models.ForeignKey(
        Cycle,
        verbose_name=_("siklus Musrenbang"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        help_text=_("Bila acara ini bagian dari Musrenbang: tahun RKPD-nya."),
    )
    stage = models.CharField(
        _("tahap Musrenbang"), max_length=12, choices=Stage.choices[:-1], blank=True, help_text=_("Bersama siklus.")
    )
    livestream_url = models.URLField(_("tautan siaran langsung (publik)"), blank=True)
    meeting_url = models.URLField(
        _("tautan rapat peserta (rahasia)"),
        blank=True,
        help_text=_("Hanya dikirim kepada peserta terpilih; tidak pernah tampil di halaman publik."),
    )
    meeting_details = models.CharField(
        _("ID dan kode sandi rapat (rahasia)"), max_length=200, blank=True, help_text=_("Mis. ID 812 3456, sandi 2045")
    )
    registration_opens_at = models.DateTimeField(_("pendaftaran dibuka"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("pendaftaran ditutup"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("jumlah peserta aktif"), default=0, help_text=_("0: tanpa pendaftaran."))
    application_limit = models.PositiveIntegerField(
        _("batas pendaftar"),
        null=True,
        blank=True,
        help_text=_("Kosong: tanpa batas; pendaftaran tutup bila tercapai."),
    )
    minutes = models.ManyToManyField(
        Document,
        verbose_name=_("notulen dan berita acara"),
        blank=True,
        related_name="minutes_of_events",
        help_text=_("Dokumen Pustaka; tampil di halaman acara setelah acara selesai (yang sudah terbit saja)."),
    )
    is_published = models.BooleanField(_("terbit"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("acara")
        verbose_name_plural = _("acara")
        permissions = [("select_participants", _("Dapat memilih peserta acara"))]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.title)[:200] or "acara"
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("agenda:detail", args=[self.pk, self.slug])

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("Waktu selesai harus sesudah waktu mulai.")
        if self.registration_closes_at and self.starts_at and self.registration_closes_at > self.starts_at:
            errors["registration_closes_at"] = _("Pendaftaran harus ditutup sebelum acara dimulai.")
        opens, closes = self.registration_opens_at, self.registration_closes_at
        if opens and closes and closes <= opens:
            errors["registration_closes_at"] = _("Pendaftaran harus ditutup sesudah dibuka.")
        if self.capacity and not self.registration_closes_at:
            errors["registration_closes_at"] = _("Acara dengan peserta aktif memerlukan batas waktu pendaftaran.")
        if self.cycle_id and not self.stage:
            errors["stage"] = _("Pilih tahap Musrenbang untuk siklus ini.")
        if self.stage and not self.cycle_id:
            errors["cycle"] = _("Tahap Musrenbang memerlukan siklusnya (tahun RKPD).")
        if self.desa_id and self.kecamatan_id and self.desa.kecamatan_id != self.kecamatan_id:
            errors["desa"] = _("Desa/kelurahan ini tidak berada di kecamatan yang dipilih.")
        if errors:
            raise ValidationError(errors)

    @property
    def summary(self) -> str:
        return markdown_summary(self.description) if self.description else self.get_kind_display()

    @property
    def musrenbang_label(self) -> str:
        """E.g. "Musrenbang Kecamatan · Musrenbang RKPD 2027", or "" when the event is not a Musrenbang stage."""
        if not (self.cycle_id and self.stage):
            return ""
        return f"{Stage(self.stage).label} · {self.cycle}"

    @property
    def takes_applications(self) -> bool:
        return self.capacity > 0

    @property
    def is_in_person(self) -> bool:
        return self.mode in {self.Mode.IN_PERSON, self.Mode.BOTH}

    def registration_state(self, now=None) -> str:
        """ "belum", "buka" or "tutup" (not yet open, open, closed) — the deadline only, not the places."""
        now = now or timezone.now()
        if not self.takes_applications:
            return "tutup"
        if self.registration_opens_at and now < self.registration_opens_at:
            return "belum"
        if self.registration_closes_at and now >= self.registration_closes_at:
            return "tutup"
        return "buka"


class GroupQuota(models.Model):
    """Places of an event kept for one group until staff fill them with its applicants."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="quotas")
    group = models.ForeignKey(ParticipantGroup, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="+")
    places = models.PositiveIntegerField(_("tempat disediakan"))

    class Meta:
        ordering = ["group__order", "group__name"]
        constraints = [models.UniqueConstraint(fields=["event", "group"], name="unique_quota_per_group")]
        verbose_name = _("tempat untuk kelompok")
        verbose_name_plural = _("tempat untuk kelompok")

    def __str__(self) -> str:
        return f"{self.group}: {self.places}"


class Need(models.TextChoices):
    SIGN_LANGUAGE = "juru_bahasa_isyarat", _("Juru bahasa isyarat")
    WHEELCHAIR = "akses_kursi_roda", _("Akses kursi roda")
    LARGE_PRINT = "cetak_huruf_besar", _("Bahan cetak huruf besar")
    CAPTIONS = "teks_terjemahan", _("Teks/takarir langsung")
    COMPANION = "pendamping", _("Pendamping")


class ApplicationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A citizen sees their own applications only."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(citizen=user)

    def for_selection(self):
        """Still to decide first, then the waiting list in its order, the selected, the rest."""
        order = Case(
            *(When(status=status, then=rank) for rank, status in enumerate(SELECTION_ORDER)),
            default=len(SELECTION_ORDER),
        )
        return self.select_related("citizen", "group", "kecamatan", "desa").order_by(
            order, "waiting_position", "created_at", "pk"
        )

    def taking_places(self):
        return self.filter(status=Application.Status.SELECTED)

    def counts_by_group(self) -> dict:
        """{group_id: {"applied": n, "selected": n, "attended": n}} in one query."""
        return {row["group_id"]: row for row in self.figures_by("group_id")}

    def figures_by(self, field: str):
        """Applied, selected and attended per value of `field` (a group, a kecamatan), one query."""
        return (
            self.values(field)
            .annotate(
                applied=Count("pk"),
                selected=Count("pk", filter=Q(status=Application.Status.SELECTED)),
                attended=Count("pk", filter=Q(attended_at__isnull=False)),
            )
            .order_by(field)
        )


def new_code() -> str:
    # Short, read aloud at a registration desk: no 0/O or 1/I.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


class Application(models.Model):
    class Status(models.TextChoices):
        APPLIED = "mendaftar", _("Mendaftar")
        SELECTED = "terpilih", _("Terpilih")
        WAITING = "cadangan", _("Daftar tunggu")
        NOT_SELECTED = "tidak_terpilih", _("Tidak terpilih")
        DECLINED = "mundur", _("Mengundurkan diri")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="applications")
    citizen = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(ParticipantGroup, verbose_name=_("kelompok"), on_delete=models.PROTECT, related_name="+")
    organisation = models.CharField(_("organisasi/lembaga"), max_length=150, blank=True)
    kecamatan = models.ForeignKey(
        Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    topic = models.TextField(_("yang ingin disampaikan"), max_length=2000)
    needs = models.JSONField(_("kebutuhan aksesibilitas"), default=list, blank=True)
    other_needs = models.CharField(_("kebutuhan lain"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.APPLIED)
    waiting_position = models.PositiveIntegerField(_("urutan cadangan"), null=True, blank=True)
    code = models.CharField(_("kode pendaftaran"), max_length=8, default=new_code)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("mendaftar pada"), auto_now_add=True)
    decided_at = models.DateTimeField(_("diputuskan pada"), null=True, blank=True)
    attended_at = models.DateTimeField(_("hadir pada"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("diingatkan pada"), null=True, blank=True, editable=False)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "citizen"], name="one_application_per_event"),
            models.UniqueConstraint(fields=["event", "code"], name="unique_code_per_event"),
        ]
        indexes = [models.Index(fields=["event", "status"])]
        verbose_name = _("pendaftaran")
        verbose_name_plural = _("pendaftaran")

    def __str__(self) -> str:
        return f"{self.citizen} · {self.event}"

    @property
    def need_labels(self) -> list[str]:
        labels = [str(Need(value).label) for value in self.needs if value in Need.values]
        return labels + ([self.other_needs] if self.other_needs else [])


SELECTION_ORDER = [
    Application.Status.APPLIED,
    Application.Status.WAITING,
    Application.Status.SELECTED,
    Application.Status.NOT_SELECTED,
    Application.Status.DECLINED,
]


class AspirationQuerySet(models.QuerySet):
    def shown_to(self, user):
        """The published ones, and a signed-in author's own still waiting for moderation."""
        shown = Q(status=Aspiration.Status.PUBLISHED)
        if user.is_authenticated:
            shown |= Q(author=user, status=Aspiration.Status.PENDING)
        return self.filter(shown).select_related("author", "usulan", "complaint")


class Aspiration(models.Model):
    """What a participant or any signed-in citizen raises during or after an event; shown once a moderator
    has let it through, like replies waiting for moderation."""

    class Status(models.TextChoices):
        PENDING = "menunggu", _("Menunggu moderasi")
        PUBLISHED = "tampil", _("Ditampilkan")
        HIDDEN = "disembunyikan", _("Disembunyikan")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="aspirations")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    body = models.TextField(_("aspirasi"), max_length=2000)
    status = models.CharField(_("status"), max_length=14, choices=Status.choices, default=Status.PENDING)
    shortlisted = models.BooleanField(_("daftar pendek"), default=False)
    answer = models.TextField(_("tanggapan"), blank=True)
    answered_at = models.DateTimeField(_("ditanggapi pada"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("dikirim pada"), auto_now_add=True)
    # What staff turned it into (one action, at most once): a draft usulan or a complaint. The other side
    # reads the link back through the reverse relation `aspiration` (those apps never import agenda).
    usulan = models.OneToOneField(
        Usulan,
        verbose_name=_("menjadi usulan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="aspiration",
    )
    complaint = models.OneToOneField(
        Complaint,
        verbose_name=_("menjadi pengaduan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="aspiration",
    )

    objects = AspirationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["event", "status"])]
        verbose_name = _("aspirasi")
        verbose_name_plural = _("aspirasi")

    def __str__(self) -> str:
        return Truncator(self.body).chars(60)
