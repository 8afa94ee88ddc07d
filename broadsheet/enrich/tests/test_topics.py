"""Topic names suggested from a story's key entities and keyphrases."""

import pytest

from broadsheet import corpora
from broadsheet.enrich.nlp import lexicon
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.nlp.topics import suggest_topic_names, title_case, topic_key
from broadsheet.enrich.tests.stories import demo_stories, news_stories

ECB_STORY = Story(
    headline="ECB holds interest rates as eurozone inflation cools",
    standfirst="The European Central Bank kept borrowing costs unchanged.",
    paragraphs=[
        "The European Central Bank (ECB) left interest rates unchanged on "
        "Thursday. Christine Lagarde, the president of the ECB, said inflation "
        "in the eurozone was cooling.",
        "Lagarde said interest rates would stay high until inflation was "
        "back at target. Inflation fell to 2.4 percent in May.",
        "Economists expect interest rates to fall later this year as "
        "inflation eases across the eurozone.",
    ],
)


def names(story, existing=(), limit=8):
    return [
        (s.name, s.existing) for s in suggest_topic_names(story, list(existing), limit)
    ]


def test_suggestions_come_from_names_and_keyphrases():
    suggested = [name for name, _ in names(ECB_STORY)]
    assert "European Central Bank" in suggested
    assert "Christine Lagarde" in suggested
    assert "Inflation" in suggested
    assert "Interest Rates" in suggested


def test_an_existing_topic_is_reused_under_its_own_spelling():
    existing = ["interest rate", "ECB", "INFLATION", "Eurozone"]
    suggested = dict(names(ECB_STORY, existing))
    assert suggested["interest rate"] is True  # plural folded
    assert suggested["ECB"] is True  # an alias of European Central Bank
    assert suggested["INFLATION"] is True  # case
    assert "European Central Bank" not in suggested
    assert "Interest Rates" not in suggested


def test_initials_match_an_existing_spelled_out_topic():
    story = Story(
        "FCA fines bank",
        paragraphs=[
            "The FCA fined the bank on Monday. The FCA said it was "
            "the largest fine this year."
        ],
    )
    assert ("Financial Conduct Authority", True) in names(
        story, ["Financial Conduct Authority"]
    )


def test_no_duplicates_stopwords_or_numbers():
    for story in demo_stories():
        suggested = names(story)
        keys = [topic_key(name) for name, _ in suggested]
        assert len(keys) == len(set(keys)), suggested
        for name, _ in suggested:
            assert name.lower() not in lexicon.STOPWORDS
            assert not name.replace(".", "").replace(",", "").isdigit()


def test_three_to_eight_suggestions_for_every_demo_story():
    for story in demo_stories():
        assert 3 <= len(names(story)) <= 8, story.headline


def test_limit_is_respected():
    assert len(names(ECB_STORY, limit=2)) == 2


def test_keyphrases_are_title_cased_sensibly():
    assert title_case("cost of living") == "Cost of Living"
    assert title_case("first-time buyers") == "First-Time Buyers"
    assert title_case("NHS waiting lists") == "NHS Waiting Lists"


def test_plural_and_case_share_a_key():
    assert topic_key("Interest Rates") == topic_key("interest rate")
    assert topic_key("The Federal Reserve") == topic_key("federal reserve")


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_news_stories_get_suggestions(corpus):
    stories = news_stories(corpus)
    for story in stories[::50] if corpus.full else stories:
        assert len(names(story)) >= 3, story.headline
