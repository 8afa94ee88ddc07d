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


def searchable_documents(articles, bodies: dict[int, str]) -> list[SearchDocument]:
    """Documents for those of these new pages readers may see, for callers
    that write pages in bulk and index them before their rows exist (so
    published() cannot be asked): live, with a publication date, under a
    section with no password or login, as published() has it. Bylines and
    topics are read from the pages in memory; `bodies` are their words."""
    from wagtail.models import Page

    # A section behind a password or login hides its stories from search.
    sections = {a.section_id for a in articles if a.live}
    public = set(
        Page.objects.filter(pk__in=sections).public().values_list("pk", flat=True)
    )
    return [
        SearchDocument(
            article_id=a.pk,
            headline=a.title,
            standfirst=a.standfirst,
            body=bodies[a.pk][:MAX_BODY_CHARS],
            topics=" ".join(topic_names_in_memory(a)),
            authors=" ".join(b.author.name for b in a.article_authors.all()),
        )
        for a in articles
        if a.live and a.published_at is not None and a.section_id in public
    ]


def topic_names_in_memory(article) -> list[str]:
    lead = [article.topic.name] if article.topic is not None else []
    return lead + [t.topic.name for t in article.article_topics.all()]


def query_words(query: str) -> list[str]:
    """The words of a reader's query, nothing else: no operators, no syntax,
    so no input can make the database's query parser fail."""
    return WORD.findall(query.lower())[:MAX_QUERY_WORDS]
