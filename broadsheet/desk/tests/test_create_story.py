"""From the desk to the newsroom: "Create story" makes a draft from an item
(pre-filled, credited, in the suggested section, enriched like any story)
and opens it beside the story's other copy; "Add as update" opens a story
with the new item beside it."""

import io

import pytest
from PIL import Image as PILImage

from broadsheet.desk import assignment
from broadsheet.desk.models import DeskEntry
from broadsheet.desk.tests import wire
from broadsheet.enrich.models import Enrichment
from broadsheet.news.models import ArticlePage, SectionPage
from broadsheet.testing import (
    logged_in,
    make_article,
    make_author_user,
    make_editor,
    make_user,
    parse,
    read,
    words,
)
from broadsheet.wire.tests.conftest import feed_server, loopback  # noqa: F401

pytestmark = pytest.mark.django_db
STORY = ["npa-2", "ledger-2", "wire-2"]


@pytest.fixture
def items():
    found = wire.load(STORY)
    assignment.assign_waiting()
    story = DeskEntry.objects.get(item=found["npa-2"]).story
    story.section = SectionPage.objects.get(slug="business")
    story.save()
    return found


def create(client, item):
    return client.post(f"/admin/desk/items/{item.pk}/create/")


def panel(root):
    """The Wire copy panel of a story's editor, as text."""
    found = root.select_one(".wire-copy")
    return words(found) if found else ""


def test_create_story_makes_a_prefilled_draft_and_opens_it(
    items, django_capture_on_commit_callbacks
):
    item = items["npa-2"]
    item.standfirst = "The plant is Norland's largest investment in a decade."
    item.topics = ["Semiconductors"]
    item.save()
    editor = make_editor()

    with django_capture_on_commit_callbacks(execute=True):
        response = create(logged_in(editor), item)

    page = ArticlePage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert not page.live
    assert page.get_parent().slug == "business"  # the story's suggestion
    assert page.title == item.headline
    assert page.standfirst == item.standfirst
    assert "1,200 jobs" in " ".join(str(block.value) for block in page.body)
    assert [a.name for a in page.authors] == ["Norland Press Agency"]
    assert page.topic.name == "Semiconductors"
    assert page.latest_revision.user == editor
    item.refresh_from_db()
    assert item.article == page
    assert Enrichment.objects.filter(article=page).exists()  # as any story


def test_the_draft_opens_beside_the_storys_other_copy(items):
    client = logged_in(make_editor())
    response = create(client, items["npa-2"])

    root = read(client.get(response["Location"]))

    text = panel(root)
    assert "1,200 jobs as Veridian picks Eastbrook" in text  # Daily Ledger
    assert "Chipmaker Veridian chooses Norland for new factory" in text
    assert "Daily Ledger" in text and "Wire Europe" in text
    assert items["ledger-2"].text.splitlines()[0] in text  # read in place
    assert "Veridian Semiconductor to build chip plant" not in text  # its own


def test_the_desk_then_shows_the_draft_and_opens_it_again(items):
    client = logged_in(make_editor())
    create(client, items["npa-2"])
    page = ArticlePage.objects.get()

    desk = read(client.get("/admin/desk/"))
    again = create(client, items["npa-2"])

    assert (
        "Already in the newsroom Veridian Semiconductor to build chip plant "
        "in Eastbrook (draft)" in words(desk)
    )
    assert "Open its story" in words(desk)
    assert again["Location"] == f"/admin/pages/{page.pk}/edit/"
    assert ArticlePage.objects.count() == 1


def test_authors_may_create_stories_and_readers_may_not(items):
    author = logged_in(make_author_user())
    assert create(author, items["ledger-2"]).status_code == 302
    assert ArticlePage.objects.get().owner.username == "author"

    reader = logged_in(make_user("reader"))
    refused = create(reader, items["wire-2"])
    assert refused.status_code == 302 and "/login/" in refused["Location"]
    assert ArticlePage.objects.count() == 1


def test_creating_needs_a_post(items):
    client = logged_in(make_editor())
    assert (
        client.get(f"/admin/desk/items/{items['npa-2'].pk}/create/").status_code == 405
    )


def jpeg(width=800, height=450):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (20, 90, 160)).save(buffer, format="JPEG")
    return buffer.getvalue()


def test_the_lead_image_is_fetched_and_credited(items, feed_server, loopback):  # noqa: F811
    item = items["npa-2"]
    item.image_url = feed_server.add(
        "/plant.jpg", jpeg(), headers={"Content-Type": "image/jpeg"}
    )
    item.save()

    create(logged_in(make_editor()), item)

    image = ArticlePage.objects.get().lead_image
    assert (image.width, image.height) == (800, 450)
    assert image.credit == "Norland Press Agency"


def test_a_lead_image_that_cannot_be_had_leaves_a_note_not_a_failure(
    items,
    feed_server,  # noqa: F811
    loopback,  # noqa: F811
):
    item = items["npa-2"]
    item.image_url = feed_server.url("/gone.jpg")
    item.save()
    client = logged_in(make_editor())

    response = client.post(f"/admin/desk/items/{item.pk}/create/", follow=True)

    assert ArticlePage.objects.get().lead_image is None
    assert "The lead image could not be fetched: HTTP 404" in words(parse(response))


def test_add_as_update_opens_the_story_with_the_new_item_beside_it(items):
    page = make_article("Veridian plant confirmed", "business")
    item = items["wire-2"]
    client = logged_in(make_editor())

    root = read(client.get(f"/admin/pages/{page.pk}/edit/?wire_item={item.pk}"))

    text = panel(root)
    assert text.startswith(f"New copy to add: {item.headline} Wire Europe")
    assert item.text.splitlines()[0] in text  # its copy, to write from
    assert "1,200 jobs as Veridian picks Eastbrook" in text  # its story's others


def test_a_story_with_no_wire_copy_shows_no_panel(items):
    page = make_article("A story of our own", "business")
    root = read(logged_in(make_editor()).get(f"/admin/pages/{page.pk}/edit/"))
    assert root.select_one(".wire-copy") is None
    assert "Wire copy" not in words(root)
