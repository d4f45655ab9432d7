"""Control characters in what people type.

A line break in a one-line field (a display name, a subject, a title) ends up in an e-mail header, a CSV row
or a log line, where it splits what should be one value into two. So every one-line form field in the
project refuses control characters, and a multi-line field (a textarea) keeps its line breaks and tabs but
refuses the rest (NUL, escape, …). `install_form_guard` puts the check into Django's `forms.CharField`
itself, once at start-up, so every form gets it — ours, the admin's and allauth's — without each form having
to remember it.

`single_line` is the other half: text that must fit one line whatever is stored (an e-mail subject built
from a name saved before this check existed) has its control characters turned into spaces.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ruangrunding.refusals import Refused

# C0 and C1 control characters and DEL, plus the Unicode line and paragraph separators (which
# str.splitlines() and mail clients also treat as line ends).
_OTHER_CONTROL = "\x7f-\x9f\u2028\u2029"
ONE_LINE_FORBIDDEN = re.compile(f"[\x00-\x1f{_OTHER_CONTROL}]")
MULTI_LINE_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_OTHER_CONTROL}]")  # keeps \t, \n, \r
CONTROL_RUN = re.compile(f"[\x00-\x1f{_OTHER_CONTROL}]+")

MESSAGE = _("Tidak boleh berisi karakter kendali (misalnya baris baru).")
MULTI_LINE_MESSAGE = _("Tidak boleh berisi karakter kendali selain baris baru dan tab.")


def validate_one_line(value) -> None:
    if isinstance(value, str) and ONE_LINE_FORBIDDEN.search(value):
        raise ValidationError(MESSAGE, code="control_characters")


def validate_multi_line(value) -> None:
    if isinstance(value, str) and MULTI_LINE_FORBIDDEN.search(value):
        raise ValidationError(MULTI_LINE_MESSAGE, code="control_characters")


def is_multi_line(field: forms.Field) -> bool:
    return isinstance(field.widget, forms.Textarea)


def single_line(text: str) -> str:
    """The text on one line: every run of control characters becomes one space."""
    return CONTROL_RUN.sub(" ", str(text)).strip()


def install_form_guard() -> None:
    """Make every forms.CharField (and subclass) refuse control characters, chosen by its widget at the moment
    it validates (a form may swap a field's widget after creating it)."""
    if getattr(forms.CharField.run_validators, "guards_control_characters", False):
        return
    original = forms.CharField.run_validators

    def run_validators(self, value):
        original(self, value)
        if value not in self.empty_values:
            (validate_multi_line if is_multi_line(self) else validate_one_line)(value)

    run_validators.guards_control_characters = True
    forms.CharField.run_validators = run_validators


def clean_text(value: str | None, *, label: str, maximum: int) -> str:
    """What a person wrote, ready to save: NUL characters dropped (PostgreSQL refuses them), surrounding blanks
    trimmed; refused when nothing is left or it is longer than `maximum` characters. Services call it (their
    callers are not always forms); forms call `clean_text_field`, which says the same beside the field."""
    value = (value or "").replace("\x00", "").strip()
    if not value:
        raise Refused(_("%(label)s tidak boleh kosong.") % {"label": label})
    if len(value) > maximum:
        raise Refused(
            _("%(label)s paling banyak %(max)s karakter; Anda menulis %(count)s.")
            % {"label": label, "max": maximum, "count": len(value)}
        )
    return value


def clean_text_field(value: str | None, *, label: str, maximum: int) -> str:
    """`clean_text` for a form's `clean_<field>`: the refusal becomes the field's error."""
    try:
        return clean_text(value, label=label, maximum=maximum)
    except Refused as error:
        raise ValidationError(error.message, code="refused") from None
