from django.contrib import admin

from konsultasi.models import Expert


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["full_name", "institution", "accepting_consultations"]
    list_filter = ["accepting_consultations"]
    search_fields = ["full_name", "institution", "user__username", "user__email"]
    autocomplete_fields = ["user"]
