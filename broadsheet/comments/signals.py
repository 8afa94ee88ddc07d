from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published

from broadsheet.core.cache import bump_content_generation


def recount_on_publish(sender, instance, **kwargs):
    """Publishing a revision writes the count saved with that revision back
    to the page; the true count is the number of approved comments."""
    from broadsheet.comments.models import Comment
    from broadsheet.news.models import ArticlePage

    count = Comment.objects.approved().filter(article_id=instance.pk).count()
    if count != instance.comment_count:
        ArticlePage.objects.filter(pk=instance.pk).update(comment_count=count)
        instance.comment_count = count
        bump_content_generation()


def settings_saved(sender, instance, created, **kwargs):
    if not created:  # Wagtail makes the row, empty, on first use
        bump_content_generation()


def connect():
    from broadsheet.comments.models import CommentSettings
    from broadsheet.news.models import ArticlePage

    page_published.connect(
        recount_on_publish, sender=ArticlePage, dispatch_uid="bs-comment-recount"
    )
    post_save.connect(
        settings_saved, sender=CommentSettings, dispatch_uid="bs-comment-settings"
    )
    post_delete.connect(
        bump_content_generation,
        sender=CommentSettings,
        dispatch_uid="bs-comment-settings-del",
    )
