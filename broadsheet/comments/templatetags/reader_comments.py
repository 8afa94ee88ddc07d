from django import template
from django.utils.functional import SimpleLazyObject

from broadsheet.caching.tags import declare
from broadsheet.comments import conf
from broadsheet.comments.forms import CommentForm
from broadsheet.comments.invalidation import comments_tag
from broadsheet.comments.models import Comment, Status, feed_url
from broadsheet.comments.modes import Mode, effective_mode
from broadsheet.comments.threads import threads
from broadsheet.comments.views import posted_comment_id
from broadsheet.core import placeholders
from broadsheet.core.cache_keys import do_not_store

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_placeholder(context):
    """The CSRF field of a form on a cached page (see core.placeholders)."""
    return placeholders.csrf_field(context["request"])


@register.simple_tag(takes_context=True)
def stamp_placeholder(context):
    return placeholders.stamp_field(context["request"])


@register.simple_tag
def shows_comment_count(article):
    """`{% shows_comment_count page %}`: a cached fragment shows the story's
    comment count (its link, its JSON-LD), which moderation changes."""
    if article.pk is not None:
        declare(comments_tag(article.pk))
    return ""


def reply_target(request, article):
    """?reply=<id> (the reply link without JavaScript): an approved
    top-level comment on this story, or None."""
    value = request.GET.get("reply", "")
    if not value.isdigit():
        return None
    return (
        Comment.objects.approved()
        .filter(pk=int(value), article=article, parent=None)
        .only("pk", "name")
        .first()
    )


def posted(request, article):
    """The commenter's own comment after posting, while it waits or once it
    is published; one moderators removed or filed as spam shows nothing."""
    pk = posted_comment_id(request)
    if pk is None:
        return None
    shown = (Status.PENDING, Status.APPROVED)
    return Comment.objects.filter(pk=pk, article=article, status__in=shown).first()


@register.inclusion_tag("comments/section.html", takes_context=True)
def comments_section(context, article):
    """The comment section: what is the same for every reader (the list,
    the blank form's fields) in fragments (comments/section.html); what is
    not (the commenter's own comment, a reply's form, a form sent back with
    errors, the CSRF and stamp placeholders) rendered for each response."""
    from broadsheet.comments.models import CommentSettings

    request = context["request"]
    if article.pk is None:  # a preview of a story never saved
        return {"mode": "preview"}
    declare(comments_tag(article.pk))
    mode = effective_mode(article, CommentSettings.current(request))
    if mode == Mode.HIDDEN:
        return {"mode": mode}
    form = context.get("comment_form")
    replying_to = getattr(form, "parent_comment", None)
    blank_form = False
    if form is None and mode == Mode.OPEN:
        replying_to = reply_target(request, article)
        initial = {"parent": replying_to.pk} if replying_to else {}
        # Made only if its fragment is rendered.
        form = SimpleLazyObject(lambda: CommentForm(article=article, initial=initial))
        blank_form = replying_to is None
    return {
        "request": request,
        "article": article,
        "mode": mode,
        "comments_page": comments_page_key(request, article),
        "form": form,
        "blank_form": blank_form,
        "replying_to": replying_to,
        "posted": posted(request, article),
        "Status": Status,
    }


def comments_page_key(request, article):
    """Which comments this address shows, as their fragment's key: all of
    them while they fit on one page (whatever ?page= says), else the page
    asked for (one past the end, or a made-up value, is never stored:
    see comment_threads)."""
    if article.comment_count <= conf.get("COMMENTS_PER_PAGE"):
        return "all"
    return request.GET.get("page") or "1"


@register.simple_tag(takes_context=True)
def comment_threads(context, article):
    """`{% comment_threads article as listing %}`, inside the comments
    fragment: the approved comments are read only when it is rendered."""
    request = context["request"]
    asked = request.GET.get("page") or "1"
    comment_threads, page = threads(article, asked)
    if page is not None and str(page.number) != asked:
        # Another number shows this page too: not one more copy of it.
        do_not_store(request)
    return {"threads": comment_threads, "page": page, "feed_url": feed_url(article)}
