"""Email to moderators about pending comments, batched: at most one message
per `notify_every_minutes`, listing everything that arrived meanwhile, so a
flood of comments is one email, not a flood of them."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django_tasks import task

from broadsheet.comments.models import Comment, CommentSettings, Status

NOTICE_KEY = "comments:notice-scheduled"
# One email lists this many comments at most; the rest are in the queue.
NOTICE_LENGTH = 50
EXCERPT = 200


def schedule_notice(comment_settings):
    """Called for each new pending comment: the first in a window schedules
    the email for the window's end (or now, where the task backend cannot
    defer); the others ride along."""
    window = max(comment_settings.notify_every_minutes, 1) * 60
    if not cache.add(NOTICE_KEY, 1, window):
        return
    if notify_moderators.get_backend().supports_defer:
        later = timezone.now() + timedelta(seconds=window)
        notify_moderators.using(run_after=later).enqueue()
    else:
        notify_moderators.enqueue()


@task()
def notify_moderators() -> int:
    return send_pending_notice()


def recipients(comment_settings):
    listed = comment_settings.lines(comment_settings.moderator_emails)
    if listed:
        return listed
    may_moderate = Q(
        groups__permissions__codename="change_comment",
        groups__permissions__content_type__app_label="comments",
    ) | Q(
        user_permissions__codename="change_comment",
        user_permissions__content_type__app_label="comments",
    )
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    moderators = users.filter(Q(is_superuser=True) | may_moderate)
    return sorted(set(moderators.values_list("email", flat=True)))


def send_pending_notice():
    """One step: claim the pending comments nobody was told about (a
    conditional UPDATE, so two workers never send the same ones) and mail
    them to the moderators. Returns how many were listed."""

    now = timezone.now()
    unsent = Comment.objects.filter(status=Status.PENDING, notified_at__isnull=True)
    oldest = unsent.order_by("created_at").values_list("pk", flat=True)
    ids = list(oldest[:NOTICE_LENGTH])
    claimed = Comment.objects.filter(pk__in=ids, notified_at__isnull=True).update(
        notified_at=now
    )
    if not claimed:
        return 0
    comments = list(
        Comment.objects.filter(pk__in=ids, notified_at=now).select_related("article")
    )
    to = recipients(CommentSettings.current())
    if to:
        send_mail(subject(len(comments)), message(comments), None, to)
    return len(comments)


def subject(count):
    noun = "comment" if count == 1 else "comments"
    return f"[{settings.SITE_NAME}] {count} new {noun} awaiting moderation"


def message(comments):
    """Plain text only: nothing a reader typed can become markup in a mail
    client, and control characters are dropped."""
    queue = settings.SITE_URL + reverse("comments_admin:queue")
    lines = [f"These comments are waiting for you at {queue}", ""]
    for comment in comments:
        excerpt = printable(comment.body)[:EXCERPT]
        lines += [
            f"On: {printable(comment.article.title)}",
            f"From: {printable(comment.name)}",
            f"Spam score: {comment.spam_score:.2f}",
            excerpt,
            "",
        ]
    return "\n".join(lines)


def printable(value):
    return "".join(c if c.isprintable() or c in "\n\t" else " " for c in value)
