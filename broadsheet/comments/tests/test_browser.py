"""In headless Chromium: a reader posts a comment (with and without
JavaScript), replies inline, and a hostile comment renders inert."""

import pytest
from django.test import override_settings
from wagtail.models import Site

from broadsheet.comments.models import Comment, Moderation, Status
from broadsheet.comments.moderation import moderate
from broadsheet.comments.tests.conftest import make_comment
from broadsheet.core.tests.test_browser import browser, chromium_executable  # noqa: F401
from broadsheet.testing import make_article

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOSTILE_NAME = '<img src=x onerror="window.pwned=1">'
HOSTILE_BODY = '<script>window.pwned=1</script> "><svg onload=window.pwned=1>'


@pytest.fixture
def story(live_server):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    return make_article("Harbour reopens after storm")


def fill(page, name, body):
    page.fill("#id_name", name)
    page.fill("#id_email", "ada@example.org")
    page.fill("#id_body", body)
    page.click("#leave-comment button[type=submit]")
    page.wait_for_load_state()


@override_settings(COMMENTS_MIN_SECONDS=0, COMMENTS_RATE_LIMITS=None)
@pytest.mark.parametrize("javascript", [True, False])
def test_a_reader_posts_a_comment(browser, story, live_server, javascript):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(live_server.url + story.url)

    fill(page, "Ada Reader", "A fine piece of reporting.")

    comment = Comment.objects.get()
    assert page.url.endswith(f"#comment-{comment.pk}")
    assert page.get_by_text("Your comment is awaiting moderation").is_visible()
    assert page.locator(f"#comment-{comment.pk}").is_visible()
    context.close()


@override_settings(COMMENTS_MIN_SECONDS=0, COMMENTS_RATE_LIMITS=None)
def test_reply_opens_inline_with_javascript(browser, story, live_server):  # noqa: F811
    top = make_comment(story, name="Grace")
    page = browser.new_page()
    page.goto(live_server.url + story.url)

    page.click(f"#comment-{top.pk} a.comment__reply")

    form = page.locator(f"#comment-{top.pk} form#leave-comment")
    assert form.is_visible()
    assert page.get_by_text("Replying to Grace.").is_visible()
    assert page.url == live_server.url + story.url  # no reload
    fill(page, "Ada", "Quite right.")
    assert Comment.objects.latest("pk").parent_id == top.pk


@override_settings(COMMENTS_MIN_SECONDS=0, COMMENTS_RATE_LIMITS=None)
def test_a_hostile_comment_renders_inert(browser, story, live_server):  # noqa: F811
    from broadsheet.comments.models import CommentSettings

    settings = CommentSettings.current()
    settings.moderation = Moderation.PRE_ALL
    settings.save()
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog), dialog.dismiss()))
    page.goto(live_server.url + story.url)

    fill(page, HOSTILE_NAME, HOSTILE_BODY)
    moderate(Comment.objects.all(), "approve")
    page.goto(live_server.url + story.url)

    comment = Comment.objects.get(status=Status.APPROVED)
    item = page.locator(f"#comment-{comment.pk}")
    assert item.locator(".comment__name").inner_text() == HOSTILE_NAME
    assert item.locator(".comment__body").inner_text() == HOSTILE_BODY
    assert item.locator("img, script, svg").count() == 0
    assert page.evaluate("window.pwned") is None
    assert dialogs == []
