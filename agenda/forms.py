from django import forms
from django.utils.translation import gettext_lazy as _

from agenda.models import Application, Need, ParticipantGroup
from musrenbang.forms import UsulanForm
from musrenbang.models import Cycle
from pengaduan.models import Category, Complaint
from wilayah.models import Desa, Kecamatan


class ApplicationForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Saya mewakili kelompok"),
        queryset=ParticipantGroup.objects.filter(active=True),
        empty_label=_("— pilih kelompok —"),
        error_messages={"required": _("Pilih kelompok yang Anda wakili.")},
    )
    organisation = forms.CharField(label=_("Organisasi/lembaga (bila ada)"), max_length=150, required=False)
    topic = forms.CharField(
        label=_("Apa yang ingin Anda sampaikan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Tuliskan singkat apa yang ingin Anda sampaikan dalam acara ini.")},
    )
    needs = forms.MultipleChoiceField(
        label=_("Kebutuhan aksesibilitas"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    other_needs = forms.CharField(label=_("Kebutuhan lain"), max_length=200, required=False)


class SelectionForm(forms.Form):
    ACTIONS = [
        ("pilih", _("Pilih sebagai peserta")),
        ("cadangan", _("Masukkan daftar tunggu")),
        ("tolak", _("Tidak terpilih")),
    ]
    action = forms.ChoiceField(choices=ACTIONS, error_messages={"invalid_choice": _("Pilih tindakan.")})
    applications = forms.ModelMultipleChoiceField(
        queryset=Application.objects.none(),
        error_messages={"required": _("Centang setidaknya satu pendaftar.")},
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["applications"].queryset = Application.objects.filter(event=event)


class ApplicantFilterForm(forms.Form):
    group = forms.ModelChoiceField(
        label=_("Kelompok"), queryset=ParticipantGroup.objects.all(), required=False, empty_label=_("Semua")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Semua")), *Application.Status.choices], required=False
    )
    kebutuhan = forms.BooleanField(label=_("Hanya yang punya kebutuhan aksesibilitas"), required=False)
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), required=False, empty_label=_("Semua")
    )


class AttendanceForm(forms.Form):
    code = forms.CharField(label=_("Kode pendaftaran"), max_length=12)


class AspirationForm(forms.Form):
    body = forms.CharField(
        label=_("Aspirasi Anda"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Tuliskan aspirasi Anda.")},
    )


def _desa_field():
    return forms.ModelChoiceField(
        label=_("Desa/kelurahan"),
        queryset=Desa.objects.active().select_related("kecamatan"),
        required=False,
        empty_label=_("— pilih desa/kelurahan —"),
        help_text=_("Dari profil penulis aspirasi bila tercatat."),
    )


class AspirationUsulanForm(UsulanForm):
    """Staff turn an aspiration into a draft usulan: the usulan's own fields, its year and desa."""

    prefix = "usulan"
    cycle = forms.ModelChoiceField(label=_("Tahun RKPD"), queryset=Cycle.objects.all(), empty_label=None)
    desa = _desa_field()
    field_order = ["cycle", "desa"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photos"]
        self.order_fields(self.field_order)


class AspirationComplaintForm(forms.Form):
    """Staff turn an aspiration into a complaint received through the forum."""

    prefix = "pengaduan"
    kind = forms.ChoiceField(label=_("Klasifikasi"), choices=Complaint.Kind.choices)
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Category.objects.filter(active=True), empty_label=_("— pilih kategori —")
    )
    title = forms.CharField(label=_("Judul"), max_length=150)
    description = forms.CharField(label=_("Uraian"), widget=forms.Textarea(attrs={"rows": 5}))
    desa = _desa_field()
