"""The newsroom's view of a story's public history: every version readers
were shown, and withdrawing one (a legal take-down: its text leaves the
public history, which then says only that a version was withdrawn).
Whoever may edit the story may withdraw a version, or put it back."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from broadsheet.caching.signals import tags_invalidated
from broadsheet.core.cache import bump_content_generation
from broadsheet.history.models import PublishedVersion
from broadsheet.history.signals import version_of
from broadsheet.history.views import entries_for
from broadsheet.news.models import ArticlePage

WITHDRAW, RESTORE = "broadsheet.history.withdraw", "broadsheet.history.restore"


def editable_story(request, pk) -> ArticlePage:
    page = get_object_or_404(ArticlePage, pk=pk)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def history_changed(page) -> None:
    """The public history is stale wherever it is cached: the page cache
    (a new generation) and, through the caching contract, a CDN in front."""
    bump_content_generation()
    tags = frozenset({f"page:{page.pk}"})
    transaction.on_commit(
        lambda: tags_invalidated.send(sender=PublishedVersion, tags=tags)
    )


def versions(request, pk):
    page = editable_story(request, pk)
    entries = entries_for(PublishedVersion.objects.filter(article_id=pk))
    return TemplateResponse(
        request,
        "history/admin_versions.html",
        {"page": page, "entries": entries, "newest": entries[0] if entries else None},
    )


@require_POST
def withdraw(request, pk, version_pk):
    page = editable_story(request, pk)
    version = get_object_or_404(PublishedVersion, pk=version_pk, article_id=pk)
    newest = PublishedVersion.objects.filter(article_id=pk).last()
    if page.live and version == newest:
        messages.error(
            request,
            "This is the version readers see now: publish a corrected version "
            "first, then withdraw this one.",
        )
        return redirect("history_admin:versions", pk)
    if not version.withdrawn:
        version.withdraw(request.user, timezone.now())
        log(instance=page, action=WITHDRAW, user=request.user)
        history_changed(page)
        messages.success(request, "The version was withdrawn from the history.")
    return redirect("history_admin:versions", pk)


@require_POST
def restore(request, pk, version_pk):
    """Show a withdrawn version again, its text read back from its revision."""
    page = editable_story(request, pk)
    version = get_object_or_404(PublishedVersion, pk=version_pk, article_id=pk)
    if version.withdrawn and version.revision is not None:
        earlier = (
            PublishedVersion.objects.filter(article_id=pk, pk__lt=version.pk)
            .order_by("pk")
            .last()
        )
        fresh = version_of(
            version.revision.as_object(),
            version.revision,
            version.published_at,
            earlier,
        )
        for name in ("headline", "standfirst", "body_text", "new_notes"):
            setattr(version, name, getattr(fresh, name))
        version.withdrawn, version.withdrawn_at, version.withdrawn_by = (
            False,
            None,
            None,
        )
        version.save()
        log(instance=page, action=RESTORE, user=request.user)
        history_changed(page)
        messages.success(request, "The version is shown in the history again.")
    return redirect("history_admin:versions", pk)
