from django.db import transaction
from django_tasks import task
from wagtail.models import ReferenceIndex
from wagtail.search.backends import get_search_backends

from broadsheet.news.models import ArticlePage


@task()
def index_for_editors(article_ids: list[int]) -> int:
    """Wagtail's own indexes for imported stories: the admin's search and the
    reference index (a topic's or author's "Usage"). A page's save signals
    update them one page at a time (the reference index already in a task);
    the bulk import hands the worker a whole batch instead."""
    articles = list(
        ArticlePage.objects.filter(pk__in=article_ids)
        .select_related("topic")
        .prefetch_related("article_authors__author", "article_topics__topic")
    )
    for backend in get_search_backends(with_auto_update=True):
        backend.add_bulk(ArticlePage, articles)
    with transaction.atomic():
        for article in articles:
            ReferenceIndex.create_or_update_for_object(article)
    return len(articles)
