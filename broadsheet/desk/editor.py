"""The Wire copy panel in a story's editor (settings.EDITOR_WIRE_COPY names
`wire_copy`; news' WireCopyPanel shows what it returns): the item an editor
chose to "Add as update" (?wire_item=), and the other copy of the story's
desk story, so the editor writes with every source's version at hand."""

from django.db.models import Q
from django.template.loader import render_to_string

from broadsheet.desk.models import DeskEntry
from broadsheet.wire.models import WireItem

PERMISSION = "desk.view_deskstory"
OTHERS_SHOWN = 20


def wire_copy(page, request) -> str:
    """The panel's HTML, or "" when there is nothing to show."""
    if request is None or not request.user.has_perm(PERMISSION):
        return ""
    new_item = chosen_item(request)
    entry = page_entry(page) if page.pk else None
    if entry is None and new_item is not None:
        entry = DeskEntry.objects.filter(item=new_item).select_related("story").first()
    if new_item is None and entry is None:
        return ""
    others = []
    if entry is not None:
        others = list(
            DeskEntry.objects.filter(story=entry.story_id, item__isnull=False)
            .exclude(pk=entry.pk)
            .exclude(item=new_item)
            .exclude(item__article=page.pk)
            .select_related("item__source")
            .order_by("time")[:OTHERS_SHOWN]
        )
    return render_to_string(
        "desk/wire_copy.html",
        {
            "new_item": new_item,
            "story": entry.story if entry else None,
            "others": [e.item for e in others],
        },
        request=request,
    )


def chosen_item(request) -> WireItem | None:
    wanted = request.GET.get("wire_item", "")
    if not wanted.isdigit():
        return None
    return WireItem.objects.select_related("source").filter(pk=int(wanted)).first()


def page_entry(page) -> DeskEntry | None:
    """The page's place on the desk: itself, or the item it was made from."""
    return (
        DeskEntry.objects.filter(Q(article=page.pk) | Q(item__article=page.pk))
        .select_related("story")
        .first()
    )
