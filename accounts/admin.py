from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.images import normalise_image
from accounts.models import Desa, Kecamatan, RegionProfile, User


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
        logo = self.cleaned_data.get("logo")
        if logo and hasattr(logo, "content_type"):  # a new upload, not the stored file
            return normalise_image(logo, max_side=240)
        return logo


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
    fields = ["name", "kind", "code"]


@admin.register(Kecamatan)
class KecamatanAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "desa_count"]
    search_fields = ["name", "code"]
    inlines = [DesaInline]

    @admin.display(description=_("jumlah desa/kelurahan"))
    def desa_count(self, obj):
        return obj.desa_set.count()


@admin.register(Desa)
class DesaAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "kecamatan", "code"]
    list_filter = ["kind", "kecamatan"]
    search_fields = ["name", "kecamatan__name"]
    list_select_related = ["kecamatan"]


class EmailAddressInline(admin.TabularInline):
    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "display_name", "email", "kecamatan", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "kecamatan", "groups"]
    search_fields = ["username", "display_name", "email"]
    list_select_related = ["kecamatan"]
    autocomplete_fields = ["kecamatan"]
    raw_id_fields = ["desa"]
    inlines = [EmailAddressInline]
    fieldsets = [
        *DjangoUserAdmin.fieldsets,
        (_("Profil"), {"fields": ["display_name", "kecamatan", "desa"]}),
        (_("Data demografis (hanya untuk rekap)"), {"fields": ["gender", "age_group", "disability"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "display_name", "email", "password1", "password2"]}),
    ]
