"""Every line of the XSS, SQL-injection and naughty-strings corpora through
the name, email and comment fields: no server error, every stored comment
shown back as typed but inert, nothing else in the database changed.

The repository's sample (corpora/: a few hundred payloads and the whole
naughty list) runs everywhere, the full lists from ../shared/corpora as well
where they are present. Lines go through the form handler in bulk
(CommentForm, then moderation.submit, as the view does), and a sample
through the whole view with the test client.
"""

import pytest
from django.apps import apps
from django.test import override_settings

from broadsheet import corpora
from broadsheet.comments.forms import CommentForm
from broadsheet.comments.models import Comment, CommentSettings, Moderation, Status
from broadsheet.comments.moderation import refresh_counts, submit
from broadsheet.comments.tests.conftest import form_data
from broadsheet.news.models import ArticlePage
from broadsheet.testing import read

pytestmark = pytest.mark.django_db

FILES = ["payloads/xss.txt", "payloads/sqli.txt", "blns/blns.txt"]
# Lines read from each corpus: the kept sample is about 900, the full lists
# about 10,000; fewer means a file was cut short.
LEAST_LINES = {"repository": 800, "full": 9000}
SAMPLE_EVERY = 40  # lines also sent through the whole view
PER_PAGE = 200
ALLOWED = {"p": set(), "br": set(), "a": {"href", "rel"}}


def corpus_lines(corpus):
    lines = []
    for name in FILES:
        for raw in corpus.path(name).read_bytes().split(b"\n"):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:  # refused whole: test_invalid_utf8
                continue
            if name.startswith("blns") and line.startswith("#"):
                continue
            if line.strip():
                lines.append(line)
    return lines


def table_snapshot():
    """Row counts of every table but the comments'."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model not in (Comment, CommentSettings)
    }


def story_snapshot(story):
    row = ArticlePage.objects.filter(pk=story.pk).values().get()
    row.pop("comment_count")
    return row


def expected_text(typed):
    """What a reader sees: the text as stored (Django trims the ends), with
    line breaks (a CR alone is one too) shown as breaks, not characters."""
    return typed.strip().replace("\r\n", "\n").replace("\r", "\n").replace("\n", "")


def assert_inert(element):
    for tag in element.find_all(True):
        assert tag.name in ALLOWED, tag
        assert set(tag.attrs) <= ALLOWED[tag.name], tag
        if tag.name == "a":
            assert tag["href"].lower().startswith(("http://", "https://")), tag
            assert tag["rel"] == ["nofollow", "ugc", "noopener"], tag


def scripts_of(page):
    """The page's scripts: which, not what the JSON-LD counts."""
    return [(s.get("type"), s.get("src")) for s in page.find_all("script")]


def assert_no_injected_markup(page, baseline_scripts):
    assert scripts_of(page) == baseline_scripts
    for tag in page.find_all(True):
        assert not [a for a in tag.attrs if a.lower().startswith("on")], tag


@override_settings(COMMENTS_PER_PAGE=PER_PAGE)
@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_hostile_input_is_stored_as_typed_and_shown_inert(client, story, corpus):
    CommentSettings.objects.update_or_create(
        site_id=story.get_site().pk, defaults={"moderation": Moderation.POST}
    )
    baseline_scripts = scripts_of(read(client.get(story.url)))
    tables, story_row = table_snapshot(), story_snapshot(story)
    lines = corpus_lines(corpus)
    assert len(lines) > LEAST_LINES[corpus.name]

    for n, line in enumerate(lines):
        # The email field: refused or taken, never an error.
        CommentForm(form_data(email=line), article=story).is_valid()
        if n % SAMPLE_EVERY == 0:
            response = client.post(
                f"/comments/{story.pk}/post/",
                form_data(name=line[:80], email=f"v{n}@example.org", body=line),
            )
            assert response.status_code in (302, 400), (line, response.status_code)
            if response.status_code == 400:
                assert_no_injected_markup(read_any(response), baseline_scripts)
            continue
        form = CommentForm(
            form_data(name=line[:80], email=f"r{n}@example.org", body=line),
            article=story,
            ip_hash=f"ip{n}",
        )
        if form.is_valid():
            submit(form, CommentSettings.objects.get())

    stored = list(Comment.objects.all())
    assert len(stored) > 0.9 * len(lines)
    typed = {c.email: lines[int(c.email[1:].split("@")[0])] for c in stored}
    for comment in stored:
        assert comment.body == typed[comment.email].strip()
        assert comment.name == typed[comment.email][:80].strip()
    Comment.objects.update(status=Status.APPROVED)
    refresh_counts([story.pk])
    assert table_snapshot() == tables
    assert story_snapshot(story) == story_row

    by_id = {c.pk: c for c in stored}
    shown = 0
    pages = len([c for c in stored if c.parent_id is None]) // PER_PAGE + 1
    for number in range(1, pages + 1):
        page = read(client.get(f"{story.url}?page={number}"))
        assert_no_injected_markup(page, baseline_scripts)
        for item in page.select("li.comment"):
            comment = by_id[int(item["id"].removeprefix("comment-"))]
            name = item.select_one(".comment__name")
            assert name.get_text() == comment.name
            assert not name.find_all(True)
            body = item.select_one(".comment__body")
            assert_inert(body)
            assert body.get_text() == expected_text(comment.body), comment.body
            shown += 1
    assert shown == len(stored)


def read_any(response):
    from bs4 import BeautifulSoup

    return BeautifulSoup(response.content, "lxml")
