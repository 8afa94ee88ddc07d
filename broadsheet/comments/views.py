"""Posting a comment. Success redirects to the story, at the comment, with
a signed ?posted= that lets the commenter (and nobody guessing ids) see it
while it waits; any rejection renders the story again with the reader's
text in the form and the reason beside it."""

from urllib.parse import unquote_to_bytes, urlencode

from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest, RawPostDataException
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from broadsheet.comments import defences, moderation
from broadsheet.comments.forms import CommentForm
from broadsheet.comments.models import CommentSettings
from broadsheet.comments.modes import Mode, effective_mode
from broadsheet.news.models import ArticlePage

POSTED_SALT = "broadsheet.comments.posted"
# How long the "awaiting moderation" link shows the commenter their comment.
POSTED_MAX_AGE = 24 * 3600


def posted_token(comment):
    return signing.dumps(comment.pk, salt=POSTED_SALT)


def posted_comment_id(token):
    try:
        return int(signing.loads(token, salt=POSTED_SALT, max_age=POSTED_MAX_AGE))
    except (signing.BadSignature, TypeError, ValueError):
        return None


def is_valid_utf8(request):
    """Django reads undecodable bytes as U+FFFD, silently changing what the
    reader typed; a form that is not UTF-8 is refused instead. (Our form
    is sent urlencoded; a multipart body already read by the CSRF check
    cannot be re-read, and its text fields are checked by the form.)"""
    try:
        body = request.body
    except RawPostDataException:
        return True
    try:
        body.decode("utf-8")
        if request.content_type == "application/x-www-form-urlencoded":
            for pair in body.split(b"&"):
                unquote_to_bytes(pair.replace(b"+", b" ")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@require_POST
def post_comment(request, article_id):
    article = get_object_or_404(ArticlePage.objects.published(), pk=article_id)
    if not is_valid_utf8(request):
        return HttpResponseBadRequest(
            "The form was not sent as UTF-8 text.", content_type="text/plain"
        )
    comment_settings = CommentSettings.current(request)
    if effective_mode(article, comment_settings) != Mode.OPEN:
        return HttpResponse(
            "Comments are closed on this story.", status=403, content_type="text/plain"
        )
    form = CommentForm(request.POST, article=article, ip_hash=defences.ip_hash(request))
    if not form.is_valid():
        return render_story(request, article, form, form.status_code())
    comment = moderation.submit(form, comment_settings)
    query = urlencode({"posted": posted_token(comment)})
    return redirect(f"{article.get_url(request)}?{query}#{comment.anchor}")


def render_story(request, article, form, status):
    """The story page with this form in its comments section."""
    context = article.get_context(request)
    context["comment_form"] = form
    response = TemplateResponse(
        request, article.get_template(request), context, status=status
    )
    add_never_cache_headers(response)
    return response
