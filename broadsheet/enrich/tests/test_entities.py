"""Named entities and keyphrases: who and what a story is about."""

import pytest

from broadsheet import corpora
from broadsheet.enrich.nlp.entities import (
    ORGANISATION,
    PERSON,
    PLACE,
    key_entities,
)
from broadsheet.enrich.nlp.keyphrases import keyphrases, ranked_keyphrases
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.tests.stories import demo_stories, news_stories

ECB_STORY = Story(
    headline="Lagarde signals ECB will hold rates as inflation cools",
    standfirst="The European Central Bank kept borrowing costs unchanged.",
    paragraphs=[
        "The European Central Bank (ECB) left interest rates unchanged on "
        "Thursday. Christine Lagarde, the president of the ECB, said inflation "
        "in the eurozone was cooling.",
        "However, Lagarde warned that wage growth in Germany remained strong. "
        "Mr Blair was not there. Tony Blair later said interest rates mattered.",
        "The bank meets again in Frankfurt in June.",
    ],
)


def names(story, limit=10):
    return {entity.name: entity for entity in key_entities(story, limit)}


def test_an_acronym_introduced_in_brackets_is_an_alias():
    entity = names(ECB_STORY)["European Central Bank"]
    assert "ECB" in entity.aliases
    assert entity.kind == ORGANISATION
    assert entity.phrase == "the European Central Bank"


def test_a_surname_folds_into_the_full_name():
    found = names(ECB_STORY)
    assert "Lagarde" in found["Christine Lagarde"].aliases
    assert "Blair" in found["Tony Blair"].aliases  # from "Mr Blair"
    assert "Lagarde" not in found and "Blair" not in found


def test_kinds_come_from_cues_and_the_gazetteer():
    found = names(ECB_STORY)
    assert found["Christine Lagarde"].kind == PERSON
    assert found["Germany"].kind == PLACE
    assert found["Frankfurt"].kind == PLACE


def test_capitalised_common_words_are_not_names():
    found = names(ECB_STORY, limit=50)
    for word in ("However", "The", "Thursday", "June", "Mr"):
        assert word not in found


def test_mentions_are_sentence_indexes():
    entity = names(ECB_STORY)["Christine Lagarde"]
    assert entity.mentions == (1, 2)
    assert all("Lagarde" in ECB_STORY.sentences[i] for i in entity.mentions)


def test_the_headline_and_lead_make_a_name_salient():
    first = key_entities(ECB_STORY, limit=1)[0]
    assert first.name in ("European Central Bank", "Christine Lagarde")


def test_initials_match_an_unbracketed_acronym():
    story = Story(
        "Regulator fines bank",
        paragraphs=[
            "The Financial Conduct Authority fined the bank on Monday.",
            "The FCA said the fine was its largest this year.",
        ],
    )
    assert "FCA" in names(story)["Financial Conduct Authority"].aliases


def test_demo_story_about_the_fed_is_about_the_fed():
    story = demo_stories("business")[0]
    top = key_entities(story, limit=3)
    assert top[0].name == "Federal Reserve"
    assert top[0].article == "the"
    assert "Fed" in top[0].aliases


def test_keyphrases_are_the_story_s_common_noun_subjects():
    story = demo_stories("business")[0]
    found = keyphrases(story)
    assert "inflation" in found
    assert "borrowing costs" in found


def test_keyphrases_fold_plurals_and_skip_stopwords_and_numbers():
    story = Story(
        "Rates rise",
        paragraphs=[
            "The interest rate rose to 5 percent. Interest rates had been low.",
            "Economists said interest rates would rise again in 2025.",
        ],
    )
    found = keyphrases(story)
    assert [k for k in found if k.startswith("interest rate")] == [found[0]]
    for phrase in found:
        assert not phrase.isdigit()
        assert phrase not in ("the", "said", "percent", "would")


def test_a_keyphrase_knows_how_english_names_it():
    story = demo_stories("business")[0]
    ranked = {k.text: k for k in ranked_keyphrases(story)}
    assert ranked["inflation"].phrase == "inflation"  # a mass noun, bare
    assert ranked["borrowing costs"].plural


def test_every_demo_story_has_entities_and_keyphrases():
    for story in demo_stories():
        assert key_entities(story), story.headline
        assert len(keyphrases(story)) >= 3, story.headline


# A story's headline, a company it spells two ways, and a regulator it names
# in full once and by its acronym after.
SPELLINGS = {
    "repository": (
        "Advert sales lift Harland Media",
        ("Harland Media", "HarlandMedia"),
        ("Federal Media Commission", "FMC"),
    ),
    "full": (
        "Ad sales boost Time Warner",
        ("Time Warner", "TimeWarner"),
        ("Securities Exchange Commission", "SEC"),
    ),
}


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_spellings_of_one_company_are_one_entity(corpus):
    headline, (company, joined), (regulator, acronym) = SPELLINGS[corpus.name]
    story = next(s for s in news_stories(corpus) if s.headline.startswith(headline))
    found = names(story)
    assert joined in found[company].aliases
    named = next(e for e in found.values() if acronym in e.names)
    assert regulator in named.name
