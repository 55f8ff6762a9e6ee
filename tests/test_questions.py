"""A question, or a line that only dates a section, states no claim: it links to another
of its kind, never to a statement."""

from __future__ import annotations

import pytest

import covdiff
from covdiff.questions import ASKS, DATES, STATES, is_question, mode

from .conftest import FIXTURES


@pytest.mark.parametrize(
    "text",
    [
        "What did the court decide",
        "Can the landlords still appeal",
        "Why did the city bring it in",
        "What happens if I break the rules",
        "What about savings",
        "Who voted for it",
        "Will rates go up again",
        "I am visiting Veldhaven, what changes for me",
    ],
)
def test_question_subheads_ask(text: str) -> None:
    assert is_question(text, heading=True)


@pytest.mark.parametrize(
    "text",
    [
        "How the fire spread",  # an explainer's title: it names its topic
        "Why Kim matters to Putin",
        "What the ruling means for tenants",
        "May inflation falls to 2%",
        "Red carpet welcome",
    ],
)
def test_explainer_titles_and_other_subheads_state(text: str) -> None:
    assert not is_question(text, heading=True)


def test_sentences_ask_only_with_a_question_mark() -> None:
    assert is_question("Is this the end of cheap holiday lets?", heading=False)
    assert not is_question("Who voted for it is not yet known.", heading=False)
    assert not is_question('He asked: "Why now?" and left.', heading=False)


def test_the_explainers_question_subheads_link_to_no_other_outlets_answer() -> None:
    # The court-ruling explainer asks "Why did the judges side with the city" and "Can the
    # landlords still appeal"; the tabloid's answers share their words ("Judges ... sided
    # with the city by a knife-edge 3-2"), which alone made them look like one claim.
    cmp = covdiff.compare([str(FIXTURES / "court-ruling")])
    explainer = next(s for s in cmp.sources if s.label == "explainer")
    asked = [s for s in explainer.sentences if s.text.startswith(("Why did the judges", "Can "))]
    assert len(asked) == 2
    for question in asked:
        assert cmp.links_of(question.id) == []
        assert any(c.sentences == (question.id,) for c in cmp.claims), "a claim of its own"


@pytest.mark.parametrize(
    ("text", "heading", "expected"),
    [
        ("Monday 10 March", True, DATES),
        ("Friday morning", True, DATES),
        ("March 10, 2025", True, DATES),
        ("What was taken", True, ASKS),
        ("Day of anger", True, STATES),
        ("Red carpet welcome", True, STATES),
        # In a sentence's place the same words are a statement's, not a label.
        ("Monday 10 March", False, STATES),
    ],
)
def test_what_a_line_does(text: str, heading: bool, expected: int) -> None:
    assert mode(text, heading=heading) == expected


def test_a_live_blogs_day_lines_link_to_no_other_outlets_sentence() -> None:
    # The mine-collapse live blog heads each of its four days ("Monday 10 March"); the wire's
    # "gave way at 14:20 on Monday, March 10" shares the date, and nothing else.
    cmp = covdiff.compare([str(FIXTURES / "mine-collapse")])
    live = next(s for s in cmp.sources if s.label == "live")
    days = [s for s in live.sentences if mode(s.text, heading=True) == DATES]
    assert len(days) == 5
    for day in days:
        assert cmp.links_of(day.id) == []
