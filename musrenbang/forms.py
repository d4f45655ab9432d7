import uuid

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from musrenbang.models import (
    BENEFICIARY_FIELDS,
    STAGE_DECISIONS,
    Beneficiary,
    Cycle,
    Decision,
    Field,
    Kind,
    Origin,
    RedirectTarget,
    Stage,
    Usulan,
)
from perencanaan.models import Activity
from ruangrunding.filetypes import check_size, refuse_polyglot, sniff
from ruangrunding.images import normalise_image
from wilayah.models import Agency, Desa, Kecamatan

COST_MAX = 1_000_000_000_000
MINUTES_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTOS_MAX = 3  # a trillion Rupiah: beyond any single usulan; stops typos of a few extra zeros


class RupiahField(forms.IntegerField):
    """Whole Rupiah, written as people write them: "150.000.000", "Rp 150 000 000" or "150000000"."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
    default_error_messages = {"invalid": _("Tulis perkiraan biaya dalam angka rupiah, mis. 150.000.000.")}

    def __init__(self, **kwargs):
        super().__init__(min_value=0, max_value=COST_MAX, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().removeprefix("Rp").removeprefix("rp").strip()
            value = value.replace(".", "").replace(" ", "").replace("\u00a0", "")
            if not value.isdigit() and value:
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Up to PHOTOS_MAX photos of the place, each JPEG or PNG by its bytes, re-encoded without metadata."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultiplePhotoInput(attrs={"accept": ".jpg,.jpeg,.png,image/jpeg,image/png"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if not uploads:
            return []
        if len(uploads) > PHOTOS_MAX:
            raise forms.ValidationError(_("Paling banyak %(count)s foto.") % {"count": PHOTOS_MAX})
        return [clean_photo(upload) for upload in uploads]


def clean_photo(upload):
    check_size(upload, PHOTO_MAX_BYTES)
    upload.seek(0)
    if sniff(upload.read(64)) not in ("jpg", "png"):
        raise forms.ValidationError(_("Foto hanya dapat berupa JPG atau PNG. Isi berkas ini bukan gambar."))
    upload.seek(0)
    photo = normalise_image(upload, max_side=1600)
    photo.name = f"{uuid.uuid4().hex}.{photo.name.rsplit('.', 1)[-1]}"
    return photo


class UsulanForm(forms.ModelForm):
    beneficiaries = forms.MultipleChoiceField(
        label=_("Siapa yang paling merasakan manfaatnya?"),
        choices=Beneficiary.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Pilih semua yang sesuai."),
    )
    estimated_cost = RupiahField(label=_("Perkiraan biaya (Rp)"), help_text=_("Mis. 150.000.000"))
    photos = PhotosField(
        label=_("Foto lokasi"),
        required=False,
        help_text=_("Paling banyak 3 foto JPG atau PNG, masing-masing paling besar 5 MB. Data lokasi di foto dihapus."),
    )

    class Meta:
        model = Usulan
        fields = [
            "problem",
            "title",
            "description",
            "kind",
            "field",
            "rw",
            "rt",
            "volume",
            "unit",
            "estimated_cost",
            "beneficiaries",
            "latitude",
            "longitude",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "kind": forms.RadioSelect,
            "latitude": forms.NumberInput(attrs={"step": "any"}),
            "longitude": forms.NumberInput(attrs={"step": "any"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["field"].queryset = Field.objects.filter(active=True)
        self.fields["field"].empty_label = _("— pilih bidang —")
        self.fields["kind"].choices = Kind.choices
        for name in ("rw", "rt"):
            self.fields[name].widget.attrs.update({"min": 1, "max": 999})
        self.fields["volume"].min_value = 0

    def clean_rw(self):
        return _small_unit(self.cleaned_data.get("rw"), "RW")

    def clean_rt(self):
        return _small_unit(self.cleaned_data.get("rt"), "RT")

    def clean_volume(self):
        volume = self.cleaned_data.get("volume")
        if volume is not None and volume <= 0:
            raise forms.ValidationError(_("Volume harus lebih dari nol."))
        return volume

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise forms.ValidationError(_("Isi lintang dan bujur bersama-sama, atau kosongkan keduanya."))
        if latitude is not None and not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise forms.ValidationError(_("Koordinat di luar bumi: periksa lintang dan bujur."))
        return data


class RecordForm(UsulanForm):
    """An operator records an usulan raised at a meeting by a resident without an account (name only)."""

    cycle = forms.ModelChoiceField(label=_("Tahun RKPD"), queryset=Cycle.objects.all(), empty_label=None)
    desa = forms.ModelChoiceField(label=_("Desa/kelurahan"), queryset=Desa.objects.none())
    origin = forms.ChoiceField(label=_("Asal usulan"))
    proposer_name = forms.CharField(
        label=_("Nama pengusul"), max_length=100, help_text=_("Warga atau kelompok yang menyampaikan usulan.")
    )
    field_order = ["cycle", "origin", "desa", "proposer_name"]

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        desa = Desa.objects.active().select_related("kecamatan")
        origins = [Origin.RT_RW, Origin.DESA]
        if not scope.whole_region:
            desa = desa.filter(pk__in=scope.desa_ids)
        else:
            origins += [Origin.POKIR, Origin.AGENCY]
        self.fields["desa"].queryset = desa
        self.fields["origin"].choices = [(origin.value, origin.label) for origin in origins]
        self.order_fields(self.field_order)


def _small_unit(value, label):
    if value is not None and not 1 <= value <= 999:
        raise forms.ValidationError(_("Nomor %(unit)s antara 1 dan 999.") % {"unit": label})
    return value


class DecisionForm(forms.Form):
    seen_change = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("Keputusan"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Alasan / catatan"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Tampil untuk publik. Wajib diisi bila usulan ditolak."),
    )
    agency = forms.ModelChoiceField(
        label=_("Perangkat daerah tujuan"),
        queryset=Agency.objects.active(),
        required=False,
        empty_label=_("— tetap —"),
        help_text=_("Wajib sebelum usulan diteruskan ke Forum Perangkat Daerah."),
    )
    activity = forms.ModelChoiceField(
        label=_("Program / kegiatan Renstra"),
        queryset=Activity.objects.none(),
        required=False,
        empty_label=_("— pilih kegiatan —"),
        help_text=_("Kegiatan Renstra perangkat daerah yang menampung usulan bila diakomodasi; tampil untuk publik."),
    )
    priority = forms.IntegerField(label=_("Peringkat prioritas desa (P…)"), required=False, min_value=1)
    merged_into = forms.CharField(
        label=_("Digabung ke usulan (kode)"), required=False, max_length=24, help_text=_("Mis. 2027-6402-000123")
    )
    redirect_target = forms.ChoiceField(
        label=_("Dialihkan ke"), required=False, choices=[("", "—"), *RedirectTarget.choices]
    )
    minutes = forms.FileField(
        label=_("Berita acara (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
        help_text=_("Paling besar 10 MB. Tampil untuk publik di riwayat usulan."),
    )

    def clean_minutes(self):
        upload = self.cleaned_data.get("minutes")
        if not upload:
            return None
        check_size(upload, MINUTES_MAX_BYTES)
        upload.seek(0)
        data = upload.read()
        upload.seek(0)
        if sniff(data) != "pdf":
            raise forms.ValidationError(_("Berita acara hanya dapat diunggah sebagai PDF. Isi berkas ini bukan PDF."))
        refuse_polyglot(data)
        return upload

    def __init__(self, *args, usulan: Usulan, **kwargs):
        super().__init__(*args, **kwargs)
        self.usulan = usulan
        allowed = STAGE_DECISIONS[Stage(usulan.stage)]
        self.fields["decision"].choices = [(d.value, d.label) for d in Decision if d in allowed]
        self._offer_activities(usulan)
        if usulan.stage not in (Stage.RT_RW, Stage.DESA):
            del self.fields["priority"]
        else:
            self.fields["priority"].max_value = usulan.cycle.desa_priority_limit
            self.fields["priority"].help_text = _("P1 paling penting; paling banyak P%(limit)s.") % {
                "limit": usulan.cycle.desa_priority_limit
            }

    def _offer_activities(self, usulan: Usulan) -> None:
        """Accepting happens at the agency forum and the kabupaten: there, the Renstra activities of the usulan's
        agency are offered (in code order, so by programme); elsewhere the field is not shown."""
        if usulan.stage not in (Stage.FORUM_PD, Stage.KABUPATEN):
            del self.fields["activity"]
            return
        field = self.fields["activity"]
        field.queryset = Activity.objects.active().select_related("programme").order_by("programme__code", "code")
        field.label_from_instance = lambda activity: f"{activity.code} {activity.name}"
        if usulan.agency_id:
            field.queryset = field.queryset.filter(programme__agency_id=usulan.agency_id)
        if usulan.activity_id:
            self.initial.setdefault("activity", usulan.activity_id)
        if usulan.stage == Stage.FORUM_PD:
            field.help_text = _(
                "Wajib bila usulan diakomodasi (seluruhnya atau sebagian) dan Renstra perangkat daerah ini sudah "
                "tercatat. Tampil untuk publik."
            )
        else:
            field.help_text = _("Boleh diganti; kegiatan perangkat daerah tujuan. Tampil untuk publik.")

    def clean_merged_into(self):
        code = self.cleaned_data.get("merged_into", "").strip()
        if not code:
            return None
        target = Usulan.objects.filter(code=code).select_related("cycle").first()
        if target is None:
            raise forms.ValidationError(_("Tidak ada usulan dengan kode %(code)s.") % {"code": code})
        return target


class UsulanFilterForm(forms.Form):
    hide_optional_marker = True


def _year_choices():
    return [(str(year), str(year)) for year in Cycle.objects.values_list("year", flat=True)]


class UsulanFilter(django_filters.FilterSet):
    tahun = django_filters.ChoiceFilter(
        label=_("Tahun RKPD"), field_name="cycle__year", choices=_year_choices, empty_label=_("Semua")
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), empty_label=_("Semua kecamatan")
    )
    desa = django_filters.ModelChoiceFilter(
        label=_("Desa/kelurahan"),
        queryset=Desa.objects.select_related("kecamatan"),
        empty_label=_("Semua desa/kelurahan"),
    )
    bidang = django_filters.ModelChoiceFilter(
        label=_("Bidang"),
        field_name="field",
        to_field_name="slug",
        queryset=Field.objects.all(),
        empty_label=_("Semua"),
    )
    tahap = django_filters.ChoiceFilter(
        label=_("Tahap"), field_name="stage", choices=Stage.choices, empty_label=_("Semua tahap")
    )
    keputusan = django_filters.ChoiceFilter(
        label=_("Status"), field_name="status", choices=Usulan.Status.choices, empty_label=_("Semua")
    )
    opd = django_filters.ModelChoiceFilter(
        label=_("Perangkat daerah"), field_name="agency", queryset=Agency.objects.all(), empty_label=_("Semua")
    )
    manfaat = django_filters.ChoiceFilter(
        label=_("Manfaat untuk"), choices=Beneficiary.choices, method="filter_beneficiary", empty_label=_("Semua")
    )
    q = django_filters.CharFilter(label=_("Cari judul atau kode"), method="search")

    class Meta:
        model = Usulan
        fields = []
        form = UsulanFilterForm

    def filter_beneficiary(self, queryset, name, value):
        return queryset.filter(**{BENEFICIARY_FIELDS[Beneficiary(value)]: True})

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(title__icontains=word) | Q(code__icontains=word))
        return queryset


class ReopenForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Dibuka sampai tanggal"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tulis tanggal sebagai TTTT-BB-HH, mis. 2026-03-31.")},
    )
    reason = forms.CharField(label=_("Alasan"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}))
