import csv
import json

from django.core.paginator import Page, Paginator
from django.db.models import Prefetch
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from pustaka import search, services
from pustaka.filters import SORT_CHOICES, SORTS, DocumentFilter, select_fields
from pustaka.models import Document, DocumentFile
from rpjpd.models import Topic
from ruangrunding.mail import absolute_url
from ruangrunding.storage import private_file_response

PER_PAGE = 20
COUNT_CAP = 500
OPEN_DATA_FIELDS = [
    "id",
    "kategori",
    "jenis",
    "nomor",
    "tahun",
    "judul",
    "tentang",
    "teu_badan",
    "penerbit",
    "tempat_penetapan",
    "tanggal_penetapan",
    "tanggal_pengundangan",
    "status",
    "subjek",
    "bahasa",
    "sumber",
    "abstrak",
    "tautan",
]


@require_safe
def index(request):
    """Everyone: search and filter the published documents."""
    query = search.clean_query(request.GET.get("q"))
    notices = []
    if len(request.GET.get("q") or "") > search.QUERY_MAX:
        notices.append(
            _("Kata kunci terlalu panjang; hanya %(max)s karakter pertama yang dicari.") % {"max": search.QUERY_MAX}
        )
    documents = Document.objects.published().for_listing()
    document_filter = DocumentFilter(request.GET or None, queryset=documents)
    if document_filter.is_bound and not document_filter.is_valid():
        notices.append(_("Sebagian saringan tidak dikenali dan diabaikan."))
        document_filter = DocumentFilter(_valid_only(document_filter), queryset=documents)
    filtered = document_filter.qs if document_filter.is_bound else documents
    chosen = request.GET.get("urut") if request.GET.get("urut") in SORTS else ""
    order = chosen or ("relevansi" if query else "terbaru")
    requested = request.GET.get("halaman") or "1"
    number = int(requested) if requested.isdigit() and 0 < int(requested) < 100_000 else 1
    searched_for = query
    page = results_page(search.search(filtered, query).order_by(*SORTS[order]), number)
    if query and page.paginator.count == 0 and (fixed := search.corrected(query)):
        page = results_page(search.search(filtered, fixed).order_by(*SORTS[order]), number)
        searched_for = fixed
        instead = _("Tidak ada hasil untuk “%(typed)s”. Menampilkan hasil untuk “%(fixed)s”.")
        notices.append(instead % {"typed": query, "fixed": fixed})
    if number > page.number:
        notices.append(_("Halaman %(asked)s tidak ada; ini halaman terakhir.") % {"asked": number})
    rows = list(page.object_list)
    context = {
        "select_filters": select_fields(document_filter),
        "query": query,
        "chosen_order": chosen,
        "sort_choices": SORT_CHOICES,
        "filters_active": any(request.GET.get(name) for name in ("kategori", "jenis", "tahun", "status", "urut")),
        "page": page,
        "rows": rows,
        "snippets": search.snippets(rows, searched_for),
        "notices": notices,
    }
    return render(request, "pustaka/index.html", context)


def results_page(results, number: int) -> Page:
    """One page of results from a single ranking query over ids only: the first COUNT_CAP + 1 ids in order
    give both the page and the count (sorting thousands of narrow rows is far cheaper than sorting whole
    documents, and nobody pages past the 25th page: beyond the cap the page says "lebih dari 500" and
    suggests filters). Then the page's 20 documents are fetched. Past the end: the last page."""
    ranked = list(results.values_list("pk", flat=True)[: COUNT_CAP + 1])
    paginator = Paginator(ranked, PER_PAGE)
    paginator.capped = len(ranked) > COUNT_CAP
    paginator.count = min(len(ranked), COUNT_CAP)
    if not ranked:
        return Page([], 1, paginator)
    number = min(number, paginator.num_pages)
    ids = ranked[(number - 1) * PER_PAGE : number * PER_PAGE]
    documents = results.model.objects.for_listing().in_bulk(ids)
    return Page([documents[pk] for pk in ids], number, paginator)


