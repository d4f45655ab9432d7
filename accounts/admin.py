from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.usersessions.models import UserSession
from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from accounts.models import RoleAssignment, User
from ruangrunding.admin_readonly import ReadOnlyAdmin


class EmailAddressInline(admin.TabularInline):
    """An account's addresses: a way to sign in and to reset the password, so only a superuser changes them."""

    model = EmailAddress
    extra = 0
    fields = ["email", "verified", "primary"]

    def has_add_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


# Kept out of every per-person view: sign-up promises they are only ever counted (see insight).
DEMOGRAPHIC_FIELDS = ("gender", "age_group", "disability")
# What staff may change, and only on a citizen's or expert's account: the name others see (e.g. an offensive
# one) and whether the account may sign in. Never credentials, privileges or another staff member.
STAFF_EDITABLE_FIELDS = ("display_name", "is_active")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Accounts. Superusers manage everything here (and their password changes are logged); staff look people
    up and may rename or deactivate a citizen's or expert's account, nothing else (docs/roles.md)."""

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
    ]
    staff_fieldsets = [
        (None, {"fields": ["username", "display_name", "email"]}),
        (_("Status"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Wilayah"), {"fields": ["kecamatan", "desa"]}),
        (_("Tanggal penting"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["username", "display_name", "email", "password1", "password2"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        if obj is not None and not request.user.is_superuser:
            return self.staff_fieldsets
        return super().get_fieldsets(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_readonly_fields(request, obj)
        shown = [field for _name, options in self.staff_fieldsets for field in options["fields"]]
        return [field for field in shown if field not in STAFF_EDITABLE_FIELDS]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if request.user.is_superuser or obj is None:
            return True
        return not (obj.is_staff or obj.is_superuser)

    def lookup_allowed(self, lookup, value, request=None):
        # A filter typed into the URL (?gender=…) would list people by what they said only for counting.
        if lookup.split("__")[0] in DEMOGRAPHIC_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    def user_change_password(self, request, id, form_url=""):
        """Superusers only (Django logs the change in the admin history); everyone else changes their own
        password on their account page, which asks for the current one."""
        if not request.user.is_superuser:
            raise PermissionDenied
        return super().user_change_password(request, id, form_url)


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


# allauth's two-step devices and sessions, for superusers (a lost phone: delete its device; end a session):
# read-only lists with Indonesian names, since allauth's models carry English ones Django cannot translate.
def _name_in_indonesian(model, name) -> None:
    model._meta.verbose_name = model._meta.verbose_name_plural = name


_name_in_indonesian(UserSession, _("sesi pengguna"))
_name_in_indonesian(Authenticator, _("perangkat verifikasi dua langkah"))
admin.site.unregister(Authenticator)
admin.site.unregister(UserSession)


class ReadOnlyListAdmin(ReadOnlyAdmin):
    list_display_links = None
    has_delete_permission = admin.ModelAdmin.has_delete_permission  # a superuser removes a lost device

    @admin.display(description=_("pengguna"), ordering="user__username")
    def person(self, obj):
        return obj.user

    @admin.display(description=_("dibuat"), ordering="created_at")
    def created(self, obj):
        return obj.created_at


@admin.register(Authenticator)
class AuthenticatorAdmin(ReadOnlyListAdmin):
    list_display = ["person", "kind", "created", "last_used"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__email"]

    @admin.display(description=_("jenis"), ordering="type")
    def kind(self, obj):
        return obj.get_type_display()

    @admin.display(description=_("terakhir dipakai"), ordering="last_used_at")
    def last_used(self, obj):
        return obj.last_used_at


@admin.register(UserSession)
class UserSessionAdmin(ReadOnlyListAdmin):
    list_display = ["person", "created", "last_seen", "address", "browser"]
    list_select_related = ["user"]
    search_fields = ["user__username", "ip"]

    @admin.display(description=_("terakhir terlihat"), ordering="last_seen_at")
    def last_seen(self, obj):
        return obj.last_seen_at

    @admin.display(description=_("alamat IP"), ordering="ip")
    def address(self, obj):
        return obj.ip

    @admin.display(description=_("peramban"))
    def browser(self, obj):
        return obj.user_agent[:80]
