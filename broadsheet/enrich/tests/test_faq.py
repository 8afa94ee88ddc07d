"""The offline FAQ: grounded, distinct, readable questions about the story."""

import re

import pytest

from broadsheet.enrich.nlp import faq
from broadsheet.enrich.nlp.entities import key_entities
from broadsheet.enrich.nlp.grounding import support
from broadsheet.enrich.nlp.keyphrases import keyphrases
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.tests.stories import BBC, bbc_stories, demo_stories

DEMO = demo_stories()


def normal(question):
    return " ".join(re.findall(r"\w+", question.lower()))


def names_a_top_subject(question, story):
    names = [n for e in key_entities(story, 10) for n in e.names]
    subjects = [n.lower() for n in names + keyphrases(story, 10)]
    question = question.lower()
    return any(re.search(rf"(?<!\w){re.escape(s)}(?!\w)", question) for s in subjects)


def test_every_demo_answer_is_quoted_from_its_sentences():
    for story in DEMO:
        for pair in faq.generate(story):
            assert support(pair.answer, story.sentences) == pair.sources, pair


def test_every_demo_story_gets_four_to_six_pairs():
    for story in DEMO:
        assert 4 <= len(faq.generate(story)) <= 6, story.headline


def test_questions_are_distinct_questions_of_four_words_or_more():
    for story in DEMO:
        questions = [pair.question for pair in faq.generate(story)]
        assert len({normal(q) for q in questions}) == len(questions)
        for question in questions:
            assert question.endswith("?") and question[0].isupper()
            assert len(question.split()) >= 4, question


def test_no_two_answers_share_a_sentence():
    for story in DEMO:
        sources = [i for pair in faq.generate(story) for i in pair.sources]
        assert len(sources) == len(set(sources)), story.headline


def test_questions_name_the_story_s_key_entities_or_keyphrases():
    questions = [
        (pair.question, story) for story in DEMO for pair in faq.generate(story)
    ]
    naming = sum(names_a_top_subject(q, story) for q, story in questions)
    assert naming / len(questions) >= 0.9


def test_answers_are_one_or_two_sentences():
    for story in DEMO:
        assert all(1 <= len(pair.sources) <= 2 for pair in faq.generate(story))


def test_the_generator_is_deterministic():
    story = DEMO[7]
    assert faq.generate(story) == faq.generate(story)


def test_max_pairs_is_respected():
    assert len(faq.generate(DEMO[0], max_pairs=2)) == 2


def test_a_story_without_sentences_gets_no_faq():
    assert faq.generate(Story(headline="Nothing yet")) == []


BLAIR = Story(
    headline="Blair hails Paris talks",
    paragraphs=[
        "Prime Minister Tony Blair held talks in Paris on Monday with "
        "President Jacques Chirac about the future of the European Union.",
        "Mr Blair arrived in the French capital after a visit to Berlin. "
        "He said the talks had been friendly and useful for both countries.",
        "Officials expect the two leaders will meet again in London next "
        "month to discuss the budget of the European Union.",
    ],
)


def test_an_answer_that_says_he_includes_the_sentence_naming_him():
    pairs = {pair.question: pair for pair in faq.generate(BLAIR)}
    said = pairs["What did Tony Blair say?"]
    assert said.answer.startswith("Mr Blair arrived")
    assert said.sources == (1, 2)


def test_a_question_reads_with_the_full_name_and_its_article():
    questions = [pair.question for pair in faq.generate(BLAIR)]
    assert "What is the latest news about Tony Blair?" in questions
    assert all("Mr Blair" not in q for q in questions)


def test_a_role_after_a_name_answers_who_someone_is():
    story = Story(
        headline="Central bank holds rates",
        paragraphs=[
            "The Bank of England kept interest rates at 4% on Thursday.",
            "Andrew Bailey, the governor of the Bank of England, said inflation "
            "was falling faster than expected.",
            "Economists said the bank would probably cut rates in the spring.",
        ],
    )
    pairs = {pair.question: pair.answer for pair in faq.generate(story)}
    assert pairs["Who is Andrew Bailey?"].startswith("Andrew Bailey, the governor")


def test_a_cause_after_an_auxiliary_becomes_a_why_question():
    story = Story(
        headline="Eastbrook awaits verdict",
        paragraphs=[
            "Eastbrook lost the final to Carrow State on Sunday by three points.",
            "Eastbrook is still expected to receive a place in the tournament "
            "because of its strong record against ranked teams.",
        ],
    )
    questions = [pair.question for pair in faq.generate(story, max_pairs=6)]
    assert (
        "Why is Eastbrook still expected to receive a place in the tournament?"
        in questions
    )


def test_grounding_backtracks_past_a_sentence_that_only_begins_another():
    sentences = ["Rates rose", "Rates rose sharply.", "Prices fell."]
    assert support("Rates rose sharply. Prices fell.", sentences) == (1, 2)
    assert support("Rates rose", ["Rates rose sharply."]) is None


@pytest.mark.skipif(not BBC.exists(), reason="BBC corpus not in ../shared")
def test_bbc_targets_hold_on_a_sample():
    from bench.eval_faq import evaluate

    figures = evaluate(bbc_stories()[::10])
    assert figures["grounding_rate"] == 1.0
    assert figures["mean_pairs"] >= 4
    assert figures["duplicate_questions"] == 0
    assert figures["naming_rate"] >= 0.8
    assert figures["shortest_question_words"] >= 4
