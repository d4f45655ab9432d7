"""Agency tokens in the admin (superusers only: accounts/permissions.py SUPERUSER_ONLY_APPS): issue one, see
its plain value once, revoke it; and the decisions recorded through the API, read-only."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from api import services
from api.models import AgencyToken, ApiDecision
from ruangrunding.admin_readonly import ReadOnlyAdmin


@admin.register(AgencyToken)
class AgencyTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "agency", "prefix", "issued_by", "created_at", "last_used_at", "is_active"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter), "agency"]
    search_fields = ["name", "prefix", "agency__name"]
    list_select_related = ["agency", "issued_by"]
    actions = ["revoke"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["agency", "name"]
        return ["name", "agency", "prefix", "issued_by", "created_at", "last_used_at", "revoked_at"]

    def get_readonly_fields(self, request, obj=None):
        # Once issued, only the label changes: another agency would need another token.
        return [] if obj is None else ["agency", "prefix", "issued_by", "created_at", "last_used_at", "revoked_at"]

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the token stays, with the decisions it recorded

    @admin.display(boolean=True, description=_("aktif"))
    def is_active(self, token):
        return not token.revoked

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
        else:
            # Kept on the object only for the page below; never saved, never in a message or a log.
            obj.plain_token = services.token_issue(token=obj, issued_by=request.user)

    def response_add(self, request, obj, post_url_continue=None):
        """The plain token, shown on this one page and never again."""
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "token": obj,
            "plain_token": obj.plain_token,
            "title": _("Token API diterbitkan"),
        }
        return TemplateResponse(request, "admin/api/agencytoken/issued.html", context)

    @admin.action(description=_("Cabut token terpilih (langsung berlaku)"))
    def revoke(self, request, queryset):
        count = services.tokens_revoke(tokens=queryset)
        self.message_user(
            request,
            ngettext("%(count)d token dicabut.", "%(count)d token dicabut.", count) % {"count": count},
            messages.SUCCESS,
        )


@admin.register(ApiDecision)
class ApiDecisionAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "token", "usulan", "decision", "key"]
    list_filter = ["token__agency"]
    search_fields = ["key", "change__record__code", "token__prefix"]
    list_select_related = ["token", "change", "change__record"]
    fields = ["created_at", "token", "key", "usulan", "decision", "status_code", "response"]
    readonly_fields = fields

    @admin.display(description=_("usulan"))
    def usulan(self, record):
        return record.change.record.code if record.change_id else "—"

    @admin.display(description=_("keputusan"))
    def decision(self, record):
        return record.change.get_decision_display() if record.change_id else "—"