def _valid_only(document_filter: DocumentFilter) -> dict:
    data = document_filter.data.copy()
    for name in document_filter.form.errors:
        data.pop(name, None)
    return data


def get_document_for_user(request, pk: int) -> Document:
    """Published documents for everyone; unpublished ones only for staff (404 for the rest)."""
    return get_object_or_404(Document.objects.visible_to(request.user).for_listing(), pk=pk)


@require_safe
def document_detail(request, pk, slug=None):
    """Everyone: one document's metadata, files, related documents and the RPJPD topics that cite it."""
    document = get_document_for_user(request, pk)
    if slug != document.get_absolute_url().rstrip("/").rsplit("/", 1)[-1]:
        return redirect(document, permanent=True)
    subjects = list(document.subjects.all())
    related = (
        Document.objects.published()
        .for_listing()
        .filter(subjects__in=subjects)
        .exclude(pk=document.pk)
        .distinct()
        .order_by("-year")[:5]
    )
    context = {
        "document": document,
        "subjects": subjects,
        "files": document.files.all(),
        "related": related,
        "topics": Topic.objects.published().filter(reading_materials=document).select_related("section"),
        "changes": document.changes.published(),
    }
    return render(request, "pustaka/document.html", context)


def get_file_for_user(request, pk: int) -> DocumentFile:
    visible = Document.objects.visible_to(request.user)
    return get_object_or_404(DocumentFile.objects.select_related("document"), pk=pk, document__in=visible)


@require_safe
def download(request, pk):
    """Everyone (published documents): "Unduh" a file; each download is counted."""
    document_file = get_file_for_user(request, pk)
    services.file_downloaded(document_file)
    return private_file_response(
        document_file.file, filename=document_file.display_name, content_type=document_file.content_type
    )


@require_safe
@csp_override({})  # the browser's own PDF viewer needs the page without our site-wide policy
def view_pdf(request, pk):
    """Everyone (published documents): "Lihat" a PDF in the browser."""
    document_file = get_file_for_user(request, pk)
    if not document_file.is_pdf:
        return redirect("pustaka:download", pk=pk)
    return private_file_response(
        document_file.file, filename=document_file.display_name, content_type="application/pdf", inline=True
    )


def open_data_rows():
    documents = (
        Document.objects.published()
        .for_listing()
        .prefetch_related(Prefetch("subjects"))
        .order_by("pk")
        .iterator(chunk_size=500)
    )
    for document in documents:
        yield {
            "id": document.pk,
            "kategori": document.category.name,
            "jenis": document.document_type.name,
            "nomor": document.number,
            "tahun": document.year,
            "judul": document.title,
            "tentang": document.about,
            "teu_badan": document.author_body,
            "penerbit": document.publisher,
            "tempat_penetapan": document.place_enacted,
            "tanggal_penetapan": document.date_enacted.isoformat() if document.date_enacted else "",
            "tanggal_pengundangan": document.date_promulgated.isoformat() if document.date_promulgated else "",
            "status": document.get_status_display(),
            "subjek": "; ".join(subject.name for subject in document.subjects.all()),
            "bahasa": document.language,
            "sumber": document.source,
            "abstrak": document.abstract,
            "tautan": absolute_url(document.get_absolute_url()),
        }


class Echo:
    def write(self, value):
        return value


@require_safe
def open_data_csv(request):
    """Everyone: the published documents' metadata as CSV (open data)."""
    writer = csv.DictWriter(Echo(), fieldnames=OPEN_DATA_FIELDS)

    def lines():
        yield "\ufeff" + writer.writeheader()  # the mark tells spreadsheet programs it is UTF-8
        for row in open_data_rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pustaka.csv"'
    return response


@require_safe
def open_data_json(request):
    """Everyone: the published documents' metadata as JSON (open data)."""

    def chunks():
        yield '{"dokumen": ['
        for number, row in enumerate(open_data_rows()):
            yield ("," if number else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
