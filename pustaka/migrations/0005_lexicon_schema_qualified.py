from django.db import migrations

# pg_restore refreshes materialized views with an empty search_path, so the table named inside ts_stat()'s
# query text must carry its schema, or a restored backup fails on this view (found by bench/loadtest.py).
LEXICON = """
    CREATE MATERIALIZED VIEW pustaka_lexicon AS
    SELECT word FROM ts_stat($$
        SELECT pg_catalog.to_tsvector('simple', coalesce(title, '') || ' ' || coalesce(about, '') || ' ' ||
            coalesce(abstract, ''))
        FROM {table} WHERE is_published
    $$) WHERE length(word) >= 4 AND word ~ '^[[:alpha:]]+$'
"""
INDEXES = [
    "CREATE UNIQUE INDEX pustaka_lexicon_word ON pustaka_lexicon (word)",
    "CREATE INDEX pustaka_lexicon_trgm ON pustaka_lexicon USING gin (word gin_trgm_ops)",
]


def recreate(qualified: bool):
    def run(apps, schema_editor):
        connection = schema_editor.connection
        if connection.vendor != "postgresql":
            return
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_schema()")
            schema = cursor.fetchone()[0]
        table = f"{connection.ops.quote_name(schema)}.pustaka_document" if qualified else "pustaka_document"
        schema_editor.execute("DROP MATERIALIZED VIEW IF EXISTS pustaka_lexicon")
        schema_editor.execute(LEXICON.format(table=table))
        for statement in INDEXES:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("pustaka", "0004_dashboard_tallies")]

    operations = [migrations.RunPython(recreate(qualified=True), recreate(qualified=False))]
