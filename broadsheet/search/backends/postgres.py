"""PostgreSQL full-text search: a weighted tsvector per story in a GIN index."""

from broadsheet.search.backends.base import SearchBackend

TABLE = "broadsheet_search_document"
CONFIG = "english"
# PostgreSQL has four weight classes, A (highest) to D.
DOCUMENT_SQL = f"""
    setweight(to_tsvector('{CONFIG}', %s), 'A') ||
    setweight(to_tsvector('{CONFIG}', %s), 'B') ||
    setweight(to_tsvector('{CONFIG}', %s), 'B') ||
    setweight(to_tsvector('{CONFIG}', %s), 'B') ||
    setweight(to_tsvector('{CONFIG}', %s), 'D')
"""
# ts_rank's weights for D, C, B, A: mirrors base.WEIGHTS (headline 10, body 1).
RANK_WEIGHTS = "{0.1, 0.2, 0.6, 1.0}"


class PostgresSearch(SearchBackend):
    def index(self, documents):
        rows = [
            (d.article_id, d.headline, d.standfirst, d.topics, d.authors, d.body)
            for d in documents
        ]
        if not rows:
            return
        with self.connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {TABLE} (article_id, document) "
                f"VALUES (%s, {DOCUMENT_SQL}) "
                "ON CONFLICT (article_id) DO UPDATE SET document = EXCLUDED.document",
                rows,
            )

    def remove(self, article_ids):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE article_id = ANY(%s)", [list(article_ids)]
            )

    def clear(self):
        with self.connection.cursor() as cursor:
            cursor.execute(f"TRUNCATE {TABLE}")

    def expression(self, words, any_word):
        # Words are \w+ only, so to_tsquery cannot see an operator in them.
        return (" | " if any_word else " & ").join(f"'{word}'" for word in words)

    def ranked(self, query, offset, limit):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH q AS (SELECT to_tsquery('{CONFIG}', %s) AS query),
                hits AS (
                    SELECT article_id,
                           ts_rank('{RANK_WEIGHTS}', document, q.query) AS rank
                    FROM {TABLE}, q WHERE document @@ q.query
                )
                SELECT article_id, count(*) OVER () FROM hits
                ORDER BY rank DESC, article_id DESC LIMIT %s OFFSET %s
                """,
                [query, limit, offset],
            )
            rows = cursor.fetchall()
        if not rows:
            return [], 0 if offset == 0 else self._count(query)
        return [row[0] for row in rows], rows[0][1]

    def _count(self, query):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} "
                f"WHERE document @@ to_tsquery('{CONFIG}', %s)",
                [query],
            )
            return cursor.fetchone()[0]
