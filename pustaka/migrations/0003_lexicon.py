from django.db import migrations

# PostgreSQL only: the distinct words of published documents, for "did you mean" typo correction with
# trigram similarity (a few thousand short words, so the lookup is fast whatever the library's size).
CREATE = [
    """
    CREATE MATERIALIZED VIEW IF NOT EXISTS pustaka_lexicon AS
    SELECT word FROM ts_stat($$
        SELECT to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(about, '') || ' ' || coalesce(abstract, ''))
        FROM pustaka_document WHERE is_published
    $$) WHERE length(word) >= 4 AND word ~ '^[[:alpha:]]+$'
    """,
    "CREATE UNIQUE INDEX IF NOT EXISTS pustaka_lexicon_word ON pustaka_lexicon (word)",
    "CREATE INDEX IF NOT EXISTS pustaka_lexicon_trgm ON pustaka_lexicon USING gin (word gin_trgm_ops)",
]
DROP = ["DROP MATERIALIZED VIEW IF EXISTS pustaka_lexicon"]


def postgres(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pustaka", "0002_postgres_search_and_vocabularies")]

    operations = [migrations.RunPython(postgres(CREATE), postgres(DROP))]
