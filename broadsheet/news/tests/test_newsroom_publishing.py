"""The newsroom publishing a story, through the real Wagtail admin views.

Each test logs in as one of the newsroom's personas (an editor, an author),
drives the admin with the test client as the browser would, and then checks
what a reader (a separate, anonymous client) sees on the site.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail.test.utils.timestamps import submittable_timestamp

from broadsheet import testing
from broadsheet.core.scheduling import publish_due_stories
from broadsheet.home.setup import EDITORS
from broadsheet.news.blocks import PARAGRAPH_FEATURES
from broadsheet.news.models import ArticlePage

pytestmark = pytest.mark.django_db


# --- helpers -----------------------------------------------------------------


def add_url(section):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", section.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def child_formset(values, rows, fields):
    """An inline formset that turns `rows` (the saved children) into `values`.

    Saved children are updated in place; surplus ones are marked deleted.
    """
    forms = []
    for position, row in enumerate(rows):
        if position < len(values):
            forms.append({**fields(values[position]), "id": str(row.pk)})
        else:
            forms.append({**fields(row), "id": str(row.pk), "DELETE": "1"})
    forms += [fields(value) for value in values[len(rows) :]]
    return inline_formset(forms, initial=len(rows))


def byline_fields(value):
    author = getattr(value, "author", value)
    return {"author": str(author.pk)}


def faq_fields(value):
    question, answer = (
        (value.question, value.answer) if hasattr(value, "question") else value
    )
    return {"question": question, "answer": answer}


def note_fields(value):
    kind, text = (value.kind, value.text) if hasattr(value, "kind") else value
    return {"kind": kind, "text": text}


def story_form(
    title,
    *,
    notes=(),
    announce_update=False,
    slug=None,
    standfirst="",
    authors=(),
    topic=None,
    body=(),
    faqs=(),
    go_live_at=None,
    action=None,
    existing=None,
):
    """What the admin's story form posts.

    `body` is a list of ("paragraph", html) / ("subhead", text) pairs; for an
    edit, `existing` is the page whose bylines and FAQs the form updates.
    """
    bylines = list(existing.article_authors.all()) if existing else []
    old_faqs = list(existing.faqs.all()) if existing else []
    old_notes = list(existing.notes.all()) if existing else []
    blocks = [
        (kind, rich_text(value, features=PARAGRAPH_FEATURES))
        if kind == "paragraph"
        else (kind, value)
        for kind, value in body
    ]
    data = nested_form_data(
        {
            "title": title,
            "slug": slug or title.lower().replace(" ", "-")[:50],
            "standfirst": standfirst,
            "article_authors": child_formset(list(authors), bylines, byline_fields),
            "topic": str(topic.pk) if topic else "",
            "article_topics": inline_formset([]),
            "lead_image": "",
            "body": streamfield(blocks),
            "faqs": child_formset(list(faqs), old_faqs, faq_fields),
            "notes": child_formset(list(notes), old_notes, note_fields),
            "pinned_stories": inline_formset([]),
            "seo_title": "",
            "search_description": "",
            "go_live_at": submittable_timestamp(go_live_at) if go_live_at else "",
            "expire_at": "",
        }
    )
    if announce_update:
        data["announce_update"] = "on"
    if action:
        data[f"action-{action}"] = action
    return data


def headlines_on(reader, url):
    """The headlines a reader sees linked on a listing page."""
    response = reader.get(url)
    assert response.status_code == 200
    soup = testing.parse(response)
    return [a.get_text(strip=True) for a in soup.select("main .teaser__headline a")]


def rail_headlines(reader, url):
    soup = testing.parse(reader.get(url))
    return [a.get_text(strip=True) for a in soup.select(".rail li a")]


def admin_status(client, section, title):
    """The status the admin's page listing shows for a story in a section."""
    listing = client.get(reverse("wagtailadmin_explore", args=(section.pk,)))
    assert listing.status_code == 200
    for row in testing.parse(listing).select("tbody tr"):
        if title in row.get_text():
            status = row.select_one(".w-status")
            status.select_one(".w-sr-only").extract()
            return status.get_text(strip=True)
    raise AssertionError(f"{title!r} is not listed in {section.title}")


def publish_button(client, page):
    response = client.get(edit_url(page))
    assert response.status_code == 200
    return testing.parse(response).find(attrs={"name": "action-publish"})


# --- an editor publishes -----------------------------------------------------


