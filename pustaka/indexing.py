"""Building the library's search index, read by pustaka.search: a document's entry (a weighted `tsvector` on
PostgreSQL, a row of Indonesian stems in the FTS5 table on SQLite) and the words used for typo correction.
Called by the admin when a document is saved, by the task worker after a PDF's text is extracted, and by the
demo; it imports neither of them."""

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction
from django.db.models import Value

from pustaka import indonesian
from pustaka.models import Document
from pustaka.search import CONFIG, is_postgres, library_changed

INDEXED_TEXT_MAX = 400_000  # characters of a document's files that go into its search vector


def document_index_refresh(*, document_id: int) -> None:
    """Rebuild one document's search index entry: its weighted vector on PostgreSQL, its row of stems in the
    full-text table on SQLite. Title (A), about and citation (B), abstract and subjects (C), files' text (D)."""
    documents = Document.objects.select_related("document_type").prefetch_related("subjects", "files")
    document = documents.get(pk=document_id)
    subjects = " ".join(subject.name for subject in document.subjects.all())
    file_text = " ".join(f.extracted_text for f in document.files.all())[:INDEXED_TEXT_MAX]
    title, about, abstract = document.title, f"{document.about} {document.citation}", f"{document.abstract} {subjects}"
    if not is_postgres():
        _full_text_row_replace(document_id=document_id, texts=(title, about, abstract, file_text))
        library_changed()
        return
    vector = (
        SearchVector(Value(title), weight="A", config=CONFIG)
        + SearchVector(Value(about), weight="B", config=CONFIG)
        + SearchVector(Value(abstract), weight="C", config=CONFIG)
        + SearchVector(Value(file_text), weight="D", config=CONFIG)
    )
    Document.objects.filter(pk=document_id).update(search_vector=vector)
    library_changed()


def _full_text_row_replace(*, document_id: int, texts: tuple[str, str, str, str]) -> None:
    """SQLite: replace one document's row in the full-text table (title, about, abstract, body) with the stems
    of its texts (at once, so a search meanwhile sees the old row or the new one)."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pustaka_document_fts WHERE rowid = %s", [document_id])
        cursor.execute(
            "INSERT INTO pustaka_document_fts (rowid, title, about, abstract, body) VALUES (%s, %s, %s, %s, %s)",
            [document_id, *(indonesian.index_text(text) for text in texts)],
        )


def lexicon_refresh() -> None:
    """Rebuild the words used for typo correction: those of the published documents' title, about and
    abstract."""
    if is_postgres():
        with connection.cursor() as cursor:
            cursor.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY pustaka_lexicon")
        library_changed()
        return
    words = set()
    for texts in Document.objects.published().values_list("title", "about", "abstract").iterator():
        for text in texts:
            words |= indonesian.lexicon_words(text)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM pustaka_lexicon")
        cursor.executemany("INSERT INTO pustaka_lexicon (word) VALUES (%s)", [(word,) for word in sorted(words)])
        # documents deleted since: their index rows go too
        cursor.execute("DELETE FROM pustaka_document_fts WHERE rowid NOT IN (SELECT id FROM pustaka_document)")
    library_changed()
