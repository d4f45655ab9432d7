from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.forms import DesaChoiceField
from pengaduan.models import Category, Complaint
from ruangrunding.attachments import check_attachment
from wilayah.models import Agency, Kecamatan

TITLE_MAX = 150
TEXT_MAX = 5000
MAX_ATTACHMENTS = 3


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Up to three photos or PDFs, each checked by its content like every upload of the portal."""

    widget = MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})

    def clean(self, data, initial=None):
        uploads = [upload for upload in (data if isinstance(data, list | tuple) else [data]) if upload]
        if len(uploads) > MAX_ATTACHMENTS:
            raise ValidationError(_("Paling banyak %(n)s lampiran.") % {"n": MAX_ATTACHMENTS})
        limit = settings.KONSULTASI_ATTACHMENT_MAX_BYTES  # the portal's one attachment limit (5 MB by default)
        return [
            check_attachment(super(AttachmentsField, self).clean(upload, initial), max_bytes=limit)
            for upload in uploads
        ]


class ComplaintForm(forms.Form):
    """Filing. `mode` is "citizen" (signed in), "guest" (no account: name, e-mail, spam trap) or "staff"
    (recorded from the phone, WhatsApp, SMS, a letter or the counter, with the channel)."""

    COMPLAINT_FIELDS = (
        "kind",
        "category",
        "title",
        "description",
        "kecamatan",
        "desa",
        "latitude",
        "longitude",
        "privacy",
    )

    def complaint_fields(self) -> dict:
        """What every way of filing passes to `complaint_file`; who filed it is added by the view."""
        return {name: self.cleaned_data[name] for name in self.COMPLAINT_FIELDS}

    kind = forms.ChoiceField(
        label=_("Klasifikasi"), choices=Complaint.Kind.choices, widget=forms.RadioSelect, initial="pengaduan"
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"), queryset=Category.objects.filter(active=True), empty_label=_("— Pilih kategori —")
    )
    title = forms.CharField(label=_("Judul"), max_length=TITLE_MAX)
    description = forms.CharField(
        label=_("Uraian"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Apa yang terjadi, di mana, sejak kapan. Jangan tulis data pribadi orang lain."),
    )
    kecamatan = forms.ModelChoiceField(
        label=_("Kecamatan"), queryset=Kecamatan.objects.active(), empty_label=_("— Pilih kecamatan —")
    )
    latitude = forms.DecimalField(
        label=_("Lintang (opsional)"), required=False, min_value=-90, max_value=90, decimal_places=6
    )
    longitude = forms.DecimalField(
        label=_("Bujur (opsional)"), required=False, min_value=-180, max_value=180, decimal_places=6
    )
    attachments = AttachmentsField(
        label=_("Lampiran"),
        required=False,
        help_text=_("Foto (JPG/PNG) atau PDF, paling banyak 3 berkas @ 5 MB. Data lokasi di foto dihapus."),
    )
    privacy = forms.ChoiceField(
        label=_("Kerahasiaan"),
        choices=Complaint.Privacy.choices,
        widget=forms.RadioSelect,
        initial="biasa",
        help_text=_("Sebelum diverifikasi petugas, tidak ada pengaduan yang tampil untuk publik."),
    )

    def __init__(self, *args, mode: str = "citizen", **kwargs):
        super().__init__(*args, **kwargs)
        self.mode = mode
        # Built here: the field lists its desa when it is made, which must not happen at import.
        self.fields["desa"] = DesaChoiceField(
            label=_("Desa/kelurahan"), required=False, empty_label=_("— Pilih desa/kelurahan —")
        )
        self.order_fields(["kind", "category", "title", "description", "kecamatan", "desa"])
        self.fields["latitude"].widget.attrs["step"] = "any"
        self.fields["longitude"].widget.attrs["step"] = "any"
        if mode in {"guest", "staff"}:
            self.fields["reporter_name"] = forms.CharField(
                label=_("Nama Anda") if mode == "guest" else _("Nama pelapor"),
                max_length=120,
                required=mode == "guest",
            )
            self.fields["reporter_email"] = forms.EmailField(
                label=_("E-mail") if mode == "guest" else _("E-mail pelapor (opsional)"),
                required=mode == "guest",
                help_text=_("Kami mengirim tautan konfirmasi; pengaduan diproses setelah Anda menekannya.")
                if mode == "guest"
                else "",
            )
        if mode == "guest":
            # A spam trap: hidden from people (and from screen readers), filled in by bots.
            self.fields["website"] = forms.CharField(
                label=_("Jangan diisi"),
                required=False,
                widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
            )
        if mode == "staff":
            self.fields["reporter_phone"] = forms.CharField(label=_("Telepon pelapor"), max_length=30, required=False)
            self.fields["channel"] = forms.ChoiceField(
                label=_("Diterima melalui"),
                choices=[c for c in Complaint.Channel.choices if c[0] != Complaint.Channel.WEB],
            )

    @property
    def is_spam(self) -> bool:
        return bool(self.mode == "guest" and self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        kecamatan, desa = cleaned.get("kecamatan"), cleaned.get("desa")
        if desa and kecamatan and desa.kecamatan_id != kecamatan.pk:
            self.add_error(
                "desa",
                _("%(desa)s tidak berada di Kecamatan %(kecamatan)s.") % {"desa": desa, "kecamatan": kecamatan},
            )
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            self.add_error("longitude", _("Isi lintang dan bujur keduanya, atau kosongkan keduanya."))
        return cleaned

    def add_error(self, field, error):
        super().add_error(field, error)
        if field == "attachments" and "attachments" in self.errors:
            self.errors["attachments"].append(_("Pilih berkasnya lagi (atau kosongkan), lalu kirim ulang."))


# --- Handling


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RequiredNoteForm(forms.Form):
    note = forms.CharField(label=_("Catatan internal"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class DisposeForm(forms.Form):
    agencies = forms.ModelMultipleChoiceField(
        label=_("Perangkat daerah"),
        queryset=Agency.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Lebih dari satu perangkat daerah: respon akhir paling lambat 5 hari kerja (selain itu 2)."),
    )
    instruction = forms.CharField(
        label=_("Arahan (internal)"), max_length=TEXT_MAX, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("Respon akhir"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))


class DispositionAnswerForm(forms.Form):
    disposition = forms.ModelChoiceField(label=_("Untuk perangkat daerah"), queryset=None, empty_label=None)
    answer = forms.CharField(label=_("Tindak lanjut"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, dispositions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["disposition"].queryset = dispositions.select_related("agency")
        self.fields["disposition"].label_from_instance = lambda d: str(d.agency)


class RedirectForm(forms.Form):
    to_whom = forms.CharField(label=_("Dialihkan kepada"), max_length=200)
    note = forms.CharField(label=_("Penjelasan"), max_length=TEXT_MAX, required=False)


class DuplicateForm(forms.Form):
    original = forms.CharField(label=_("Kode pengaduan asli"), max_length=12)

    def clean_original(self):
        code = self.cleaned_data["original"].strip().upper()
        original = Complaint.objects.in_handling().filter(code=code).first()
        if original is None:
            raise ValidationError(_("Tidak ada pengaduan dengan kode %(code)s.") % {"code": code})
        return original


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Alasan penolakan"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))


class PauseForm(forms.Form):
    question = forms.CharField(
        label=_("Pertanyaan kepada pelapor"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("Jawaban Anda"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class ContestForm(forms.Form):
    reason = forms.CharField(label=_("Alasan keberatan"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 4}))


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("Semua"))])
    terlambat = forms.BooleanField(label=_("Hanya yang terlambat"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("Semua yang berjalan")), *Complaint.Status.choices[1:]]


class ReportForm(forms.Form):
    start = forms.DateField(label=_("Dari tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Sampai tanggal"), widget=forms.DateInput(attrs={"type": "date"}))
    agency = forms.ModelChoiceField(
        label=_("Perangkat daerah"), queryset=Agency.objects.active(), required=False, empty_label=_("Semua")
    )

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return cleaned
