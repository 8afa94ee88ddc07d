"""Extractive standfirsts and meta descriptions."""

from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.nlp.summary import ELLIPSIS, cut, meta_description, standfirst
from broadsheet.enrich.tests.stories import demo_stories

LONG_LEAD = (
    "The Federal Reserve left its benchmark interest rate unchanged on Wednesday "
    "for the fourth consecutive meeting, keeping the federal funds rate in a "
    "range of 4.25 percent to 4.5 percent while officials waited for more data."
)


def without_standfirst(story):
    return Story(story.headline, "", story.paragraphs)


def test_the_meta_description_is_the_standfirst_when_it_fits():
    story = Story("Rates held", "The bank kept rates on hold.", ["Rates were held."])
    assert meta_description(story) == "The bank kept rates on hold."


def test_a_long_text_is_cut_at_a_word_boundary_with_an_ellipsis():
    description = meta_description(Story("Fed holds", "", [LONG_LEAD]))
    assert len(description) <= 160
    assert description.endswith(ELLIPSIS)
    assert LONG_LEAD.startswith(description[:-1])
    assert LONG_LEAD[len(description) - 1] == " "  # cut between words


def test_nothing_is_cut_that_fits():
    assert cut("Short and sweet.", 160) == "Short and sweet."
    assert ELLIPSIS not in cut("Short and sweet.", 16)


def test_the_description_takes_as_many_opening_sentences_as_fit():
    story = Story(
        "Bank holds",
        paragraphs=[
            "The bank held rates at 4% on Thursday. Markets had widely expected "
            "the decision. "
            "Economists said a cut could come in the spring, but the bank "
            "gave no sign of when that might be."
        ],
    )
    assert meta_description(story) == (
        "The bank held rates at 4% on Thursday. "
        "Markets had widely expected the decision."
    )


def test_a_sentence_that_leans_on_another_does_not_open_a_summary():
    story = Story(
        "Blair speaks",
        paragraphs=[
            "He said the talks went well. Tony Blair met Jacques Chirac in "
            "Paris on Monday to discuss the European budget."
        ],
    )
    assert standfirst(story).startswith("Tony Blair met")


def test_the_standfirst_is_one_or_two_sentences_under_300_characters():
    for story in demo_stories():
        text = standfirst(without_standfirst(story))
        assert 0 < len(text) <= 300, story.headline
        assert text[0].isupper()
        assert text.endswith((".", "!", ELLIPSIS, '"', "\u201d")), text


def test_every_demo_story_gets_a_meta_description_within_the_limit():
    for story in demo_stories():
        for limit in (160, 120):
            description = meta_description(without_standfirst(story), limit)
            assert 0 < len(description) <= limit
            assert description in " ".join(story.sentences) or description.endswith(
                ELLIPSIS
            )


def test_a_story_s_own_standfirst_is_kept():
    story = demo_stories("business")[0]
    assert standfirst(story) == story.standfirst


def test_an_empty_story_falls_back_to_its_headline():
    assert meta_description(Story("Just a headline")) == "Just a headline"
    assert standfirst(Story("Just a headline")) == ""
