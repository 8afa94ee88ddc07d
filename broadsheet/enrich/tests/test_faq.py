"""The offline FAQ: grounded, distinct, readable questions about the story."""

import re

import pytest

from bench import faq_focus
from broadsheet import corpora
from broadsheet.enrich.nlp import faq
from broadsheet.enrich.nlp.entities import key_entities
from broadsheet.enrich.nlp.grounding import support
from broadsheet.enrich.nlp.keyphrases import keyphrases
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.tests.stories import SUMMIT, demo_stories, news_stories

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


def test_questions_name_a_key_name_or_their_answer_s_own_subject():
    pairs = [(pair, story) for story in DEMO for pair in faq.generate(story)]
    naming = [names_a_top_subject(pair.question, story) for pair, story in pairs]
    assert sum(naming) / len(pairs) >= 0.75
    # The rest ask about their answer's subject as the story words it ("How
    # have environmental groups responded?", "What happens next for the two
    # task forces?"), which is not among the story's ten top names and
    # keyphrases: the independent check agrees they are about their answer.
    others = [
        faq_focus.check(pair.question, pair.answer, pair.sources)
        for (pair, _), named in zip(pairs, naming, strict=True)
        if not named
    ]
    assert sum(v.ok for v in others) / len(others) >= 0.95


def test_answers_are_one_to_three_adjacent_sentences():
    for story in DEMO:
        for pair in faq.generate(story):
            first, last = pair.sources[0], pair.sources[-1]
            assert 1 <= len(pair.sources) <= 3
            assert pair.sources == tuple(range(first, last + 1))


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


def pairs_by_answer(story):
    """{the answer's first words: the pair}, to find a sentence's question."""
    return {pair.answer[:40]: pair for pair in faq.generate(story)}


def verdicts(story):
    paragraphs = faq_focus.paragraph_index(story)
    return [
        faq_focus.check(p.question, p.answer, p.sources, paragraphs)
        for p in faq.generate(story)
    ]


# The summit (issue 14): why the leaders meet, what each wants, the
# sanctions at stake and how others reacted; not "What is happening in X?"
# answered by a sentence that mentions X.


def test_a_summit_faq_asks_what_each_side_wants():
    pairs = pairs_by_answer(SUMMIT)
    koval = pairs["Koval is seeking artillery shells and an"]
    dorn = pairs["Dorn hopes to gain food aid, hard curren"]
    assert koval.question == "What is Ilya Koval seeking from the summit?"
    assert dorn.question == "What does Marek Dorn hope to gain from the summit?"


def test_a_summit_faq_asks_what_is_at_stake_and_how_others_reacted():
    pairs = pairs_by_answer(SUMMIT)
    sanctions = pairs["Any arms transfer between the two countr"]
    assert sanctions.question.startswith("What could the arms transfer mean for")
    assert "United Nations Security Council" in sanctions.question
    reaction = pairs["The European Union and Japan condemned t"]
    assert reaction.question == (
        "How have the European Union and Japan responded to the summit?"
    )


def test_a_summit_faq_leads_with_the_news_and_mixes_its_questions():
    made = faq.generate(SUMMIT)
    assert made[0].sources == (0,)
    assert made[0].question == "What is the latest news about Marek Dorn?"
    kinds = {verdict.kind for verdict in verdicts(SUMMIT)}
    assert {"lead", "purpose", "reaction", "consequence"} <= kinds
    assert len(made) == 6


def test_a_summit_faq_asks_nothing_its_answer_only_mentions():
    closing = len(SUMMIT.paragraphs) - 1
    for pair in faq.generate(SUMMIT):
        assert not pair.question.startswith(("What is happening in", "How is"))
        assert closing not in pair.sources  # the summary introduces nobody
    assert all(verdict.ok for verdict in verdicts(SUMMIT))


# Question types from what the sentences do


def story_of(*paragraphs, headline="Talks open in Geneva"):
    return Story(headline=headline, paragraphs=list(paragraphs))


LEAD = (
    "Trade ministers from Norland and Sudova opened two days of talks in Geneva "
    "on Monday on a new customs agreement."
)


@pytest.mark.parametrize(
    ("sentence", "question"),
    [
        (
            "Norland is seeking lower tariffs on its farm exports.",
            "What is Norland seeking from the talks?",
        ),
        (
            "Any agreement would violate the terms of the regional free trade pact.",
            "What could the agreement mean?",
        ),
        (
            "Farmers' unions in Sudova condemned the talks as a betrayal.",
            "How have farmers' unions responded to the talks?",
        ),
        (
            "Exporters fear the customs agreement could raise their costs.",
            "What are the concerns about the customs agreement?",
        ),
    ],
)
def test_the_cue_of_a_sentence_decides_its_question(sentence, question):
    story = story_of(
        LEAD,
        sentence,
        "Officials from both countries met again on Tuesday morning.",
        "The ministers are expected to announce the outcome on Wednesday.",
    )
    questions = [pair.question for pair in faq.generate(story)]
    assert question in questions


def test_what_happens_next_comes_from_the_end_of_the_story():
    story = story_of(
        LEAD,
        "Norland is seeking lower tariffs on its farm exports.",
        "Sudova wants guarantees for its car makers.",
        "The ministers are expected to announce the outcome on Wednesday.",
    )
    pairs = pairs_by_answer(story)
    question = pairs["The ministers are expected to announce t"].question
    assert question in (
        "What happens next for ministers?",
        "What happens next for the ministers?",
    )


def test_every_demo_question_is_about_its_answer_s_subject_or_object():
    checked = [v for story in DEMO for v in verdicts(story)]
    assert sum(v.ok for v in checked) / len(checked) >= 0.9


