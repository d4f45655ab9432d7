import uuid

from django import forms
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
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

    # The blank form is on every signed-in reader's topic page and differs between them only in its token:
    # rendered through the form templates once per worker (for each set of ids and language) with this
    # stand-in token, which each request's own replaces.
    STAND_IN_TOKEN = uuid.UUID("00000000-0000-4000-8000-000000000000")
    _blank_html: dict = {}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("submission_token", uuid.uuid4())
        super().__init__(*args, **kwargs)

    def render(self, template_name=None, context=None, renderer=None) -> SafeString:
        blank = not self.is_bound and set(self.initial) == {"submission_token"} and type(self) is ReplyForm
        if not blank or template_name or context or renderer:
            return super().render(template_name, context, renderer)
        key = (self.auto_id, self.prefix, translation.get_language())
        html = self._blank_html.get(key)
        if html is None:
            stand_in = ReplyForm(
                auto_id=self.auto_id, prefix=self.prefix, initial={"submission_token": self.STAND_IN_TOKEN}
            )
            if len(self._blank_html) >= 1000:  # one per reply answered inline ("balas-<id>-"): keep it bounded
                self._blank_html.clear()
            html = self._blank_html[key] = str(super(ReplyForm, stand_in).render())
        token = str(self.initial["submission_token"])
        return mark_safe(html.replace(str(self.STAND_IN_TOKEN), token))  # noqa: S308 — form output and a UUID

    __str__ = render  # as Django's forms do: {{ form }} renders through these
    __html__ = render

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