def test_editor_writes_and_publishes_a_story_that_readers_see_everywhere(
    editor, reader
):
    world = testing.section("world")
    byline = testing.author("Jane Reporter")
    topic = testing.topic("Climate")

    response = editor.post(
        add_url(world),
        story_form(
            "Glaciers retreat faster than forecast",
            slug="glaciers-retreat",
            standfirst="New survey data from the Alps surprises scientists.",
            authors=[byline],
            topic=topic,
            body=[
                ("paragraph", "<p>The ice is <b>melting</b> quickly.</p>"),
                ("subhead", "What happens next"),
            ],
            faqs=[("Why is the ice melting?", "Warmer summers.")],
            action="publish",
        ),
    )

    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="glaciers-retreat")
    assert story.live
    assert story.section == world
    assert story.published_at is not None
    assert story.owner.username == "edna"

    page = reader.get(story.url)
    assert page.status_code == 200
    soup = testing.parse(page)
    assert soup.select_one("h1.story__headline").get_text(strip=True) == (
        "Glaciers retreat faster than forecast"
    )
    assert (
        "New survey data from the Alps"
        in soup.select_one(".story__standfirst").get_text()
    )
    assert soup.select_one(".story__meta .byline a").get_text() == "Jane Reporter"
    assert soup.select_one(".story__labels .label").get_text() == "Climate"
    body = soup.select_one(".story__body")
    assert body.find("b").get_text() == "melting"
    assert "The ice is melting quickly." in body.get_text(" ", strip=True)
    assert body.select_one("h2.subhead").get_text() == "What happens next"
    faq = soup.select_one(".story__faq")
    assert "about Climate" in faq.find("h2").get_text()
    assert faq.find("dt").get_text() == "Why is the ice melting?"
    assert faq.find("dd").get_text() == "Warmer summers."

    assert "Glaciers retreat faster than forecast" in headlines_on(reader, world.url)
    assert "Glaciers retreat faster than forecast" in headlines_on(reader, "/")


def test_editor_corrects_a_live_story_and_readers_see_the_correction(editor, reader):
    world = testing.section("world")
    editor.post(
        add_url(world),
        story_form(
            "Bridge closes for repairs",
            slug="bridge",
            authors=[testing.author("Jane Reporter")],
            faqs=[("When does it reopen?", "In May.")],
            action="publish",
        ),
    )
    story = ArticlePage.objects.get(slug="bridge")
    assert testing.parse(reader.get(story.url)).select_one(".story__faq") is not None

    response = editor.post(
        edit_url(story),
        story_form(
            "Bridge closes for repairs until June",
            slug="bridge",
            authors=[testing.author("Sam Correspondent")],
            faqs=[],
            existing=story,
            action="publish",
        ),
    )

    assert response.status_code == 302
    soup = testing.parse(reader.get(story.url))
    assert soup.select_one("h1.story__headline").get_text() == (
        "Bridge closes for repairs until June"
    )
    assert [a.get_text() for a in soup.select(".story__meta .byline a")] == [
        "Sam Correspondent"
    ]
    assert soup.select_one(".story__faq") is None
    # A fix not marked as an update (the default) is no update: no "Updated" line.
    assert soup.select_one(".story__dates .updated") is None
    assert "Bridge closes for repairs until June" in headlines_on(reader, world.url)


def test_story_published_by_editor_files_under_its_section_only(editor, reader):
    response = editor.post(
        add_url(testing.section("business")),
        story_form("Markets rally", action="publish"),
    )
    assert response.status_code == 302

    assert "Markets rally" in headlines_on(reader, testing.section("business").url)
    assert "Markets rally" not in headlines_on(reader, testing.section("world").url)


def test_saving_without_publishing_leaves_a_draft_readers_cannot_see(editor, reader):
    response = editor.post(
        add_url(testing.section("world")), story_form("Embargoed report")
    )

    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="embargoed-report")
    assert not story.live
    assert reader.get(story.url).status_code == 404
    assert "Embargoed report" not in headlines_on(reader, "/")


# --- scheduling ----------------------------------------------------------------


