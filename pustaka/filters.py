import django_filters
from django.core.cache import caches
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pustaka import search
from pustaka.models import Category, Document, DocumentType

SORTS = {
    "relevansi": search.BY_RELEVANCE,
    "terbaru": ("-year", "-created_at", "-pk"),
    "judul": ("title", "pk"),
    "unduhan": ("-download_count", "-pk"),
}
FILTER_NAMES = ("kategori", "jenis", "tahun", "status")
SORT_CHOICES = [
    ("", _("Paling sesuai")),
    ("terbaru", _("Terbaru")),
    ("judul", _("Judul (A–Z)")),
    ("unduhan", _("Paling banyak diunduh")),
]


def year_choices():
    """The years that have published documents; kept in each worker under the library's version (a new year
    shows up with the document that brings it), or five minutes when the search keeps nothing."""
    version = search.library_version()
    if version is not None:
        years = search.kept_or(version, ("years",), _published_years)
    else:
        years = caches["pages"].get("pustaka:years")
        if years is None:
            years = _published_years()
            caches["pages"].set("pustaka:years", years, 300)
    return [(str(year), str(year)) for year in years]


def _published_years() -> list[int]:
    return list(Document.objects.published().order_by("-year").values_list("year", flat=True).distinct())


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


def select_fields(document_filter: DocumentFilter) -> list[tuple]:
    """The filters as (name, label, id, <option> tags) for plain <select>s: rendering them by hand is
    several times faster than Django's widget templates, which matters on a page this busy. The option lists
    are kept in each worker under the library's version and the language, or five minutes when the search
    keeps nothing."""
    form = document_filter.form

    def read_options():
        options = {bound.html_name: [(str(v), str(label)) for v, label in bound.field.choices] for bound in form}
        return options, {name: option_tags(choices, "") for name, choices in options.items()}

    version = search.library_version()
    if version is not None:
        cached = search.kept_or(version, ("filter-options", get_language()), read_options)
    else:
        cached = caches["pages"].get("pustaka:filter-options")
        if cached is None:
            cached = read_options()
            caches["pages"].set("pustaka:filter-options", cached, 300)
    options, unselected = cached
    fields = []
    for bound in form:
        current = str(form.data.get(bound.html_name, "") or "")
        tags = option_tags(options[bound.html_name], current) if current else unselected[bound.html_name]
        fields.append((bound.html_name, bound.label, bound.auto_id, tags))
    return fields


def option_tags(options: list[tuple[str, str]], current: str) -> str:
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((value, mark_safe(" selected") if value == current else "", label) for value, label in options),
    )
