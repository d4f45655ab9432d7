import json

from allauth.account.adapter import get_adapter
from django.core.exceptions import PermissionDenied
from django.http import StreamingHttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csp import csp_override
from django.views.decorators.http import require_safe

from pustaka import opendata, services
from pustaka.access import get_document_for_user, get_file_for_user
from pustaka.models import Document
from pustaka.search_page import SearchPage
from ruangrunding.spreadsheets import CsvWriter
from ruangrunding.storage import private_file_response


@require_safe
def index(request):
    """Everyone: search and filter the published documents."""
    search_page = SearchPage.from_query(request.GET)
    if search_page.found_nothing:
        services.unfound_search_record(query=search_page.query)
    return render(request, "pustaka/index.html", search_page.context())


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
        "topics": document.cited_by_topics.published().select_related("section"),
        "changes": document.changes.published(),
    }
    return render(request, "pustaka/document.html", context)


@require_safe
def download(request, pk):
    """Everyone (published documents): "Unduh" a file; counted once per visitor, file and day."""
    document_file = get_file_for_user(request, pk)
    services.file_download_record(document_file=document_file, visitor=visitor_of(request))
    return private_file_response(
        document_file.file, filename=document_file.display_name, content_type=document_file.content_type
    )


def visitor_of(request) -> str:
    """Who is downloading, for counting each visitor once a day. A signed-in person is their account (the same
    person on phone and laptop counts once). Anyone else is their address and browser: a cookie would be
    simpler but a script repeating the download simply drops it, while it cannot drop its address. People
    behind one address with the same browser (an office, a school) then count once a day together: fewer
    downloads than happened, never more. The result is only ever stored hashed (services.file_download_record)."""
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
