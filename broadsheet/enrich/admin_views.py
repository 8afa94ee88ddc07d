"""The admin's enrichment page for one story: its FAQ pairs (generated or
not, live or waiting), topic suggestions, the section the classifier
proposes, and its related stories; with regenerate, approve, accept and
reject. Edits to the pairs themselves are made in the story's own form."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from broadsheet.enrich import articles, page_text
from broadsheet.enrich.models import Enrichment, EnrichmentSettings, RelatedStory
from broadsheet.enrich.nlp import grounding
from broadsheet.news.models import ArticlePage


def editable_story(request, pk) -> ArticlePage:
    page = get_object_or_404(ArticlePage, pk=pk)
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


def story(request, pk):
    page = editable_story(request, pk)
    copy = page.get_latest_revision_as_object()
    sentences = page_text.story_for(copy).sentences
    publish_generated = EnrichmentSettings.current().publish_generated_faqs
    faqs = [
        {
            "faq": faq,
            "status": faq_status(faq, publish_generated),
            # Checked against today's text, not the indexes stored with the
            # pair: the text may have changed since it was generated.
            "quotes": [sentences[i] for i in supported(faq, sentences)],
        }
        for faq in sorted(copy.faqs.all(), key=lambda faq: faq.sort_order or 0)
    ]
    enrichment = Enrichment.objects.filter(article_id=pk).first()
    related = RelatedStory.objects.filter(article_id=pk).select_related("story")
    return TemplateResponse(
        request,
        "enrich/story.html",
        {
            "page": page,
            "faqs": faqs,
            "waiting": sum(item["status"] == "waiting" for item in faqs),
            "enrichment": enrichment,
            "related": related,
            "draft_pending": bool(page.has_unpublished_changes and page.live),
        },
    )


def supported(faq, sentences) -> tuple[int, ...]:
    return grounding.support(faq.answer, sentences) or ()


def faq_status(faq, publish_generated) -> str:
    if not faq.generated:
        return "written by an editor"
    if faq.edited:
        return "generated, edited"
    if faq.approved:
        return "generated, approved"
    return "generated, live" if publish_generated else "waiting"


def changeable_story(request, pk) -> ArticlePage:
    """A story this editor may change here: changes to a live story without
    a pending draft reach readers at once, so they take publishing rights;
    a locked story is left alone."""
    page = editable_story(request, pk)
    permissions = page.permissions_for_user(request.user)
    live_path = page.live and not page.has_unpublished_changes
    lock = page.get_lock()
    if (live_path and not permissions.can_publish()) or (
        lock and lock.for_user(request.user)
    ):
        raise PermissionDenied
    return page


@require_POST
def act(request, pk):
    page = changeable_story(request, pk)
    action = request.POST.get("action")
    if action == "regenerate":
        outcome = articles.enrich(page.pk, force=True)
        messages.success(
            request,
            f"Regenerated: {outcome.faqs} new FAQ pairs; pairs written, "
            "approved or edited by an editor were kept.",
        )
    elif action == "approve":
        count = articles.approve_generated(page.pk)
        messages.success(request, f"{count} generated pairs approved.")
    elif action in ("accept-topic", "reject-topic"):
        name = request.POST.get("topic", "").strip()
        if name:
            articles.decide_topic(page.pk, name, accept=action == "accept-topic")
            verb = (
                "added" if action == "accept-topic" else "will not be suggested again"
            )
            messages.success(request, f"Topic \u201c{name}\u201d {verb}.")
    else:
        messages.error(request, "Unknown action.")
    return redirect("enrich_admin:story", pk=page.pk)
