"""The index follows publishing: a story is searchable exactly while it is live."""

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished


def story_published(sender, instance, **kwargs):
    from broadsheet.search.index import index_articles

    index_articles([instance])


def story_gone(sender, instance, **kwargs):
    from broadsheet.search.index import remove_articles

    remove_articles([instance.pk])


def restriction_changed(sender, instance, **kwargs):
    """A password or login put on (or taken off) a page hides (or shows) the
    stories under it."""
    from broadsheet.news.models import ArticlePage
    from broadsheet.search.tasks import reindex_articles

    ids = list(
        ArticlePage.objects.descendant_of(instance.page, inclusive=True).values_list(
            "pk", flat=True
        )
    )
    if ids:
        reindex_articles.enqueue(ids)


def names_changed(sender, instance, created=False, **kwargs):
    """A renamed topic or author changes what finds their stories."""
    from broadsheet.search.tasks import reindex_articles

    if created:
        return  # no story names it yet

    ids = list(instance.search_article_ids())
    if ids:
        reindex_articles.enqueue(ids)


def names_going(sender, instance, **kwargs):
    """Note whose stories name a topic or author about to be deleted: the
    deletion empties those fields with bulk updates, which no page signal
    sees, so the stories are reindexed once it is done (names_gone)."""
    instance._search_article_ids = set(instance.search_article_ids())


def names_gone(sender, instance, **kwargs):
    from broadsheet.search.tasks import reindex_articles

    ids = sorted(getattr(instance, "_search_article_ids", ()))
    if ids:
        reindex_articles.enqueue(ids)


def connect():
    from broadsheet.news.models import ArticlePage, Author, Topic

    page_published.connect(
        story_published, sender=ArticlePage, dispatch_uid="bs-search-pub"
    )
    page_unpublished.connect(
        story_gone, sender=ArticlePage, dispatch_uid="bs-search-unpub"
    )
    post_delete.connect(story_gone, sender=ArticlePage, dispatch_uid="bs-search-delete")
    for signal in (post_save, post_delete):
        signal.connect(
            restriction_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"bs-search-restriction-{signal is post_save}",
        )
    for model in (Topic, Author):
        post_save.connect(
            names_changed, sender=model, dispatch_uid=f"bs-search-{model}"
        )
        pre_delete.connect(
            names_going, sender=model, dispatch_uid=f"bs-search-going-{model}"
        )
        post_delete.connect(
            names_gone, sender=model, dispatch_uid=f"bs-search-gone-{model}"
        )
