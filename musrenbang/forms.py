import re
import uuid
from dataclasses import dataclass
from pathlib import Path

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
from pustaka.models import Document
from ruangrunding.filetypes import check_size, refuse_polyglot, sniff
from ruangrunding.images import normalise_image
from ruangrunding.text import single_line
from ruangrunding.widgets import PlainSelect
from wilayah.models import Agency, Desa, Kecamatan

COST_MAX = 1_000_000_000_000
MINUTES_MAX_BYTES = 10 * 1024 * 1024
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTOS_MAX = 3  # a trillion Rupiah: beyond any single usulan; stops typos of a few extra zeros
DOCUMENT_MAX_BYTES = 10 * 1024 * 1024
DOCUMENTS_MAX = 3


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


def check_pdf(upload, *, max_bytes: int, not_pdf: str):
    """The upload when its bytes are a whole PDF of at most `max_bytes` (never judged by its name)."""
    check_size(upload, max_bytes)
    upload.seek(0)
    data = upload.read()
    upload.seek(0)
    if sniff(data) != "pdf":
        raise forms.ValidationError(not_pdf)
    refuse_polyglot(data)
    if b"%%EOF" not in data[-2048:]:
        raise forms.ValidationError(_("Berkas PDF ini rusak atau tidak lengkap."))
    return upload


@dataclass(frozen=True)
class CheckedDocument:
    upload: object
    title: str
    size: int


class MultipleDocumentInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class DocumentsField(forms.FileField):
    """Up to DOCUMENTS_MAX supporting documents, each a PDF by its bytes; titled by the file's own name."""

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", MultipleDocumentInput(attrs={"accept": ".pdf,application/pdf"}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, (list, tuple)) else [data]) if upload]
        if len(uploads) > DOCUMENTS_MAX:
            raise forms.ValidationError(_("Paling banyak %(count)s dokumen.") % {"count": DOCUMENTS_MAX})
        checked = []
        for upload in uploads:
            check_pdf(
                upload,
                max_bytes=DOCUMENT_MAX_BYTES,
                not_pdf=_("Dokumen pendukung hanya dapat berupa PDF. Isi berkas “%(name)s” bukan PDF.")
                % {"name": single_line(Path(upload.name or "").name)[:80]},
            )
            checked.append(CheckedDocument(upload, document_title(upload.name), upload.size))
        return checked


def document_title(file_name: str | None) -> str:
    """ "Proposal_jalan RT-03.pdf" → "Proposal jalan RT-03": what the public reads, never a path."""
    stem = Path(file_name or "").stem.replace("_", " ")
    stem = re.sub(r"\s+", " ", single_line(stem)).strip()
    return stem[:120] or str(_("Dokumen pendukung"))


