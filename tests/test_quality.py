"""Alignment quality on the hand-made gold of the fixture events, held to pinned floors.

The floors live in ``quality_floors.json``; ``python -m covdiff.gold score fixtures/events/*``
prints the same figures per event.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from covdiff.gold import score_events

from .conftest import EVENT_DIRS

FLOORS = json.loads((Path(__file__).parent / "quality_floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pooled():
    results = score_events(EVENT_DIRS)
    return results["ALL"]


def test_every_gold_sentence_is_found_by_the_segmenter(pooled) -> None:
    assert pooled.problems == []


def test_link_f1_stays_above_its_floor(pooled) -> None:
    assert pooled.links.f1 >= FLOORS["link_f1"]


def test_unique_f1_stays_above_its_floor(pooled) -> None:
    assert pooled.unique.f1 >= FLOORS["unique_f1"]


def test_conflicts_stay_above_their_floors(pooled) -> None:
    assert pooled.conflicts.precision >= FLOORS["conflict_precision"]
    assert pooled.conflicts.recall >= FLOORS["conflict_recall"]


def test_same_wording_is_precise(pooled) -> None:
    assert pooled.same.precision >= FLOORS["same_precision"]


def test_claims_group_what_the_gold_groups(pooled) -> None:
    # Pairs of sentences of different sources that share a claim: what the claim view shows.
    assert pooled.claims.f1 >= FLOORS["claims_f1"]
