"""schema.org JSON-LD, as a search engine reads it out of the page:
NewsArticle, FAQPage and BreadcrumbList on stories, WebSite and the
newsroom's Organization on the front page; every type and property checked
against schema.org's own vocabulary."""

from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from PIL import Image

from broadsheet import corpora
from broadsheet.feeds import jsonld as builders
from broadsheet.feeds.tests.crawler import (
    Vocabulary,
    jsonld,
    of_type,
    page,
    vocabulary,
)
from broadsheet.testing import author, make_article, make_image, section, shared_data

pytestmark = pytest.mark.django_db

SITE = "http://127.0.0.1:8000"
HOUR = timedelta(hours=1)
SCRIPT_HEADLINE = "Mayor resigns </script><script>alert(1)</script> <!-- & more"


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        story = make_article(
            "Climate summit agrees a deal",
            "world",
            topic_name="Climate",
            extra_topics=("Energy", "Diplomacy"),
            authors=("Ada Lovelace", "Grace Hopper"),
            standfirst="Nearly 200 countries sign.",
            lead_image=make_image("summit", width=2000, height=1125),
            faqs=[
                ("What was agreed?", "A phase-down of coal."),
                ("Who signed?", "Nearly 200 countries.\nSome with reservations."),
            ],
            age=1 * HOUR,
        )
        story.comment_count = 7
        story.save(update_fields=["comment_count"])
        no_faq = make_article("Quiet day", "politics", authors=(), age=2 * HOUR)
        # Agency copy: no byline.
        unsigned = make_article(
            "Markets steady in early trading", "business", authors=(), age=3 * HOUR
        )
        # No body: make_article would write the headline into it as HTML.
        script = make_article(SCRIPT_HEADLINE, "world", standfirst="<b>&</b>", body=[])
        yield {
            "story": story,
            "no_faq": no_faq,
            "unsigned": unsigned,
            "script": script,
        }


def blocks_of(client, url):
    return jsonld(page(client.get(url)))


