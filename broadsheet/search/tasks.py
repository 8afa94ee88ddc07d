from django_tasks import task

from broadsheet.search.index import index_articles


@task()
def reindex_articles(article_ids: list[int]) -> int:
    from broadsheet.news.models import ArticlePage

    articles = ArticlePage.objects.filter(pk__in=article_ids).select_related("topic")
    index_articles(articles)
    return len(article_ids)
