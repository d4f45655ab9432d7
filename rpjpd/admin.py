from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from django.shortcuts import render
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts.images import normalise_image
from rpjpd import exports, services
from rpjpd.models import ModerationQueueEntry, Reply, Report, Section, Topic


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
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            return normalise_image(image, max_side=1200)
        return image


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
    list_display = ["pk", "short_body", "author", "topic", "created_at", "status", "report_count", "removed_at"]
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

    @admin.display(description=_("isi"))
    def short_body(self, obj):
        return obj.body[:80] or "—"

    @admin.action(description=_("Sembunyikan (dengan alasan)"), permissions=["change"])
    def hide_replies(self, request, queryset):
        return self._moderate(request, queryset, services.reply_hide, _("Sembunyikan balasan"))

    @admin.action(description=_("Tampilkan kembali (dengan alasan)"), permissions=["change"])
    def restore_replies(self, request, queryset):
        return self._moderate(request, queryset, services.reply_restore, _("Tampilkan kembali balasan"))

    def _moderate(self, request, queryset, service, title):
        """Ask for the reason on an intermediate page, then apply it to every selected reply."""
        form = ModerationReasonForm(request.POST if "reason" in request.POST else None)
        if form.is_valid():
            for reply in queryset.select_related("author", "topic"):
                service(reply=reply, moderator=request.user, reason=form.cleaned_data["reason"])
            count = queryset.count()
            self.message_user(request, ngettext("%d balasan dimoderasi.", "%d balasan dimoderasi.", count) % count)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "form": form,
            "replies": queryset,
            "action": request.POST.get("action"),
            "opts": self.model._meta,
        }
        return render(request, "admin/rpjpd/moderation_reason.html", context)


@admin.register(ModerationQueueEntry)
class ModerationQueueAdmin(ReplyAdmin):
    """Replies waiting for a moderator: hidden after reports, or reported and still shown."""

    list_display = ["pk", "short_body", "author", "topic", "report_count", "status", "created_at"]
    list_filter = ["status", "topic"]
    ordering = ["-report_count", "-created_at"]

    def get_queryset(self, request):
        return super().get_queryset(request).awaiting_moderation()

    def changelist_view(self, request, extra_context=None):
        if not request.GET and self.get_queryset(request).exists():
            messages.info(request, _("Tinjau tiap balasan, lalu sembunyikan atau tampilkan kembali dengan alasan."))
        return super().changelist_view(request, extra_context)