def test_story_is_a_news_article_with_what_search_engines_ask_for(client, world):
    story = world["story"]
    url = f"{SITE}{story.url}"
    article = of_type(blocks_of(client, story.url), "NewsArticle")
    assert article["@context"] == "https://schema.org"
    assert article["headline"] == "Climate summit agrees a deal"
    assert article["description"] == "Nearly 200 countries sign."
    assert article["datePublished"] == story.published_at.isoformat(timespec="seconds")
    assert article["dateModified"] == article["datePublished"]
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Ada Lovelace",
            "url": f"{SITE}{author('Ada Lovelace').get_absolute_url()}",
        },
        {
            "@type": "Person",
            "name": "Grace Hopper",
            "url": f"{SITE}{author('Grace Hopper').get_absolute_url()}",
        },
    ]
    assert len(article["image"]) == 3
    assert all(image.startswith(f"{SITE}/media/images/") for image in article["image"])
    assert article["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert article["articleSection"] == "World"
    assert article["keywords"] == ["Climate", "Energy", "Diplomacy"]
    assert article["commentCount"] == 7
    publisher = article["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Broadsheet"
    assert publisher["logo"] == {
        "@type": "ImageObject",
        "url": f"{SITE}/static/broadsheet/logo.png",
        "width": 512,
        "height": 512,
    }


def test_every_image_in_the_json_ld_is_served(client, world):
    article = of_type(blocks_of(client, world["story"].url), "NewsArticle")
    for image in article["image"]:
        assert client.get(image.removeprefix(SITE)).status_code == 200


def test_logo_file_is_the_size_the_json_ld_says(world):
    path = finders.find(builders.LOGO_PATH)
    with Image.open(path) as logo:
        assert logo.size == (builders.LOGO_WIDTH, builders.LOGO_HEIGHT)
        assert logo.format == "PNG"
    # Google: an organisation's logo is at least 112x112 pixels.
    assert min(builders.LOGO_WIDTH, builders.LOGO_HEIGHT) >= 112


def test_faq_block_is_an_faq_page(client, world):
    faq = of_type(blocks_of(client, world["story"].url), "FAQPage")
    assert faq["mainEntity"] == [
        {
            "@type": "Question",
            "name": "What was agreed?",
            "acceptedAnswer": {"@type": "Answer", "text": "A phase-down of coal."},
        },
        {
            "@type": "Question",
            "name": "Who signed?",
            "acceptedAnswer": {
                "@type": "Answer",
                "text": "Nearly 200 countries. Some with reservations.",
            },
        },
    ]


def test_story_without_faqs_has_no_faq_page(client, world):
    blocks = blocks_of(client, world["no_faq"].url)
    assert [block["@type"] for block in blocks] == ["NewsArticle", "BreadcrumbList"]
    article = blocks[0]
    assert "image" not in article
    assert "keywords" not in article


def test_story_without_a_byline_is_credited_to_the_newsroom(client, world):
    # Google's Article guidelines want an author; agency copy names none.
    article = of_type(blocks_of(client, world["unsigned"].url), "NewsArticle")
    assert article["author"] == [
        {
            "@type": "NewsMediaOrganization",
            "@id": f"{SITE}/#organization",
            "name": "Broadsheet",
            "url": f"{SITE}/",
            "logo": {
                "@type": "ImageObject",
                "url": f"{SITE}/static/broadsheet/logo.png",
                "width": 512,
                "height": 512,
            },
        }
    ]
    assert article["author"] == [article["publisher"]]


def test_story_breadcrumbs_lead_home_then_section_then_story(client, world):
    story = world["story"]
    trail = of_type(blocks_of(client, story.url), "BreadcrumbList")
    assert trail["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Broadsheet", "item": f"{SITE}/"},
        {
            "@type": "ListItem",
            "position": 2,
            "name": "World",
            "item": f"{SITE}{section('world').url}",
        },
        {
            "@type": "ListItem",
            "position": 3,
            "name": "Climate summit agrees a deal",
            "item": f"{SITE}{story.url}",
        },
    ]


def test_section_front_has_its_breadcrumbs(client, world):
    trail = of_type(blocks_of(client, section("world").url), "BreadcrumbList")
    assert [item["name"] for item in trail["itemListElement"]] == [
        "Broadsheet",
        "World",
    ]


def test_front_page_describes_the_website_and_the_newsroom(client, world):
    blocks = blocks_of(client, "/")
    site = of_type(blocks, "WebSite")
    assert site["url"] == f"{SITE}/"
    assert site["name"] == "Broadsheet"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == (
        f"{SITE}/search/?q={{search_term_string}}"
    )
    assert action["query-input"] == "required name=search_term_string"
    organization = of_type(blocks, "NewsMediaOrganization")
    assert organization["name"] == "Broadsheet"
    assert organization["url"] == f"{SITE}/"
    assert organization["logo"]["url"] == f"{SITE}/static/broadsheet/logo.png"
    assert site["publisher"] == {"@id": organization["@id"]}
    # NewsMediaOrganization is schema.org's Organization for news publishers.
    assert "Organization" in vocabulary().ancestors("NewsMediaOrganization")


PAGES = {
    "home": lambda w: "/",
    "section": lambda w: section("world").url,
    "article": lambda w: w["story"].url,
    "article without FAQs": lambda w: w["no_faq"].url,
    "article without a byline": lambda w: w["unsigned"].url,
    "topic": lambda w: "/topics/climate/",
    "author": lambda w: author("Ada Lovelace").get_absolute_url(),
    "latest": lambda w: "/latest/",
}


@pytest.mark.parametrize("name", PAGES)
def test_json_ld_uses_only_schema_org_types_and_properties(client, world, name):
    for block in blocks_of(client, PAGES[name](world)):
        assert block["@context"] == "https://schema.org"
        assert vocabulary().problems(block) == []


def test_vocabulary_check_catches_made_up_names():
    made_up = {
        "@type": "NewsArticle",
        "headline": "x",
        "byline": "y",
        "author": {"@type": "Persn", "name": "z"},
        "logo": "not for articles",
    }
    assert vocabulary().problems(made_up) == [
        "$: unknown property byline",
        "$.author: unknown type Persn",
        "$: NewsArticle has no property logo",
    ]


if corpora.shared_present():  # CI always; never skipped for want of ../shared

    def test_the_kept_vocabulary_is_schema_orgs_published_one():
        published = corpora.FULL.path(
            "schemas/schema-org/schemaorg-current-https.jsonld"
        )
        assert vocabulary().tables() == Vocabulary.published(published).tables()


def test_a_headline_cannot_break_out_of_its_script_element(client, world):
    story = world["script"]
    response = client.get(story.url)
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    for script in page(response).find_all("script", type="application/ld+json"):
        assert "<" not in script.string and ">" not in script.string
        assert "&" not in script.string
    article = of_type(jsonld(page(response)), "NewsArticle")
    assert article["headline"] == SCRIPT_HEADLINE
    assert article["description"] == "<b>&</b>"


def test_script_escapes_what_would_end_the_element():
    text = builders.script({"headline": "</script><!--\u2028&"})
    assert str(text) == ('{"headline":"\\u003c/script\\u003e\\u003c!--\\u2028\\u0026"}')
