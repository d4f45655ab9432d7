from django.db import migrations

CATEGORIES = ["Regulasi", "Dokumen Perencanaan", "Rekomendasi Kebijakan", "Kajian/Data", "Lainnya"]
TYPES = [
    ("Undang-Undang", "UU"),
    ("Peraturan Pemerintah", "PP"),
    ("Peraturan Menteri", "Permen"),
    ("Peraturan Daerah", "Perda"),
    ("Peraturan Bupati", "Perbup"),
    ("Keputusan Bupati", "Kepbup"),
    ("RPJPD", "RPJPD"),
    ("RPJMD", "RPJMD"),
    ("RKPD", "RKPD"),
    ("Renstra Perangkat Daerah", "Renstra"),
    ("Kajian", ""),
    ("Rekomendasi Kebijakan", ""),
]

# PostgreSQL only: trigram support and the two search indexes. SQLite searches with a plain fallback.
POSTGRES_UP = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS pustaka_document_search_gin ON pustaka_document USING gin (search_vector)",
    "CREATE INDEX IF NOT EXISTS pustaka_document_title_trgm ON pustaka_document USING gin (title gin_trgm_ops)",
]
POSTGRES_DOWN = [
    "DROP INDEX IF EXISTS pustaka_document_title_trgm",
    "DROP INDEX IF EXISTS pustaka_document_search_gin",
]


def slug(text):
    return text.lower().replace("/", "-").replace(" ", "-")


def vocabularies(apps, schema_editor):
    Category = apps.get_model("pustaka", "Category")
    DocumentType = apps.get_model("pustaka", "DocumentType")
    for order, name in enumerate(CATEGORIES, start=1):
        Category.objects.get_or_create(slug=slug(name), defaults={"name": name, "order": order})
    for name, abbreviation in TYPES:
        DocumentType.objects.get_or_create(slug=slug(name), defaults={"name": name, "abbreviation": abbreviation})


def postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pustaka", "0001_initial")]

    operations = [
        migrations.RunPython(vocabularies, migrations.RunPython.noop),
        migrations.RunPython(postgres(POSTGRES_UP), postgres(POSTGRES_DOWN)),
    ]
