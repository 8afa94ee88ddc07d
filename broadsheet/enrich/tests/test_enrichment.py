"""Enrichment as a reader and an editor see it: a story published gets a
grounded FAQ, topics and related stories, and editors stay in control."""

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site
from wagtail.rich_text import RichText

from broadsheet import testing
from broadsheet.enrich import articles, page_text, related_stories
from broadsheet.enrich.models import Enrichment, EnrichmentSettings
from broadsheet.enrich.nlp import grounding
from broadsheet.news.models import ArticlePage

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[2] / "demo" / "content"


def demo_stories(section):
    return json.loads((CONTENT / f"{section}.json").read_text())


def publish_demo(story, section="world", **fields):
    body = [
        ("paragraph", RichText(f"<p>{block['text']}</p>"))
        if block["type"] == "paragraph"
        else ("subhead", block["text"])
        for block in story["body"]
        if block["type"] in ("paragraph", "subhead")
    ]
    return testing.make_article(
        story["headline"],
        section,
        standfirst=story["standfirst"],
        topic_name=story["topic"],
        body=body,
        **fields,
    )


def faq_block(client, page):
    soup = testing.read(client.get(page.url))
    return testing.block(
        soup, f"Frequently Asked Questions (FAQs) about {page.topic.name}"
    )


