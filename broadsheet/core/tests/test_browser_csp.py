"""The reader pages run under their Content-Security-Policy with no
violation, their JavaScript included (the inline reply form), and the admin
still works under its own policy: checked in Debian's chromium, which reports
every violation as a `securitypolicyviolation` event and a console error."""

import pytest

from broadsheet.comments.models import Comment, Status
from broadsheet.comments.moderation import refresh_counts
from broadsheet.core.tests.test_browser import browser, newsroom  # noqa: F401
from broadsheet.news.models import ArticlePage
from broadsheet.testing import make_editor, section

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Runs before any page script; Playwright's init scripts are not subject to
# the page's policy.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def open_page(context, url):
    page = context.new_page()
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if message.type in ("error", "warning")
            else None
        ),
    )
    page.on("pageerror", lambda error: console.append(str(error)))
    response = page.goto(url, wait_until="networkidle")
    return page, response, console


def violations(page):
    return page.evaluate("window.__violations")


@pytest.fixture
def context(browser):  # noqa: F811
    context = browser.new_context()
    context.add_init_script(RECORD_VIOLATIONS)
    yield context
    context.close()


@pytest.fixture
def story_with_comment(newsroom):  # noqa: F811
    Comment.objects.create(
        article=newsroom,
        name="Ada Reader",
        body="Well reported.",
        status=Status.APPROVED,
    )
    refresh_counts([newsroom.pk])
    return newsroom


@pytest.mark.parametrize("where", ["home", "article", "section"])
def test_reader_pages_run_under_the_policy_without_a_violation(
    context, live_server, story_with_comment, where
):
    url = {
        "home": "/",
        "article": story_with_comment.url,
        "section": section("world").url,
    }[where]

    page, response, console = open_page(context, live_server.url + url)

    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert violations(page) == []
    assert [m for m in console if "Content Security Policy" in m] == []
    assert console == []
    if where == "article":
        # The JSON-LD is there (data, not script), and comments.js runs.
        assert page.locator('script[type="application/ld+json"]').count() >= 1
        page.locator("a.comment__reply").first.click()
        heading = page.locator(".comment-form__heading")
        assert heading.inner_text() == "Reply to Ada Reader"
        assert violations(page) == []


def test_an_inline_script_would_be_blocked(context, live_server, newsroom):  # noqa: F811
    """The policy is really enforced: a script a page did not bring (as an
    injection would) does not run, and the browser reports it."""
    page, _, _ = open_page(context, live_server.url + newsroom.url)

    page.evaluate(
        """() => {
          const script = document.createElement("script");
          script.textContent = "window.__injected = true";
          document.body.append(script);
        }"""
    )

    assert page.evaluate("window.__injected === undefined")
    assert any(v.startswith("script-src") for v in violations(page))


def test_the_admin_works_under_its_policy(context, live_server, newsroom):  # noqa: F811
    make_editor()
    page, response, console = open_page(context, live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "correct horse battery staple")
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + "/admin/")

    page.goto(
        f"{live_server.url}/admin/pages/{newsroom.pk}/edit/", wait_until="networkidle"
    )

    assert page.locator("#id_title").input_value() == newsroom.title
    # Wagtail's scripts ran: the body's rich text editor is drawn by them.
    assert page.locator(".Draftail-Editor").first.is_visible()
    page.fill("#id_title", "Leaders meet in Geneva to talk trade and climate")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_load_state("networkidle")

    draft = ArticlePage.objects.get(pk=newsroom.pk).get_latest_revision_as_object()
    assert draft.title == "Leaders meet in Geneva to talk trade and climate"
    assert violations(page) == []
    assert [m for m in console if "Content Security Policy" in m] == []
