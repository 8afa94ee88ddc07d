"""The bulk path leaves what Wagtail's own add_child + publish leaves: a sound
page tree, revisions an editor can open and publish, and both search indexes."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.db.models import Count
from wagtail.models import Page, PageLogEntry, ReferenceIndex
from wagtail.search.backends import get_search_backend
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from broadsheet.home.setup import SECTIONS
from broadsheet.news.models import ArticlePage, SectionPage
from broadsheet.search.index import search_articles
from broadsheet.testing import make_article
from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

pytestmark = pytest.mark.django_db

COUNT = 300


def generated(count):
    """Stories for every section, some with clashing headlines (slugs); each
    its own copy (the same words again would be a duplicate)."""
    return [
        ninjs_item(
            f"urn:bulk:{n}",
            headlines=[{"value": f"Story {n % 40} of the day"}],
            bodies=[{"role": "html", "value": f"<p>Report number {n}.</p>"}],
            genres=[{"name": SECTIONS[n % len(SECTIONS)][0]}],
            by=f"Writer {n % 7}",
            subjects=[{"name": f"Topic {n % 11}"}, {"name": "Wire"}],
            pubStatus="usable",
        )
        for n in range(count)
    ]


@pytest.fixture
def imported(tmp_path):
    # One story written the usual way first: bulk paths must number after it.
    make_article("Written in the newsroom", "world")
    write(tmp_path, "feed.jsonl", generated(COUNT))
    run = import_ninjs(tmp_path, publish=True, batch_size=120)
    assert run.summary.startswith(f"{COUNT} imported")
    return run


def test_the_page_tree_is_sound(imported):
    assert Page.find_problems() == ([], [], [], [], [])
    out = io.StringIO()
    call_command("fixtree", interactive=False, stdout=out)
    assert out.getvalue().count("No problems found.") == 2
    for section in SectionPage.objects.annotate(children=Count("articles")):
        assert section.numchild == section.get_children().count()
    slugs = ArticlePage.objects.filter(section__slug="world").values_list(
        "slug", flat=True
    )
    assert len(slugs) == len(set(slugs))


def test_every_story_is_published_with_its_revision_and_history(imported):
    stories = ArticlePage.objects.filter(wire_item__isnull=False)
    assert stories.count() == COUNT
    assert stories.live().count() == COUNT
    for story in stories.select_related("latest_revision")[:20]:
        assert story.live_revision_id == story.latest_revision_id
        assert story.latest_revision.content["title"] == story.title
        assert story.specific.url == story.get_url()
        actions = PageLogEntry.objects.filter(page=story).values_list(
            "action", flat=True
        )
        assert list(actions) == ["wagtail.publish"]
    story = stories.first()
    assert ReferenceIndex.get_references_to(story.topic).filter(object_id=str(story.pk))


def test_both_search_indexes_know_the_stories(imported):
    ids, total = search_articles("Story 7 of the day", 0, 50)
    assert total >= 1
    assert ArticlePage.objects.get(pk=ids[0]).title.startswith("Story 7 of the day")
    admin_hits = get_search_backend().search("Story", ArticlePage)
    assert len(admin_hits) >= COUNT


def test_an_editor_opens_and_publishes_a_bulk_imported_page(imported, client):
    editor = User.objects.create_superuser("chief", "chief@example.org", "pw")
    client.force_login(editor)
    story = ArticlePage.objects.filter(wire_item__isnull=False).first()
    assert client.get(f"/admin/pages/{story.pk}/edit/").status_code == 200
    byline = story.article_authors.get()

    response = client.post(
        f"/admin/pages/{story.pk}/edit/",
        nested_form_data(
            {
                "title": "Corrected headline",
                "slug": story.slug,
                "standfirst": story.standfirst,
                "topic": story.topic_id,
                "article_authors": inline_formset(
                    [{"id": byline.pk, "author": byline.author_id}], initial=1
                ),
                "article_topics": inline_formset(
                    [
                        {"id": t.pk, "topic": t.topic_id}
                        for t in story.article_topics.all()
                    ],
                    initial=story.article_topics.count(),
                ),
                "faqs": inline_formset([]),
                "pinned_stories": inline_formset([]),
                "notes": inline_formset([]),
                "comments": inline_formset([]),
                "body": streamfield(
                    [("paragraph", rich_text("<p>A corrected body.</p>"))]
                ),
                "action-publish": "publish",
            }
        ),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    story.refresh_from_db()
    assert story.title == "Corrected headline" and story.live
    assert story.revisions.count() == 2
    assert "A corrected body." in client.get(story.url).content.decode()


def test_the_id_of_a_deleted_page_is_never_given_out_again(tmp_path):
    gone = make_article("Deleted story", "world")
    gone_id = gone.pk
    gone.delete()
    import_ninjs(write(tmp_path, "item.json", ninjs_item()), publish=True)
    assert ArticlePage.objects.get(wire_item__uri="urn:test:1").pk > gone_id


def test_a_big_run_leaves_postgresql_planning_for_what_is_there(tmp_path):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no planner statistics unless asked")

    def estimated_stories():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reltuples FROM pg_class WHERE relname = %s",
                [ArticlePage._meta.db_table],
            )
            return cursor.fetchone()[0]

    write(tmp_path, "feed.jsonl", generated(COUNT))
    import_ninjs(tmp_path, publish=True, batch_size=120)
    assert estimated_stories() == COUNT
