from django import forms
from django.utils.translation import gettext_lazy as _

from perencanaan import importer
from ruangrunding.filetypes import MIME_TYPES


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas XLSX"),
        widget=forms.ClearableFileInput(attrs={"accept": f".xlsx,{MIME_TYPES['xlsx']}"}),
        help_text=_("Isi templat di atas. Paling besar 5 MB dan 5.000 baris; diperiksa dulu, belum disimpan."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.rows = importer.read_upload(upload)
        return upload


class ApplyForm(forms.Form):
    log = forms.IntegerField(widget=forms.HiddenInput)
