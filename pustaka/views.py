import json

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from pustaka import opendata, search, services
from pustaka.access import get_document_for_user, get_file_for_user
from pustaka.filters import FILTER_NAMES, SORT_CHOICES, SORTS, DocumentFilter, select_fields
from pustaka.models import Document
from rpjpd.models import Topic
from ruangrunding.spreadsheets import CsvWriter
from ruangrunding.storage import private_file_response


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
    found = search.results(filtered, query, ordering=SORTS[order], number=number)
    page = found.page
    narrowed = any(request.GET.get(name) for name in FILTER_NAMES)
    if query and not page.paginator.count and not narrowed:
        services.unfound_search_record(query=query)
    if found.corrected:
        instead = _("Tidak ada hasil untuk “%(typed)s”. Menampilkan hasil untuk “%(fixed)s”.")
        notices.append(instead % {"typed": query, "fixed": found.searched_for})
    if number > page.number:
        notices.append(_("Halaman %(asked)s tidak ada; ini halaman terakhir.") % {"asked": number})
    rows = list(page.object_list)
    context = {
        "select_filters": select_fields(document_filter),
        "query": query,
        "chosen_order": chosen,
        "sort_choices": SORT_CHOICES,
        "filters_active": narrowed or bool(chosen),
        "page": page,
        "rows": rows,
        "snippets": search.snippets(rows, found.searched_for),
        "notices": notices,
    }
    return render(request, "pustaka/index.html", context)


def _valid_only(document_filter: DocumentFilter) -> dict:
    data = document_filter.data.copy()
    for name in document_filter.form.errors:
        data.pop(name, None)
    return data


@require_safe
def document_detail(request, pk, slug=None):
    """Everyone: one document's metadata, files, related documents and the RPJPD topics that cite it."""
    document = get_document_for_user(request, pk)
    if slug != document.get_absolute_url().rstrip("/").rsplit("/", 1)[-1]:
        return redirect(document, permanent=True)
    subjects = list(document.subjects.all())
    related = Document.objects.related_to(document, subjects)[:5]
    context = {
        "document": document,
        "subjects": subjects,
        "files": document.files.all(),
        "related": related,
        "topics": Topic.objects.published().citing(document).select_related("section"),
        "changes": document.changes.published(),
    }
    return render(request, "pustaka/document.html", context)


@require_safe
def download(request, pk):
    """Everyone (published documents): "Unduh" a file; counted once per visitor, file and day."""
    document_file = get_file_for_user(request, pk)
    services.file_downloaded(document_file, visitor=visitor_of(request))
    return private_file_response(
        document_file.file, filename=document_file.display_name, content_type=document_file.content_type
    )


def visitor_of(request) -> str:
    """Who is downloading, for counting each visitor once a day. A signed-in person is their account (the same
    person on phone and laptop counts once). Anyone else is their address and browser: a cookie would be
    simpler but a script repeating the download simply drops it, while it cannot drop its address. People
    behind one address with the same browser (an office, a school) then count once a day together: fewer
    downloads than happened, never more. The result is only ever stored hashed (services.file_downloaded)."""
    if request.user.is_authenticated:
        return f"akun:{request.user.pk}"
    try:
        address = get_adapter(request).get_client_ip(request)  # honours TRUSTED_PROXY_COUNT, as sign-in does
    except PermissionDenied:
        address = ""
    return f"alamat:{address}|{request.headers.get('user-agent', '')[:300]}"


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


class Echo:
    """A file-like object that hands back what the CSV writer writes, so rows can be streamed."""

    def write(self, value):
        return value


@require_safe
def open_data_csv(request):
    """Everyone: the published documents' metadata as CSV (open data); text that would run as a formula in a
    spreadsheet is quoted."""
    writer = CsvWriter(Echo(), fieldnames=opendata.FIELDS)

    def lines():
        yield "\ufeff" + writer.writeheader()  # the mark tells spreadsheet programs it is UTF-8
        for row in opendata.rows():
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="pustaka.csv"'
    return response


@require_safe
def open_data_json(request):
    """Everyone: the published documents' metadata as JSON (open data)."""

    def chunks():
        yield '{"dokumen": ['
        for number, row in enumerate(opendata.rows()):
            yield ("," if number else "") + json.dumps(row, ensure_ascii=False)
        yield "]}"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
