from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import Truncator
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from rpjpd import exports, services
from rpjpd.models import ModerationQueueEntry, Reply, Report, Section, Topic
from ruangrunding.images import cleaned_image


def export_actions(replies_of):
    """Admin actions exporting the replies of the selected rows (topics or sections) as CSV and XLSX."""

    @admin.action(description=_("Ekspor balasan (CSV)"), permissions=["view"])
    def export_csv(modeladmin, request, queryset):
        return exports.csv_response(replies_of(queryset), export_name(queryset))

    @admin.action(description=_("Ekspor balasan (XLSX)"), permissions=["view"])
    def export_xlsx(modeladmin, request, queryset):
        return exports.xlsx_response(replies_of(queryset), export_name(queryset))

    return [export_csv, export_xlsx]


def export_name(queryset) -> str:
    first = queryset.first()
    return str(first) if queryset.count() == 1 else f"{first}-dan-lainnya"


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["title", "order", "topic_count"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    actions = export_actions(lambda sections: Reply.objects.filter(topic__section__in=sections))

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(topic_total=Count("topics"))

    @admin.display(description=_("jumlah topik"), ordering="topic_total")
    def topic_count(self, obj):
        return obj.topic_total


class TopicAdminForm(forms.ModelForm):
    class Meta:
        model = Topic
        fields = [
            "section",
            "title",
            "slug",
            "body",
            "image",
            "image_alt",
            "status",
            "is_open",
            "closes_at",
            "order",
            "reading_materials",
        ]

    def clean_image(self):
        return cleaned_image(self.cleaned_data.get("image"), max_side=1200)


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    form = TopicAdminForm
    list_display = ["title", "section", "status", "is_open", "closes_at", "order", "reply_total", "preview"]
    list_filter = ["section", "status", "is_open"]
    list_editable = ["order"]
    search_fields = ["title", "body"]
    prepopulated_fields = {"slug": ["title"]}
    list_select_related = ["section"]
    autocomplete_fields = ["reading_materials"]
    actions = [
        "publish",
        "unpublish",
        "open_for_replies",
        "close_for_replies",
        *export_actions(lambda topics: Reply.objects.filter(topic__in=topics)),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(reply_count=Count("replies"))

    @admin.display(description=_("balasan"), ordering="reply_count")
    def reply_total(self, obj):
        return obj.reply_count

    @admin.display(description=_("pratinjau"))
    def preview(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Lihat"))

    @admin.action(description=_("Terbitkan"), permissions=["change"])
    def publish(self, request, queryset):
        self._bulk_update(request, queryset, status=Topic.Status.PUBLISHED)

    @admin.action(description=_("Jadikan draf"), permissions=["change"])
    def unpublish(self, request, queryset):
        self._bulk_update(request, queryset, status=Topic.Status.DRAFT)

    @admin.action(description=_("Buka untuk tanggapan"), permissions=["change"])
    def open_for_replies(self, request, queryset):
        self._bulk_update(request, queryset, is_open=True)

    @admin.action(description=_("Tutup untuk tanggapan"), permissions=["change"])
    def close_for_replies(self, request, queryset):
        self._bulk_update(request, queryset, is_open=False)

    def _bulk_update(self, request, queryset, **changes):
        count = queryset.update(**changes)
        self.message_user(request, ngettext("%d topik diubah.", "%d topik diubah.", count) % count)


class ModerationReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan (dikirim ke penulis lewat e-mail)"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


class ReportInline(admin.TabularInline):
    model = Report
    extra = 0
    fields = ["reason", "reporter", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class HasReportsFilter(admin.SimpleListFilter):
    title = _("laporan")
    parameter_name = "dilaporkan"

    def lookups(self, request, model_admin):
        return [("ya", _("Pernah dilaporkan")), ("tidak", _("Belum pernah"))]

    def queryset(self, request, queryset):
        if self.value() == "ya":
            return queryset.filter(report_count__gt=0)
        if self.value() == "tidak":
            return queryset.filter(report_count=0)
        return queryset


@admin.register(Reply)
class ReplyAdmin(admin.ModelAdmin):
    list_display = ["number", "short_body", "author", "topic", "created_at", "status", "report_count", "removed_at"]
    list_filter = ["status", HasReportsFilter, "topic__section", "topic"]
    search_fields = ["body", "author__username", "author__display_name"]
    list_select_related = ["author", "topic"]
    readonly_fields = [
        "topic",
        "author",
        "parent",
        "body",
        "created_at",
        "edited_at",
        "removed_at",
        "status",
        "moderation_reason",
        "moderated_by",
        "moderated_at",
        "report_count",
    ]
    fields = readonly_fields
    inlines = [ReportInline]
    actions = ["hide_replies", "restore_replies"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False  # replies are written by citizens on the site

    @admin.display(description=_("no."), ordering="pk")
    def number(self, obj):
        return f"#{obj.pk}"

    @admin.display(description=_("isi"))
    def short_body(self, obj):
        return obj.body[:80] or "—"

    @admin.action(description=_("Sembunyikan (dengan alasan)"), permissions=["change"])
    def hide_replies(self, request, queryset):
        return self._moderate(request, queryset, MODERATIONS["sembunyikan"])

    @admin.action(description=_("Tampilkan kembali (dengan alasan)"), permissions=["change"])
    def restore_replies(self, request, queryset):
        return self._moderate(request, queryset, MODERATIONS["tampilkan"])

    def _moderate(self, request, queryset, moderation):
        """Ask for the reason on an intermediate page, then apply it to every selected reply."""
        form = ModerationReasonForm(request.POST if "reason" in request.POST else None)
        # Read the selection once, before moderating: a reply hidden or restored may leave this admin's
        # queryset (the moderation queue), so counting the queryset afterwards would say 0.
        replies = list(queryset.select_related("author", "topic"))
        if form.is_valid():
            for reply in replies:
                moderation.service(reply=reply, moderator=request.user, reason=form.cleaned_data["reason"])
            self.message_user(request, moderation.done_message(replies), messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": moderation.title,
            "form": form,
            "replies": replies,
            "action": request.POST.get("action"),
            "opts": self.model._meta,
        }
        return render(request, "admin/rpjpd/moderation_reason.html", context)


@dataclass(frozen=True, kw_only=True)
class Moderation:
    """One way of moderating a reply (hide or restore): the service, and what the moderator is told."""

    service: Callable[..., Reply]
    title: str
    button: str
    default_reason: Callable[[Reply], str]  # for the one-click row buttons
    done: Callable[[int], str]  # the message, by number of replies

    def done_message(self, replies) -> str:
        """What happened, counted from the replies actually moderated, with their new status."""
        numbers = ", ".join(f"#{reply.pk}" for reply in replies[:10]) + (", …" if len(replies) > 10 else "")
        status = replies[0].get_status_display() if replies else ""
        return self.done(len(replies)) % {"count": len(replies), "numbers": numbers, "status": status}


def hide_reason(reply) -> str:
    """The reason sent to the author on a one-click hide: what the reports said most often."""
    counts = Counter(reply.reports.values_list("reason", flat=True))
    if not counts:
        return gettext("Setelah ditinjau, tanggapan ini melanggar pedoman diskusi.")
    reason = Report.Reason(counts.most_common(1)[0][0]).label
    return gettext("Setelah ditinjau, tanggapan ini melanggar pedoman diskusi: %(reason)s.") % {
        "reason": str(reason).lower()
    }


MODERATIONS = {
    "sembunyikan": Moderation(
        service=services.reply_hide,
        title=_("Sembunyikan balasan"),
        button=_("Sembunyikan"),
        default_reason=hide_reason,
        done=lambda count: ngettext(
            "%(count)d balasan disembunyikan (%(numbers)s); statusnya kini “%(status)s”. "
            "Penulisnya diberi tahu lewat e-mail.",
            "%(count)d balasan disembunyikan (%(numbers)s); statusnya kini “%(status)s”. "
            "Penulisnya diberi tahu lewat e-mail.",
            count,
        ),
    ),
    "tampilkan": Moderation(
        service=services.reply_restore,
        title=_("Tampilkan kembali balasan"),
        button=_("Tampilkan"),
        default_reason=lambda reply: gettext(
            "Setelah ditinjau, tanggapan ini tidak melanggar pedoman diskusi dan tetap ditampilkan."
        ),
        done=lambda count: ngettext(
            "%(count)d balasan ditampilkan (%(numbers)s); statusnya kini “%(status)s”. "
            "Penulisnya diberi tahu lewat e-mail.",
            "%(count)d balasan ditampilkan (%(numbers)s); statusnya kini “%(status)s”. "
            "Penulisnya diberi tahu lewat e-mail.",
            count,
        ),
    ),
}

# How long a moderated entry stays in the queue, shown with its new status, after the moderator acted.
RECENTLY_MODERATED = timedelta(hours=24)
REASON_SHORT = {
    Report.Reason.SPAM: _("spam"),
    Report.Reason.ABUSIVE: _("kasar"),
    Report.Reason.OFF_TOPIC: _("tidak relevan"),
}


class QueueStageFilter(admin.SimpleListFilter):
    title = _("tahap")
    parameter_name = "tahap"

    def lookups(self, request, model_admin):
        return [("menunggu", _("Menunggu tinjauan")), ("selesai", _("Baru dimoderasi (24 jam)"))]

    def queryset(self, request, queryset):
        if self.value() == "menunggu":
            return queryset.filter(is_waiting=True)
        if self.value() == "selesai":
            return queryset.filter(is_waiting=False)
        return queryset


@admin.register(ModerationQueueEntry)
class ModerationQueueAdmin(ReplyAdmin):
    """Replies waiting for a moderator (hidden after reports, or reported and still shown) first, then the ones
    moderated in the last 24 hours with their new status. Each row hides or shows its reply in one click."""

    list_display = ["excerpt", "topic_title", "author", "reports", "queue_status", "sent", "row_actions"]
    list_display_links = ["excerpt"]
    list_filter = [QueueStageFilter, "topic"]
    list_select_related = ["author", "topic", "moderated_by"]
    date_hierarchy = None
    list_per_page = 50

    def get_ordering(self, request):
        # Waiting entries first, the most reported on top; then the ones just moderated, latest first. (Set
        # here rather than in `ordering`, whose check knows no annotations.)
        return ["-is_waiting", "-report_count", "-moderated_at", "-created_at"]

    def get_queryset(self, request):
        # Built here rather than by super(), which orders before the annotations the ordering needs exist.
        since = timezone.now() - RECENTLY_MODERATED
        queue = self.model._default_manager.in_moderation_queue(moderated_since=since).with_report_reasons()
        return queue.order_by(*self.get_ordering(request))

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        row_action = path(
            "<int:object_id>/moderasi/<str:how>/",
            self.admin_site.admin_view(self.moderate_one_view),
            name="{}_{}_moderate".format(*info),
        )
        return [row_action, *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        if not request.GET and self.get_queryset(request).filter(is_waiting=True).exists():
            messages.info(
                request,
                _(
                    "Tinjau tiap balasan, lalu sembunyikan atau tampilkan. Penulis menerima alasannya lewat e-mail; "
                    "untuk alasan lain, centang balasannya dan pilih tindakan “dengan alasan”."
                ),
            )
        return super().changelist_view(request, {"title": _("Antrean moderasi"), **(extra_context or {})})

    def moderate_one_view(self, request, object_id, how):
        """Staff allowed to change replies: hide or show one reply from its row, with the standard reason."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        moderation = MODERATIONS.get(how)
        if moderation is None or not self.has_change_permission(request):
            raise PermissionDenied
        reply = get_object_or_404(Reply.objects.select_related("author", "topic"), pk=object_id)
        moderation.service(reply=reply, moderator=request.user, reason=moderation.default_reason(reply))
        self.message_user(request, moderation.done_message([reply]), messages.SUCCESS)
        # Back to the same view of the queue (filters, page), at the row just handled.
        changelist = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
        came_from = urlsplit(request.headers.get("referer", ""))
        same_list = came_from.path == changelist and url_has_allowed_host_and_scheme(
            request.headers.get("referer", ""), allowed_hosts={request.get_host()}, require_https=request.is_secure()
        )
        query = f"?{came_from.query}" if same_list and came_from.query else ""
        return HttpResponseRedirect(f"{changelist}{query}#antrean-{reply.pk}")

    @admin.display(description=_("balasan"), ordering="body")
    def excerpt(self, obj):
        return format_html('<span id="antrean-{}">{}</span>', obj.pk, Truncator(obj.body).chars(140) or "—")

    @admin.display(description=_("topik"), ordering="topic__title")
    def topic_title(self, obj):
        return obj.topic.title

    @admin.display(description=_("laporan"), ordering="report_total")
    def reports(self, obj):
        parts = [
            gettext("%(count)d× %(reason)s") % {"count": count, "reason": REASON_SHORT[reason]}
            for reason in Report.Reason
            if (count := getattr(obj, f"reports_{reason.value}"))
        ]
        total = ngettext("%(count)d laporan", "%(count)d laporan", obj.report_total) % {"count": obj.report_total}
        return format_html(
            '<strong class="report-total">{}</strong> <span class="report-reasons">{}</span>', total, ", ".join(parts)
        )

    @admin.display(description=_("status"), ordering="status")
    def queue_status(self, obj):
        label = format_html(
            '<span class="queue-status queue-status-{}">{}</span>', obj.status, obj.get_status_display()
        )
        if obj.is_waiting or obj.moderated_at is None:
            return label
        by = obj.moderated_by.public_name if obj.moderated_by else "—"
        when = date_format(timezone.localtime(obj.moderated_at), "j M, H.i")
        moderated = gettext("oleh %(by)s, %(when)s") % {"by": by, "when": when}
        return format_html('{}<span class="queue-moderated">{}</span>', label, moderated)

    @admin.display(description=_("dikirim"), ordering="created_at")
    def sent(self, obj):
        return date_format(timezone.localtime(obj.created_at), "j M Y, H.i")

    @admin.display(description=_("tindakan"))
    def row_actions(self, obj):
        # Buttons of the changelist's own form (which carries the CSRF token), each posting to its row's URL.
        buttons = []
        if obj.status != Reply.Status.HIDDEN:
            buttons.append(self._row_button(obj, "sembunyikan", "button-hide"))
        if obj.status != Reply.Status.VISIBLE or obj.is_waiting:
            buttons.append(self._row_button(obj, "tampilkan", "button-show"))
        return format_html_join("", "{}", ((button,) for button in buttons))

    def _row_button(self, obj, how, css_class):
        url = reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_moderate", args=[obj.pk, how])
        return format_html(
            '<button type="submit" class="{}" formaction="{}" aria-label="{}">{}</button>',
            css_class,
            url,
            gettext("%(action)s balasan #%(pk)s") % {"action": MODERATIONS[how].button, "pk": obj.pk},
            MODERATIONS[how].button,
        )
