"""The Wire desk in the admin: the page of stories, and "Create story" from a
wire item (a draft pre-filled through wire/mapping.py, opened in the
editor). "Add as update" is a link to a story's editor with the item shown
in its Wire copy panel (editor.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_POST

from broadsheet.desk import desk_page
from broadsheet.desk.lead_image import lead_image
from broadsheet.desk.models import DeskEntry
from broadsheet.news.models import ArticlePage, SectionPage
from broadsheet.wire.bulk import free_slugs, slug_for
from broadsheet.wire.importer import DEFAULT_SECTION
from broadsheet.wire.mapping import fields_for
from broadsheet.wire.models import WireItem

PERMISSION = "desk.view_deskstory"


def require_desk(request) -> None:
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def desk(request):
    require_desk(request)
    filters = desk_page.Filters(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    page = desk_page.desk_page(chosen, request.GET.get("p"))
    query = request.GET.copy()
    query.pop("p", None)
    return TemplateResponse(
        request,
        "desk/desk.html",
        {
            "filters": filters,
            "page": page,
            "hours": desk_page.HOURS,
            "subtitle": f"Stories of the last {desk_page.HOURS} hours",
            "query": query.urlencode(),
            "filtered": bool(chosen.get("section") or chosen.get("source")),
        },
    )


@require_POST
def create_story(request, pk):
    """A draft from the item, in its story's section, credited to its
    source; the editor opens on it. An item made into a story already opens
    that story instead of making a second."""
    require_desk(request)
    item = get_object_or_404(WireItem.objects.select_related("source"), pk=pk)
    if item.article_id:
        messages.info(request, "This copy is a story already: here it is.")
        return redirect("wagtailadmin_pages:edit", item.article_id)
    section = suggested_section(item)
    if (
        section is None
        or not section.permissions_for_user(request.user).can_add_subpage()
    ):
        raise PermissionDenied
    credit = credit_of(item)
    # Fetched before the transaction: no lock is held while a server answers.
    image, image_note = lead_image(item, credit)
    with transaction.atomic():
        # The item's row is the claim: two editors pressing at once make one.
        item = WireItem.objects.select_for_update().get(pk=item.pk)
        if item.article_id:
            return redirect("wagtailadmin_pages:edit", item.article_id)
        page = draft_from(item, section, request.user, credit, image)
        item.article = page
        item.save(update_fields=["article"])
    messages.success(
        request,
        f"Draft made from {item.source.name if item.source else 'the wire'}'s "
        "copy: edit it, then submit or publish it.",
    )
    if image_note:
        messages.warning(request, image_note)
    return redirect("wagtailadmin_pages:edit", page.pk)


def credit_of(item: WireItem) -> str:
    if item.source_id is None:
        return ""
    return item.source.credit or item.source.name


def suggested_section(item: WireItem) -> SectionPage | None:
    entry = DeskEntry.objects.filter(item=item).select_related("story").first()
    if entry and entry.story.section_id:
        return SectionPage.objects.filter(pk=entry.story.section_id).first()
    if item.source_id and item.source.section_id:
        return SectionPage.objects.filter(pk=item.source.section_id).first()
    return SectionPage.objects.filter(slug=DEFAULT_SECTION).first()


def draft_from(item, section, user, credit, image) -> ArticlePage:
    """A draft ArticlePage filled by the one mapping (headline, standfirst,
    body, byline or the source's credit, topics) with its lead image, saved
    as a revision of this editor's. Its post_save queues enrichment, as for
    any new story."""
    page = ArticlePage(live=False, owner=user, lead_image=image)
    fields_for(item, credit=credit).apply_to(page)
    page.slug = free_slugs(section, [slug_for(item.headline)])[0]
    section.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page
