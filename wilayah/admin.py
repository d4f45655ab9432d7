from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from ruangrunding.images import cleaned_image
from wilayah.models import Agency, Desa, Kecamatan, RegionProfile


class RegionProfileForm(forms.ModelForm):
    class Meta:
        model = RegionProfile
        fields = [
            "name",
            "short_name",
            "agency_name",
            "logo",
            "contact_email",
            "contact_phones",
            "address",
            "website",
        ]

    def clean_logo(self):
        return cleaned_image(self.cleaned_data.get("logo"), max_side=240)


@admin.register(RegionProfile)
class RegionProfileAdmin(admin.ModelAdmin):
    form = RegionProfileForm
    list_display = ["name", "agency_name", "contact_email"]

    def has_add_permission(self, request):
        # One deployment serves one region: the profile is a single row.
        return super().has_add_permission(request) and not RegionProfile.objects.exists()


class DesaInline(admin.TabularInline):
    model = Desa
    extra = 0
    fields = ["name", "kind", "code", "active"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "active", "desa_count"]
    list_filter = ["active"]
    search_fields = ["name", "code"]
    inlines = [DesaInline]

    @admin.display(description=_("jumlah desa/kelurahan"))
    def desa_count(self, obj):
        return obj.desa_set.count()


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kecamatan", "code", "active"]
    list_filter = ["kind", "active", "kecamatan"]
    search_fields = ["name", "kecamatan__name"]
    list_select_related = ["kecamatan"]


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name"]

    def has_delete_permission(self, request, obj=None):
        # Records will point at agencies (proposals, complaints): retire one by switching it off instead.
        return False
