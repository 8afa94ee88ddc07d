"""PostgreSQL full-text search: a weighted tsvector per story in a GIN index."""

from concurrent.futures import ThreadPoolExecutor

from django.db import connections

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
# The same document for many stories in one statement, as tsvector text.
VECTORS_SQL = f"""
    SELECT ({DOCUMENT_SQL % ("d.h", "d.s", "d.t", "d.a", "d.b")})::text
    FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[])
         WITH ORDINALITY AS d(h, s, t, a, b, n)
    ORDER BY d.n
"""
# Matches ranked by their whole document: the best this many by headline,
# standfirst, topics and authors (and the newest, where those do not match).
SHORTLIST = 200
# One thread, so at most one extra connection, and batches stay in order.
_vectorising = ThreadPoolExecutor(1, thread_name_prefix="tsvector")
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

    def prepare(self, documents):
        """Have the database compute the documents' tsvectors on a second
        connection while the caller writes the batch's other rows on this one.

        to_tsvector is most of the database's work in a bulk import (about a
        millisecond a story); computed beside the rest, it overlaps with the
        importer's own work instead of adding to it. The second connection
        only evaluates functions of the texts it is sent: it reads no table,
        so it needs no view of the caller's uncommitted transaction, and the
        rows are still written in that transaction (index_prepared)."""
        documents = list(documents)
        return documents, _vectorising.submit(vectorise, documents)

    def index_prepared(self, prepared):
        documents, vectors = prepared
        rows = zip((d.article_id for d in documents), vectors.result(), strict=True)
        with (
            self.connection.cursor() as cursor,
            cursor.cursor.copy(
                f"COPY {TABLE} (article_id, document) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)

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
        # Two stages (see migration 0002): every match ranked by its small
        # headline vector, then a shortlist by the whole document. `matches`
        # is materialised, and counted apart, so only (id, rank) pairs are
        # held: a count(*) OVER () window beside the rank held each match's
        # vector and spilled to disk past work_mem (57 -> 33 ms for the
        # 22,748 stories that say "election" at 100,000).
        shortlist = max(SHORTLIST, offset + limit)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"""
                WITH q AS (SELECT to_tsquery('{CONFIG}', %s) AS query),
                matches AS MATERIALIZED (
                    SELECT article_id,
                           ts_rank('{RANK_WEIGHTS}', head, q.query) AS head_rank
                    FROM {TABLE}, q WHERE document @@ q.query
                ),
                shortlist AS (
                    SELECT article_id FROM matches
                    ORDER BY head_rank DESC, article_id DESC LIMIT %s
                )
                SELECT s.article_id, (SELECT count(*) FROM matches)
                FROM shortlist s JOIN {TABLE} d USING (article_id), q
                ORDER BY ts_rank('{RANK_WEIGHTS}', d.document, q.query) DESC,
                         s.article_id DESC
                LIMIT %s OFFSET %s
                """,
                [query, shortlist, limit, offset],
            )
            rows = cursor.fetchall()
        if not rows:
            return [], 0 if offset == 0 else self.matches(query)
        return [row[0] for row in rows], rows[0][1]

    def matches(self, query):
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT count(*) FROM {TABLE} "
                f"WHERE document @@ to_tsquery('{CONFIG}', %s)",
                [query],
            )
            return cursor.fetchone()[0]


def vectorise(documents) -> list[str]:
    """The documents' tsvectors as text, computed on this thread's own
    connection (closed after, so no idle connection outlives the batch)."""
    if not documents:
        return []
    columns = [
        [d.headline for d in documents],
        [d.standfirst for d in documents],
        [d.topics for d in documents],
        [d.authors for d in documents],
        [d.body for d in documents],
    ]
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute(VECTORS_SQL, columns)
            return [row[0] for row in cursor.fetchall()]
    finally:
        connection.close()
