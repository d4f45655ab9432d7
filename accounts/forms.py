from allauth.account.forms import LoginForm as AllauthLoginForm
from allauth.account.forms import SignupForm as AllauthSignupForm
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import User
from wilayah.models import Desa, Kecamatan

PROFILE_FIELDS = ["display_name", "kecamatan", "desa", "gender", "age_group", "disability"]
DEMOGRAPHIC_FIELDS = ["gender", "age_group", "disability"]
NOT_ANSWERED = _("Tidak ingin menjawab")


class DesaChoiceField(forms.ModelChoiceField):
    """Desa grouped by kecamatan, so the list stays usable without JavaScript."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Desa.objects.active().select_related("kecamatan"), **kwargs)

    def label_from_instance(self, obj: Desa) -> str:
        return str(obj)

    def _get_choices(self):
        grouped: dict[str, list] = {}
        for desa in self.queryset:
            grouped.setdefault(desa.kecamatan.name, []).append((desa.pk, str(desa)))
        return [("", self.empty_label), *grouped.items()]

    choices = property(_get_choices, forms.ChoiceField.choices.fset)


def build_profile_fields() -> dict[str, forms.Field]:
    """The profile fields, shared by "Daftar" and the profile page so both ask the same way."""
    fields = forms.fields_for_model(User, fields=PROFILE_FIELDS)
    fields["display_name"].widget.attrs.update(autocomplete="nickname")
    fields["kecamatan"].queryset = Kecamatan.objects.active()
    fields["kecamatan"].empty_label = _("— Pilih kecamatan —")
    fields["kecamatan"].required = True
    fields["desa"] = DesaChoiceField(
        label=fields["desa"].label,
        help_text=fields["desa"].help_text,
        required=False,
        empty_label=_("— Pilih desa/kelurahan —"),
    )
    for name in DEMOGRAPHIC_FIELDS:
        field = fields[name]
        field.choices = [("", NOT_ANSWERED), *list(field.choices)[1:]]
        field.widget = forms.RadioSelect(choices=field.choices)
    return fields


def clean_profile(form: forms.Form, cleaned_data: dict) -> None:
    kecamatan, desa = cleaned_data.get("kecamatan"), cleaned_data.get("desa")
    if desa and kecamatan and desa.kecamatan_id != kecamatan.pk:
        form.add_error(
            "desa",
            _("%(desa)s tidak berada di Kecamatan %(kecamatan)s. Pilih desa/kelurahan di kecamatan Anda.")
            % {"desa": desa, "kecamatan": kecamatan},
        )


class LoginForm(AllauthLoginForm):
    """ "Masuk" with labels that say what to type: a username or an e-mail address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["login"].label = _("Nama pengguna atau e-mail")
        self.fields["login"].widget.attrs["autocomplete"] = "username"
        self.fields["password"].label = _("Kata sandi")
        if "remember" in self.fields:
            self.fields["remember"].label = _("Ingat saya di perangkat ini")


class SignupForm(AllauthSignupForm):
    """ "Daftar": allauth's username, e-mail and password fields plus our profile fields."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(build_profile_fields())
        self.fields["username"].help_text = _("Huruf, angka dan tanda @ . + - _ saja; minimal 3 karakter.")
        self.fields["password1"].label = _("Kata sandi")
        self.fields["password2"].label = _("Kata sandi (ulangi)")

    def clean(self):
        cleaned_data = super().clean()
        clean_profile(self, cleaned_data)
        return cleaned_data

    def custom_signup(self, request, user):
        services.profile_update(user=user, **{name: self.cleaned_data.get(name) for name in PROFILE_FIELDS})


class ProfileForm(forms.Form):
    def __init__(self, *args, user: User, **kwargs):
        kwargs.setdefault("initial", {name: getattr(user, name) for name in [*PROFILE_FIELDS, "notify_replies"]})
        super().__init__(*args, **kwargs)
        self.fields.update(build_profile_fields())
        self.fields.update(forms.fields_for_model(User, fields=["notify_replies"]))

    def clean(self):
        cleaned_data = super().clean()
        clean_profile(self, cleaned_data)
        return cleaned_data