def test_scheduled_story_stays_hidden_until_the_worker_publishes_it(editor, reader):
    world = testing.section("world")
    testing.make_article("Yesterday's news", "world")
    go_live = timezone.now() + timedelta(hours=2)

    response = editor.post(
        add_url(world),
        story_form(
            "Election results at midnight",
            slug="election-results",
            go_live_at=go_live,
            action="publish",
        ),
    )

    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="election-results")
    assert not story.live
    assert story.status_string == "scheduled"
    scheduled = Revision.page_revisions.get(
        object_id=str(story.pk), approved_go_live_at__isnull=False
    )
    # The newsroom sees it as scheduled, readers do not see it at all.
    assert admin_status(editor, world, "Election results at midnight") == "scheduled"
    edit_page = testing.parse(editor.get(edit_url(story))).get_text(" ", strip=True)
    assert "has been scheduled to go live" in edit_page
    assert reader.get(story.url).status_code == 404
    assert "Election results at midnight" not in headlines_on(reader, "/")
    assert "Election results at midnight" not in headlines_on(reader, world.url)
    assert "Election results at midnight" not in rail_headlines(reader, "/")

    # A worker round before the time changes nothing.
    publish_due_stories()
    story.refresh_from_db()
    assert not story.live

    # The time comes: what was the future is now a minute ago.
    past = timezone.now() - timedelta(minutes=1)
    content = {**scheduled.content, "go_live_at": past.isoformat()}
    Revision.objects.filter(pk=scheduled.pk).update(
        approved_go_live_at=past, content=content
    )
    ArticlePage.objects.filter(pk=story.pk).update(go_live_at=past)

    publish_due_stories()

    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert story.published_at is not None
    assert story.status_string == "live"
    assert admin_status(editor, world, "Election results at midnight") == "live"
    assert reader.get(story.url).status_code == 200
    # Newest story: it leads the home page and tops the Latest News rail.
    assert headlines_on(reader, "/")[0] == "Election results at midnight"
    assert rail_headlines(reader, "/")[0] == "Election results at midnight"
    assert "Election results at midnight" in headlines_on(reader, world.url)


# --- unpublishing --------------------------------------------------------------


def test_editor_unpublishes_a_live_story_and_readers_lose_it(editor, reader):
    story = testing.make_article("Retracted claim", "world")
    # A reader has seen it, so cached fragments of the page hold it.
    assert "Retracted claim" in headlines_on(reader, "/")
    assert "Retracted claim" in rail_headlines(reader, "/")
    assert reader.get(story.url).status_code == 200

    response = editor.post(reverse("wagtailadmin_pages:unpublish", args=(story.pk,)))

    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.live
    assert reader.get(story.url).status_code == 404
    assert "Retracted claim" not in headlines_on(reader, "/")
    assert "Retracted claim" not in rail_headlines(reader, "/")
    assert "Retracted claim" not in headlines_on(reader, testing.section("world").url)
    assert "Retracted claim" not in headlines_on(reader, reverse("news:latest"))


# --- authors: drafts and review -------------------------------------------------


@pytest.fixture
def author_user():
    return testing.make_author_user("arthur")


@pytest.fixture
def author(author_user):
    return testing.logged_in(author_user)


def test_author_creates_a_draft_but_a_publish_post_does_not_publish_it(author, reader):
    response = author.post(
        add_url(testing.section("science")),
        story_form("Comet spotted", action="publish"),
    )

    assert response.status_code == 302
    story = ArticlePage.objects.get(slug="comet-spotted")
    assert story.owner.username == "arthur"
    assert not story.live
    assert story.first_published_at is None
    assert reader.get(story.url).status_code == 404
    assert "Comet spotted" not in headlines_on(reader, "/")


def test_author_edit_page_offers_no_publish_action_but_editor_page_does(author, editor):
    author.post(add_url(testing.section("science")), story_form("Comet spotted"))
    story = ArticlePage.objects.get(slug="comet-spotted")

    assert publish_button(author, story) is None
    assert publish_button(editor, story) is not None


def test_author_cannot_publish_by_posting_to_their_draft_edit_view(author):
    author.post(add_url(testing.section("science")), story_form("Comet spotted"))
    story = ArticlePage.objects.get(slug="comet-spotted")

    author.post(
        edit_url(story),
        story_form("Comet spotted", existing=story, action="publish"),
    )

    story.refresh_from_db()
    assert not story.live


def test_author_cannot_edit_another_authors_story(author, reader):
    other = testing.logged_in(testing.make_author_user("olga"))
    other.post(
        add_url(testing.section("science")), story_form("Olga's scoop", slug="scoop")
    )
    scoop = ArticlePage.objects.get(slug="scoop")

    response = author.get(edit_url(scoop))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert response.url != edit_url(scoop)

    response = author.post(
        edit_url(scoop), story_form("Hijacked", slug="scoop", existing=scoop)
    )
    assert response.status_code in (302, 403)
    scoop.refresh_from_db()
    assert scoop.title == "Olga's scoop"
    assert scoop.get_latest_revision().content["title"] == "Olga's scoop"


