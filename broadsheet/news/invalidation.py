"""What changes to pages, topics and authors invalidate.

A story's own tag ("page:<id>") is on every page and fragment that shows it
(its page, teasers, the rail, feeds), so editing a live story reaches them
all. Publishing or unpublishing one also changes which stories lists hold:
the site's newest ("latest"), its section's, its topics' and its authors'.
"""

from django.db.models.signals import post_delete
from wagtail.models import PageViewRestriction, get_page_models
from wagtail.signals import page_published, page_unpublished, post_page_move

from broadsheet.caching.invalidation import invalidate, on_change
from broadsheet.caching.signals import SITE_TAG
from broadsheet.caching.tags import LATEST_TAG, NAV_TAG, tag_of

TOPICS_TAG = "topics"  # any topic's name or address (the topic sitemap)
AUTHORS_TAG = "authors"


def comments_tag(article_id) -> str:
    """A story's comments and its comment count (kept by the comments app
    with update(), which invalidates this tag, not the story's own)."""
    return f"comments:{article_id}"


def articles_tags(article_ids) -> set[str]:
    """The tags a publish or unpublish of these stories invalidates (three
    queries, whatever their number: the wire publishes in batches)."""
    from broadsheet.news.models import ArticleAuthor, ArticlePage, ArticleTopic

    ids = list(article_ids)
    if not ids:
        return set()
    tags = {LATEST_TAG} | {f"page:{pk}" for pk in ids}
    for section_id, topic_id in ArticlePage.objects.filter(pk__in=ids).values_list(
        "section_id", "topic_id"
    ):
        tags |= {f"list:section:{section_id}", f"list:topic:{topic_id}"}
    for (topic_id,) in ArticleTopic.objects.filter(article_id__in=ids).values_list(
        "topic_id"
    ):
        tags.add(f"list:topic:{topic_id}")
    for (author_id,) in ArticleAuthor.objects.filter(article_id__in=ids).values_list(
        "author_id"
    ):
        tags.add(f"list:author:{author_id}")
    return {tag for tag in tags if not tag.endswith(":None")}


def page_tags(page) -> set[str]:
    from broadsheet.news.models import ArticlePage

    if isinstance(page.specific_deferred, ArticlePage):
        return articles_tags([page.pk])
    # A section or the front page: its title is in the navigation.
    return {tag_of(page), NAV_TAG}


def page_changed(sender, instance, **kwargs):
    invalidate(page_tags(instance))


def page_deleted(sender, instance, **kwargs):
    # Its rows are gone: every list that showed it carries its own tag.
    invalidate({tag_of(instance), LATEST_TAG, NAV_TAG})


def everything(sender=None, **kwargs):
    invalidate({SITE_TAG})


def connect():
    from broadsheet.news.models import Author, Topic

    page_published.connect(page_changed, dispatch_uid="bs-invalidate-published")
    page_unpublished.connect(page_changed, dispatch_uid="bs-invalidate-unpublished")
    for model in get_page_models():
        post_delete.connect(
            page_deleted, sender=model, dispatch_uid=f"bs-invalidate-del-{model}"
        )
    # A move changes the addresses of the page and everything under it; a
    # view restriction hides a page and everything under it. Both are rare.
    post_page_move.connect(everything, dispatch_uid="bs-invalidate-moved")
    on_change(PageViewRestriction, lambda instance: {SITE_TAG})
    on_change(Topic, lambda topic: {tag_of(topic), TOPICS_TAG})
    on_change(Author, lambda author: {tag_of(author), AUTHORS_TAG})
