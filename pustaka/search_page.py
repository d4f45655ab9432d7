"""What the library's search page shows for one query string: the form's filters, one page of results, their
snippets, the typo correction and the notices about what was ignored. Reads only; the view records a search
that found nothing (services.unfound_search_record) when `found_nothing` says so."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page
from django.http import QueryDict
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from pustaka import search
from pustaka.filters import FILTER_NAMES, SORT_CHOICES, SORTS, DocumentFilter, select_fields
from pustaka.models import Document
from ruangrunding.paging import PAGE_PARAMETER, page_number


@dataclass
class SearchPage:
    query: str
    chosen_order: str  # "" when the visitor left the default order
    select_filters: list[tuple]
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
        documents = Document.objects.published().for_listing()
        document_filter = DocumentFilter(params or None, queryset=documents)
        if document_filter.is_bound and not document_filter.is_valid():
            notices.append(_("Sebagian saringan tidak dikenali dan diabaikan."))
            document_filter = DocumentFilter(_valid_only(document_filter), queryset=documents)
        filtered = document_filter.qs if document_filter.is_bound else documents
        chosen = params.get("urut") if params.get("urut") in SORTS else ""
        number = page_number(params.get(PAGE_PARAMETER))
        # the values of the filters that made `filtered` name it for the kept results (pustaka.search.results)
        filters_key = tuple((name, str(document_filter.data.get(name) or "")) for name in FILTER_NAMES)
        found = search.results(
            filtered,
            query,
            ordering=SORTS[chosen or ("relevansi" if query else "terbaru")],
            number=number,
            key=filters_key if document_filter.is_bound else (),
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
        return cls(
            query=query,
            chosen_order=chosen,
            select_filters=select_fields(document_filter),
            narrowed=any(params.get(name) for name in FILTER_NAMES),
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
            "select_filters": self.select_filters,
            "query": self.query,
            "chosen_order": self.chosen_order,
            "sort_choices": SORT_CHOICES,
            "filters_active": self.narrowed or bool(self.chosen_order),
            "page": self.page,
            "rows": self.rows,
            "snippets": self.snippets,
            "notices": self.notices,
            "version": self.version,
        }


def _valid_only(document_filter: DocumentFilter) -> dict:
    data = document_filter.data.copy()
    for name in document_filter.form.errors:
        data.pop(name, None)
    return data
