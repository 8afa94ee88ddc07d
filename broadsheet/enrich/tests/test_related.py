""" "You may also like": features and ranking, on the demo stories; no database."""

import json
import math
import re
from datetime import UTC, datetime, timedelta

import pytest

from broadsheet.enrich.nlp import ranking
from broadsheet.enrich.nlp.ranking import Features
from broadsheet.enrich.nlp.story import Story
from broadsheet.enrich.tests.stories import demo_stories

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)


@pytest.fixture(scope="module")
def stories():
    return demo_stories()


@pytest.fixture(scope="module")
def idf(stories):
    return ranking.idf_from(*ranking.document_frequencies(s.text for s in stories))


@pytest.fixture(scope="module")
def site(stories, idf):
    """Every demo story's features, with its topic; one a day, newest first."""
    return [
        (i, ranking.features(s, idf, [], [s.topic]), NOW - timedelta(days=i))
        for i, s in enumerate(stories)
    ]


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def unit(**weights: float) -> dict[str, float]:
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {term.replace("_", " "): w / norm for term, w in weights.items()}


# Features


def test_features_keep_the_heaviest_terms_at_unit_length(stories, idf):
    features = ranking.features(stories[0], idf, [], [])
    assert 0 < len(features.terms) <= ranking.TERMS_KEPT
    assert math.isclose(sum(w * w for w in features.terms.values()), 1.0)
    assert not set(features.terms) & {"the", "said", "and", "of"}


def test_headline_words_weigh_most(idf):
    story = Story(
        headline="Glacier melt speeds up",
        paragraphs=["Scientists measured the ice.", "Harbour traffic was normal."],
    )
    terms = ranking.top_terms(ranking.features(story, idf, [], []), 3)
    assert "glacier" in terms


def test_a_pair_of_words_counts_only_when_repeated(idf):
    story = Story(
        headline="Budget day",
        paragraphs=[
            "Interest rates rose as bond markets fell.",
            "Higher interest rates hurt borrowers.",
        ],
    )
    terms = ranking.features(story, idf, [], []).terms
    assert "interest rates" in terms
    assert "bond markets" not in terms  # once, in the body
    assert "budget day" in terms  # the headline's words count three times


def test_features_round_trip_through_json(stories, idf):
    features = ranking.features(
        stories[0], idf, ["Federal Reserve", "federal reserve", "Wall Street"], ["X"]
    )
    assert features.entities == ["Federal Reserve", "Wall Street"]  # one each
    again = Features.from_dict(json.loads(json.dumps(features.to_dict())))
    assert again.entities == features.entities
    assert again.topics == ["X"]
    assert again.section == stories[0].section
    assert again.terms.keys() == features.terms.keys()
    assert ranking.cosine(again.terms, features.terms) == pytest.approx(1, abs=1e-3)


def test_features_without_an_idf_table(stories):
    features = ranking.features(stories[0], None, [], [])
    assert features.terms
    assert math.isclose(sum(w * w for w in features.terms.values()), 1.0)


def test_an_empty_story_has_no_terms():
    assert ranking.features(Story(headline=""), None, [], []).terms == {}


def test_document_frequencies_count_stories_not_mentions():
    documents, frequencies = ranking.document_frequencies(
        ["Rates rise. Rates rise again.", "Rates fall.", "A striker scores."]
    )
    assert documents == 3
    assert frequencies["rates"] == 2
    assert "striker" not in frequencies  # in one story only: below MIN_DF


def test_idf_weighs_rare_terms_more_and_unknown_terms_most():
    idf = ranking.idf_from(100, {"rates": 50, "glacier": 2})
    assert idf["rates"] < idf["glacier"] < idf[ranking.UNSEEN]


def test_top_terms_and_query_words_heaviest_first():
    features = Features(terms=unit(rates=3, interest_rates=2, bank=1))
    assert ranking.top_terms(features, 2) == ["rates", "interest rates"]
    assert ranking.query_words(features, 3) == ["rates", "interest", "bank"]
    assert ranking.query_words(features, 1) == ["rates"]


def test_query_words_suit_the_search_backends(site):
    for _, features, _ in site:
        words = ranking.query_words(features, 12)
        assert 0 < len(words) <= 12
        assert len(set(words)) == len(words)
        assert all(re.fullmatch(r"\w+", word) for word in words)


# Ranking


def test_ranks_stories_on_the_same_subject_first(site, stories):
    fed = next(i for i, s in enumerate(stories) if "Federal Reserve" in s.headline)
    ranked = ranking.rank(site[fed][1], site, now=NOW, exclude_ids={fed})
    assert len(ranked) >= 4
    first = stories[ranked[0].id]
    assert first.topic == stories[fed].topic == "Interest Rates"
    assert ranked[0].reason == "Also about Interest Rates"
    assert [r.score for r in ranked] == sorted((r.score for r in ranked), reverse=True)


def test_most_shown_stories_share_the_section_or_topic(site, stories):
    shared = shown = 0
    for i, features, _ in site:
        for item in ranking.rank(features, site, now=NOW, exclude_ids={i})[:5]:
            shown += 1
            this, that = stories[i], stories[item.id]
            shared += this.section == that.section or this.topic == that.topic
    # Nine sections and 30 topics: by chance, about one in eight.
    assert shared / shown > 0.5


def test_never_shows_the_story_itself_or_a_copy(site):
    target = site[0][1]
    copy = ("wire-copy", Features.from_dict(target.to_dict()), days_ago(0))
    ranked = ranking.rank(target, [copy, *site], now=NOW, exclude_ids={0})
    ids = [r.id for r in ranked]
    assert 0 not in ids
    assert "wire-copy" not in ids
    # Even if the app forgets to exclude the story, its own text is a copy.
    assert 0 not in [r.id for r in ranking.rank(target, site, now=NOW)]


