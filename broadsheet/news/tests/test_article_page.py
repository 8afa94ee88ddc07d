"""The article page as a reader sees it: every element, and the order they
are read in (DOM order, which is what a screen reader and a narrow phone
follow)."""

from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from wagtail.rich_text import RichText

from broadsheet.home.models import SiteSettings
from broadsheet.news.models import ArticleFAQ, ArticlePage, Topic
from broadsheet.testing import (
    author,
    block,
    heading,
    headlines,
    make_article,
    make_image,
    pick,
    read,
    section,
    shared_data,
    topic,
    words,
)

pytestmark = pytest.mark.django_db

BLURB = (
    "Broadsheet is a reader-funded newsroom.\n\nWe correct our mistakes in the open."
)


def build_world():
    """One fully dressed story and the stories around it, built once."""
    hours = timedelta(hours=1)
    # Related candidates: same topic in other sections, same section with
    # other topics, at ages chosen so "topic first" and "newest first"
    # give different answers.
    t_new = make_article(
        "Carbon markets jump", "business", topic_name="Climate", age=2 * hours
    )
    t_same = make_article(
        "Glaciers retreat faster", "world", topic_name="Climate", age=4 * hours
    )
    t_old = make_article(
        "Ocean heat hits record", "science", topic_name="Climate", age=5 * hours
    )
    s_new = make_article("Border talks resume", "world", age=1 * hours)
    s_old = make_article(
        "Election date set", "world", topic_name="Elections", age=6 * hours
    )
    unrelated = make_article(
        "Cup final goes to penalties",
        "sports",
        topic_name="Football",
        age=timedelta(minutes=30),
    )
    draft = make_article(
        "Climate draft not yet approved", "world", topic_name="Climate", publish=False
    )

    lead = make_image(
        "summit",
        caption="Delegates arrive at the summit in Geneva.",
        credit="Jane Doe/AP",
        alt_text="Delegates walking past a row of national flags",
    )
    inline = make_image(
        "glacier",
        width=1200,
        height=800,
        caption="The Rhône glacier in August.",
        credit="Sam Roe/Reuters",
        alt_text="A tongue of grey ice above a meltwater lake",
    )
    body = [
        (
            "paragraph",
            RichText(
                "<p>Leaders from 190 countries met on Monday, "
                '<a href="https://example.org/report">a UN report</a> in hand, '
                f'after <a linktype="page" id="{t_new.pk}">markets moved</a>.</p>'
                "<ul><li>Cut emissions by half</li><li>Fund adaptation</li></ul>"
            ),
        ),
        ("subhead", "What was agreed"),
        (
            "quote",
            {"text": "We have no time to lose.", "attribution": "The summit chair"},
        ),
        ("image", {"image": inline, "caption": ""}),
        ("paragraph", RichText("<p>Talks continue on Friday.</p>")),
    ]
    story = make_article(
        "Climate summit opens in Geneva",
        "world",
        topic_name="Climate",
        authors=("Ada Lovelace", "Grace Hopper"),
        standfirst="The first day ends without a deal.",
        lead_image=lead,
        body=body,
        faqs=[
            ("What is the summit for?", "To agree cuts.\nAnd to fund them."),
            ("Who attends?", "190 countries."),
            ("When does it end?", "On Friday."),
        ],
        age=3 * hours,
    )
    # The editors' order, not the order the questions were typed in.
    for question, position in [
        ("Who attends?", 0),
        ("When does it end?", 1),
        ("What is the summit for?", 2),
    ]:
        ArticleFAQ.objects.filter(article=story, question=question).update(
            sort_order=position
        )
    Topic.objects.filter(name="Climate").update(
        description="Our reporting on the warming planet."
    )
    settings_ = SiteSettings.current()
    settings_.blurb = BLURB
    settings_.save()
    pick(t_old, s_new, unrelated)
    # Make the picture sizes once, here, rather than in every test.
    assert Client().get(story.url).status_code == 200
    return {
        "story": story,
        "lead": lead,
        "inline": inline,
        "t_new": t_new,
        "t_same": t_same,
        "t_old": t_old,
        "s_new": s_new,
        "s_old": s_old,
        "unrelated": unrelated,
        "draft": draft,
    }


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker, build_world) as data:
        yield data


@pytest.fixture
def page(client, world):
    return read(client.get(world["story"].url))


@pytest.fixture
def main(page):
    return page.find("main")


def document_order(soup, elements):
    """Each element's position in the document (a text node counts as its tag)."""
    positions = {id(tag): i for i, tag in enumerate(soup.find_all(True))}
    return [
        positions[id(getattr(e, "parent", e) if isinstance(e, str) else e)]
        for e in elements
    ]


def updated_time(root):
    for time in root.find_all("time"):
        if words(time.parent).startswith("Updated"):
            return time
    return None


# (1) Headline


def test_headline_is_the_pages_only_h1(main, page):
    assert [words(h) for h in page.find_all("h1")] == ["Climate summit opens in Geneva"]
    assert main.find("h1") is not None


# (2) Byline and dates


def test_byline_links_each_author_to_their_page_in_order(main):
    links = [
        main.find("a", href=author(name).get_absolute_url())
        for name in ("Ada Lovelace", "Grace Hopper")
    ]
    assert [words(a) for a in links] == ["Ada Lovelace", "Grace Hopper"]
    assert words(links[0].parent) == "By Ada Lovelace and Grace Hopper"
    assert document_order(main, links) == sorted(document_order(main, links))


def test_author_link_leads_to_the_authors_page(client, main):
    href = main.find("a", string="Ada Lovelace")["href"]
    assert heading(read(client.get(href)), "Ada Lovelace") is not None


def test_publication_time_is_machine_readable(main, world):
    published = main.find("time")
    assert datetime.fromisoformat(published["datetime"]) == (
        world["story"].first_published_at
    )
    assert str(timezone.localtime(world["story"].first_published_at).year) in words(
        published
    )


def test_story_marked_as_updated_shows_when(client, world):
    # Set on publish by broadsheet.corrections (a note, or the editor's
    # "tell readers this is an update"); its tests publish through Wagtail.
    story = world["story"]
    later = story.first_published_at + timedelta(minutes=6)
    ArticlePage.objects.filter(pk=story.pk).update(
        last_published_at=later, updated_at=later
    )

    updated = updated_time(read(client.get(story.url)).find("main"))

    assert updated is not None
    assert datetime.fromisoformat(updated["datetime"]) == later
    assert words(updated.parent).startswith("Updated ")


@pytest.mark.parametrize("minutes", [2, 5, 60 * 24])
def test_quiet_republish_shows_no_update(client, world, minutes):
    # Honest dates: a republish the editor did not mark (a typo fix) is no
    # update, however long after the story first went out.
    story = world["story"]
    later = story.first_published_at + timedelta(minutes=minutes)
    ArticlePage.objects.filter(pk=story.pk).update(last_published_at=later)

    main = read(client.get(story.url)).find("main")

    assert updated_time(main) is None
    assert "Updated" not in words(main.find("h1").find_parent("header"))


def test_story_never_republished_shows_no_update(main):
    assert updated_time(main) is None


# (3) Comment count


@pytest.mark.parametrize(
    ("count", "text"), [(0, "0 comments"), (1, "1 comment"), (12, "12 comments")]
)
def test_comment_count_reads_naturally_and_links_to_the_comments(
    client, world, count, text
):
    story = world["story"]
    ArticlePage.objects.filter(pk=story.pk).update(comment_count=count)

    page = read(client.get(story.url))

    link = page.find("main").find("a", href="#comments")
    assert words(link) == text
    assert page.find(id="comments") is not None


# (4) Topic label and section


def test_topic_label_links_to_the_topic_page(main):
    label = main.find("a", href=topic("Climate").get_absolute_url())
    assert words(label) == "Climate"


def test_section_link_leads_to_the_section_front(main):
    link = main.find("a", href=section("world").url)
    assert words(link) == "World"


# (5) Lead image


def test_lead_image_is_responsive_with_alt_text_caption_and_credit(main, world):
    lead = world["lead"]
    img = main.find("img", alt=lead.alt_text)
    assert img is not None, "the lead image's alt text is its own alt_text"
    figure = img.find_parent("figure")
    assert figure is not None

    candidates = [c.split() for c in img["srcset"].split(",")]
    assert len(candidates) >= 2
    assert all(len(c) == 2 and c[1].endswith("w") for c in candidates)
    assert img["sizes"]
    assert int(img["width"]) > 0 and int(img["height"]) > 0
    # Same shape as the picture, so the page does not jump as it loads.
    assert int(img["width"]) * lead.height == pytest.approx(
        int(img["height"]) * lead.width, rel=0.01
    )

    caption = words(figure.find("figcaption"))
    assert lead.caption in caption
    assert lead.credit in caption


def test_lead_image_loads_at_once_and_inline_images_lazily(main, world):
    lead = main.find("img", alt=world["lead"].alt_text)
    inline = main.find("img", alt=world["inline"].alt_text)
    assert lead.get("loading") != "lazy"
    assert inline["loading"] == "lazy"


# (6) Body


def test_body_renders_paragraphs_subheads_quotes_lists_links_and_images(main, world):
    assert main.find("p", string="Talks continue on Friday.") is not None
    opening = main.find(string=lambda s: s.startswith("Leaders from 190")).parent
    assert opening.name == "p"

    assert main.find("h2", string="What was agreed") is not None

    quote = main.find("blockquote")
    assert words(quote) == "We have no time to lose."
    assert words(quote.find_parent("figure").find("figcaption")) == "The summit chair"

    items = opening.find_next_sibling("ul").find_all("li")
    assert [words(li) for li in items] == ["Cut emissions by half", "Fund adaptation"]

    assert words(opening.find("a", href="https://example.org/report")) == (
        "a UN report"
    )
    internal = opening.find("a", string="markets moved")
    assert internal["href"] == world["t_new"].url

    inline = main.find("img", alt=world["inline"].alt_text)
    assert inline["srcset"] and inline["sizes"]
    caption = words(inline.find_parent("figure").find("figcaption"))
    assert "The Rhône glacier in August." in caption
    assert "Sam Roe/Reuters" in caption


# (7) FAQ


def test_faq_lists_the_questions_and_answers_in_the_editors_order(main):
    faq = block(main, "Frequently Asked Questions (FAQs) about Climate")
    assert faq is not None
    pairs = [
        (words(dt), words(dt.find_next_sibling("dd"))) for dt in faq.find_all("dt")
    ]
    assert pairs == [
        ("Who attends?", "190 countries."),
        ("When does it end?", "On Friday."),
        ("What is the summit for?", "To agree cuts. And to fund them."),
    ]


def test_story_without_faqs_has_no_faq_heading(client, world):
    page = read(client.get(world["t_new"].url))
    assert not page.find(string=lambda s: "Frequently Asked Questions" in s)


# (8) More about the topic


def test_more_about_the_topic_links_to_the_topic_page(main):
    more = block(main, "More about Climate")
    assert more is not None
    assert more.find("a", href=topic("Climate").get_absolute_url()) is not None
    assert "Our reporting on the warming planet." in words(more)


def test_story_without_a_topic_has_no_topic_label_or_more_about(client, world):
    main = read(client.get(world["s_new"].url)).find("main")
    header = main.find("h1").find_parent("header")
    assert not header.find("a", href=lambda h: h and h.startswith("/topics/"))
    assert not main.find(string=lambda s: s.startswith("More about"))


# (9) You may also like


def test_you_may_also_like_same_topic_first_then_same_section_newest_first(main, world):
    related = block(main, "You may also like")
    assert related is not None
    assert headlines(related) == [
        # Same topic, newest first, whatever their section...
        "Carbon markets jump",
        "Glaciers retreat faster",
        "Ocean heat hits record",
        # ...then the rest of the section, newest first.
        "Border talks resume",
        "Election date set",
    ]
    assert 3 <= len(headlines(related)) <= 6


def test_you_may_also_like_never_shows_the_story_itself_or_drafts(main, world):
    related = headlines(block(main, "You may also like"))
    assert world["story"].title not in related
    assert world["draft"].title not in related
    assert world["unrelated"].title not in related


def test_you_may_also_like_links_each_story(main, world):
    related = block(main, "You may also like")
    link = related.find("a", string="Carbon markets jump")
    assert link["href"] == world["t_new"].url


