from django.contrib import admin

from kalender.models import CalendarChange


@admin.register(CalendarChange)
class CalendarChangeAdmin(admin.ModelAdmin):
    list_display = ["day", "kind", "name", "decree"]
    list_filter = ["kind"]
    search_fields = ["name", "decree"]
    date_hierarchy = "day"
