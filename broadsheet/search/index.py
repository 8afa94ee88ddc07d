"""Keeping the search index in step with what readers may see, and asking it.

The back end is chosen by the database in use, from one explicit table.
"""

from django.db import connection
from django.utils.module_loading import import_string

from broadsheet.search.documents import document_for, query_words

BACKENDS = {
    "sqlite": "broadsheet.search.backends.sqlite.SQLiteSearch",
    "postgresql": "broadsheet.search.backends.postgres.PostgresSearch",
}


def backend():
    return import_string(BACKENDS[connection.vendor])(connection)


def index_articles(articles) -> None:
    """Index these stories if readers may see them, else drop them."""
    from broadsheet.news.models import ArticlePage

    articles = list(articles)
    visible = set(
        ArticlePage.objects.published()
        .filter(pk__in=[a.pk for a in articles])
        .values_list("pk", flat=True)
    )
    search = backend()
    search.remove([a.pk for a in articles if a.pk not in visible])
    search.index(document_for(a) for a in articles if a.pk in visible)


def remove_articles(article_ids) -> None:
    backend().remove(list(article_ids))


def search_articles(query: str, offset: int, limit: int):
    """(article ids best first, total matches) for a reader's query."""
    words = query_words(query)
    if not words:
        return [], 0
    return backend().search(words, offset, limit)


def count_articles(query: str) -> int:
    """How many stories match, without ranking them (the cheap part)."""
    words = query_words(query)
    return backend().count(words) if words else 0
