"""The search index: an FTS5 table on SQLite, a tsvector table on PostgreSQL.

No foreign key to the stories: Django does not know these tables, so a
database flush (tests, `broadsheet flush`) could not truncate past one; rows
follow stories through the signals in broadsheet/search/signals.py instead.
"""

from django.db import migrations

SQLITE_CREATE = """
CREATE VIRTUAL TABLE IF NOT EXISTS broadsheet_search_fts USING fts5(
    headline, standfirst, body, topics, authors,
    tokenize = 'porter unicode61 remove_diacritics 2'
)
"""
POSTGRES_CREATE = [
    """
    CREATE TABLE IF NOT EXISTS broadsheet_search_document (
        article_id bigint PRIMARY KEY,
        document tsvector NOT NULL
    )
    """,
    "CREATE INDEX IF NOT EXISTS broadsheet_search_document_gin "
    "ON broadsheet_search_document USING gin (document)",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": [SQLITE_CREATE], "postgresql": POSTGRES_CREATE}[vendor]
    for statement in statements:
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    table = {
        "sqlite": "broadsheet_search_fts",
        "postgresql": "broadsheet_search_document",
    }[schema_editor.connection.vendor]
    schema_editor.execute(f"DROP TABLE IF EXISTS {table}")


class Migration(migrations.Migration):
    dependencies = [("news", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
