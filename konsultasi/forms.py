from django import forms
from django.utils.translation import gettext_lazy as _

from konsultasi.services import BODY_MAX, SUBJECT_MAX
from konsultasi.uploads import check_attachment
from ruangrunding.text import clean_text_field

ATTACHMENT_HELP = _("PDF, JPG atau PNG, paling besar 5 MB. Data lokasi di foto dihapus.")


class AttachmentField(forms.FileField):
    widget = forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"})

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        return check_attachment(upload) if upload else None


class MessageForm(forms.Form):
    body = forms.CharField(
        label=_("Pesan"), strip=False, widget=forms.Textarea(attrs={"rows": 6, "maxlength": BODY_MAX})
    )
    attachment = AttachmentField(label=_("Lampiran"), required=False, help_text=ATTACHMENT_HELP)

    def clean_body(self):
        return clean_text_field(self.cleaned_data.get("body"), label=_("Pesan"), maximum=BODY_MAX)

    def add_error(self, field, error):
        super().add_error(field, error)
        if field == "attachment":
            # A browser never refills a file field: say so next to it.
            self.errors["attachment"].append(_("Pilih berkasnya lagi (atau kosongkan), lalu kirim ulang."))


class ConsultationForm(MessageForm):
    subject = forms.CharField(label=_("Perihal"), max_length=SUBJECT_MAX, strip=False)
    field_order = ["subject", "body", "attachment"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Pertanyaan Anda")
        self.fields["subject"].widget.attrs["maxlength"] = SUBJECT_MAX

    def clean_subject(self):
        return clean_text_field(self.cleaned_data.get("subject"), label=_("Perihal"), maximum=SUBJECT_MAX)

    def clean_body(self):
        return clean_text_field(self.cleaned_data.get("body"), label=_("Pertanyaan"), maximum=BODY_MAX)


class CloseForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Seberapa membantu jawaban pakar?"),
        choices=[("", _("Tidak ingin menilai")), *[(n, f"{n} ★") for n in range(1, 6)]],
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Hanya dilihat staf Bappeda, untuk memperbaiki layanan."),
    )
    comment = forms.CharField(
        label=_("Komentar"), required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )
