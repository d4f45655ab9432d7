import io

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from perencanaan import importer, services
from perencanaan.forms import ApplyForm, ImportForm
from perencanaan.models import Activity, ImportLog, Programme, RpjmdPriority
from ruangrunding.admin_readonly import ReadOnlyAdmin

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ERRORS_SHOWN = 300  # a file wrong on every row says so in the first few hundred lines


@admin.register(RpjmdPriority)
class RpjmdPriorityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "period", "order", "active"]
    list_editable = ["order", "active"]
    search_fields = ["code", "name"]

    @admin.display(description=gettext_lazy("periode"))
    def period(self, obj):
        return obj.period


class ActivityInline(admin.TabularInline):
    model = Activity
    extra = 0
    fields = ["code", "name", "active"]
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    """The agencies' Renstra programmes; "Impor dari XLSX" adds and updates them (and their activities) in bulk."""

    list_display = ["code", "name", "agency", "rpjmd_priority", "active"]
    list_filter = ["active", "rpjmd_priority", "agency"]
    search_fields = ["code", "name", "agency__name", "agency__short_name"]
    list_select_related = ["agency", "rpjmd_priority"]
    inlines = [ActivityInline]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path("impor/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
            path(
                "impor/templat.xlsx",
                self.admin_site.admin_view(self.template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def may_import(self, request) -> bool:
        activity_admin = self.admin_site._registry[Activity]
        return all(
            [
                self.has_add_permission(request),
                self.has_change_permission(request),
                activity_admin.has_add_permission(request),
                activity_admin.has_change_permission(request),
            ]
        )

    def changelist_view(self, request, extra_context=None):
        return super().changelist_view(request, {"may_import": self.may_import(request), **(extra_context or {})})

    def template_view(self, request):
        """Staff who may add and change programmes and activities: the template, with the current data."""
        if not self.may_import(request):
            raise PermissionDenied
        buffer = io.BytesIO()
        importer.template_workbook().save(buffer)
        response = HttpResponse(buffer.getvalue(), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="renstra-{timezone.localdate():%Y%m%d}.xlsx"'
        return response

    def import_view(self, request):
        """Staff who may add and change programmes and activities: check an XLSX (dry run), then save it."""
        if not self.may_import(request):
            raise PermissionDenied
        form, check, log, errors, status = ImportForm(), None, None, [], 200
        if request.method == "POST" and "log" in request.POST:
            apply_form = ApplyForm(request.POST)
            if apply_form.is_valid():
                log = get_object_or_404(ImportLog, pk=apply_form.cleaned_data["log"], applied_at__isnull=True)
                try:
                    check = services.renstra_import_apply(log=log, actor=request.user)
                except services.ImportRefused as refusal:
                    messages.error(request, refusal.message)
                    errors, log, status = refusal.errors, None, 400
                else:
                    messages.success(request, _("Impor tersimpan. %(summary)s") % {"summary": check.summary})
                    return redirect(reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist"))
        elif request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                upload = form.cleaned_data["file"]
                check, log = services.renstra_import_check(rows=form.rows, file_name=upload.name, actor=request.user)
                errors = check.errors
            if form.errors or errors:
                status = 400
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Impor program dan kegiatan Renstra dari XLSX"),
            "form": form,
            "check": check,
            "log": log,
            "errors": errors[:ERRORS_SHOWN],
            "errors_more": max(len(errors) - ERRORS_SHOWN, 0),
            "error_count": len(errors),
            "pending": check.pending[:ERRORS_SHOWN] if check and not errors else [],
        }
        return TemplateResponse(request, "admin/perencanaan/programme/import.html", context, status=status)


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "programme", "agency", "active"]
    list_filter = ["active", "programme__agency"]
    search_fields = ["code", "name", "programme__code", "programme__name"]
    list_select_related = ["programme", "programme__agency"]
    raw_id_fields = ["programme"]

    @admin.display(description=gettext_lazy("perangkat daerah"), ordering="programme__agency__name")
    def agency(self, obj):
        return obj.programme.agency


@admin.register(ImportLog)
class ImportLogAdmin(ReadOnlyAdmin):
    """Who checked and who saved which Renstra import, and what it changed. Read-only."""

    list_display = ["file_name", "checked_by", "checked_at", "applied_by", "applied_at", "summary"]
    readonly_fields = ["file_name", "checked_by", "checked_at", "row_count", "applied_by", "applied_at", "summary"]
    list_select_related = ["checked_by", "applied_by"]
