"""Whether a story takes comments: the story's own switch, else the site's
default, with old stories closing by themselves.

The modes themselves are the story field's choices (news.CommentsMode).
"""

from datetime import timedelta

from django.utils import timezone

from broadsheet.news.models import CommentsMode as Mode


def effective_mode(article, comment_settings, now=None):
    """The mode readers get. An editor's explicit "open" keeps an old story
    open; stories following the site default close `close_after_days` after
    they were first published (0: never)."""
    if article.comments_mode:
        return article.comments_mode
    mode = comment_settings.default_mode
    days = comment_settings.close_after_days
    age = (now or timezone.now()) - (article.published_at or timezone.now())
    if mode == Mode.OPEN and days and age > timedelta(days=days):
        return Mode.CLOSED
    return mode
