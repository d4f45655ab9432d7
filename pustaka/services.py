"""Writes in the library: adding files, counting downloads and the searches that found nothing. (The search
index is built in pustaka.indexing.)"""

import logging
import re

from django.db import IntegrityError, connections, router, transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.crypto import salted_hmac

from pustaka.models import Document, DocumentFile, DownloadTally, DownloadVisitor, UnfoundSearch
from pustaka.search import downloads_changed
from pustaka.tasks import extract_pdf_text
from pustaka.uploads import CheckedFile

logger = logging.getLogger(__name__)
PERSONAL_LOOKING = re.compile(r"\d{6,}|@")


def file_add(*, document: Document, checked: CheckedFile) -> DocumentFile:
    is_pdf = checked.kind == "pdf"
    stored = DocumentFile(
        document=document,
        display_name=checked.display_name,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        extraction=DocumentFile.Extraction.PENDING if is_pdf else DocumentFile.Extraction.NOT_APPLICABLE,
    )
    stored.file.save(checked.stored_name, checked.upload, save=False)
    stored.save()
    if is_pdf:
        file_queue_extraction(document_file=stored)
    return stored


def file_queue_extraction(*, document_file: DocumentFile) -> None:
    document_file.extraction = DocumentFile.Extraction.PENDING
    document_file.save(update_fields=["extraction"])
    transaction.on_commit(lambda: extract_pdf_text.enqueue(document_file.pk))


def file_download_record(*, document_file: DocumentFile, visitor: str) -> bool:
    """Count a download once per visitor, file and day (WITA): in the file's and the document's counters and
    in the day's tally. `visitor` says who it is (see pustaka.views.visitor_of) and is only stored hashed.
    Whether it counted. Safe across workers: the unique row decides, so of two racing requests one counts."""
    today = timezone.localdate()
    seen = salted_hmac("pustaka.download-visitor", f"{today.isoformat()}|{visitor}", algorithm="sha256")
    try:
        with transaction.atomic():
            DownloadVisitor.objects.create(document_file=document_file, day=today, visitor=seen.hexdigest())
            DocumentFile.objects.filter(pk=document_file.pk).update(download_count=F("download_count") + 1)
            Document.objects.filter(pk=document_file.document_id).update(
                download_count=Coalesce(F("download_count"), 0) + 1
            )
            if _count_today(tally=DownloadTally, document_id=document_file.document_id):
                # the document's first download today: what was kept of earlier days is no longer needed
                DownloadVisitor.objects.filter(day__lt=today).delete()
    except IntegrityError:
        return False
    downloads_changed()  # the counts a search page shows (pustaka.search.page_documents)
    return True


def unfound_search_record(*, query: str) -> None:
    """Count a search that found nothing, so staff see what citizens look for and the library lacks. Only the
    words are kept (lower case, spaces tidied, cut to the column's length): no user, address or time of day.
    Something that looks like a personal number (NIK, telephone) or an e-mail address is not kept at all."""
    term = " ".join(query.lower().split())[: UnfoundSearch.TERM_MAX]
    if len(term) >= 2 and not PERSONAL_LOOKING.search(term):
        _count_today(tally=UnfoundSearch, term=term)


def _count_today(*, tally, **key) -> bool:
    """Add one to today's row of a tally, creating it on the day's first event (then it says True). Two
    requests racing to create it both end up counted: the loser's insert fails on the unique constraint and it
    updates instead."""
    key["day"] = timezone.localdate()
    if _add_one(tally=tally, key=key):
        return False
    try:
        with transaction.atomic():
            tally.objects.create(count=1, **key)
    except IntegrityError:
        tally.objects.filter(**key).update(count=F("count") + 1)
        return False
    return True


def _add_one(*, tally, key: dict) -> int:
    """`tally.objects.filter(**key).update(count=F("count") + 1)` as plain SQL made from the model's fields: a
    search that found nothing runs this one statement, which Django took longer to compile than the database
    to run. How many rows it changed."""
    connection = connections[router.db_for_write(tally)]
    quote = connection.ops.quote_name
    count = quote(tally._meta.get_field("count").column)
    fields = [tally._meta.get_field(name) for name in key]
    where = " AND ".join(f"{quote(field.column)} = %s" for field in fields)
    values = [field.get_db_prep_value(value, connection) for field, value in zip(fields, key.values(), strict=True)]
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {quote(tally._meta.db_table)} SET {count} = {count} + 1 WHERE {where}", values)  # noqa: S608 — names from the model, values as parameters
        return cursor.rowcount