def test_publishing_a_story_gives_it_a_grounded_faq(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish_demo(demo_stories("world")[0])
    page.refresh_from_db()
    faqs = list(page.faqs.all())
    assert 4 <= len(faqs) <= 6
    story = page_text.story_for(page)
    for faq in faqs:
        assert faq.generated and faq.question.endswith("?")
        assert grounding.support(faq.answer, story.sentences) == tuple(faq.sources)

    block = faq_block(client, page)
    shown = [dt.get_text(strip=True) for dt in block.find_all("dt")]
    assert shown == [faq.question for faq in faqs]
    assert "Answers are quoted from the article." in block.get_text()


def test_generated_pairs_wait_for_approval_when_the_site_says_so(client):
    settings = EnrichmentSettings.for_site(Site.objects.get(is_default_site=True))
    settings.publish_generated_faqs = False
    settings.save()
    page = publish_demo(demo_stories("business")[0], "business")
    articles.enrich(page.pk)
    assert page.faqs.count() >= 4
    assert faq_block(client, page) is None  # nothing live yet

    assert articles.approve_generated(page.pk) == page.faqs.count()
    testing.bump()
    assert len(faq_block(client, page).find_all("dt")) == page.faqs.count()


def test_regenerating_keeps_what_editors_wrote_approved_or_edited():
    page = publish_demo(
        demo_stories("science")[0],
        "science",
        faqs=[("What does the newsroom add here?", "An editor's own answer.")],
    )
    articles.enrich(page.pk)
    faqs = list(page.faqs.order_by("sort_order"))
    generated = [faq for faq in faqs if faq.generated]
    edited, approved, untouched = generated[0], generated[1], generated[2:]
    edited.answer = "An editor rewrote this answer."
    edited.save()
    approved.approved = True
    approved.save()
    # The live page's revision must agree, as after an edit in the admin.
    page.refresh_from_db()
    page.save_revision().publish()

    articles.enrich(page.pk, force=True)
    after = {faq.question: faq for faq in page.faqs.all()}
    assert after["What does the newsroom add here?"].answer == (
        "An editor's own answer."
    )
    assert after[edited.question].answer == "An editor rewrote this answer."
    assert after[approved.question].approved
    assert len(after) <= 6
    assert not {faq.pk for faq in untouched} & {faq.pk for faq in after.values()}


def test_unchanged_text_is_not_worked_on_again():
    page = publish_demo(demo_stories("health")[0], "health")
    assert not articles.enrich(page.pk).unchanged
    assert articles.enrich(page.pk).unchanged


def test_a_draft_is_enriched_in_its_revision_for_editors_to_see():
    page = publish_demo(demo_stories("politics")[0], "politics", publish=False)
    articles.enrich(page.pk)
    assert page.faqs.count() == 0  # the live rows: there is no live story
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert len(draft.faqs.all()) >= 4
    editor = testing.logged_in(testing.make_editor("edna"))
    form = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert draft.faqs.all()[0].question in form.content.decode()


def test_a_story_without_standfirst_or_description_gets_them_from_its_text():
    story = demo_stories("technology")[0]
    page = publish_demo(story, "technology")
    ArticlePage.objects.filter(pk=page.pk).update(standfirst="")
    page.refresh_from_db()
    page.save_revision().publish()
    outcome = articles.enrich(page.pk)
    page.refresh_from_db()
    assert set(outcome.filled) == {"standfirst", "meta description"}
    assert page.standfirst and page.standfirst in " ".join(
        page_text.story_for(page).sentences
    )
    assert 0 < len(page.search_description) <= 160


def test_related_stories_are_ranked_at_publish_and_read_in_one_list(client):
    stories = [publish_demo(s, "world") for s in demo_stories("world")]
    stories += [publish_demo(s, "sports") for s in demo_stories("sports")]
    for page in stories:
        articles.enrich(page.pk)
    for page in stories:
        related_stories.refresh(page.pk)
    target = stories[0]
    soup = testing.read(client.get(target.url))
    related = testing.headlines(testing.block(soup, "You may also like"))
    world = {s.title for s in stories if s.section_id == target.section_id}
    assert target.title not in related
    assert 3 <= len(related) <= 6
    assert sum(title in world for title in related) >= len(related) - 1


def test_an_editors_pin_comes_first(client):
    stories = [publish_demo(s, "world") for s in demo_stories("world")[:4]]
    sport = publish_demo(demo_stories("sports")[0], "sports")
    for page in [*stories, sport]:
        articles.enrich(page.pk)
    target = ArticlePage.objects.get(pk=stories[0].pk)
    from broadsheet.news.models import PinnedStory

    target.pinned_stories = [PinnedStory(story=sport, sort_order=0)]
    target.save_revision().publish()
    related_stories.refresh(target.pk)
    soup = testing.read(client.get(target.url))
    assert testing.headlines(testing.block(soup, "You may also like"))[0] == (
        sport.title
    )


def test_an_unpublished_story_leaves_every_list(client):
    stories = [publish_demo(s, "world") for s in demo_stories("world")[:4]]
    for page in stories:
        articles.enrich(page.pk)
    for page in stories:
        related_stories.refresh(page.pk)
    gone = stories[1]
    naming = related_stories.lists_naming(gone.pk)
    assert naming  # it was in some other story's list before it went
    gone.unpublish()
    testing.bump()
    for page in (stories[0], stories[2]):
        soup = testing.read(client.get(page.url))
        block = testing.block(soup, "You may also like")
        assert block is None or gone.title not in testing.headlines(block)


def test_enrich_command_reports_what_it_did():
    for story in demo_stories("entertainment")[:3]:
        publish_demo(story, "entertainment")
    out = testing.call("enrich")
    assert "3 enriched" in out and "faq pairs" in out and "failed" in out
    assert Enrichment.objects.count() == 3
    assert "3 unchanged" in testing.call("enrich")


def test_train_sections_refuses_too_little_with_a_clear_message():
    publish_demo(demo_stories("world")[0], "world")
    from django.core.management.base import CommandError

    with pytest.raises(CommandError) as refused:
        call_command("train_sections")
    assert "Traceback" not in str(refused.value)
    assert str(refused.value)


def test_the_enrichment_page_lets_an_editor_accept_and_reject_topics():
    page = publish_demo(demo_stories("business")[1], "business")
    articles.enrich(page.pk)
    enrichment = Enrichment.objects.get(article_id=page.pk)
    assert enrichment.suggested_topics  # not wire copy: suggestions wait
    editor = testing.logged_in(testing.make_editor("edna"))
    url = reverse("enrich_admin:story", args=[page.pk])
    shown = testing.parse(editor.get(url)).get_text()
    accept, reject = enrichment.suggested_topics[:2]
    assert accept in shown and "Regenerate FAQ" in shown

    act = reverse("enrich_admin:act", args=[page.pk])
    editor.post(act, {"action": "accept-topic", "topic": accept})
    editor.post(act, {"action": "reject-topic", "topic": reject})
    page.refresh_from_db()
    names = {t.topic.name.casefold() for t in page.article_topics.all()}
    names.add(page.topic.name.casefold())
    assert accept.casefold() in names and reject.casefold() not in names
    enrichment.refresh_from_db()
    assert reject in enrichment.rejected_topics
    assert accept not in enrichment.suggested_topics

    articles.enrich(page.pk, force=True)
    enrichment.refresh_from_db()
    assert reject not in enrichment.suggested_topics


def test_a_reader_cannot_reach_the_enrichment_page(client):
    page = publish_demo(demo_stories("business")[1], "business")
    url = reverse("enrich_admin:story", args=[page.pk])
    assert client.get(url).status_code == 302  # to the admin's sign-in
    author = testing.logged_in(testing.make_author_user("arthur"))
    assert author.get(url).status_code in (302, 403)


def test_an_imported_wire_story_is_enriched_without_anyone_pressing_a_button(
    tmp_path, client, django_capture_on_commit_callbacks
):
    from broadsheet.wire.tests.conftest import import_ninjs, ninjs_item, write

    for story in demo_stories("business")[:3]:
        publish_demo(story, "business")
    story = demo_stories("business")[3]
    body = "".join(
        f"<p>{block['text']}</p>" for block in story["body"] if "text" in block
    )
    write(
        tmp_path,
        "item.json",
        ninjs_item(
            "urn:wire:enrich:1",
            headlines=[{"value": story["headline"]}],
            genres=[{"name": "Business"}],
            bodies=[{"role": "html", "contentType": "text/html", "value": body}],
            descriptions=[],
            subjects=[],
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        run = import_ninjs(tmp_path, publish=True)
    assert run.summary.startswith("1 imported"), run.err
    page = ArticlePage.objects.get(wire_item__uri="urn:wire:enrich:1")
    # Wire copy takes its suggested topics at once (the site's default).
    assert page.topic is not None and page.article_topics.count() >= 1
    assert page.standfirst  # the item had no description: one from its text
    soup = testing.read(client.get(page.url))
    assert len(faq_block(client, page).find_all("dt")) >= 4
    related = testing.headlines(testing.block(soup, "You may also like"))
    assert len(related) >= 3 and page.title not in related


def test_the_story_form_marks_generated_pairs():
    page = publish_demo(demo_stories("health")[1], "health")
    articles.enrich(page.pk)
    editor = testing.logged_in(testing.make_editor("edna"))
    form = testing.parse(editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    notes = [
        element.get_text(" ", strip=True)
        for element in form.find_all(
            string=lambda s: s and "quoted from the story" in s
        )
    ]
    assert len(notes) == page.faqs.count()


def test_a_generated_answer_the_story_no_longer_says_is_not_shown(client):
    page = publish_demo(demo_stories("world")[1], "world")
    articles.enrich(page.pk)
    faq = page.faqs.filter(generated=True).first()
    quoted = page_text.story_for(page).sentences[faq.sources[0]]
    # An editor rewrites the paragraph the answer quoted, and publishes.
    page = ArticlePage.objects.get(pk=page.pk)
    page.body = [
        (block.block_type, RichText(block.value.source.replace(quoted, "Rewritten.")))
        if block.block_type == "paragraph"
        else (block.block_type, block.value)
        for block in page.body
    ]
    page.save_revision().publish()
    shown = faq_block(client, page)
    questions = (
        [dt.get_text(strip=True) for dt in shown.find_all("dt")] if shown else []
    )
    assert faq.question not in questions


def test_draft_pairs_stay_generated_through_the_editors_form(client):
    from broadsheet.news.tests.test_newsroom_publishing import story_form

    page = publish_demo(demo_stories("politics")[2], "politics", publish=False)
    articles.enrich(page.pk)
    draft = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    pairs = [(faq.question, faq.answer) for faq in draft.faqs.all()]
    assert len(pairs) >= 4
    editor = testing.logged_in(testing.make_editor("edna"))
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    form = story_form(
        draft.title,
        slug=draft.slug,
        standfirst=draft.standfirst,
        topic=draft.topic,
        body=[
            ("paragraph", block.value.source)
            for block in draft.body
            if block.block_type == "paragraph"
        ],
        faqs=pairs,
        existing=page,
        action="publish",
    )
    response = editor.post(url, form)
    assert response.status_code == 302, testing.parse(response).get_text()[:2000]
    live = list(ArticlePage.objects.get(pk=page.pk).faqs.all())
    assert [(faq.question, faq.answer) for faq in live] == pairs
    assert all(faq.generated and faq.sources and not faq.edited for faq in live)


def test_an_author_cannot_change_a_live_story_from_the_enrichment_page():
    author = testing.make_author_user("arthur")
    page = publish_demo(demo_stories("business")[1], "business")
    ArticlePage.objects.filter(pk=page.pk).update(owner=author)
    articles.enrich(page.pk)
    before = Enrichment.objects.get(article_id=page.pk).enriched_at
    client = testing.logged_in(author)
    act = reverse("enrich_admin:act", args=[page.pk])
    response = client.post(act, {"action": "regenerate"})
    # Wagtail's admin answers a refusal by sending the user to the dashboard.
    assert response.status_code in (302, 403)
    assert response.status_code == 403 or response.url == reverse("wagtailadmin_home")
    assert Enrichment.objects.get(article_id=page.pk).enriched_at == before
