"""Admin pages for records nobody edits there: an audit trail, a history, what citizens filed on the site."""

from django.contrib import admin


class ReadOnlyAdmin(admin.ModelAdmin):
    """Listed and readable; never added, changed or deleted in the admin."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
