"""What citizens said, as CSV or XLSX, for Bappeda's synthesis of their views into the plan.

Gender, age group and disability are never written here: sign-up promises they are only used for counts and
never shown with a name, so they exist only in the dashboard's aggregates (insight), not in any per-person
file."""

import io
from collections.abc import Iterable

from django.http import HttpResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from rpjpd.models import Reply
from ruangrunding.spreadsheets import CsvWriter, SafeWorkbook

COLUMNS = [
    "id",
    "id_induk",
    "kedalaman",
    "topik",
    "penulis",
    "kecamatan",
    "dikirim",
    "disunting",
    "status",
    "isi",
]


def replies_for_export(replies) -> Iterable[Reply]:
    return replies.select_related("author__kecamatan", "topic").order_by("topic_id", "path").iterator(chunk_size=500)


def status_of(reply: Reply) -> str:
    if reply.is_removed:
        return _("dihapus penulis")
    return reply.get_status_display()


def local(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def row(reply: Reply) -> list:
    author = reply.author
    return [
        reply.pk,
        reply.parent_id or "",
        reply.depth,
        reply.topic.title,
        author.public_name,
        author.kecamatan.name if author.kecamatan else "",
        local(reply.created_at),
        local(reply.edited_at),
        status_of(reply),
        reply.body,
    ]


def export_filename(name: str, extension: str) -> str:
    return f"balasan-{slugify(name)[:60] or 'rpjpd'}-{timezone.localdate():%Y%m%d}.{extension}"


def csv_response(replies, name: str) -> HttpResponse:
    buffer = io.StringIO()
    buffer.write("\ufeff")  # so spreadsheet programs read the Indonesian text as UTF-8
    writer = CsvWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for reply in replies_for_export(replies):
        writer.writerow(row(reply))
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{export_filename(name, "csv")}"'
    return response


def xlsx_response(replies, name: str) -> HttpResponse:
    workbook = SafeWorkbook(write_only=True)
    sheet = workbook.create_sheet("Balasan")
    sheet.append(COLUMNS)
    for reply in replies_for_export(replies):
        sheet.append(row(reply))
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{export_filename(name, "xlsx")}"'
    return response
