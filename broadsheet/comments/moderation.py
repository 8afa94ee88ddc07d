"""What happens to comments: posted by a reader, moderated, replied to by
the newsroom, forgotten. Every change that alters what readers see refreshes
the story's count and the cached pages at once."""

from datetime import timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from broadsheet.comments import conf, defences, spam
from broadsheet.comments.invalidation import comments_changed
from broadsheet.comments.models import (
    Comment,
    CommentSettings,
    Moderation,
    Status,
    normalise_email,
)
from broadsheet.comments.spam.base import Submission
from broadsheet.news.models import ArticlePage

# What each moderation action does to a comment's status.
ACTIONS = {
    "approve": Status.APPROVED,
    "spam": Status.SPAM,
    "remove": Status.REMOVED,
    # Back to the queue, for a second look.
    "restore": Status.PENDING,
}


def refresh_counts(article_ids):
    """Recount approved comments on these stories; pages show it at once."""
    article_ids = set(article_ids)
    for pk in article_ids:
        count = Comment.objects.approved().filter(article_id=pk).count()
        ArticlePage.objects.filter(pk=pk).update(comment_count=count)
    comments_changed(article_ids)


# Posting


def is_trusted(email):
    return Comment.objects.approved().by_email(email).exists()


def decide(comment_settings, verdict, blocked_because, email):
    """A new comment's status: spam and doubt first, then the site's policy."""
    if blocked_because or verdict.score >= conf.SPAM_SCORE:
        return Status.SPAM
    if verdict.score >= conf.DOUBTFUL_SCORE:
        return Status.PENDING
    policy = comment_settings.moderation
    if policy == Moderation.POST:
        return Status.APPROVED
    if policy == Moderation.PRE_FIRST and is_trusted(email):
        return Status.APPROVED
    return Status.PENDING


def submit(form, comment_settings):
    """Store a valid reader's comment; returns it."""
    data, article = form.cleaned_data, form.article
    verdict = spam.check(
        Submission(
            name=data["name"],
            email=data["email"],
            body=data["body"],
            ip_hash=form.ip_hash,
            article_url=article.url or "",
        )
    )
    because = defences.blocked(
        comment_settings, data["name"], data["email"], data["body"]
    )
    reasons = [because] if because else []
    comment = Comment.objects.create(
        article=article,
        parent=form.parent_comment,
        name=data["name"],
        email=data["email"],
        body=data["body"],
        ip_hash=form.ip_hash,
        status=decide(comment_settings, verdict, because, data["email"]),
        spam_score=1.0 if because else verdict.score,
        spam_reasons=reasons + verdict.reasons,
    )
    if comment.status == Status.APPROVED:
        refresh_counts([article.pk])
    elif comment.status == Status.PENDING:
        from broadsheet.comments.tasks import schedule_notice

        transaction.on_commit(lambda: schedule_notice(comment_settings))
    return comment


# Moderating


def moderate(comments, action, user=None):
    """Apply an action to a queryset of comments; returns how many changed."""
    status = ACTIONS[action]
    changing = comments.exclude(status=status)
    article_ids = list(changing.values_list("article_id", flat=True))
    count = changing.update(status=status, moderated_at=timezone.now())
    if count:
        refresh_counts(article_ids)
    return count


def reply_as_staff(comment, user, body):
    """The newsroom answers: published at once, under the comment's thread.
    A comment the newsroom answers is approved too."""
    if comment.status != Status.APPROVED:
        moderate(Comment.objects.filter(pk=comment.pk), "approve", user)
    name = user.get_full_name() or user.get_username()
    reply = Comment.objects.create(
        article_id=comment.article_id,
        parent_id=comment.parent_id or comment.pk,
        name=name,
        email=user.email,
        body=body,
        status=Status.APPROVED,
        is_staff=True,
        staff_user=user,
        moderated_at=timezone.now(),
    )
    refresh_counts([comment.article_id])
    return reply


# Personal data


def forget(email):
    """Delete every comment written under this address. Other people's
    replies to them stay, as comments of their own."""
    email = normalise_email(email)
    if not email:
        return 0
    theirs = Comment.objects.filter(email=email)
    article_ids = list(theirs.values_list("article_id", flat=True))
    with transaction.atomic():
        Comment.objects.filter(parent__in=theirs).exclude(email=email).update(
            parent=None
        )
        count, _ = theirs.delete()
    if count:
        refresh_counts(article_ids)
    return count


def prune_ip_hashes(days=None, now=None):
    """Empty the hashed addresses of comments older than the retention
    period; returns how many were emptied."""
    if days is None:
        days = CommentSettings.current().ip_retention_days
    before = (now or timezone.now()) - timedelta(days=days)
    return (
        Comment.objects.filter(created_at__lt=before)
        .filter(~Q(ip_hash=""))
        .update(ip_hash="")
    )