def test_author_submits_for_review_and_an_editor_approval_publishes_it(
    author, editor, reader
):
    science = testing.section("science")
    author.post(add_url(science), story_form("Comet spotted"))
    story = ArticlePage.objects.get(slug="comet-spotted")

    response = author.post(
        edit_url(story), story_form("Comet spotted", existing=story, action="submit")
    )

    assert response.status_code == 302
    story.refresh_from_db()
    assert not story.live
    assert story.status_string == "in moderation"
    state = WorkflowState.objects.for_instance(story).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    task_state = state.current_task_state
    assert task_state.task.name == "Editors' review"
    assert reader.get(story.url).status_code == 404

    # The editor sees the review waiting on the admin dashboard.
    dashboard = editor.get(reverse("wagtailadmin_home"))
    assert "Comet spotted" in testing.parse(dashboard).get_text()

    response = editor.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(story.pk, "approve", task_state.pk),
        ),
        {"comment": "Good to go"},
    )

    assert response.status_code == 302
    story.refresh_from_db()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    assert story.live
    assert reader.get(story.url).status_code == 200
    assert "Comet spotted" in headlines_on(reader, science.url)


def test_author_cannot_approve_their_own_submission(author):
    author.post(add_url(testing.section("science")), story_form("Comet spotted"))
    story = ArticlePage.objects.get(slug="comet-spotted")
    author.post(
        edit_url(story), story_form("Comet spotted", existing=story, action="submit")
    )
    story.refresh_from_db()
    task_state = story.current_workflow_task_state

    response = author.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(story.pk, "approve", task_state.pk),
        ),
        {"comment": ""},
    )

    assert response.status_code in (302, 403)
    story.refresh_from_db()
    assert not story.live


# --- revisions and preview ---------------------------------------------------------


def test_two_saves_leave_revisions_an_editor_can_list_and_compare(editor):
    world = testing.section("world")
    editor.post(add_url(world), story_form("Storm warning", slug="storm"))
    story = ArticlePage.objects.get(slug="storm")
    editor.post(
        edit_url(story),
        story_form("Storm warning upgraded", slug="storm", existing=story),
    )
    story.refresh_from_db()
    editor.post(
        edit_url(story),
        story_form("Storm warning lifted", slug="storm", existing=story),
    )

    revisions = list(story.revisions.order_by("created_at", "pk"))
    assert [r.content["title"] for r in revisions] == [
        "Storm warning",
        "Storm warning upgraded",
        "Storm warning lifted",
    ]

    listing = editor.get(
        reverse("wagtailadmin_pages:revisions_index", args=(story.pk,)), follow=True
    )
    assert listing.status_code == 200
    rows = [
        row.get_text(" ", strip=True)
        for row in testing.parse(listing).select("tbody tr")
    ]
    assert sum("Draft saved" in row for row in rows) == 3
    # The newest save offers a comparison with the one before it.
    compare_url = reverse(
        "wagtailadmin_pages:revisions_compare",
        args=(story.pk, revisions[1].pk, revisions[2].pk),
    )
    links = [a["href"] for a in testing.parse(listing).select("tbody tr a[href]")]
    assert compare_url in links

    compare = editor.get(compare_url)
    assert compare.status_code == 200
    soup = testing.parse(compare)
    deleted = " ".join(s.get_text() for s in soup.select(".deletion"))
    added = " ".join(s.get_text() for s in soup.select(".addition"))
    assert "upgraded" in deleted
    assert "lifted" in added


def test_preview_of_a_draft_shows_the_headline_without_publishing_it(editor, reader):
    editor.post(add_url(testing.section("world")), story_form("Draft headline"))
    story = ArticlePage.objects.get(slug="draft-headline")
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))

    response = editor.post(
        preview_url,
        story_form(
            "Previewed headline",
            slug="draft-headline",
            standfirst="Only the newsroom sees this.",
            existing=story,
        ),
    )
    assert response.status_code == 200
    assert response.json()["is_valid"] is True

    preview = editor.get(preview_url)
    assert preview.status_code == 200
    soup = testing.parse(preview)
    assert soup.select_one("h1.story__headline").get_text() == "Previewed headline"
    assert "Only the newsroom sees this." in soup.get_text()

    story.refresh_from_db()
    assert not story.live
    assert story.title == "Draft headline"
    assert reader.get(story.url).status_code == 404
    assert "Previewed headline" not in headlines_on(reader, "/")


def test_preview_is_for_the_newsroom_only(reader):
    story = testing.make_article("Draft headline", publish=False)
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=(story.pk,))

    response = reader.get(preview_url)

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url


@pytest.mark.django_db(transaction=True)
def test_a_flushed_database_still_sends_authors_stories_to_editors():
    # A flush removes what Wagtail's data migrations made, the stock review
    # workflow among them; the install that follows puts the newsroom's back.
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)

    workflow = testing.section("politics").get_workflow()
    assert workflow is not None and workflow.active
    (task,) = workflow.tasks
    assert task.name == "Editors' review"
    assert [group.name for group in task.specific.groups.all()] == [EDITORS]