def test_shows_one_of_two_copies_of_another_story():
    target = Features(terms=unit(rates=1, inflation=1, bank=1))
    story = Features(terms=unit(rates=1, inflation=1, jobs=1))
    candidates = [
        ("first", story, days_ago(2)),
        ("refiled", Features(terms=dict(story.terms)), days_ago(1)),
        ("other", Features(terms=unit(bank=1, jobs=1)), days_ago(1)),
    ]
    ids = [r.id for r in ranking.rank(target, candidates, now=NOW)]
    assert ids == ["refiled", "other"]


def test_pins_come_first_in_the_editors_order(site):
    ranked = ranking.rank(
        site[0][1], site, now=NOW, pins=[40, "not-a-candidate", 30], exclude_ids={0}
    )
    assert [r.id for r in ranked[:3]] == [40, "not-a-candidate", 30]
    assert len(ranked) == 6
    assert len({r.id for r in ranked}) == 6  # a pin is not shown twice
    assert ranked[1].score == 0.0 and ranked[1].reason == ""


def test_pins_respect_exclusions_and_the_limit(site):
    ranked = ranking.rank(
        site[0][1], site, now=NOW, pins=[0, 5, 6, 7], exclude_ids={0}, limit=2
    )
    assert [r.id for r in ranked] == [5, 6]


def test_reason_names_a_shared_topic_first():
    target = Features(
        terms=unit(rates=1), topics=["Inflation", "Interest Rates"], entities=["ECB"]
    )
    candidate = Features(
        terms=unit(rates=1, euro=1), topics=["interest rates"], entities=["ECB"]
    )
    assert ranking.reason(target, candidate) == "Also about Interest Rates"


def test_reason_names_a_main_entity_of_both_stories():
    target = Features(terms={}, entities=["European Central Bank", "Lagarde"])
    candidate = Features(terms={}, entities=["Lagarde", "Frankfurt"])
    assert ranking.reason(target, candidate) == "Also about Lagarde"
    passing = Features(terms={}, entities=["A", "B", "C", "Lagarde"])
    assert ranking.reason(target, passing) == ""


def test_no_reason_for_likeness_of_words_or_a_section():
    target = Features(terms=unit(rates=1), section="Business")
    candidate = Features(terms=unit(rates=1, jobs=1), section="Business")
    assert ranking.reason(target, candidate) == ""


def test_recency_breaks_near_ties_only():
    target = Features(terms=unit(rates=1, inflation=1, bank=1, jobs=1))
    close = Features(terms=unit(rates=1, inflation=1, bank=1, wages=1))
    weaker = Features(terms=unit(rates=1, inflation=1, wages=1, pay=1, tax=1))
    twin = Features(terms=dict(close.terms))
    candidates = [
        ("old-close", close, days_ago(365)),
        ("new-weaker", weaker, days_ago(0)),
    ]
    assert [r.id for r in ranking.rank(target, candidates, now=NOW)] == [
        "old-close",
        "new-weaker",
    ]
    # The same likeness: the fresher story first.
    candidates = [("old", close, days_ago(90)), ("new", twin, days_ago(1))]
    ranked = ranking.rank(target, candidates, now=NOW)
    # (Twins are near-copies: only the fresher is shown.)
    assert [r.id for r in ranked] == ["new"]
    similar = Features(terms=unit(rates=1, inflation=1, bank=1, pay=1))
    candidates = [("old", close, days_ago(90)), ("new", similar, days_ago(1))]
    assert [r.id for r in ranking.rank(target, candidates, now=NOW)] == ["new", "old"]


def test_shared_topic_and_section_lift_a_story():
    target = Features(terms=unit(rates=1, bank=1, jobs=1), topics=["Rates"])
    target.section = "Business"

    def alike(*others, **fields):  # shares "rates" and "bank" with the target
        return Features(
            terms=unit(rates=1, bank=1, **dict.fromkeys(others, 1)), **fields
        )

    candidates = [
        ("plain", alike("a1", "a2"), days_ago(1)),  # cosine 0.58
        ("topical", alike("b1", "b2", "b3", topics=["rates"]), days_ago(1)),  # 0.52
        ("section", alike("c1", "c2", "c3", section="business"), days_ago(1)),
        ("neither", alike("d1", "d2", "d3"), days_ago(1)),
    ]
    ranked = ranking.rank(target, candidates, now=NOW)
    assert [r.id for r in ranked] == ["topical", "plain", "section", "neither"]


def test_leaves_out_stories_with_only_the_section_in_common():
    target = Features(terms=unit(rates=1), section="Business")
    unrelated = Features(terms=unit(football=1), section="Business")
    assert ranking.rank(target, [(1, unrelated, days_ago(1))], now=NOW) == []


def test_respects_the_limit_and_ignores_repeated_candidates(site):
    doubled = site + site
    ranked = ranking.rank(site[0][1], doubled, now=NOW, exclude_ids={0}, limit=3)
    assert len(ranked) == 3
    assert len({r.id for r in ranked}) == 3


def test_a_story_without_a_date_counts_as_old():
    target = Features(terms=unit(rates=1, bank=1))
    same = Features(terms=unit(rates=1, bank=1, jobs=1))
    candidates = [("undated", same, None), ("dated", Features(dict(same.terms)), NOW)]
    ranked = ranking.rank(target, candidates, now=NOW)
    assert ranked[0].id == "dated"
