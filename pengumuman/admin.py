from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from pengumuman.models import Announcement
from ruangrunding.images import normalise_image


class AnnouncementAdminForm(forms.ModelForm):
    class Meta:
        model = Announcement
        fields = [
            "title",
            "summary",
            "body",
            "image",
            "image_alt",
            "kecamatan",
            "desa",
            "pinned",
            "publish_at",
            "expires_at",
        ]

    def clean_image(self):
        # Re-encoded like every other picture of the portal: verified, shrunk, stripped of metadata (GPS).
        image = self.cleaned_data.get("image")
        if image and hasattr(image, "content_type"):
            return normalise_image(image, max_side=1200)
        return image


@admin.register(Announcement)
class AnnouncementAdmin(admin.ModelAdmin):
    form = AnnouncementAdminForm
    list_display = ["title", "area", "pinned", "publish_at", "expires_at"]
    list_filter = ["pinned", "kecamatan"]
    search_fields = ["title", "body"]
    date_hierarchy = "publish_at"
    list_select_related = ["kecamatan", "desa"]
    autocomplete_fields = ["kecamatan", "desa"]

    @admin.display(description=_("wilayah"))
    def area(self, obj):
        return obj.area_label or _("Seluruh daerah")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
