from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import BooleanField, Case, Count, F, Max, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import User

# Threads are stored as a materialised path. Every reply keeps `path`: its ancestors' ids and its own, each
# written as PATH_SEGMENT digits (e.g. "0000000012" + "0000000040"), and `root`, its top-level ancestor.
# Ordering by path gives a whole thread depth-first with siblings oldest first, and a page of top-level
# replies plus all of their descendants is two queries (`root_id IN (…)`), whatever the thread's size.
PATH_SEGMENT = 10
NESTING_LEVELS = 3  # depths 0, 1 and 2 nest; deeper replies show flat under their depth-2 ancestor
EDIT_WINDOW = timedelta(minutes=15)
MAX_DEPTH = 150  # path holds 2000 characters: 200 segments, with room to spare


class Section(models.Model):
    title = models.CharField(_("judul"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("keterangan"), blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("bagian")
        verbose_name_plural = _("bagian")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("rpjpd:section", args=[self.slug])


class TopicQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Topic.Status.PUBLISHED)

    def visible_to(self, user):
        """Published topics for everyone; drafts too for staff, who preview them before publishing."""
        return self if user.is_authenticated and user.is_staff else self.published()

    def accepting_replies(self):
        """Published, open and before their closing date: the topics whose "Balas" works (Topic.accepts_replies)."""
        before_deadline = Q(closes_at__isnull=True) | Q(closes_at__gt=timezone.now())
        return self.published().filter(before_deadline, is_open=True)

    def with_activity(self):
        shown = Q(replies__status=Reply.Status.VISIBLE)
        return self.annotate(reply_count=Count("replies", filter=shown), last_activity=Max("replies__created_at"))

    def mark_replies_changed(self) -> int:
        """A new `replies_version` for these topics: something their reply pages show has changed."""
        return self.update(replies_version=F("replies_version") + 1)


class Topic(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draf")
        PUBLISHED = "published", _("Terbit")

    section = models.ForeignKey(Section, verbose_name=_("bagian"), on_delete=models.PROTECT, related_name="topics")
    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200)
    body = models.TextField(
        _("isi"), help_text=_("Markdown: **tebal**, *miring*, daftar, tautan [teks](https://…), judul ## …")
    )
    image = models.ImageField(_("gambar"), upload_to="rpjpd/", blank=True)
    image_alt = models.CharField(_("teks pengganti gambar"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    is_open = models.BooleanField(_("terbuka untuk tanggapan"), default=True)
    closes_at = models.DateTimeField(
        _("ditutup otomatis pada"), null=True, blank=True, help_text=_("Kosongkan bila tidak ada batas waktu.")
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    # Moves on with every change to what the topic's reply pages show — a reply written, edited, removed,
    # hidden, restored or deleted, an author's new name (rpjpd.signals) — in the transaction of that change.
    # A signed-in reader's page keeps its shared HTML under it (rpjpd.kept_pages), read afresh on each request.
    replies_version = models.PositiveBigIntegerField(default=0, editable=False)
    reading_materials = models.ManyToManyField(
        "pustaka.Document",
        verbose_name=_("bahan bacaan"),
        blank=True,
        related_name="cited_by_topics",
        help_text=_("Dokumen Pustaka yang sebaiknya dibaca warga sebelum menanggapi."),
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        ordering = ["section__order", "order", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["section", "slug"], name="unique_topic_slug_per_section")]
        verbose_name = _("topik")
        verbose_name_plural = _("topik")

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # An edit in the admin writes every field it loaded; the reply version it loaded may be behind a reply
        # written meanwhile, so only TopicQuerySet.mark_replies_changed ever writes it.
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "replies_version"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("rpjpd:topic", args=[self.section.slug, self.slug])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def accepts_replies(self) -> bool:
        """Open, published, and before its closing date (if any): a topic closes by itself, no job needed."""
        before_deadline = self.closes_at is None or timezone.now() < self.closes_at
        return self.is_published and self.is_open and before_deadline


READING_FIELDS = (
    *("topic_id", "author_id", "parent_id", "root_id", "path", "depth", "body"),
    *("created_at", "edited_at", "removed_at", "status"),
)


class ReplyQuerySet(models.QuerySet):
    def top_level(self):
        return self.filter(parent__isnull=True)

    def in_threads(self, root_ids):
        """Every reply below the given top-level replies, depth-first (one query for a whole page)."""
        return self.filter(root_id__in=root_ids).exclude(pk__in=root_ids).order_by("path")

    def counted(self):
        """The replies the public counts show (not hidden by moderators or pending review): the ones the
        participation figures count too."""
        return self.filter(status=Reply.Status.VISIBLE)

    def with_author(self):
        return self.select_related("author")

    def for_reading(self):
        """The replies as ReadReply objects: only what the topic page shows, without building a model instance
        (and its author's) per row, which was a fair part of the page's time for a hundred replies."""
        return self.values(
            "pk", *READING_FIELDS, author_username=F("author__username"), author_display_name=F("author__display_name")
        )

    def awaiting_moderation(self):
        """Hidden after reports and waiting for a moderator, or reported and still shown; not deleted ones."""
        return self.filter(awaiting_moderation_q(), removed_at__isnull=True)

    def in_moderation_queue(self, *, moderated_since):
        """The moderation queue: the replies waiting (first, marked `is_waiting`), then those moderated since
        the given moment, so a moderator sees what became of the entries just handled."""
        waiting = awaiting_moderation_q()
        return self.filter(waiting | Q(moderated_at__gte=moderated_since), removed_at__isnull=True).annotate(
            is_waiting=Case(When(waiting, then=Value(True)), default=Value(False), output_field=BooleanField())
        )

    def with_report_reasons(self):
        """Each reply's reports counted per reason (`reports_<reason>`) and in all (`report_total`), in the
        same query as the replies."""
        per_reason = {
            f"reports_{reason}": Count("reports", filter=Q(reports__reason=reason)) for reason in Report.Reason.values
        }
        return self.annotate(report_total=Count("reports"), **per_reason)


def awaiting_moderation_q() -> Q:
    return Q(status=Reply.Status.PENDING_REVIEW) | Q(status=Reply.Status.VISIBLE, report_count__gt=0)


class Reply(models.Model):
    class Status(models.TextChoices):
        VISIBLE = "visible", _("Tampil")
        PENDING_REVIEW = "pending", _("Disembunyikan, menunggu tinjauan")
        HIDDEN = "hidden", _("Disembunyikan moderator")

    topic = models.ForeignKey(Topic, verbose_name=_("topik"), on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("penulis"), on_delete=models.PROTECT, related_name="rpjpd_replies"
    )
    parent = models.ForeignKey(
        "self", verbose_name=_("membalas"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    root = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="thread_replies", editable=False
    )
    path = models.CharField(max_length=2000, db_index=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    body = models.TextField(_("isi"))
    created_at = models.DateTimeField(_("dikirim"), default=timezone.now, db_index=True)
    edited_at = models.DateTimeField(_("disunting"), null=True, blank=True)
    removed_at = models.DateTimeField(_("dihapus penulis"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE)
    moderation_reason = models.TextField(_("alasan moderasi"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimoderasi oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("waktu moderasi"), null=True, blank=True)
    report_count = models.PositiveIntegerField(_("jumlah laporan"), default=0)
    # The form's one-time token: a double-click or a resubmitted form finds the reply it already made.
    submission_token = models.UUIDField(null=True, blank=True, editable=False)

    objects = ReplyQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        indexes = [
            models.Index(fields=["topic", "parent", "created_at"], name="rpjpd_reply_toplevel_idx"),
            # A topic's page of top-level replies, newest or oldest first (rpjpd/reading.py ORDERS): read in index
            # order and stopped after one page. Without the id in the index, PostgreSQL walked the whole table's
            # created_at index backwards at 1 M replies (0.6 s a page; docs/scale.md).
            models.Index(
                fields=["topic", "created_at", "id"],
                condition=models.Q(parent__isnull=True),
                name="rpjpd_reply_toplevel_page",
            ),
            models.Index(fields=["root", "path"], name="rpjpd_reply_thread_idx"),
            models.Index(fields=["author", "created_at"], name="rpjpd_reply_author_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["author", "submission_token"], name="unique_reply_submission"),
        ]
        verbose_name = _("balasan")
        verbose_name_plural = _("balasan")

    def __str__(self) -> str:
        return f"#{self.pk} {self.author} — {self.body[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("rpjpd:reply", args=[self.pk])

    @property
    def anchor(self) -> str:
        return f"balasan-{self.pk}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def is_shown(self) -> bool:
        return self.status == self.Status.VISIBLE and not self.is_removed

    @property
    def can_be_edited(self) -> bool:
        return self.is_shown and timezone.now() - self.created_at <= EDIT_WINDOW

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(self.path[i : i + PATH_SEGMENT]) for i in range(0, len(self.path) - PATH_SEGMENT, PATH_SEGMENT)]

    def place_in_thread(self) -> None:
        """Fill path, depth and root from the parent; needs the primary key, so call it after the insert."""
        own = f"{self.pk:0{PATH_SEGMENT}d}"
        if self.parent_id is None:
            self.path, self.depth, self.root_id = own, 0, self.pk
        else:
            self.path, self.depth, self.root_id = self.parent.path + own, self.parent.depth + 1, self.parent.root_id
        self.save(update_fields=["path", "depth", "root"])

    def remove_by_author(self) -> None:
        # The text goes: the author asked for it. The row stays so the sub-replies keep their place.
        self.removed_at = timezone.now()
        self.body = ""
        self.save(update_fields=["removed_at", "body"])


class Report(models.Model):
    class Reason(models.TextChoices):
        SPAM = "spam", _("Spam atau iklan")
        ABUSIVE = "kasar", _("Kasar atau menyinggung")
        OFF_TOPIC = "tidak_relevan", _("Tidak relevan dengan topik")

    reply = models.ForeignKey(Reply, verbose_name=_("balasan"), on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pelapor"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("alasan"), max_length=20, choices=Reason.choices)
    created_at = models.DateTimeField(_("dilaporkan"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["reply", "reporter"], name="one_report_per_person")]
        verbose_name = _("laporan")
        verbose_name_plural = _("laporan")

    def __str__(self) -> str:
        return f"{self.get_reason_display()} — #{self.reply_id}"


class ReadAuthor:
    """A reply's author as the topic page shows them: the model's own `public_name` over two values."""

    __slots__ = ("display_name", "username")
    public_name = User.public_name

    def __init__(self, username: str, display_name: str):
        self.username, self.display_name = username, display_name


class ReadReply:
    """A reply as the topic page reads it (ReplyQuerySet.for_reading): its values with the model's own
    properties, so what a page decides (anchor, shown, editable, ancestors) is decided by the same code."""

    Status = Reply.Status
    anchor = Reply.anchor
    is_removed = Reply.is_removed
    is_shown = Reply.is_shown
    can_be_edited = Reply.can_be_edited
    ancestor_ids = Reply.ancestor_ids

    def __init__(self, row: dict):
        self.author = ReadAuthor(row.pop("author_username"), row.pop("author_display_name"))
        self.__dict__.update(row)


class ModerationQueueEntry(Reply):
    """The admin's moderation queue: reported replies and those hidden pending review."""

    class Meta:
        proxy = True
        verbose_name = _("antrean moderasi")
        verbose_name_plural = _("antrean moderasi")
