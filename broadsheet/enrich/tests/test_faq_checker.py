"""bench/faq_focus.py: the independent check that an answer answers its
question (its focus is the answer's subject or object; its type matches the
answer's cue). It imports nothing from the generator, so its figure is not
the generator agreeing with itself."""

import ast
from pathlib import Path

import pytest

from bench import faq_focus
from bench.faq_focus import check, clauses, read_question


@pytest.mark.parametrize(
    ("question", "kind", "focus"),
    [
        ("What is the latest news about Marek Dorn?", "lead", "Marek Dorn"),
        ("What is Ilya Koval seeking from the summit?", "purpose", "Ilya Koval"),
        ("What does Russia hope to gain from the talks?", "purpose", "Russia"),
        ("How have the EU and Japan responded?", "reaction", "the EU and Japan"),
        ("What could the deal mean for Tarsia?", "consequence", "the deal"),
        ("What are the concerns about the summit?", "concern", "the summit"),
        ("What happens next for the two leaders?", "next", "the two leaders"),
        ("Who is Christine Lagarde?", "who", "Christine Lagarde"),
        ("What did the Bank of England say?", "said", "the Bank of England"),
        ("How much have profits risen?", "figures", "profits"),
        ("Why has the happoshu been a mainstay of profits?", "cause", "the happoshu"),
        ("What is happening in Ukraine?", "general", "Ukraine"),
    ],
)  # fmt: skip
def test_a_question_is_read_for_its_type_and_focus(question, kind, focus):
    assert read_question(question) == faq_focus.Reading(kind, focus)


def test_a_clause_has_its_subject_and_object():
    [clause] = clauses("Washington and Seoul condemned the meeting on Tuesday.")
    assert clause.subject == ["Washington", "and", "Seoul"]
    assert ["the", "meeting"] in clause.objects


def test_what_someone_said_is_the_object_of_the_saying():
    found = clauses("Analysts said the deal would violate United Nations sanctions.")
    objects = [" ".join(o) for c in found for o in c.objects]
    assert "the deal" in objects


def test_the_focus_must_be_the_subject_or_object_not_a_passing_mention():
    answer = (
        "Moscow wants the munitions for its war in Ukraine, officials in "
        "Washington said."
    )
    assert not check("What is happening in Ukraine?", answer).focus_ok
    assert check("What does Moscow want?", answer).ok


def test_a_surname_an_acronym_or_a_pronoun_after_the_name_counts():
    assert check("What did Tony Blair say?", "Mr Blair said the talks went well.").ok
    assert check(
        "What did the London Stock Exchange say?",
        "Share trading will begin on 15 December, the LSE said.",
    ).ok
    assert check(
        "What did Tony Blair say?",
        "Mr Blair arrived in Paris on Monday. He said the talks were useful.",
    ).focus_ok


def test_the_type_must_match_the_answer_s_cue():
    answer = "Koval met Dorn at the station on Tuesday."
    assert not check("What is Ilya Koval seeking?", answer).type_ok
    assert check("What is Koval seeking?", "Koval is seeking shells.").type_ok
    assert not check("How has Japan responded?", "Japan imports oil.").type_ok


def test_who_needs_a_role_and_never_the_closing_paragraph():
    answer = "Christine Lagarde, the president of the ECB, spoke in Frankfurt."
    assert check("Who is Christine Lagarde?", answer, (1,), [0, 1, 2]).ok
    closing = check("Who is Christine Lagarde?", answer, (2,), [0, 1, 2])
    assert closing.focus_ok and not closing.type_ok
    assert not check("Who is Christine Lagarde?", "Lagarde spoke.").type_ok


def test_the_lead_must_come_from_the_opening():
    answer = "The bank raised rates on Thursday."
    assert check("What is the latest news about the bank?", answer, (0,)).ok
    assert not check("What is the latest news about the bank?", answer, (9,)).ok


def test_the_checker_shares_no_code_with_the_generator():
    tree = ast.parse(Path(faq_focus.__file__).read_text())
    runner = {
        id(node)
        for function in ast.walk(tree)
        if isinstance(function, ast.FunctionDef) and function.name == "main"
        for node in ast.walk(function)
    }  # main() runs the generator; it judges nothing
    imported = [
        node.module or ""
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and id(node) not in runner
    ]
    # The one import from the project: the sentence splitter, to know each
    # sentence's paragraph (the closing-paragraph rule).
    assert [m for m in imported if m.startswith("broadsheet")] == [
        "broadsheet.enrich.nlp.text"
    ]