class LibraryDocumentField(forms.CharField):
    """A published Pustaka document, pasted as its address (…/pustaka/123/judul/) or its number."""

    address = re.compile(r"(?:^|/pustaka/)(\d{1,10})(?:/|$)")

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
        if not value:
            return None
        match = self.address.search(value)
        document = Document.objects.published().filter(pk=int(match.group(1))).first() if match else None
        if document is None:
            raise forms.ValidationError(
                _(
                    "Dokumen Pustaka tidak ditemukan. Tempel alamat halaman dokumen yang sudah terbit, "
                    "mis. /pustaka/123/berita-acara-musrenbang/."
                )
            )
        return document


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
    documents = DocumentsField(
        label=_("Dokumen pendukung"),
        required=False,
        help_text=_(
            "Mis. proposal, sketsa, rincian biaya: paling banyak 3 berkas PDF, masing-masing paling besar 10 MB. "
            "Nama berkas menjadi judulnya dan tampil untuk publik."
        ),
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


def proposer_name_field() -> forms.CharField:
    return forms.CharField(
        label=_("Nama pengusul"), max_length=100, help_text=_("Warga atau kelompok yang menyampaikan usulan.")
    )


class RecordForm(UsulanForm):
    """An operator records an usulan raised at a meeting by a resident without an account (name only)."""

    cycle = forms.ModelChoiceField(label=_("Tahun RKPD"), queryset=Cycle.objects.all(), empty_label=None)
    desa = forms.ModelChoiceField(label=_("Desa/kelurahan"), queryset=Desa.objects.none())
    origin = forms.ChoiceField(label=_("Asal usulan"))
    proposer_name = proposer_name_field()
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


# --- A row of a desa's recap spreadsheet (musrenbang/imports.py): the operator's "Catat usulan" rules, with the
# choices written as words in a cell instead of picked from a list.

IMPORT_ORIGINS = (Origin.RT_RW, Origin.DESA)  # what a desa's Musrenbang recap holds
_ORIGIN_WORDS = {
    Origin.RT_RW: ["musyawarah rt/rw", "rt/rw", "rt", "rw", "musyawarah_rt_rw"],
    Origin.DESA: ["pemerintah desa/kelurahan", "desa", "kelurahan", "desa/kelurahan", "musrenbang desa"],
}
_KIND_WORDS = {Kind.NON_PHYSICAL: ["non-fisik", "non fisik", "nonfisik", "non_fisik"]}
_BENEFICIARY_WORDS = {Beneficiary.DISABLED: ["disabilitas"], Beneficiary.POOR: ["keluarga miskin", "keluarga_miskin"]}


def _words(choices, extra) -> dict[str, str]:
    """Every way of writing each choice in a cell (its label and value, any case) → its value."""
    words = {}
    for choice in choices:
        for word in [str(choice.label), choice.value, *extra.get(choice, [])]:
            words[" ".join(word.casefold().split())] = choice.value
    return words


def kind_names() -> list[str]:
    return [str(kind.label) for kind in Kind]


def origin_names() -> list[str]:
    return [str(origin.label) for origin in IMPORT_ORIGINS]


def beneficiary_names() -> list[str]:
    return ["perempuan", "anak", "disabilitas", "lansia", "keluarga miskin"]


def _cell_word(value) -> str:
    return " ".join(str(value or "").casefold().split())


class ImportRowForm(UsulanForm):
    """One row of a desa's recap. The rules of the operator's "Catat usulan" form (UsulanForm: lengths, volume
    above zero, rupiah, RT/RW, coordinates, control characters), plus the key, the priority rank within the
    cycle's limit, and the bidang, jenis, asal and penerima manfaat written as words. The bidang is found in
    `fields_by_name` (read once for the whole file), so checking a row costs no query."""

    external_key = forms.CharField(label=_("Kunci"), max_length=40)
    origin = forms.CharField(label=_("Asal"), required=False)
    field = forms.CharField(label=_("Bidang"))
    kind = forms.CharField(label=_("Jenis"))
    beneficiaries = forms.CharField(label=_("Penerima manfaat"), required=False)
    proposer_name = proposer_name_field()
    priority = forms.CharField(label=_("Peringkat prioritas"), required=False)
    photos = None
    documents = None

    class Meta(UsulanForm.Meta):
        # The bidang is matched by name, not by a database lookup per row: left out of the model's checks.
        fields = [name for name in UsulanForm.Meta.fields if name != "field"]

    def __init__(self, *args, fields_by_name: dict, priority_limit: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields_by_name = fields_by_name
        self.priority_limit = priority_limit
        for form_field in self.fields.values():
            # Django's "Bidang ini harus diisi." would read as the column "Bidang" in an error list.
            form_field.error_messages["required"] = _("Wajib diisi.")

    def clean_external_key(self):
        return " ".join(self.cleaned_data["external_key"].split())

    def clean_origin(self):
        word = _cell_word(self.cleaned_data.get("origin"))
        if not word:
            return Origin.DESA.value
        origin = _words(IMPORT_ORIGINS, _ORIGIN_WORDS).get(word)
        if origin is None:
            raise forms.ValidationError(
                _("Asal “%(value)s” tidak dikenal. Tulis %(choices)s.")
                % {"value": self.cleaned_data["origin"], "choices": " atau ".join(origin_names())}
            )
        return origin

    def clean_field(self):
        name = self.cleaned_data["field"]
        found = self.fields_by_name.get(" ".join(name.casefold().split()))
        if found is None:
            raise forms.ValidationError(
                _("Bidang “%(value)s” tidak dikenal. Pakai nama bidang dari lembar Petunjuk templat.") % {"value": name}
            )
        return found

    def clean_kind(self):
        kind = _words(Kind, _KIND_WORDS).get(_cell_word(self.cleaned_data["kind"]))
        if kind is None:
            raise forms.ValidationError(
                _("Jenis “%(value)s” tidak dikenal. Tulis Fisik, Barang atau Non-fisik.")
                % {"value": self.cleaned_data["kind"]}
            )
        return kind

    def clean_beneficiaries(self):
        words = _words(Beneficiary, _BENEFICIARY_WORDS)
        chosen, unknown = [], []
        for part in self.cleaned_data.get("beneficiaries", "").replace(";", ",").split(","):
            word = _cell_word(part)
            if word:
                (chosen if word in words else unknown).append(words.get(word, part.strip()))
        if unknown:
            raise forms.ValidationError(
                _("Penerima manfaat tidak dikenal: %(values)s. Pilih dari: %(choices)s.")
                % {"values": ", ".join(unknown), "choices": ", ".join(beneficiary_names())}
            )
        return chosen

    def clean_priority(self):
        text = _cell_word(self.cleaned_data.get("priority")).removeprefix("p").strip()
        if not text:
            return None
        # ASCII digits, a few of them: "²" is a digit to str.isdigit() but not to int(), and int() refuses
        # 4,300 digits and more; either would stop the whole check instead of naming this cell.
        if not (text.isascii() and text.isdigit() and len(text) <= 5) or not 1 <= int(text) <= self.priority_limit:
            raise forms.ValidationError(
                _("Peringkat prioritas desa antara P1 dan P%(limit)s.") % {"limit": self.priority_limit}
            )
        return int(text)


class ImportUploadForm(forms.Form):
    """The recap upload: for which desa (one of the operator's; any for Bappeda) and which year, and the file.
    The file itself is judged by musrenbang.imports (passed in as `check`, so this module needs no reader)."""

    cycle = forms.ModelChoiceField(label=_("Tahun RKPD"), queryset=Cycle.objects.all(), empty_label=None)
    desa = forms.ModelChoiceField(label=_("Desa/kelurahan"), queryset=Desa.objects.none())
    file = forms.FileField(
        label=_("Berkas rekap (XLSX)"),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
    )

    def __init__(self, *args, scope, check, **kwargs):
        super().__init__(*args, **kwargs)
        desa = Desa.objects.active().select_related("kecamatan")
        if not scope.whole_region:
            desa = desa.filter(pk__in=scope.desa_ids)
        self.fields["desa"].queryset = desa
        self.check = check
        self.rows = []

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = self.check(upload)
        return upload


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

    minutes_document = LibraryDocumentField(
        label=_("… atau berita acara yang sudah ada di Pustaka"),
        required=False,
        help_text=_("Tempel alamat halaman dokumennya, mis. /pustaka/123/berita-acara-musrenbang/."),
    )

    def clean_minutes(self):
        upload = self.cleaned_data.get("minutes")
        if not upload:
            return None
        return check_pdf(
            upload,
            max_bytes=MINUTES_MAX_BYTES,
            not_pdf=_("Berita acara hanya dapat diunggah sebagai PDF. Isi berkas ini bukan PDF."),
        )

    def clean(self):
        data = super().clean()
        if data.get("minutes") and data.get("minutes_document"):
            raise forms.ValidationError(
                _("Pilih salah satu: unggah berita acara, atau tautkan yang sudah ada di Pustaka — tidak keduanya.")
            )
        return data

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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if type(field.widget) is forms.Select:
                field.widget = PlainSelect(attrs=field.widget.attrs)
                field.widget.choices = field.choices
        self.fields["desa"].widget.choices = self._desa_by_kecamatan()

    def _desa_by_kecamatan(self) -> list:
        """The desa grouped under their kecamatan; only the chosen kecamatan's once one is chosen (what a phone
        downloads shrinks from 237 options to a dozen or two)."""
        field = self.fields["desa"]
        desa = field.queryset.order_by("kecamatan__name", "name")
        chosen = str(self.data.get("kecamatan", "")) if self.is_bound else ""
        # An id as typed in the address: ASCII digits of a sensible length (int() refuses 4,300 digits and more;
        # the kecamatan filter itself says what is wrong with anything else).
        if chosen.isascii() and chosen.isdigit() and len(chosen) <= 18:
            desa = desa.filter(kecamatan_id=int(chosen))
        groups: dict[str, list] = {}
        for pk, name, kecamatan in desa.values_list("pk", "name", "kecamatan__name"):
            groups.setdefault(kecamatan, []).append((pk, name))
        return [("", field.empty_label), *groups.items()]


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
