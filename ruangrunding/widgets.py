"""Form widgets that render fast.

Django draws every `<option>` of a select through its own template: fine for ten options, but a filter form
with Kukar's 237 desa, 20 kecamatan and the agencies spends most of a list page's time there (about 100 ms of
the Musrenbang list with 100,000 usulan, measured with `make bench`). `PlainSelect` writes the same HTML —
option groups, the selected option, the widget's attributes — straight from the widget's context, escaped by
`format_html`, in a fraction of that time.
"""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        groups = []
        for group_name, options, _index in widget["optgroups"]:
            rendered = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    ("" if option["value"] is None else option["value"], flatatt(option["attrs"]), option["label"])
                    for option in options
                ),
            )
            if group_name:
                rendered = format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            groups.append((rendered,))
        attributes = {"name": widget["name"], **widget["attrs"]}
        return format_html("<select{}>{}</select>", flatatt(attributes), format_html_join("", "{}", groups))


class PrivateFileInput(forms.FileInput):
    """The input of a private file (library files in the admin): names the stored file without a link. A private
    file has no URL on disk, and on a private bucket its URL is a signed one that would skip the access-checked
    view serving it (and its download count); Django's own file input would ask for that URL."""

    def render(self, name, value, attrs=None, renderer=None):
        field = super().render(name, value, attrs, renderer)
        stored = getattr(value, "name", "") or ""
        if not stored:
            return field
        return format_html(
            '<p class="file-upload">{}: {}</p>{}', _("Berkas tersimpan"), stored.rsplit("/", 1)[-1], field
        )
