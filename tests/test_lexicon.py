"""Words news reports use for one another are read as one word; related words are not."""

from __future__ import annotations

import pytest

from covdiff.lexicon import concept
from covdiff.normalize import stem
from covdiff.similarity import features, overlap


def same(a: str, b: str) -> bool:
    return concept(stem(a)) == concept(stem(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("thanked", "gratitude"), ("troops", "soldiers"), ("treaty", "pact"),
        ("walkout", "strike"), ("wages", "pay"), ("commuters", "passengers"),
        ("placebo", "dummy"), ("collapsed", "caved"), ("attendance", "crowd"),
        ("Syrian", "Syria"), ("kilometres", "km"), ("kilograms", "kg"),
    ],
)  # fmt: skip
def test_swaps_news_writing_makes_are_one_word(a: str, b: str) -> None:
    assert same(a.lower(), b.lower())


@pytest.mark.parametrize(("a", "b"), [("rise", "fall"), ("win", "lose"), ("Russian", "Italian")])
def test_related_or_opposite_words_stay_apart(a: str, b: str) -> None:
    assert not same(a.lower(), b.lower())


def test_a_swap_counts_in_the_shared_weight_of_two_sentences() -> None:
    a = features("Rail workers began a walkout over wages.")
    b = features("Rail workers began a strike over pay.")
    c = features("Rail workers began a protest over hours.")
    assert overlap(a, b) > overlap(a, c)
