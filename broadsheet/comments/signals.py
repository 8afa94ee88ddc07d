from wagtail.signals import page_published

from broadsheet.comments.invalidation import comments_changed


def recount_on_publish(sender, instance, **kwargs):
    """Publishing a revision writes the count saved with that revision back
    to the page; the true count is the number of approved comments."""
    from broadsheet.comments.models import Comment
    from broadsheet.news.models import ArticlePage

    count = Comment.objects.approved().filter(article_id=instance.pk).count()
    if count != instance.comment_count:
        ArticlePage.objects.filter(pk=instance.pk).update(comment_count=count)
        instance.comment_count = count
        comments_changed([instance.pk])


def connect():
    from broadsheet.news.models import ArticlePage

    page_published.connect(
        recount_on_publish, sender=ArticlePage, dispatch_uid="bs-comment-recount"
    )
