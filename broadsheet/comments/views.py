"""Posting a comment. Success redirects to the story, at the comment, with
a signed ?posted= that shows the commenter their comment while it waits for
moderation; any rejection renders the story again with the reader's text in
the form and the reason beside it.

The ?posted= link is bound to the browser that posted (security review,
finding 5): the redirect also sets a short-lived, HttpOnly cookie holding a
random key, and the link carries only a keyed digest of it. Whoever else gets
the link (a shared screenshot, a referrer, a log) lacks the cookie and sees
the story as any reader does."""

import secrets
from urllib.parse import unquote_to_bytes, urlencode

from django.conf import settings
from django.core import signing
from django.http import HttpResponse, HttpResponseBadRequest, RawPostDataException
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.http import require_POST

from broadsheet.comments import defences, moderation
from broadsheet.comments.forms import CommentForm
from broadsheet.comments.models import CommentSettings
from broadsheet.comments.modes import Mode, effective_mode
from broadsheet.news.models import ArticlePage

POSTED_SALT = "broadsheet.comments.posted"
POSTED_COOKIE = "broadsheet_posted"
# How long the "awaiting moderation" link shows the commenter their comment:
# enough to read the page after posting and come back to it once.
POSTED_MAX_AGE = 3600
KEY_LENGTH = 22  # characters of token_urlsafe(16): 128 random bits


def browser_key(request):
    """This browser's posting key: the one its cookie holds, or a new one."""
    key = request.COOKIES.get(POSTED_COOKIE, "")
    if len(key) == KEY_LENGTH and key.replace("-", "").replace("_", "").isalnum():
        return key
    return secrets.token_urlsafe(16)


def key_digest(key):
    return salted_hmac(POSTED_SALT, key, algorithm="sha256").hexdigest()[:32]


def posted_token(comment, key):
    return signing.dumps([comment.pk, key_digest(key)], salt=POSTED_SALT)


def posted_comment_id(request):
    """The comment this browser posted, as its ?posted= link names it, or
    None for a link from another browser, an old link or a forged one."""
    token = request.GET.get("posted")
    key = request.COOKIES.get(POSTED_COOKIE)
    if not token or not key:
        return None
    try:
        pk, digest = signing.loads(token, salt=POSTED_SALT, max_age=POSTED_MAX_AGE)
        pk = int(pk)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if not isinstance(digest, str) or not constant_time_compare(
        digest, key_digest(key)
    ):
        return None
    return pk


def remember_poster(response, key):
    response.set_cookie(
        POSTED_COOKIE,
        key,
        max_age=POSTED_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


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
    key = browser_key(request)
    query = urlencode({"posted": posted_token(comment, key)})
    response = redirect(f"{article.get_url(request)}?{query}#{comment.anchor}")
    return remember_poster(response, key)


def render_story(request, article, form, status):
    """The story page with this form in its comments section."""
    context = article.get_context(request)
    context["comment_form"] = form
    response = TemplateResponse(
        request, article.get_template(request), context, status=status
    )
    add_never_cache_headers(response)
    return response
