"""The newsroom's other content, edited through the admin: photos with their
caption, credit and alt text; topics and authors as snippets; the site blurb
and Editors' Picks. Each test checks what a reader then sees.
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.models import Site
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from broadsheet import testing
from broadsheet.home.models import SiteSettings
from broadsheet.images.models import NewsImage
from broadsheet.news.models import Author, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return testing.logged_in(testing.make_author_user("arthur"))


def form_fields(response):
    """Names of the fields in the admin's editor form."""
    assert response.status_code == 200
    form = testing.parse(response).find("form", id="w-editor-form")
    return {field.get("name") for field in form.find_all(["input", "textarea"])}


def denied(response):
    """Wagtail answers a forbidden admin action with a 403 or a redirect away."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def jpeg_upload(name="harbour.jpg"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (10, 90, 160)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


# --- photos ----------------------------------------------------------------------


def test_image_add_and_edit_forms_ask_for_caption_credit_and_alt_text(editor):
    image = testing.make_image()

    for url in (
        reverse("wagtailimages:add"),
        reverse("wagtailimages:edit", args=(image.pk,)),
    ):
        fields = form_fields(editor.get(url))
        assert {"title", "caption", "credit", "alt_text"} <= fields, url


def test_editor_uploads_a_photo_with_caption_credit_and_alt_text(editor):
    response = editor.post(
        reverse("wagtailimages:add"),
        {
            "title": "Harbour at dawn",
            "file": jpeg_upload(),
            "caption": "Fishing boats leave the harbour.",
            "credit": "Jane Doe/AP",
            "alt_text": "Three fishing boats on a calm sea at sunrise",
            "tags": "",
            "description": "",
        },
    )

    assert response.status_code == 302
    image = NewsImage.objects.get(title="Harbour at dawn")
    assert image.caption == "Fishing boats leave the harbour."
    assert image.credit == "Jane Doe/AP"
    assert image.alt_text == "Three fishing boats on a calm sea at sunrise"
    assert image.width == 800


def test_alt_text_saved_in_the_admin_is_what_the_story_image_says(editor, reader):
    image = testing.make_image("Harbour", caption="Boats leave.", credit="AP")
    story = testing.make_article(
        "Fishing fleet returns",
        lead_image=image,
        body=[
            ("paragraph", "<p>The fleet is back.</p>"),
            ("image", {"image": image, "caption": ""}),
        ],
    )

    response = editor.post(
        reverse("wagtailimages:edit", args=(image.pk,)),
        {
            "title": "Harbour",
            "caption": "Boats leave the harbour at dawn.",
            "credit": "Jane Doe/AP",
            "alt_text": "Three fishing boats on a calm sea",
            "tags": "",
            "description": "",
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.alt_text == "Three fishing boats on a calm sea"

    soup = testing.parse(reader.get(story.url))
    lead = soup.select_one(".story__lead-image")
    assert lead.find("img")["alt"] == "Three fishing boats on a calm sea"
    caption = lead.find("figcaption").get_text(" ", strip=True)
    assert caption == "Boats leave the harbour at dawn. Jane Doe/AP"
    inline = soup.select_one(".story__body figure.inline-image")
    assert inline.find("img")["alt"] == "Three fishing boats on a calm sea"
    assert "Jane Doe/AP" in inline.find("figcaption").get_text()


def test_image_without_alt_text_falls_back_to_its_caption(reader):
    image = testing.make_image("IMG_2041.jpg", caption="Boats leave the harbour.")
    story = testing.make_article("Fishing fleet returns", lead_image=image)

    soup = testing.parse(reader.get(story.url))

    assert soup.select_one(".story__lead-image img")["alt"] == (
        "Boats leave the harbour."
    )


# --- topics and authors are snippets ----------------------------------------------


def test_editor_adds_a_topic_and_readers_find_its_page(editor, reader):
    add_url = reverse("wagtailsnippets_news_topic:add")
    assert {"name", "slug", "description"} <= form_fields(editor.get(add_url))

    response = editor.post(
        add_url,
        {
            "name": "Climate",
            "slug": "climate",
            "description": "Our coverage of a warming planet.",
        },
    )

    assert response.status_code == 302
    topic = Topic.objects.get(slug="climate")
    assert topic.name == "Climate"
    story = testing.make_article("Glaciers retreat", topic_name="Climate")
    page = reader.get(reverse("news:topic", args=["climate"]))
    assert page.status_code == 200
    soup = testing.parse(page)
    assert soup.find("h1").get_text() == "Climate"
    assert "Our coverage of a warming planet." in soup.get_text()
    assert [a.get_text() for a in soup.select("main .teaser__headline a")] == [
        story.title
    ]


def test_editor_renames_a_topic_and_the_story_label_follows(editor, reader):
    story = testing.make_article("Glaciers retreat", topic_name="Climate")
    topic = Topic.objects.get(name="Climate")

    response = editor.post(
        reverse("wagtailsnippets_news_topic:edit", args=(topic.pk,)),
        {"name": "Climate crisis", "slug": "climate", "description": ""},
    )

    assert response.status_code == 302
    soup = testing.parse(reader.get(story.url))
    assert soup.select_one(".story__labels .label").get_text() == "Climate crisis"


def test_topics_and_authors_are_listed_in_the_admin_for_the_newsroom(editor, author):
    testing.topic("Climate")
    testing.author("Jane Reporter")

    for client in (editor, author):
        topics = client.get(reverse("wagtailsnippets_news_topic:list"))
        assert topics.status_code == 200
        assert "Climate" in testing.parse(topics).get_text()
        authors = client.get(reverse("wagtailsnippets_news_author:list"))
        assert authors.status_code == 200
        assert "Jane Reporter" in testing.parse(authors).get_text()


def test_author_cannot_delete_a_topic(author, reader):
    topic = testing.topic("Climate")
    testing.make_article("Glaciers retreat", topic_name="Climate")
    delete_url = reverse("wagtailsnippets_news_topic:delete", args=(topic.pk,))

    assert denied(author.get(delete_url))
    assert denied(author.post(delete_url))

    assert Topic.objects.filter(pk=topic.pk).exists()
    assert reader.get(reverse("news:topic", args=["climate"])).status_code == 200


def test_author_can_add_a_topic_but_not_rename_one(author):
    response = author.post(
        reverse("wagtailsnippets_news_topic:add"),
        {"name": "Space", "slug": "space", "description": ""},
    )
    assert response.status_code == 302
    space = Topic.objects.get(slug="space")

    response = author.post(
        reverse("wagtailsnippets_news_topic:edit", args=(space.pk,)),
        {"name": "Outer space", "slug": "space", "description": ""},
    )

    assert denied(response)
    space.refresh_from_db()
    assert space.name == "Space"


def test_editor_updates_an_author_profile_readers_see(editor, reader):
    jane = testing.author("Jane Reporter")
    testing.make_article("Glaciers retreat", authors=["Jane Reporter"])

    response = editor.post(
        reverse("wagtailsnippets_news_author:edit", args=(jane.pk,)),
        {
            "name": "Jane Reporter",
            "slug": jane.slug,
            "job_title": "Science correspondent",
            "bio": "Jane covers the polar regions.",
            "photo": "",
            "user": "",
        },
    )

    assert response.status_code == 302
    soup = testing.parse(reader.get(Author.objects.get(pk=jane.pk).get_absolute_url()))
    assert "Science correspondent" in soup.select_one(".page-header").get_text()
    assert "Jane covers the polar regions." in soup.get_text()
    assert "Glaciers retreat" in soup.select_one("main .story-list").get_text()


# --- the blurb and Editors' Picks ----------------------------------------------------


def settings_url():
    site = Site.objects.get(is_default_site=True)
    return reverse("wagtailsettings:edit", args=("home", "sitesettings", site.pk))


def settings_form(blurb, picks=()):
    return nested_form_data(
        {
            "blurb": blurb,
            "editors_picks": inline_formset(
                [{"article": str(story.pk)} for story in picks]
            ),
        }
    )


def rail(reader, url="/"):
    response = reader.get(url)
    assert response.status_code == 200
    return testing.parse(response).select_one("aside.rail")


def blurb_in(rail_soup):
    block = rail_soup.select_one(".rail__blurb")
    return block.get_text(" ", strip=True) if block else None


def picks_in(rail_soup):
    heading = rail_soup.find(id="rail-picks")
    if heading is None:
        return []
    return [a.get_text() for a in heading.find_parent("section").select("li a")]


def test_editor_sets_the_blurb_and_picks_and_every_reader_page_shows_them(
    editor, reader
):
    first = testing.make_article("Glaciers retreat", "world")
    second = testing.make_article("Markets rally", "business")
    testing.make_article("Local team wins", "sports")
    # Readers have already seen the pages, so their rail is cached.
    for url in ("/", first.url, testing.section("world").url):
        assert blurb_in(rail(reader, url)) is None
        assert picks_in(rail(reader, url)) == []

    form = form_fields(editor.get(settings_url()))
    assert "blurb" in form and "editors_picks-TOTAL_FORMS" in form
    response = editor.post(
        settings_url(),
        settings_form("Broadsheet is an independent newsroom.", [second, first]),
    )

    assert response.status_code == 302
    for url in ("/", first.url, testing.section("world").url):
        shown = rail(reader, url)
        assert "Broadsheet is an independent newsroom." in blurb_in(shown), url
        assert picks_in(shown) == ["Markets rally", "Glaciers retreat"], url


def test_a_second_blurb_edit_replaces_the_first_on_pages_already_viewed(editor, reader):
    story = testing.make_article("Glaciers retreat")
    editor.post(settings_url(), settings_form("First blurb."))
    assert "First blurb." in blurb_in(rail(reader, story.url))

    settings = SiteSettings.objects.get()
    pick = testing.make_article("Markets rally", "business")
    response = editor.post(
        settings_url(),
        nested_form_data(
            {
                "blurb": "Second blurb.",
                "editors_picks": inline_formset([{"article": str(pick.pk)}]),
            }
        ),
    )

    assert response.status_code == 302
    settings.refresh_from_db()
    assert settings.blurb == "Second blurb."
    shown = rail(reader, story.url)
    assert "Second blurb." in blurb_in(shown)
    assert "First blurb." not in blurb_in(shown)
    assert picks_in(shown) == ["Markets rally"]


def test_removing_a_pick_in_the_admin_takes_it_off_reader_pages(editor, reader):
    first = testing.make_article("Glaciers retreat", "world")
    second = testing.make_article("Markets rally", "business")
    editor.post(settings_url(), settings_form("About us.", [first, second]))
    assert picks_in(rail(reader)) == ["Glaciers retreat", "Markets rally"]
    picks = list(SiteSettings.objects.get().editors_picks.order_by("sort_order"))

    response = editor.post(
        settings_url(),
        nested_form_data(
            {
                "blurb": "About us.",
                "editors_picks": inline_formset(
                    [
                        {"article": str(first.pk), "id": str(picks[0].pk)},
                        {
                            "article": str(second.pk),
                            "id": str(picks[1].pk),
                            "DELETE": "1",
                        },
                    ],
                    initial=2,
                ),
            }
        ),
    )

    assert response.status_code == 302
    assert picks_in(rail(reader)) == ["Glaciers retreat"]


def test_a_pick_that_is_unpublished_disappears_from_the_picks(editor, reader):
    kept = testing.make_article("Glaciers retreat", "world")
    pulled = testing.make_article("Retracted claim", "world")
    editor.post(settings_url(), settings_form("About us.", [pulled, kept]))
    assert picks_in(rail(reader)) == ["Retracted claim", "Glaciers retreat"]

    editor.post(reverse("wagtailadmin_pages:unpublish", args=(pulled.pk,)))

    assert picks_in(rail(reader)) == ["Glaciers retreat"]


def test_author_cannot_change_the_site_settings(author, reader):
    response = author.post(settings_url(), settings_form("Hijacked blurb."))

    assert denied(response)
    assert blurb_in(rail(reader)) is None
