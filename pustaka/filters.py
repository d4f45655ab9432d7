import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from pustaka.models import Category, Document, DocumentType

SORTS = {
    "relevansi": ("-rank", "-year", "-pk"),
    "terbaru": ("-year", "-created_at", "-pk"),
    "judul": ("title", "pk"),
    "unduhan": ("-download_count", "-pk"),
}
SORT_CHOICES = [
    ("relevansi", _("Relevansi")),
    ("terbaru", _("Terbaru")),
    ("judul", _("Judul (A–Z)")),
    ("unduhan", _("Paling banyak diunduh")),
]


class LibraryFilterForm(forms.Form):
    hide_optional_marker = True


def year_choices():
    years = Document.objects.published().order_by("-year").values_list("year", flat=True).distinct()
    return [(str(year), str(year)) for year in years]


class DocumentFilter(django_filters.FilterSet):
    kategori = django_filters.ModelChoiceFilter(
        label=_("Kategori"),
        field_name="category",
        to_field_name="slug",
        queryset=Category.objects.all(),
        empty_label=_("Semua kategori"),
    )
    jenis = django_filters.ModelChoiceFilter(
        label=_("Jenis"),
        field_name="document_type",
        to_field_name="slug",
        queryset=DocumentType.objects.all(),
        empty_label=_("Semua jenis"),
    )
    tahun = django_filters.ChoiceFilter(
        label=_("Tahun"), field_name="year", choices=year_choices, empty_label=_("Semua tahun")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Document.Status.choices, empty_label=_("Semua status")
    )

    class Meta:
        model = Document
        fields = []
        form = LibraryFilterForm
