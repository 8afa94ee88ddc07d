"""The story tools' buttons in the admin (core/admin_buttons.py): each on its
own kind of page, in the page's header and the listing's "More" menu, for
those who may edit the page only."""

import pytest

from broadsheet.live.tests.builders import make_live_blog
from broadsheet.testing import (
    logged_in,
    make_article,
    make_author_user,
    make_editor,
    parse,
)

pytestmark = pytest.mark.django_db

STORY_TOOLS = {"/admin/enrichment/{pk}/", "/admin/story-history/{pk}/"}
LIVE_TOOLS = {"/admin/live/{pk}/"}


def links(client, url):
    return {a["href"] for a in parse(client.get(url)).select("a[href]")}


def tools(pages, pk):
    return {page.format(pk=pk) for page in pages}


def test_a_story_has_its_tools_in_its_header_and_in_the_listing():
    story = make_article("Harbour reopens after storm", "world")
    editor = logged_in(make_editor("edna"))

    assert tools(STORY_TOOLS, story.pk) <= links(
        editor, f"/admin/pages/{story.pk}/edit/"
    )
    listing = links(editor, f"/admin/pages/{story.get_parent().pk}/")
    assert tools(STORY_TOOLS, story.pk) <= listing
    assert not tools(LIVE_TOOLS, story.pk) & listing


def test_a_live_blog_has_its_own_tool_not_a_storys():
    blog = make_live_blog()
    editor = logged_in(make_editor("edna"))

    header = links(editor, f"/admin/pages/{blog.pk}/edit/")

    assert tools(LIVE_TOOLS, blog.pk) <= header
    assert not tools(STORY_TOOLS, blog.pk) & header


def test_no_tools_for_someone_who_may_not_edit_the_page():
    story = make_article("Harbour reopens after storm", "world")
    # Another author's published story: an author may not edit it.
    writer = logged_in(make_author_user("ann"))

    response = writer.get(f"/admin/pages/{story.get_parent().pk}/")

    assert response.status_code == 200
    assert "Harbour reopens after storm" in response.content.decode()  # listed
    listing = {a["href"] for a in parse(response).select("a[href]")}
    assert not tools(STORY_TOOLS, story.pk) & listing
