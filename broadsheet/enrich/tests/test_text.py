"""Sentence splitting: what FAQ answers are quoted from."""

import pytest

from broadsheet.enrich.nlp.text import split_sentences, words
from broadsheet.enrich.tests.stories import demo_stories


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "Mr. Smith went to Washington. He met Dr. Jones at St. Paul's.",
            ["Mr. Smith went to Washington.", "He met Dr. Jones at St. Paul's."],
        ),
        (
            "Mrs Brown and Mr Blair met. They talked.",
            ["Mrs Brown and Mr Blair met.", "They talked."],
        ),
        (
            "Shares in Apple Inc. rose 3.5% to $1.13bn. The rally continued.",
            ["Shares in Apple Inc. rose 3.5% to $1.13bn.", "The rally continued."],
        ),
        (
            "The U.S. economy grew. He moved to the U.K. The firm agreed.",
            ["The U.S. economy grew.", "He moved to the U.K.", "The firm agreed."],
        ),
        (
            "J. K. Rowling wrote it. George W. Bush read it.",
            ["J. K. Rowling wrote it.", "George W. Bush read it."],
        ),
        (
            "The vote is on Jan. 5 at No. 10 Downing Street. It is close.",
            ["The vote is on Jan. 5 at No. 10 Downing Street.", "It is close."],
        ),
        (
            '"We are pleased," said Mr Blair. "It is a good day." Then he left.',
            [
                '"We are pleased," said Mr Blair.',
                '"It is a good day."',
                "Then he left.",
            ],
        ),
        (
            '"Is this the end?" she asked. It was not.',
            ['"Is this the end?" she asked.', "It was not."],
        ),
        (
            "He paused... Then he left. Was it over? Nobody knew!",
            ["He paused...", "Then he left.", "Was it over?", "Nobody knew!"],
        ),
        (
            "Growth slowed to 0.4% \u2013 the weakest since 2001. Prices rose.",
            ["Growth slowed to 0.4% \u2013 the weakest since 2001.", "Prices rose."],
        ),
        ("eBay said so. iTunes sales rose.", ["eBay said so.", "iTunes sales rose."]),
        (
            "Corp. profits fell at Acme Corp. The shares slid.",
            ["Corp. profits fell at Acme Corp.", "The shares slid."],
        ),
        (
            "It ended at 10 p.m. The next day was quiet.",
            ["It ended at 10 p.m.", "The next day was quiet."],
        ),
        ("A subhead without a full stop", ["A subhead without a full stop"]),
    ],
)
def test_tricky_sentences_split_where_a_reader_would(paragraph, expected):
    assert split_sentences(paragraph) == expected


def test_a_line_break_ends_a_sentence():
    assert split_sentences("First line\nSecond line.") == ["First line", "Second line."]


def test_blank_text_has_no_sentences():
    assert split_sentences("") == []
    assert split_sentences("   \n  ") == []


def test_a_stray_closing_quote_stays_with_its_sentence():
    assert split_sentences('He said: "No." ') == ['He said: "No."']


def test_every_sentence_is_an_exact_slice_of_its_paragraph():
    for story in demo_stories():
        for paragraph in story.paragraphs:
            sentences = split_sentences(paragraph)
            assert all(sentences), paragraph
            position = 0
            for sentence in sentences:
                found = paragraph.find(sentence, position)
                assert found >= 0, sentence
                position = found + len(sentence)


def test_words_remember_possessives_and_capitals():
    found = words("Time Warner's profits rose, eBay said.")
    assert [w.text for w in found] == [
        "Time",
        "Warner",
        "profits",
        "rose",
        "eBay",
        "said",
    ]
    assert found[1].possessive
    assert found[0].initial and not found[1].initial
    assert found[4].capitalised and not found[2].capitalised


def test_phrase_spans_find_whole_words_like_phrase_pattern():
    from broadsheet.enrich.nlp.text import phrase_pattern, phrase_spans

    text = "Blair met the Blairites; Mr Blair, not blair_x, spoke. Blair"
    for phrase in ("Blair", "blair", "Mr Blair", "Blairites", ""):
        expected = [m.span() for m in phrase_pattern(phrase).finditer(text)]
        assert list(phrase_spans(text, phrase)) == (expected if phrase else [])
