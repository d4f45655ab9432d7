from allauth.account.models import EmailAddress
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.images import normalise_image
from accounts.models import Desa, Kecamatan, RegionProfile, RoleAssignment, User


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


class RoleAssignmentForm(forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["user", "role", "desa", "kecamatan", "agency"]

    def __init__(self, *args, granter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.granter = granter

    def clean_user(self):
        user = self.cleaned_data["user"]
        # Nobody widens their own reach; a superuser may (and is recorded as the one who did).
        if self.granter is not None and user == self.granter and not self.granter.is_superuser:
            raise forms.ValidationError(_("Anda tidak dapat memberi peran kepada diri sendiri."))
        return user


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    form = RoleAssignmentForm
    list_display = ["user", "role", "unit", "granted_by", "granted_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "user__display_name", "desa__name", "kecamatan__name", "agency__name"]
    list_select_related = ["user", "desa", "kecamatan", "agency", "granted_by"]
    autocomplete_fields = ["user", "kecamatan", "agency"]
    raw_id_fields = ["desa"]
    readonly_fields = ["granted_by", "granted_at"]

    @admin.display(description=_("unit"))
    def unit(self, obj):
        return obj.desa or obj.kecamatan or obj.agency or _("seluruh daerah")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)

        class FormWithGranter(form):
            def __init__(self, *args, **inner):
                super().__init__(*args, granter=request.user, **inner)

        return FormWithGranter

    def save_model(self, request, obj, form, change):
        obj.granted_by = request.user
        super().save_model(request, obj, form, change)
