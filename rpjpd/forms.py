import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from rpjpd.models import Report
from rpjpd.services import BODY_MAX_LENGTH
from ruangrunding.text import clean_text_field


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Tanggapan Anda"),
        strip=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": BODY_MAX_LENGTH}),
        help_text=_("Paling banyak 3.000 karakter. Tautan akan dapat diklik; kode HTML ditampilkan apa adanya."),
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def clean_body(self) -> str:
        return clean_text_field(self.cleaned_data.get("body", ""), label=_("Tanggapan"), maximum=BODY_MAX_LENGTH)


class EditReplyForm(ReplyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["submission_token"]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Mengapa tanggapan ini dilaporkan?"), choices=Report.Reason.choices, widget=forms.RadioSelect
    )