def test_most_demo_faqs_mix_three_types_or_more():
    mixed = [len({v.kind for v in verdicts(story)}) >= 3 for story in DEMO]
    assert sum(mixed) / len(mixed) >= 0.9


def test_the_lead_question_comes_first():
    for story in DEMO:
        first = faq.generate(story)[0]
        assert first.question.startswith("What is the latest news")
        assert first.sources[0] <= 2


def test_an_answer_takes_along_the_sentences_that_lean_on_it():
    story = story_of(
        LEAD,
        "Helena Marsh, the Norland trade minister, said the talks had been "
        "constructive. She added that a deal was possible by the summer.",
        "Sudova wants guarantees for its car makers.",
    )
    said = next(p for p in faq.generate(story) if "Helena Marsh" in p.question)
    assert said.sources == (1, 2)
    assert said.answer.endswith("a deal was possible by the summer.")


def test_who_is_never_answered_by_the_closing_summary():
    story = story_of(
        LEAD,
        "Norland is seeking lower tariffs on its farm exports.",
        "Sudova wants guarantees for its car makers.",
        "Helena Marsh, the Norland trade minister, has led the talks since 2021 "
        "and rarely speaks to reporters.",
    )
    questions = [pair.question for pair in faq.generate(story)]
    assert "Who is Helena Marsh?" not in questions


@pytest.mark.parametrize("corpus", corpora.each(), ids=str)
def test_targets_hold_on_news_stories(corpus):
    from bench.eval_faq import evaluate

    stories = news_stories(corpus)
    figures = evaluate(stories[::10] if corpus.full else stories)
    assert figures["grounding_rate"] == 1.0
    assert figures["mean_pairs"] >= 5
    assert figures["articles_under_4"] <= 0.02 * figures["articles"]
    assert figures["duplicate_questions"] == 0
    assert figures["naming_rate"] >= 0.8
    assert figures["shortest_question_words"] >= 4
    # Issue 14: 54.5% before, 96.2% after on the whole corpus, measured by
    # the same checker (docs/benchmarks.md).
    # The goal is on BBC; the repository's twelve stand-ins (62 pairs) are too
    # few for a share that fine: 58 of 62 pass there.
    assert figures["focus_match"] >= (0.95 if corpus.full else 0.9)
    assert figures["varied"] >= 0.9


# More of what the sentences support: figures, who said what, what became of
# someone, and a short story still gets four pairs.


def test_a_figure_about_a_thing_asks_what_the_figures_show():
    story = story_of(
        LEAD,
        "The proposed customs agreement includes trade worth $4bn a year.",
        "Officials from both countries met again on Tuesday morning.",
        headline="Talks open in Geneva on customs agreement",
    )
    questions = [pair.question for pair in faq.generate(story)]
    assert "What do the figures show about the customs agreement?" in questions


def test_a_speaker_named_after_said_with_a_title_is_asked_about():
    story = story_of(
        "Trade ministers from Norland and Sudova opened talks in Geneva on Monday.",
        "Helena Marsh, the Norland trade minister, arrived on Sunday evening.",
        '"We are here to reach a deal before the summer," said Mrs Marsh.',
    )
    said = [p for p in faq.generate(story) if "Helena Marsh say" in p.question]
    assert [pair.sources for pair in said] == [(2,)]


def test_a_second_quotation_gets_its_own_question_about_what_it_says():
    story = story_of(
        LEAD,
        "Helena Marsh, the Norland trade minister, said the tariffs on farm "
        "exports were the main obstacle.",
        "Sudova wants guarantees for its car makers.",
        "Mrs Marsh said the customs agreement could be signed in the summer.",
        "Mrs Marsh said farm exports would be protected by quotas.",
    )
    said = [p for p in faq.generate(story) if "Helena Marsh say" in p.question]
    assert len(said) == 2 and len({pair.question for pair in said}) == 2
    assert all(verdict.ok for verdict in verdicts(story))


def test_what_became_of_someone_is_what_happened_to_them():
    story = story_of(
        "Norland's trade minister Helena Marsh resigned on Monday after the "
        "collapse of talks with Sudova.",
        "The talks broke down over tariffs on farm exports.",
        "Piotr Lind, her deputy, resigned on Tuesday.",
        headline="Norland minister quits",
    )
    questions = [pair.question for pair in faq.generate(story)]
    assert "What happened to Piotr Lind?" in questions


def test_a_short_story_about_one_person_still_gets_four_pairs():
    story = Story(
        headline="Varga eyes return",
        paragraphs=[
            "Tennis player Lena Varga says she will return to the tour in March "
            "after six months out with a knee injury.",
            "Varga won the Eastbrook Open in 2019 and reached the final of the "
            "Carrow Classic a year later.",
            "Varga has been training in Madrid since January.",
            "The Eastbrook Open starts on 3 March and its organisers have "
            "offered her a wildcard.",
        ],
    )
    made = faq.generate(story)
    assert len(made) == 4
    assert all(verdict.ok for verdict in verdicts(story))


def test_a_role_before_a_name_is_no_verb():
    from broadsheet.enrich.nlp import clauses

    text = "Hollywood star Tom Hanks was in London for the premiere."
    reading = clauses.read(text)
    assert reading.subject.of(text) == "Hollywood star Tom Hanks"
    assert reading.verb == "was"


def test_verbs_the_keyphrase_reading_took_for_nouns_are_not_asked_about():
    story = story_of(
        "Mark Philippoussis withdrew from the Sydney tournament on Sunday.",
        "His participation in the Australian Open remains in doubt.",
        "Philippoussis suffered a groin injury during the Hopman Cup.",
        headline="Injury sidelines Philippoussis",
    )
    assert all("withdrew" not in pair.question for pair in faq.generate(story))
