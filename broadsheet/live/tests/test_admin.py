"""The live desk as editors and authors use it: a "Live entries" button on the
blog in the admin, a short form that posts an entry without the page editor
(no page revision), editing, deleting, and breaking an entry out into a draft
story linked both ways. Only those who may edit the blog may use it."""

import pytest
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from broadsheet.live.models import LiveEntry
from broadsheet.live.tests.builders import make_live_blog, post_entry
from broadsheet.news.models import ArticlePage
from broadsheet.testing import (
    author,
    logged_in,
    make_editor,
    make_user,
    parse,
    read,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def blog():
    return make_live_blog()


@pytest.fixture
def editor():
    user = make_editor("edna")
    profile = author("Edna Editor")
    profile.user = user
    profile.save()
    return logged_in(user)


def entry_data(text="<p>Turnout is up.</p>", **fields):
    return nested_form_data(
        {
            "title": fields.pop("title", ""),
            "body": streamfield([("paragraph", rich_text(text))]),
            **fields,
        }
    )


def test_the_blog_has_a_live_entries_button_for_editors(editor, blog):
    url = f"/admin/live/{blog.pk}/"
    edit_page = parse(editor.get(f"/admin/pages/{blog.pk}/edit/"))
    assert url in {a["href"] for a in edit_page.select("a[href]")}
    listing = parse(editor.get(f"/admin/pages/{blog.get_parent().pk}/"))
    assert url in {a["href"] for a in listing.select("a[href]")}


def test_an_editor_posts_an_entry_without_a_page_revision(editor, blog, client):
    revisions = Revision.objects.count()
    page = read(editor.get(f"/admin/live/{blog.pk}/"))
    form = page.select_one(f"form[action='/admin/live/{blog.pk}/']")
    assert form.select_one("[name=title]") and form.select_one("[name=key_event]")
    # Posted as the editor's own byline unless they choose another.
    chosen = form.select_one("[name=author]")  # Wagtail's snippet chooser
    assert chosen["value"] == str(author("Edna Editor").pk)

    response = editor.post(
        f"/admin/live/{blog.pk}/",
        entry_data(
            title="Turnout", key_event="on", pinned="on", author=chosen["value"]
        ),
    )

    assert response.status_code == 302
    entry = LiveEntry.objects.get()
    assert entry.title == "Turnout" and entry.key_event and entry.pinned
    assert entry.author.name == "Edna Editor"
    assert entry.created_by.username == "edna"
    assert Revision.objects.count() == revisions
    shown = read(client.get(blog.url))
    assert "Turnout is up." in shown.select_one(f"#entry-{entry.pk}").get_text()


def test_a_key_event_needs_a_title(editor, blog):
    response = editor.post(f"/admin/live/{blog.pk}/", entry_data(key_event="on"))
    assert response.status_code == 200
    assert "A key event needs a title" in response.content.decode()
    assert not LiveEntry.objects.exists()


def test_an_editor_edits_and_deletes_an_entry(editor, blog, client):
    entry = post_entry(blog, "Frist result.")

    response = editor.post(
        f"/admin/live/{blog.pk}/{entry.pk}/", entry_data("<p>First result.</p>")
    )
    assert response.status_code == 302
    assert "First result." in read(client.get(blog.url)).get_text()

    assert editor.get(f"/admin/live/{blog.pk}/{entry.pk}/delete/").status_code == 200
    response = editor.post(f"/admin/live/{blog.pk}/{entry.pk}/delete/")
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.deleted
    assert f"entry-{entry.pk}" not in client.get(blog.url).content.decode()
    assert editor.get(f"/admin/live/{blog.pk}/{entry.pk}/").status_code == 404


def test_those_who_may_not_edit_the_blog_may_not_post(blog):
    entry = post_entry(blog, "Kept.")
    nobody = logged_in(make_user("visitor"))  # staff, but no page rights
    for url in (
        f"/admin/live/{blog.pk}/",
        f"/admin/live/{blog.pk}/{entry.pk}/",
        f"/admin/live/{blog.pk}/{entry.pk}/delete/",
        f"/admin/live/{blog.pk}/{entry.pk}/break-out/",
    ):
        response = nobody.post(url, entry_data("<p>Defaced.</p>"))
        assert response.status_code in (302, 403), url
    assert list(LiveEntry.objects.values_list("deleted", "story")) == [(False, None)]
    assert "Defaced" not in str(LiveEntry.objects.get().body.raw_data)


def test_break_out_makes_a_draft_story_linked_both_ways(editor, blog, client):
    entry = post_entry(
        blog,
        "The prime minister has conceded.",
        title="Prime minister concedes",
        writer="Grace Hopper",
    )

    response = editor.post(f"/admin/live/{blog.pk}/{entry.pk}/break-out/")

    story = ArticlePage.objects.exclude(pk=blog.pk).get()
    assert response["Location"] == f"/admin/pages/{story.pk}/edit/"
    assert story.title == "Prime minister concedes"
    assert not story.live and story.section_id == blog.section_id
    assert [a.name for a in story.authors] == ["Grace Hopper"]
    entry.refresh_from_db()
    assert entry.story_id == story.pk
    # Not published yet: readers are not sent to a draft.
    assert "Read the full story" not in client.get(blog.url).content.decode()

    story.get_latest_revision().publish()
    story.refresh_from_db()
    blog_page = read(client.get(blog.url))
    link = blog_page.select_one(f"#entry-{entry.pk} .live-entry__story a")
    assert link["href"] == story.url
    story_page = read(client.get(story.url))
    assert blog.url in {a["href"] for a in story_page.select(".story__body a")}
    assert "The prime minister has conceded." in story_page.get_text()
