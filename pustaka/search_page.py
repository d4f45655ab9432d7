"""What the library's search page shows for one query string: the form's filters, one page of results, their
snippets, the typo correction and the notices about what was ignored. Reads only; the view records a search
that found nothing (services.unfound_search_record) when `found_nothing` says so."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from pustaka import search
from pustaka.filters import FILTER_NAMES, SORT_CHOICES, SORTS, DocumentFilter, select_fields
from pustaka.models import Document
from ruangrunding.paging import PAGE_PARAMETER, page_number


@dataclass
class SearchPage:
    query: str
    chosen_order: str  # "" when the visitor left the default order
    filters_html: SafeString  # the form's filters and order (Filters.html)
    narrowed: bool  # some filter is chosen
    page: Page
    rows: list[Document]
    snippets: dict[int, SafeString]
    notices: list[str] = field(default_factory=list)
    version: str | None = None  # the library's version the results were kept under (pustaka.search.results)

    @classmethod
    def from_query(cls, params: QueryDict) -> "SearchPage":
        query = search.clean_query(params.get("q"))
        notices = []
        if len(params.get("q") or "") > search.QUERY_MAX:
            notices.append(
                _("Kata kunci terlalu panjang; hanya %(max)s karakter pertama yang dicari.") % {"max": search.QUERY_MAX}
            )
        filters, documents = read_filters(params)
        if filters.ignored:
            notices.append(_("Sebagian saringan tidak dikenali dan diabaikan."))
        chosen = params.get("urut") if params.get("urut") in SORTS else ""
        number = page_number(params.get(PAGE_PARAMETER))
        found = search.results(
            documents,
            query,
            ordering=SORTS[chosen or ("relevansi" if query else "terbaru")],
            number=number,
            key=filters.key,
        )
        if found.corrected:
            instead = _("Tidak ada hasil untuk “%(typed)s”. Menampilkan hasil untuk “%(fixed)s”.")
            notices.append(instead % {"typed": query, "fixed": found.searched_for})
        if found.too_common:
            common = _(
                "“%(query)s” ada di lebih dari %(limit)s dokumen, terlalu umum untuk diurutkan menurut kecocokan: "
                "hasilnya diurutkan dari yang terbaru. Tambahkan kata kunci atau pilih saringan untuk mempersempit."
            )
            limit = f"{settings.PUSTAKA_RANK_LIMIT:,}".replace(",", ".")
            notices.append(common % {"query": found.searched_for, "limit": limit})
        if number > found.page.number:
            notices.append(_("Halaman %(asked)s tidak ada; ini halaman terakhir.") % {"asked": number})
        rows = list(found.page.object_list)
        narrowed = any(params.get(name) for name in FILTER_NAMES)
        return cls(
            query=query,
            chosen_order=chosen,
            filters_html=filters.html(chosen, narrowed=narrowed),
            narrowed=narrowed,
            page=found.page,
            rows=rows,
            snippets=search.snippets(rows, found.searched_for, version=found.version),
            notices=notices,
            version=found.version,
        )

    @property
    def found_nothing(self) -> bool:
        """Words typed, no filter chosen, and nothing found (not even by the typo correction): what the library
        may lack, counted for the dashboard."""
        return bool(self.query) and not self.page.paginator.count and not self.narrowed

    def context(self) -> dict:
        return {
            "filters_html": self.filters_html,
            "query": self.query,
            "page": self.page,
            "rows": self.rows,
            "snippets": self.snippets,
            "notices": self.notices,
            "version": self.version,
        }


@dataclass(frozen=True)
class Filters:
    """What the filters of a query string come to: the <select>s to show, whether a value was not recognised
    (and is ignored), and the recognised values, which make the queryset searched. `key` names that queryset
    for the kept results (pustaka.search.results): () when no parameter at all was given."""

    select_filters: list[tuple]
    ignored: bool
    values: dict[str, str]  # the recognised filters' values as the form read them ("" for none)
    key: tuple
    rendered: dict = field(default_factory=dict, compare=False, repr=False)  # Filters.html's

    def html(self, chosen_order: str, *, narrowed: bool) -> SafeString:
        """The form's <details> of filters and order. It depends only on these filters (as kept: their values,
        the library's options, the language), the order chosen and whether a filter was given, so it is
        rendered once for each of the latter two and kept with the filters."""
        key = (chosen_order, narrowed)
        html = self.rendered.get(key)
        if html is None:
            context = {
                "select_filters": self.select_filters,
                "sort_choices": SORT_CHOICES,
                "chosen_order": chosen_order,
                "filters_active": narrowed or bool(chosen_order),
            }
            html = self.rendered[key] = render_to_string(FILTERS_TEMPLATE, context)
        return html


FILTERS_TEMPLATE = "pustaka/includes/_filters.html"


def read_filters(params: QueryDict) -> tuple[Filters, Callable]:
    """The filters of `params`, and a function giving the published documents they select (called only when a
    search must be ranked). Both depend only on whether any parameter was given, the four filters' values (the
    last one of each, as the form reads them), the language (the options' labels) and the library (the
    categories, types and years to choose from): so what they come to is kept in this worker under the
    library's version like the rankings, and validating the form, building the filter set and the <select>s
    is done once per version for each combination of values."""
    built = []

    def read() -> Filters:
        document_filter = DocumentFilter(params or None, queryset=_published())
        ignored = document_filter.is_bound and not document_filter.is_valid()
        if ignored:
            document_filter = DocumentFilter(_valid_only(document_filter), queryset=_published())
        built.append(document_filter)
        values = {name: str(document_filter.data.get(name) or "") for name in FILTER_NAMES}
        key = tuple(values.items()) if document_filter.is_bound else ()
        return Filters(select_fields(document_filter), ignored=ignored, values=values, key=key)

    raw = tuple(params.get(name) for name in FILTER_NAMES)
    filters = search.kept_or(search.library_version(), ("filters", bool(params), raw, get_language()), read)

    def documents():
        if not any(filters.values.values()):  # no filter chosen: the filter set would select nothing out
            return _published()
        document_filter = built[0] if built else DocumentFilter(filters.values, queryset=_published())
        return document_filter.qs

    return filters, documents


def _published():
    return Document.objects.published().for_listing()


def _valid_only(document_filter: DocumentFilter) -> dict:
    data = document_filter.data.copy()
    for name in document_filter.form.errors:
        data.pop(name, None)
    return data
