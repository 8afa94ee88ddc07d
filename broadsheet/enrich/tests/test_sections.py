"""The section classifier, trained on the demo stories: no database."""

from collections import defaultdict

import pytest
import sklearn

from broadsheet.enrich.nlp import section_model
from broadsheet.enrich.tests.stories import demo_stories

HELD_OUT = 2  # of the seven demo stories in each section


@pytest.fixture(scope="module")
def split():
    by_section = defaultdict(list)
    for story in demo_stories():
        by_section[story.section].append(story)
    train = [s for stories in by_section.values() for s in stories[HELD_OUT:]]
    test = [s for stories in by_section.values() for s in stories[:HELD_OUT]]
    return train, test


@pytest.fixture(scope="module")
def model(split):
    train, _ = split
    return section_model.train([s.text for s in train], [s.section for s in train])


def test_files_held_out_stories_in_their_sections(model, split):
    _, test = split
    guesses = model.predict_many([s.text for s in test])
    right = [label == s.section for (label, _), s in zip(guesses, test, strict=True)]
    # Five stories a section to learn from: most, not all, land right.
    assert sum(right) >= 0.8 * len(test)


def test_stories_it_is_sure_of_are_filed_rightly(model, split):
    _, test = split
    guesses = model.predict_many([s.text for s in test])
    sure = [
        (label, story.section)
        for (label, confidence), story in zip(guesses, test, strict=True)
        if confidence >= section_model.DEFAULT_THRESHOLD
    ]
    assert sure, "some held-out stories should be clear-cut"
    assert all(label == section for label, section in sure)


def test_confidence_is_a_probability_and_predict_agrees(model, split):
    _, test = split
    guesses = model.predict_many([s.text for s in test])
    assert all(0 <= confidence <= 1 for _, confidence in guesses)
    assert model.predict(test[0].text) == guesses[0]
    assert model.predict_many([]) == []


def test_knows_its_sections(model):
    assert model.sections == sorted({s.section for s in demo_stories()})
    assert model.trained_on == 5 * 9


def test_round_trips_through_bytes(model, split):
    _, test = split
    texts = [s.text for s in test]
    data = model.dumps()
    assert isinstance(data, bytes)
    assert section_model.SectionModel.loads(data).predict_many(texts) == (
        model.predict_many(texts)
    )
    # A BinaryField may hand back a memoryview.
    assert section_model.SectionModel.loads(memoryview(data)).sections == model.sections


def test_refuses_a_model_from_another_scikit_learn(model):
    data = model.dumps().replace(sklearn.__version__.encode(), b"0.1.0", 1)
    with pytest.raises(section_model.IncompatibleModel, match="0.1.0.*Retrain"):
        section_model.SectionModel.loads(data)


def test_refuses_a_model_of_another_format(model, monkeypatch):
    data = model.dumps()
    monkeypatch.setattr(
        section_model, "FORMAT_VERSION", section_model.FORMAT_VERSION + 1
    )
    with pytest.raises(section_model.IncompatibleModel, match="Retrain"):
        section_model.SectionModel.loads(data)


def test_refuses_bytes_that_are_no_model():
    with pytest.raises(section_model.IncompatibleModel):
        section_model.SectionModel.loads(b"not a model at all")


def test_refuses_a_single_section():
    stories = demo_stories("business")
    with pytest.raises(section_model.NotEnoughStories, match="at least 2 sections"):
        section_model.train([s.text for s in stories], [s.section for s in stories])


def test_refuses_a_section_with_too_few_stories():
    stories = demo_stories("business") + demo_stories("sports")[:3]
    with pytest.raises(section_model.NotEnoughStories, match=r"sports \(3\)") as raised:
        section_model.train([s.text for s in stories], [s.section for s in stories])
    assert raised.value.short_sections == {"sports": 3}
    assert isinstance(raised.value, ValueError)  # what the command catches


def test_refuses_texts_and_labels_of_different_lengths():
    with pytest.raises(ValueError, match="2 texts but 1 labels"):
        section_model.train(["a", "b"], ["world"])


def test_two_sections_are_enough():
    stories = demo_stories("business") + demo_stories("sports")
    model = section_model.train([s.text for s in stories], [s.section for s in stories])
    label, confidence = model.predict(
        "Striker scores twice as the home side win the cup final on penalties"
    )
    assert label == "sports"
    assert 0.5 < confidence <= 1


def test_clean_text_undoes_wire_escapes():
    raw = (
        "Rocketeers chase the  #36;10 million prize\\team &lt;b&gt;Bold&lt;/b&gt; "
        "quot;Go,quot; said Texas Instruments &lt;TXN.N&gt; &amp;amp; co"
    )
    assert section_model.clean_text(raw) == (
        "rocketeers chase the  $10 million prize team  bold  "
        '"go," said texas instruments <txn.n> & co'
    )
