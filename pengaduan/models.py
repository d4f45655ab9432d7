"""Complaints, suggestions and requests for information, answered on the service standard's working-day clocks.

The clocks (docs/pengaduan.md): a complaint is received at `received_at` (filing; for someone without an
account, the moment they confirm their e-mail address). The initial response is due 1 working day after day
zero of `received_at`, the final response 2 working days after it (5 once a handler disposes it to more than
one agency), each extended by the working days it spent waiting for the reporter (`paused_days`). The
deadlines are stored, so lists sort and filter by them in SQL; `complaint_*` services recompute them at the
steps that change them.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruangrunding.storage import private_storage
from ruangrunding.workflow import StatusChange
from wilayah.models import Agency, Desa, Kecamatan

INITIAL_DAYS = 1
FINAL_DAYS_INTERNAL = 2
FINAL_DAYS_ACROSS_AGENCIES = 5


class Category(models.Model):
    """A staff-managed subject ("Jalan dan jembatan"); it routes a complaint to an agency."""

    name = models.CharField(_("nama"), max_length=120, unique=True)
    agency = models.ForeignKey(
        Agency, verbose_name=_("perangkat daerah tujuan"), on_delete=models.PROTECT, related_name="+"
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")

    def __str__(self) -> str:
        return self.name

    def agency_for(self, kecamatan: Kecamatan | None) -> Agency:
        """The agency a complaint of this category goes to: the kecamatan's own route when there is one."""
        if kecamatan is not None:
            route = self.routes.filter(kecamatan=kecamatan).select_related("agency").first()
            if route is not None:
                return route.agency
        return self.agency


class CategoryRoute(models.Model):
    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="routes")
    kecamatan = models.ForeignKey(Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["category", "kecamatan"], name="unique_route_per_kecamatan")]
        verbose_name = _("rute per kecamatan")
        verbose_name_plural = _("rute per kecamatan")

    def __str__(self) -> str:
        return f"{self.category} · {self.kecamatan} → {self.agency}"


