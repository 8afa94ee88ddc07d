"""Content-Security-Policy and Permissions-Policy (security review, finding
10): reader pages allow only our own scripts and styles, with no
'unsafe-inline' and no nonce (a nonce in a cached page would be shared by
every reader); the admin has a policy of its own. The browser test
(test_browser_csp.py) checks the pages run under it without a violation."""

import re

import pytest
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from broadsheet.core.headers import inline_style_hashes
from broadsheet.testing import (
    logged_in,
    make_article,
    make_editor,
    make_image,
    read,
    section,
    topic,
)

pytestmark = pytest.mark.django_db


def directives(header):
    return {
        part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()
    }


@pytest.fixture
def story():
    return make_article(
        "Harbour reopens after storm",
        topic_name="Shipping",
        lead_image=make_image(alt_text="The harbour"),
        faqs=[("When did it reopen?", "On Friday.")],
    )


def reader_urls(story):
    return {
        "home": "/",
        "article": story.url,
        "section": section("world").url,
        "topic": topic("Shipping").get_absolute_url(),
        "latest": "/latest/",
        "search": "/search/?q=harbour",
        "corrections": "/corrections/",
        "history": f"{story.url}history/",
        "not found": "/no-such-page/",
    }


def test_reader_pages_have_a_strict_policy(story):
    for name, url in reader_urls(story).items():
        response = Client().get(url)
        policy = directives(response["Content-Security-Policy"])

        assert policy["script-src"] == ["'self'"], name
        assert policy["default-src"] == ["'self'"], name
        assert policy["object-src"] == ["'none'"], name
        assert policy["frame-ancestors"] == ["'none'"], name
        assert policy["base-uri"] == ["'self'"] and policy["form-action"] == ["'self'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], name
        assert "nonce-" not in response["Content-Security-Policy"], name
        assert response["X-Frame-Options"] == "DENY", name
        assert "camera=()" in response["Permissions-Policy"], name


def test_a_cached_page_is_served_with_the_same_policy(story):
    first, second = Client().get(story.url), Client().get(story.url)

    assert second["X-Cache"] == "hit"
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]


def test_reader_pages_need_nothing_the_policy_forbids(story):
    """No inline script but JSON-LD data, no inline style or handler: what
    the policy would block is simply not there."""
    for name, url in reader_urls(story).items():
        page = Client().get(url).content.decode()
        html = read_any(page)
        for script in html.find_all("script"):
            assert script.get("src") or script.get("type") == "application/ld+json", (
                name
            )
        assert html.find("style") is None, name
        assert html.find(style=True) is None, name
        for element in html.find_all(True):
            handlers = [a for a in element.attrs if a.lower().startswith("on")]
            assert handlers == [], (name, element.name, handlers)
        assert not re.search(r"""(href|src|action)=["']?\s*javascript:""", page), name


def read_any(page):
    from bs4 import BeautifulSoup

    return BeautifulSoup(page, "lxml")


def test_the_password_page_has_the_strict_policy_too(story):
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )

    response = Client().get(story.url)

    assert read(response).find("input", type="password") is not None
    assert directives(response["Content-Security-Policy"])["script-src"] == ["'self'"]


def test_the_500_pages_inline_style_is_allowed_by_its_hash(settings):
    hashes = inline_style_hashes(settings.PACKAGE_DIR / "templates" / "500.html")
    policy = directives(Client().get("/")["Content-Security-Policy"])

    assert len(hashes) == 1
    assert hashes[0] in policy["style-src"]


def test_the_admin_has_its_own_policy():
    response = logged_in(make_editor()).get("/admin/")

    policy = directives(response["Content-Security-Policy"])
    assert response.status_code == 200
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]  # Wagtail's previews
    assert "script-src" not in policy  # Wagtail's admin runs inline scripts
    assert "camera=()" in response["Permissions-Policy"]


def test_an_https_site_upgrades_insecure_requests():
    with override_settings(SITE_URL="https://news.example.com"):
        policy = directives(Client().get("/")["Content-Security-Policy"])

    assert "upgrade-insecure-requests" in policy


def test_redirects_carry_the_headers_too():
    response = Client().get("/favicon.ico")

    assert response.status_code == 302
    assert "Content-Security-Policy" in response and "Permissions-Policy" in response


def test_wagtails_page_preview_may_still_be_framed_by_the_admin(story):
    response = logged_in(make_editor()).get(f"/admin/pages/{story.pk}/edit/preview/")

    assert response["X-Frame-Options"] == "SAMEORIGIN"
    assert directives(response["Content-Security-Policy"])["frame-ancestors"] == [
        "'self'"
    ]


def test_a_served_document_keeps_wagtails_stricter_policy():
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(
        title="Budget", file=ContentFile(b"%PDF-1.4 budget", name="budget.pdf")
    )

    response = Client().get(document.url)

    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert "Permissions-Policy" in response
