"""Staff manage categories and their routes here; complaints are archived and searchable (by code, title,
text), read-only: every change goes through the handling pages, which keep the history and the clocks."""

from django.contrib import admin

from pengaduan.models import CannedResponse, Category, CategoryRoute, Complaint, ComplaintStatusChange, Disposition
from ruangrunding.admin_readonly import ReadOnlyAdmin


class CategoryRouteInline(admin.TabularInline):
    model = CategoryRoute
    extra = 0
    autocomplete_fields = ["kecamatan", "agency"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "active"]
    list_filter = ["active"]
    search_fields = ["name"]
    inlines = [CategoryRouteInline]


@admin.register(CannedResponse)
class CannedResponseAdmin(admin.ModelAdmin):
    list_display = ["title", "category", "active"]
    list_filter = ["active", "category"]
    search_fields = ["title", "text"]


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DispositionInline(ReadOnlyInline):
    model = Disposition
    fields = ["agency", "created_at", "answered_at", "answer"]


class HistoryInline(ReadOnlyInline):
    model = ComplaintStatusChange
    fields = ["at", "from_status", "to_status", "actor", "actor_role", "unit", "public", "note"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ["code", "title", "status", "kind", "privacy", "channel", "agency", "kecamatan", "received_at"]
    list_filter = ["status", "kind", "privacy", "channel", "agency"]
    search_fields = ["code", "title", "description"]
    date_hierarchy = "created_at"
    list_select_related = ["agency", "kecamatan"]
    inlines = [DispositionInline, HistoryInline]
    exclude = ["secret", "confirm_token"]
