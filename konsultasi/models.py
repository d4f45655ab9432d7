from django.conf import settings
from django.core.cache import caches
from django.db import models
from django.db.models import Avg, Case, Count, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ruangrunding.storage import private_storage
from ruangrunding.workflow import StatusChange


class Field(models.Model):
    """A field of expertise (bidang keahlian), managed by staff."""

    name = models.CharField(_("nama"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("bidang keahlian")
        verbose_name_plural = _("bidang keahlian")

    def __str__(self) -> str:
        return self.name


class ExpertQuerySet(models.QuerySet):
    def listed(self):
        return self.select_related("user").prefetch_related("fields").order_by("full_name")

    def with_consultation_counts(self):
        status = Consultation.Status
        return self.annotate(
            waiting_count=Count("consultations", filter=Q(consultations__status=status.WAITING)),
            answered_count=Count("consultations", filter=Q(consultations__status=status.ANSWERED)),
            closed_count=Count("consultations", filter=Q(consultations__status=status.CLOSED)),
            rating_average=Avg("consultations__rating"),
        )


class Expert(models.Model):
    """A university expert citizens may consult: a normal user account plus this public profile."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("akun"), on_delete=models.CASCADE, related_name="expert_profile"
    )
    full_name = models.CharField(_("nama lengkap dan gelar"), max_length=150)
    institution = models.CharField(_("universitas/lembaga"), max_length=150)
    fields = models.ManyToManyField(Field, verbose_name=_("bidang keahlian"), blank=True, related_name="experts")
    photo = models.ImageField(_("foto"), upload_to="pakar/", blank=True)
    bio = models.TextField(_("profil singkat"), blank=True, max_length=1500)
    accepting_consultations = models.BooleanField(_("menerima konsultasi baru"), default=True)

    objects = ExpertQuerySet.as_manager()

    class Meta:
        verbose_name = _("pakar")
        verbose_name_plural = _("pakar")

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        forget_experts()

    def get_absolute_url(self) -> str:
        return reverse("konsultasi:expert", args=[self.pk])

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        forget_experts()
        return result

    @property
    def initial(self) -> str:
        """The first letter of the name itself, past academic titles ("Prof. Dr. Hendra" → "H")."""
        for word in self.full_name.replace(",", " ").split():
            if not word.endswith("."):
                return word[0].upper()
        return self.full_name[:1].upper()


EXPERTS_CACHE_KEY = "expert-ids-by-user"  # who is an expert, for the header (konsultasi.context_processors)


def forget_experts() -> None:
    # This worker sees the change at once, the others within a minute (their copy expires).
    caches["pages"].delete(EXPERTS_CACHE_KEY)


class ConsultationQuerySet(models.QuerySet):
    def asked_by(self, user):
        return self.filter(citizen=user).annotate(
            unread=Case(
                When(
                    Q(last_author_role=Consultation.Role.EXPERT)
                    & (Q(citizen_read_at__isnull=True) | Q(last_message_at__gt=F("citizen_read_at"))),
                    then=Value(True),
                ),
                default=Value(False),
            )
        )

    def addressed_to(self, user):
        return self.filter(expert__user=user).annotate(
            unread=Case(
                When(
                    Q(last_author_role=Consultation.Role.CITIZEN)
                    & (Q(expert_read_at__isnull=True) | Q(last_message_at__gt=F("expert_read_at"))),
                    then=Value(True),
                ),
                default=Value(False),
            )
        )

    def waiting_first(self):
        waiting = Case(When(status=Consultation.Status.WAITING, then=Value(0)), default=Value(1))
        return self.alias(waiting_rank=waiting).order_by("waiting_rank", "-last_message_at")


class Consultation(models.Model):
    class Status(models.TextChoices):
        WAITING = "menunggu", _("Menunggu jawaban")
        ANSWERED = "dijawab", _("Dijawab")
        CLOSED = "selesai", _("Selesai")

    class Role(models.TextChoices):
        CITIZEN = "warga", _("Warga")
        EXPERT = "pakar", _("Pakar")

    # The moves the services make (ruangrunding.workflow): the expert answers; the citizen writes again
    # (a follow-up, or reopening a closed one); either of them closes it.
    MOVES = {
        Status.WAITING: {Status.ANSWERED, Status.CLOSED},
        Status.ANSWERED: {Status.WAITING, Status.CLOSED},
        Status.CLOSED: {Status.WAITING},
    }

    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("warga"), on_delete=models.PROTECT, related_name="consultations"
    )
    expert = models.ForeignKey(Expert, verbose_name=_("pakar"), on_delete=models.PROTECT, related_name="consultations")
    subject = models.CharField(_("perihal"), max_length=150)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    created_at = models.DateTimeField(_("dibuka"), default=timezone.now)
    last_message_at = models.DateTimeField(_("pesan terakhir"), default=timezone.now, db_index=True)
    last_author_role = models.CharField(max_length=5, choices=Role.choices, default=Role.CITIZEN)
    first_answer_at = models.DateTimeField(_("jawaban pertama"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    citizen_read_at = models.DateTimeField(null=True, blank=True)
    expert_read_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(_("penilaian"), null=True, blank=True)
    rating_comment = models.TextField(_("komentar penilaian"), blank=True)

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(fields=["citizen", "-last_message_at"], name="konsultasi_citizen_idx"),
            models.Index(fields=["expert", "status", "-last_message_at"], name="konsultasi_expert_idx"),
        ]
        permissions = [("read_private_consultation", _("Dapat membaca isi konsultasi (setiap akses dicatat)"))]
        verbose_name = _("konsultasi")
        verbose_name_plural = _("konsultasi")

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("konsultasi:detail", args=[self.pk])

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    def role_of(self, user) -> str | None:
        if user.pk == self.citizen_id:
            return self.Role.CITIZEN
        if user.pk == self.expert.user_id:
            return self.Role.EXPERT
        return None

    def mark_read(self, role: str) -> None:
        field = "citizen_read_at" if role == self.Role.CITIZEN else "expert_read_at"
        setattr(self, field, timezone.now())
        self.save(update_fields=[field])


def attachment_path(message: "Message", filename: str) -> str:
    # Never the name the user gave: a random one, in a folder per consultation.
    return f"konsultasi/{message.consultation_id}/{timezone.now():%Y%m}/{filename}"


class Message(models.Model):
    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("pesan"))
    created_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    attachment = models.FileField(_("lampiran"), storage=private_storage, upload_to=attachment_path, blank=True)
    attachment_name = models.CharField(_("nama lampiran"), max_length=120, blank=True)
    attachment_type = models.CharField(max_length=40, blank=True)
    attachment_size = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan")
        verbose_name_plural = _("pesan")

    def __str__(self) -> str:
        return f"#{self.consultation_id}/{self.pk}"


class AccessRecord(models.Model):
    """A staff member with the permission opened a consultation: who and when, for audit."""

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="access_records"
    )
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("staf"), on_delete=models.PROTECT, related_name="+"
    )
    viewed_at = models.DateTimeField(_("dibuka pada"), auto_now_add=True)
    what = models.CharField(_("yang dibuka"), max_length=40, default="percakapan")

    class Meta:
        ordering = ["-viewed_at"]
        verbose_name = _("catatan akses staf")
        verbose_name_plural = _("catatan akses staf")

    def __str__(self) -> str:
        return f"{self.staff} → #{self.consultation_id} ({self.viewed_at:%Y-%m-%d %H:%M})"


class ConsultationStatusChange(StatusChange):
    """A consultation's history: who opened, answered, closed or reopened it. Private like the conversation
    (never public): only its two participants, and staff with the read permission, see it."""

    record = models.ForeignKey(
        Consultation, verbose_name=_("konsultasi"), on_delete=models.CASCADE, related_name="status_changes"
    )

    class Meta(StatusChange.Meta):
        verbose_name = _("riwayat status konsultasi")
        verbose_name_plural = _("riwayat status konsultasi")

    @property
    def summary(self) -> str:
        """The move in words for the consultation's timeline: "Dijawab oleh pakar" ("Ditandai selesai" when who
        did it was not recorded: moves rebuilt from before the history existed)."""
        status = Consultation.Status
        if not self.from_status:
            what = _("Dibuka")
        elif self.to_status == status.ANSWERED:
            what = _("Dijawab")
        elif self.to_status == status.CLOSED:
            what = _("Ditandai selesai")
        elif self.from_status == status.CLOSED:
            what = _("Dibuka kembali")
        else:
            what = _("Ditanyakan lagi")
        if self.actor_role not in Consultation.Role.values:
            return str(what)
        who = str(Consultation.Role(self.actor_role).label).lower()
        return _("%(what)s oleh %(who)s") % {"what": what, "who": who}
