"""A live blog in headless Chromium: a new entry waits behind a "1 new update"
button (the page does not move), clicking shows it, an edit and a deletion
reach the open page, under the site's Content-Security-Policy with no
violation; without JavaScript the page works by reloading; an ended blog does
not poll."""

import pytest
from wagtail.models import Site

from broadsheet.core.tests.test_browser import browser  # noqa: F401
from broadsheet.core.tests.test_browser_csp import RECORD_VIOLATIONS
from broadsheet.live import reading
from broadsheet.live.tests.builders import make_live_blog, post_entry

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WAIT_MS = 20_000


@pytest.fixture
def blog(live_server, monkeypatch):
    # Poll every second: the test waits seconds, not a reader's ten.
    monkeypatch.setattr(reading, "POLL_SECONDS", 1)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    blog = make_live_blog()
    post_entry(blog, "Polls have closed.", minutes_ago=20)
    return blog


def open_blog(browser, live_server, blog, javascript=True):  # noqa: F811
    context = browser.new_context(java_script_enabled=javascript)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(live_server.url + blog.url, wait_until="networkidle")
    return context, page, errors


def test_new_entries_wait_behind_a_button_and_changes_reach_the_page(
    browser,  # noqa: F811
    live_server,
    blog,
):
    old = post_entry(blog, "Exit poll published.", minutes_ago=10)
    context, page, errors = open_blog(browser, live_server, blog)
    button = page.locator(".live-new__button")
    assert button.is_hidden()
    assert page.locator(".live-refresh").is_hidden()  # the page refreshes itself

    entry = post_entry(blog, "First result declared.", title="First result")

    button.wait_for(state="visible", timeout=WAIT_MS)
    assert button.inner_text() == "1 new update"
    assert page.locator(f"#entry-{entry.pk}").count() == 0  # nothing moved
    button.click()
    shown = page.locator(".live-entries__list article.live-entry").first
    assert shown.get_attribute("id") == f"entry-{entry.pk}"
    assert "First result declared." in shown.inner_text()
    assert button.is_hidden()

    old.body = [("paragraph", "<p>Exit poll published, and corrected.</p>")]
    old.save()
    # (No wait_for_function: the page's policy forbids eval, rightly.)
    page.locator(f"#entry-{old.pk}", has_text="and corrected").wait_for(timeout=WAIT_MS)

    entry.deleted = True
    entry.save()
    page.locator(f"#entry-{entry.pk}").wait_for(state="detached", timeout=WAIT_MS)

    assert page.evaluate("window.__violations") == []
    assert errors == []
    context.close()


def test_without_javascript_the_page_works_by_reloading(
    browser,  # noqa: F811
    live_server,
    blog,
):
    context, page, _ = open_blog(browser, live_server, blog, javascript=False)
    refresh = page.locator(".live-refresh a")
    assert refresh.is_visible()

    entry = post_entry(blog, "Recount ordered.")
    refresh.click()
    page.wait_for_load_state()

    assert page.locator(f"#entry-{entry.pk}").is_visible()
    context.close()


def test_an_ended_blog_does_not_poll(browser, live_server, blog):  # noqa: F811
    blog.status = "ended"
    blog.save_revision().publish()
    context = browser.new_context()
    page = context.new_page()
    polls = []
    page.on("request", lambda r: polls.append(r.url) if "/updates/" in r.url else None)
    page.goto(live_server.url + blog.url, wait_until="networkidle")
    page.wait_for_timeout(2500)
    assert polls == []
    assert page.locator(".live-new__button").count() == 0
    context.close()
