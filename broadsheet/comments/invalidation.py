"""What comments change on readers' pages: the story's comment section and
its comment count (pages and the story's comment feed carry
"comments:<story id>"). Comment settings are a settings model, covered by
broadsheet.caching.invalidation's rule for all of them."""

from broadsheet.caching.invalidation import invalidate
from broadsheet.news.invalidation import comments_tag


def comments_changed(article_ids) -> None:
    invalidate({comments_tag(pk) for pk in article_ids})


def connect() -> None:
    """Comments reach readers through moderation (moderation.refresh_counts
    calls comments_changed, as its bulk updates send no signal); a comment
    deleted (a commenter's data erased) leaves its story's page at once."""
    from django.db.models.signals import post_delete

    from broadsheet.comments.models import Comment

    post_delete.connect(
        lambda sender, instance, **kwargs: comments_changed([instance.article_id]),
        sender=Comment,
        weak=False,
        dispatch_uid="bs-invalidate-comment-deleted",
    )