def test_you_may_also_like_stops_at_six_stories(client, world):
    for minutes in (10, 20, 30):
        make_article(
            f"Climate brief {minutes}",
            "health",
            topic_name="Climate",
            age=timedelta(minutes=minutes),
        )

    main = read(client.get(world["story"].url)).find("main")

    assert headlines(block(main, "You may also like")) == [
        "Climate brief 10",
        "Climate brief 20",
        "Climate brief 30",
        "Carbon markets jump",
        "Glaciers retreat faster",
        "Ocean heat hits record",
    ]


# (10) Comments


def test_leave_a_comment_block_is_the_comments_anchor(page):
    comments = page.find(id="comments")
    assert heading(comments, "Leave a Comment") is not None


# (11) Rail and footer


def test_rail_shows_the_site_blurb(page):
    rail = page.find("aside")
    paragraphs = [words(p) for p in rail.find_all("p")]
    assert "Broadsheet is a reader-funded newsroom." in paragraphs
    assert "We correct our mistakes in the open." in paragraphs


def test_rail_shows_editors_picks_in_the_editors_order(page):
    picks = block(page.find("aside"), "Editors' Picks")
    assert [words(a) for a in picks.find_all("a")] == [
        "Ocean heat hits record",
        "Border talks resume",
        "Cup final goes to penalties",
    ]


def test_rail_shows_latest_news_newest_first(page, world):
    latest = block(page.find("aside"), "Latest News")
    assert [words(a) for a in latest.find_all("a")] == [
        "Cup final goes to penalties",
        "Border talks resume",
        "Carbon markets jump",
        "Climate summit opens in Geneva",
        "Glaciers retreat faster",
        "Ocean heat hits record",
    ]
    assert latest.find("a", string="Border talks resume")["href"] == (
        world["s_new"].url
    )


def test_footer_shows_the_copyright_year_and_site_name(page):
    footer = page.select_one("body > footer")
    assert f"© {timezone.now().year} {settings.SITE_NAME}" in words(footer)


# Reading order


def test_elements_appear_in_reading_order(client, world):
    story = world["story"]
    later = story.first_published_at + timedelta(hours=1)
    ArticlePage.objects.filter(pk=story.pk).update(
        last_published_at=later, updated_at=later
    )
    page = read(client.get(story.url))
    main, rail = page.find("main"), page.find("aside")

    elements = [
        ("1 headline", main.find("h1")),
        ("2 byline", main.find("a", href=author("Ada Lovelace").get_absolute_url())),
        ("2 published", main.find("time")),
        ("2 updated", updated_time(main)),
        ("3 comment count", main.find("a", href="#comments")),
        ("4 topic label", main.find("a", href=topic("Climate").get_absolute_url())),
        ("4 section", main.find("a", href=section("world").url)),
        ("5 lead image", main.find("img", alt=world["lead"].alt_text)),
        ("5 lead caption", main.find(string=lambda s: "Delegates arrive" in s)),
        ("6 paragraph", main.find(string=lambda s: s.startswith("Leaders from"))),
        ("6 list", main.find("li", string="Cut emissions by half")),
        ("6 subhead", main.find("h2", string="What was agreed")),
        ("6 quote", main.find("blockquote")),
        ("6 inline image", main.find("img", alt=world["inline"].alt_text)),
        ("6 last paragraph", main.find("p", string="Talks continue on Friday.")),
        ("7 faq", heading(main, "Frequently Asked Questions (FAQs) about Climate")),
        ("8 more about", heading(main, "More about Climate")),
        ("9 related", heading(main, "You may also like")),
        ("10 comments", heading(main, "Leave a Comment")),
        ("11 blurb", rail.find("p", string="Broadsheet is a reader-funded newsroom.")),
        ("11 editors' picks", heading(rail, "Editors' Picks")),
        ("11 latest news", heading(rail, "Latest News")),
        ("11 copyright", page.find(string=lambda s: s.startswith("©"))),
    ]
    missing = [name for name, element in elements if element is None]
    assert not missing

    positions = document_order(page, [element for _, element in elements])
    in_page_order = [
        name
        for _, name in sorted(zip(positions, (n for n, _ in elements), strict=True))
    ]
    assert in_page_order == [name for name, _ in elements]
