from django import forms
from django.contrib import admin
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from agenda.models import Application, Aspiration, Event, GroupQuota, Need, ParticipantGroup
from agenda.reminders import reminders_reschedule


@admin.register(ParticipantGroup)
class ParticipantGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["name"]


class GroupQuotaInline(admin.TabularInline):
    model = GroupQuota
    extra = 0
    autocomplete_fields = ["group"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "mode", "starts_at", "capacity", "is_published", "selection_link"]
    list_filter = ["kind", "mode", "is_published"]
    search_fields = ["title", "place"]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["kecamatan", "desa", "minutes"]
    inlines = [GroupQuotaInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "mode", "description", "is_published"]}),
        (_("Musrenbang"), {"fields": ["cycle", "stage"]}),
        (_("Waktu dan tempat"), {"fields": ["starts_at", "ends_at", "place", "kecamatan", "desa"]}),
        (_("Tautan"), {"fields": ["livestream_url", "meeting_url", "meeting_details"]}),
        (_("Sesudah acara"), {"fields": ["minutes"]}),
        (
            _("Pendaftaran peserta aktif"),
            {"fields": ["capacity", "application_limit", "registration_opens_at", "registration_closes_at"]},
        ),
    ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and "starts_at" in form.changed_data:
            # The selected are reminded the day before the new time.
            transaction.on_commit(lambda: reminders_reschedule(obj))

    @admin.display(description=_("seleksi"))
    def selection_link(self, obj):
        if not obj.capacity:
            return "—"
        return format_html('<a href="{}">{}</a>', reverse("agenda:staff_selection", args=[obj.pk]), _("Seleksi"))


class ApplicationAdminForm(forms.ModelForm):
    needs = forms.MultipleChoiceField(
        label=_("kebutuhan aksesibilitas"), choices=Need.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Application
        fields = ["event", "citizen", "group", "organisation", "kecamatan", "desa", "topic", "needs", "other_needs"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Staff add invited participants here by hand (then select them on the selection page like anyone)."""

    form = ApplicationAdminForm

    list_display = ["citizen", "event", "group", "kecamatan", "status", "code", "created_at"]
    list_filter = ["status", "group", "event"]
    search_fields = ["citizen__username", "citizen__display_name", "organisation", "code"]
    list_select_related = ["citizen", "event", "group", "kecamatan"]
    autocomplete_fields = ["citizen", "event", "group", "kecamatan", "desa"]
    readonly_fields = ["code", "status", "waiting_position", "decided_at", "invited_by"]
    fields = [
        "event",
        "citizen",
        "group",
        "organisation",
        "kecamatan",
        "desa",
        "topic",
        "needs",
        "other_needs",
        "code",
        "status",
        "waiting_position",
        "decided_at",
        "invited_by",
    ]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.invited_by = request.user
            obj.kecamatan = obj.kecamatan or obj.citizen.kecamatan
            obj.desa = obj.desa or obj.citizen.desa
        super().save_model(request, obj, form, change)


@admin.register(Aspiration)
class AspirationAdmin(admin.ModelAdmin):
    """Moderation of aspirations: show or hide, shortlist, and answer (the answer shows under it)."""

    list_display = [
        "short_body",
        "event",
        "author",
        "status",
        "shortlisted",
        "answered_at",
        "created_at",
        "follow_up_link",
    ]
    list_filter = ["status", "shortlisted", "event"]
    search_fields = ["body", "author__display_name", "author__username"]
    list_select_related = ["event", "author", "usulan", "complaint"]
    readonly_fields = ["event", "author", "body", "created_at", "answered_at", "follow_up_link"]
    fields = [
        "event",
        "author",
        "body",
        "created_at",
        "status",
        "shortlisted",
        "answer",
        "answered_at",
        "follow_up_link",
    ]
    actions = ["publish", "hide", "shortlist"]

    def has_add_permission(self, request):
        return False  # aspirations come from citizens, on the event page

    @admin.display(description=_("tindak lanjut"))
    def follow_up_link(self, obj):
        """The page that turns a shortlisted aspiration into a draft usulan or a complaint, or what it became."""
        url = reverse("agenda:staff_aspiration", args=[obj.pk])
        if obj.usulan_id:
            return format_html('<a href="{}">{} {}</a>', url, _("usulan"), obj.usulan.code)
        if obj.complaint_id:
            return format_html('<a href="{}">{} {}</a>', url, _("pengaduan"), obj.complaint.code)
        if not obj.shortlisted or obj.status == Aspiration.Status.HIDDEN:
            return "—"
        return format_html('<a href="{}">{}</a>', url, _("Jadikan usulan/pengaduan"))

    @admin.display(description=_("aspirasi"))
    def short_body(self, obj):
        return str(obj)

    @admin.action(description=_("Tampilkan aspirasi terpilih"), permissions=["change"])
    def publish(self, request, queryset):
        count = queryset.update(status=Aspiration.Status.PUBLISHED)
        self.message_user(request, _("%(n)d aspirasi ditampilkan.") % {"n": count})

    @admin.action(description=_("Sembunyikan aspirasi terpilih"), permissions=["change"])
    def hide(self, request, queryset):
        count = queryset.update(status=Aspiration.Status.HIDDEN)
        self.message_user(request, _("%(n)d aspirasi disembunyikan.") % {"n": count})

    @admin.action(description=_("Masukkan ke daftar pendek"), permissions=["change"])
    def shortlist(self, request, queryset):
        count = queryset.update(shortlisted=True)
        self.message_user(request, _("%(n)d aspirasi masuk daftar pendek.") % {"n": count})

    def save_model(self, request, obj, form, change):
        if "answer" in form.changed_data:
            obj.answered_at = timezone.now() if obj.answer else None
        super().save_model(request, obj, form, change)
