from django.contrib import admin

from wilayah.models import Agency


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name"]

    def has_delete_permission(self, request, obj=None):
        # Records will point at agencies (proposals, complaints): retire one by switching it off instead.
        return False