class CannedResponse(models.Model):
    """A ready text for a frequent answer, per category or for all; handlers start from it and adapt it."""

    category = models.ForeignKey(
        Category,
        verbose_name=_("kategori"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="canned_responses",
        help_text=_("Kosongkan untuk semua kategori."),
    )
    title = models.CharField(_("judul"), max_length=120)
    text = models.TextField(_("teks"))
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("templat jawaban")
        verbose_name_plural = _("templat jawaban")

    def __str__(self) -> str:
        return self.title


def new_code() -> str:
    # Unambiguous characters only (no 0/O, 1/I): people read codes out over the phone.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "ADU-" + "".join(secrets.choice(alphabet) for _ in range(8))


def new_secret() -> str:
    return secrets.token_urlsafe(18)


def overdue_q(now=None) -> Q:
    """The condition of `ComplaintQuerySet.overdue()`, for counting it beside other figures in one query."""
    return Q(paused_at__isnull=True, next_due__lt=now or timezone.now())


class ComplaintQuerySet(models.QuerySet):
    def published(self):
        """What the public may see: verified by a handler, not "rahasia", not refused or a duplicate."""
        return (
            self.filter(verified_at__isnull=False)
            .exclude(privacy=Complaint.Privacy.SECRET)
            .exclude(status__in=[Complaint.Status.REJECTED, Complaint.Status.DUPLICATE])
        )

    def in_handling(self):
        """Confirmed complaints (someone without an account confirms their e-mail first)."""
        return self.exclude(status=Complaint.Status.UNCONFIRMED)

    def overdue(self, now=None):
        """Running clocks past their deadline: `next_due` is the initial deadline while the initial response is
        due (and it never comes after the final one), then the final deadline; paused complaints never count."""
        return self.filter(overdue_q(now))

    def for_queue(self):
        return self.in_handling().order_by(F("next_due").asc(nulls_last=True), "-received_at")

    def queue_counts(self, listed: Q, now) -> dict[str, int]:
        """How many of these complaints a queue lists (`listed`), and how many are overdue with the initial
        response still due ("initial") or past it ("final"): one pass over them."""
        overdue = overdue_q(now)
        return self.aggregate(
            listed=Count("pk", filter=listed),
            initial=Count("pk", filter=overdue & Q(initial_met_at__isnull=True)),
            final=Count("pk", filter=overdue & Q(initial_met_at__isnull=False)),
        )


def queue_condition(*, status: str, only_overdue: bool, now) -> Q:
    """What a complaint queue lists: one status, or every complaint still running; only the overdue ones if asked."""
    listed = Q(status=status) if status else ~Q(status__in=Complaint.CLOSED)
    return listed & overdue_q(now) if only_overdue else listed


class Complaint(models.Model):
    class Kind(models.TextChoices):
        COMPLAINT = "pengaduan", _("Pengaduan")
        SUGGESTION = "saran", _("Saran/aspirasi")
        INFORMATION = "informasi", _("Permintaan informasi")

    class Privacy(models.TextChoices):
        NORMAL = "biasa", _("Biasa")
        ANONYMOUS = "anonim", _("Anonim (identitas pelapor tidak ditampilkan)")
        SECRET = "rahasia", _("Rahasia (tidak ditampilkan kepada publik)")

    class Channel(models.TextChoices):
        WEB = "web", _("Situs web")
        PHONE = "telepon", _("Telepon")
        WHATSAPP = "whatsapp", _("WhatsApp")
        SMS = "sms", _("SMS")
        LETTER = "surat", _("Surat")
        COUNTER = "loket", _("Langsung di loket")
        EMAIL = "email", _("E-mail")
        FORUM = "forum", _("Forum/acara publik")

    class Status(models.TextChoices):
        UNCONFIRMED = "belum_dikonfirmasi", _("Menunggu konfirmasi e-mail")
        RECEIVED = "diterima", _("Diterima")
        VERIFIED = "diverifikasi", _("Diverifikasi")
        DISPOSED = "didisposisikan", _("Didisposisikan")
        ANSWERED = "ditindaklanjuti", _("Ditindaklanjuti")
        DONE = "selesai", _("Selesai")
        REDIRECTED = "dialihkan", _("Bukan wewenang / dialihkan")
        DUPLICATE = "duplikat", _("Duplikat")
        REJECTED = "ditolak", _("Ditolak")

    CLOSED = [Status.DONE, Status.REDIRECTED, Status.DUPLICATE, Status.REJECTED]
    SIDE_EXITS = {Status.REDIRECTED, Status.DUPLICATE, Status.REJECTED}
    MOVES = {
        Status.UNCONFIRMED: {Status.RECEIVED},
        Status.RECEIVED: {Status.VERIFIED, *SIDE_EXITS},
        Status.VERIFIED: {Status.DISPOSED, Status.ANSWERED, *SIDE_EXITS},
        Status.DISPOSED: {Status.ANSWERED, Status.REDIRECTED},
        Status.ANSWERED: {Status.DONE, Status.VERIFIED},  # back to verified: the reporter contested
    }

    code = models.CharField(_("kode pelacakan"), max_length=12, unique=True, default=new_code, editable=False)
    secret = models.CharField(max_length=32, default=new_secret, editable=False)
    kind = models.CharField(_("klasifikasi"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.ForeignKey(Category, verbose_name=_("kategori"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("judul"), max_length=150)
    description = models.TextField(_("uraian"))
    kecamatan = models.ForeignKey(Kecamatan, verbose_name=_("kecamatan"), on_delete=models.PROTECT, related_name="+")
    desa = models.ForeignKey(
        Desa, verbose_name=_("desa/kelurahan"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True, blank=True)
    privacy = models.CharField(_("kerahasiaan"), max_length=8, choices=Privacy.choices, default=Privacy.NORMAL)
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices, default=Channel.WEB)

    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor (akun)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="complaints",
    )
    reporter_name = models.CharField(_("nama pelapor"), max_length=120, blank=True)
    reporter_email = models.EmailField(_("e-mail pelapor"), blank=True)
    reporter_phone = models.CharField(_("telepon pelapor"), max_length=30, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    confirm_token = models.CharField(max_length=32, blank=True, editable=False)

    agency = models.ForeignKey(
        Agency, verbose_name=_("perangkat daerah tujuan"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=24, choices=Status.choices, default=Status.RECEIVED)
    created_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    received_at = models.DateTimeField(_("diterima"), null=True, blank=True, db_index=True)
    verified_at = models.DateTimeField(_("diverifikasi"), null=True, blank=True)
    initial_due = models.DateTimeField(_("batas respon awal"), null=True, blank=True, db_index=True)
    initial_met_at = models.DateTimeField(_("respon awal"), null=True, blank=True)
    final_days = models.PositiveSmallIntegerField(_("hari kerja respon akhir"), default=FINAL_DAYS_INTERNAL)
    final_due = models.DateTimeField(_("batas respon akhir"), null=True, blank=True, db_index=True)
    final_met_at = models.DateTimeField(_("respon akhir"), null=True, blank=True)
    paused_at = models.DateTimeField(_("menunggu pelapor sejak"), null=True, blank=True)
    paused_days = models.PositiveSmallIntegerField(_("hari kerja menunggu pelapor"), default=0)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # After a contest the final clock runs again from here (docs/pengaduan.md, "Keberatan").
    reopened_at = models.DateTimeField(_("dibuka kembali"), null=True, blank=True)
    # Answered and not contested by then: closed automatically (PENGADUAN_CONTEST_DAYS working days).
    contest_until = models.DateTimeField(_("batas keberatan"), null=True, blank=True, db_index=True)
    initial_reminded = models.BooleanField(default=False, editable=False)
    final_reminded = models.BooleanField(default=False, editable=False)

    # The nearest clock still running, kept by the database itself (a generated column) so the handler's queue
    # sorts and counts overdue complaints on an index: the initial deadline while the initial response is
    # due, then the final one; none once both are met or the complaint is closed.
    next_due = models.GeneratedField(
        expression=Case(
            When(status__in=["selesai", "dialihkan", "duplikat", "ditolak"], then=Value(None)),
            When(initial_met_at__isnull=True, then=F("initial_due")),
            When(final_met_at__isnull=True, then=F("final_due")),
            default=Value(None),
            output_field=models.DateTimeField(null=True),
        ),
        output_field=models.DateTimeField(null=True),
        db_persist=True,
        verbose_name=_("batas terdekat"),
    )

    redirected_to = models.CharField(_("dialihkan kepada"), max_length=200, blank=True)
    duplicate_of = models.ForeignKey(
        "self", verbose_name=_("duplikat dari"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejection_reason = models.TextField(_("alasan penolakan"), blank=True)
    final_response = models.TextField(_("respon akhir"), blank=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "kecamatan"], name="pengaduan_status_kec"),
            models.Index(fields=["next_due"], name="pengaduan_next_due"),
            # The public list and its count: PostgreSQL counts 80,000 published rows from this index alone.
            models.Index(
                fields=["received_at"],
                condition=Q(verified_at__isnull=False) & ~Q(privacy="rahasia") & ~Q(status__in=["ditolak", "duplikat"]),
                name="pengaduan_published",
            ),
        ]
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")

    def __str__(self) -> str:
        return f"{self.code} · {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("pengaduan:detail", args=[self.code])

    def tracking_url(self) -> str:
        return reverse("pengaduan:track", args=[self.code, self.secret])

    def manage_url(self) -> str:
        return reverse("pengaduan:manage", args=[self.code])

    @property
    def is_published(self) -> bool:
        return (
            self.verified_at is not None
            and self.privacy != self.Privacy.SECRET
            and self.status not in (self.Status.REJECTED, self.Status.DUPLICATE)
        )

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED

    @property
    def public_reporter(self) -> str:
        """What the public reads as the reporter's name: nothing for "anonim" (and "rahasia" is never public)."""
        if self.privacy != self.Privacy.NORMAL:
            return str(_("Anonim"))
        return self.reporter.public_name if self.reporter_id else (self.reporter_name or str(_("Anonim")))

    @property
    def contact_email(self) -> str:
        return self.reporter.email if self.reporter_id else self.reporter_email

    @property
    def contact_name(self) -> str:
        return self.reporter.public_name if self.reporter_id else self.reporter_name

    def initial_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            bool(self.initial_due and not self.initial_met_at and not self.paused_at and not self.is_closed)
            and self.initial_due < now
        )

    def final_overdue(self, now=None) -> bool:
        now = now or timezone.now()
        return bool(self.final_due and not self.final_met_at and not self.paused_at and not self.is_closed) and (
            self.final_due < now
        )

    @property
    def overdue(self) -> bool:
        return self.initial_overdue() or self.final_overdue()


class Disposition(models.Model):
    """The complaint sent to one agency; its liaison answers here, and the answer is the final response once
    every agency it went to has answered."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="dispositions")
    agency = models.ForeignKey(Agency, verbose_name=_("perangkat daerah"), on_delete=models.PROTECT, related_name="+")
    instruction = models.TextField(_("arahan"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    answer = models.TextField(_("tindak lanjut"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["complaint", "agency"], name="unique_disposition_agency")]
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")

    def __str__(self) -> str:
        return f"{self.complaint.code} → {self.agency}"


class ComplaintStatusChange(StatusChange):
    record = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="status_changes")

    class Meta(StatusChange.Meta):
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")


class Pause(models.Model):
    """Waiting for the reporter: from the handler's question to the reporter's reply (or the handler resuming)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="pauses")
    question = models.TextField(_("pertanyaan kepada pelapor"))
    started_at = models.DateTimeField(default=timezone.now)
    reply = models.TextField(_("jawaban pelapor"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    working_days = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["started_at", "pk"]

    def __str__(self) -> str:
        return f"{self.complaint_id}: {self.question[:40]}"


def attachment_path(attachment: "Attachment", filename: str) -> str:
    return f"pengaduan/{attachment.complaint_id}/{filename}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    name = models.CharField(max_length=120)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.name
