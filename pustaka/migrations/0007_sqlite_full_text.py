import django.db.models.deletion
from django.db import migrations, models

import pustaka.models
from pustaka import indonesian

# SQLite only: the counterpart of PostgreSQL's search vector and lexicon view (see pustaka/search.py). The
# full-text table holds the Indonesian stems of each document's texts, one row per document (rowid = its id);
# the lexicon holds the words of published documents for typo correction.
CREATE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS pustaka_document_fts USING fts5("
    "title, about, abstract, body, tokenize = 'unicode61 remove_diacritics 2')",
    # the `rank` column: bm25 weighing title, about, abstract and body 10, 4, 2 and 1, the proportions of
    # ts_rank's default weights for A, B, C and D on PostgreSQL (1, 0.4, 0.2, 0.1)
    "INSERT INTO pustaka_document_fts (pustaka_document_fts, rank) VALUES ('rank', 'bm25(10.0, 4.0, 2.0, 1.0)')",
    "CREATE TABLE IF NOT EXISTS pustaka_lexicon (word TEXT NOT NULL PRIMARY KEY) WITHOUT ROWID",
]
DROP = ["DROP TABLE IF EXISTS pustaka_lexicon", "DROP TABLE IF EXISTS pustaka_document_fts"]
INDEXED_TEXT_MAX = 400_000


def citation(document) -> str:
    if document.number:
        return f"{document.document_type.name} Nomor {document.number} Tahun {document.year}"
    return f"{document.document_type.name} Tahun {document.year}"


def create(apps, schema_editor):
    """Create the tables and index the documents already there (an existing `make run` database)."""
    if schema_editor.connection.vendor != "sqlite":
        return
    for statement in CREATE:
        schema_editor.execute(statement)
    Document = apps.get_model("pustaka", "Document")
    words = set()
    with schema_editor.connection.cursor() as cursor:
        for document in Document.objects.select_related("document_type").prefetch_related("subjects", "files"):
            subjects = " ".join(subject.name for subject in document.subjects.all())
            body = " ".join(f.extracted_text for f in document.files.all())[:INDEXED_TEXT_MAX]
            texts = (document.title, f"{document.about} {citation(document)}", f"{document.abstract} {subjects}", body)
            cursor.execute(
                "INSERT INTO pustaka_document_fts (rowid, title, about, abstract, body) VALUES (%s, %s, %s, %s, %s)",
                [document.pk, *(indonesian.index_text(text) for text in texts)],
            )
            if document.is_published:
                for text in (document.title, document.about, document.abstract):
                    words |= indonesian.lexicon_words(text)
        cursor.executemany("INSERT INTO pustaka_lexicon (word) VALUES (%s)", [(word,) for word in sorted(words)])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("pustaka", "0006_download_visitors")]

    operations = [
        migrations.RunPython(create, drop),
        migrations.CreateModel(
            name="DocumentIndex",
            fields=[
                (
                    "document",
                    models.OneToOneField(
                        db_column="rowid",
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="full_text",
                        serialize=False,
                        to="pustaka.document",
                    ),
                ),
                ("query", pustaka.models.FullTextQueryField(db_column="pustaka_document_fts")),
                ("rank", models.FloatField()),
            ],
            options={"db_table": "pustaka_document_fts", "managed": False},
        ),
    ]
