"""What the search index knows about a story: its text, by field and weight."""

import re
from dataclasses import dataclass

from django.utils.html import strip_tags

WORD = re.compile(r"\w+", re.UNICODE)
MAX_QUERY_WORDS = 12  # a search box, not a document: ignore the rest
# Long bodies are cut: ranking gains nothing from the 5,000th word and the
# index (and PostgreSQL's per-row ranking work) stays small.
MAX_BODY_CHARS = 20_000


@dataclass(frozen=True)
class SearchDocument:
    article_id: int
    headline: str
    standfirst: str
    body: str
    topics: str
    authors: str


def body_text(article) -> str:
    parts = article.body.stream_block.get_searchable_content(article.body)
    return strip_tags(" ".join(str(part) for part in parts))[:MAX_BODY_CHARS]


def document_for(article, topics=None, authors=None) -> SearchDocument:
    """The document for one story; topics/authors may be passed in by bulk callers
    that fetched them in one query."""
    if topics is None:
        topics = article.topic_names()
    if authors is None:
        authors = [
            a.author.name for a in article.article_authors.select_related("author")
        ]
    return SearchDocument(
        article_id=article.pk,
        headline=article.title,
        standfirst=article.standfirst,
        body=body_text(article),
        topics=" ".join(topics),
        authors=" ".join(authors),
    )


def query_words(query: str) -> list[str]:
    """The words of a reader's query, nothing else: no operators, no syntax,
    so no input can make the database's query parser fail."""
    return WORD.findall(query.lower())[:MAX_QUERY_WORDS]
