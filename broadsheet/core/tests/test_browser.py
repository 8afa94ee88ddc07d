"""What only a browser shows: pages load in headless Chromium without errors.

Drives Debian's chromium through Playwright (never a downloaded browser); the
`./run test` command installs it or says plainly that these tests cannot run.
"""

import os
import shutil

import pytest
from wagtail.models import Site

from broadsheet.home.models import EditorsPick, SiteSettings
from broadsheet.testing import make_article, make_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Playwright's sync API keeps an event loop in this thread; Django's ORM would
# refuse to run beside it, though the two never run at the same moment here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable():
    path = os.environ.get("BROADSHEET_CHROMIUM") or shutil.which("chromium")
    if not path:
        pytest.fail(
            "Debian's chromium is needed for browser tests: apt-get install chromium "
            "(or deselect them with -m 'not browser')"
        )
    return path


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def newsroom(live_server):
    """A small published newsroom, served by the live server."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", int(live_server.url.rsplit(":", 1)[1])
    site.save()
    picture = make_image(
        caption="Delegates arrive",
        credit="A. Lens/Broadsheet",
        alt_text="Delegates walking into a hall",
    )
    story = make_article(
        "Leaders meet in Geneva to talk trade",
        topic_name="Geopolitical Meeting",
        standfirst="Ministers from twelve countries gathered on Monday.",
        faqs=[("Who met in Geneva on Monday?", "Ministers from twelve countries.")],
        lead_image=picture,
    )
    other = make_article(
        "Markets steady after the talks", topic_name="Geopolitical Meeting"
    )
    settings = SiteSettings.for_site(site)
    settings.blurb = "An independent newsroom."
    settings.save()
    EditorsPick.objects.create(settings=settings, article=other, sort_order=0)
    return story


def visit(browser, url):
    """Open url; return the page and every console error or page error seen."""
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    failed = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.on(
        "response",
        lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    response = page.goto(url, wait_until="networkidle")
    assert response.status == 200
    return page, errors, failed


def test_home_page_loads_without_console_errors(browser, newsroom, live_server):
    page, errors, failed = visit(browser, live_server.url + "/")
    assert page.locator("h2.teaser__headline").first.inner_text() != ""
    assert page.get_by_role("link", name=newsroom.title).first.is_visible()
    assert (errors, failed) == ([], [])


def test_article_page_loads_without_console_errors(browser, newsroom, live_server):
    page, errors, failed = visit(browser, live_server.url + newsroom.url)
    assert page.locator("h1").inner_text() == newsroom.title
    lead = page.locator(".story__lead-image img")
    assert lead.is_visible()
    # The image really loaded: the browser decoded it to its natural size.
    assert lead.evaluate("img => img.complete && img.naturalWidth > 0")
    assert page.get_by_text(
        "Frequently Asked Questions (FAQs) about Geopolitical Meeting"
    ).is_visible()
    assert (errors, failed) == ([], [])


def test_article_reads_without_javascript(browser, newsroom, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + newsroom.url)
    assert page.locator("h1").inner_text() == newsroom.title
    assert page.locator("#comments").is_visible()
    context.close()


def test_pictures_are_sharp_on_a_phone(browser, newsroom, live_server):
    """Each picture on the front page is served at least as large as shown on
    Lighthouse's phone (412 px wide, 1.75 device pixels a CSS pixel; its
    "Serves images with low resolution" audit asks for 1.5 times the shown
    size there): the grid's teasers fill the screen's width on a phone."""
    for n in range(4):
        make_article(
            f"Harbour story {n}",
            "business",
            lead_image=make_image(f"harbour {n}", alt_text="Boats in a harbour"),
        )
    context = browser.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=1.75
    )
    page = context.new_page()
    page.goto(live_server.url + "/", wait_until="networkidle")
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_load_state("networkidle")
    # The chosen file's width in pixels, from its srcset entry (naturalWidth
    # is in CSS pixels, divided by the density the browser chose).
    pictures = page.locator("main img").evaluate_all(
        """imgs => imgs.map(img => {
            const chosen = img.srcset.split(",").map(c => c.trim().split(/\\s+/))
                .find(([url]) => new URL(url, location).href === img.currentSrc);
            return [img.currentSrc, parseInt(chosen[1]),
                    img.getBoundingClientRect().width];
        })"""
    )
    context.close()
    assert len(pictures) >= 5
    blurred = [(src, pixels, shown) for src, pixels, shown in pictures
               if pixels < shown * 1.5]  # fmt: skip
    assert blurred == []
