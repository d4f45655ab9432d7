from django.contrib import admin

from musrenbang.models import (
    Cycle,
    Field,
    SipdColumn,
    StageWindow,
    Usulan,
    UsulanDocument,
    UsulanStatusChange,
    WindowReopening,
)


@admin.register(Field)
class FieldAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "active"]
    list_editable = ["order", "active"]
    prepopulated_fields = {"slug": ["name"]}


class StageWindowInline(admin.TabularInline):
    model = StageWindow
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        # Once set, a window is moved only through "Buka kembali" in the operator pages, which keeps the reason.
        return ["stage", "starts_on", "ends_on"] if obj is not None and obj.windows.exists() else []


@admin.register(Cycle)
class CycleAdmin(admin.ModelAdmin):
    list_display = ["year", "desa_priority_limit", "last_sequence"]
    inlines = [StageWindowInline]


@admin.register(WindowReopening)
class WindowReopeningAdmin(admin.ModelAdmin):
    list_display = ["window", "previous_ends_on", "ends_on", "actor", "at"]
    readonly_fields = ["window", "previous_ends_on", "ends_on", "reason", "actor", "at"]

    def has_add_permission(self, request):
        return False


class StatusChangeInline(admin.TabularInline):
    model = UsulanStatusChange
    fk_name = "record"
    extra = 0
    can_delete = False
    fields = [
        "at",
        "stage",
        "decision",
        "unit",
        "actor_role",
        "actor",
        "note",
        "merged_into",
        "redirect_target",
        "activity",
        "minutes",
        "minutes_document",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


class DocumentInline(admin.TabularInline):
    model = UsulanDocument
    extra = 0
    fields = ["title", "file", "size"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False  # documents come with the usulan, from its proposer or the operator who recorded it


@admin.register(Usulan)
class UsulanAdmin(admin.ModelAdmin):
    """Reading and correcting the text of an usulan; its stage and status change only through decisions."""

    list_display = ["code", "title", "desa", "stage", "status", "agency", "created_at"]
    list_filter = ["cycle", "stage", "status", "field", "kecamatan"]
    search_fields = ["code", "title"]
    list_select_related = ["desa", "agency"]
    readonly_fields = [
        "code",
        "kecamatan",
        "desa",
        "cycle",
        "stage",
        "status",
        "accommodation",
        "redirect_target",
        "merged_into",
        "activity",
        "priority",
        "proposer",
        "recorded_by",
    ]
    inlines = [DocumentInline, StatusChangeInline]

    def has_add_permission(self, request):
        return False  # new usulan get their code from usulan_create (citizens' form, operators' recording)


@admin.register(SipdColumn)
class SipdColumnAdmin(admin.ModelAdmin):
    """The columns of the XLSX exported for entry into SIPD, in order: the header text and what each holds.
    With no rows at all, the export uses the default set (musrenbang.models.DEFAULT_SIPD_COLUMNS)."""

    list_display = ["header", "order", "source"]
    list_editable = ["order", "source"]
    list_display_links = ["header"]
    ordering = ["order", "pk"]
