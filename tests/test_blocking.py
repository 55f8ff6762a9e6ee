"""Candidate blocking makes large inputs cheap without losing links on the fixtures."""

from __future__ import annotations

from covdiff.gold import score_events
from covdiff.options import Options
from covdiff.pairs import FEATURES, candidates
from covdiff.similarity import features, pair_score

from .conftest import EVENT_DIRS


def test_blocking_loses_next_to_no_gold_link_on_the_fixtures() -> None:
    with_blocking = score_events(EVENT_DIRS, options=Options(blocking=True))["ALL"]
    without = score_events(EVENT_DIRS, options=Options(blocking=False))["ALL"]
    # On the fifty-two events of 2026-11-27, seven gold pairs of the 3,079 found without
    # blocking, link F1 0.7580 against 0.7586: each sentence keeps its best 12 candidates, and
    # the rivals a pair is measured against (the ranking evidence) are those candidates, so
    # a few decisions move.
    assert without.links.tp - with_blocking.links.tp <= without.links.tp // 200
    assert with_blocking.links.f1 >= without.links.f1 - 0.005


def test_candidates_are_the_pairs_that_share_a_word() -> None:
    a = [features(t) for t in ("Putin thanked Kim.", "Roses were given.", "Kim met Putin.")]
    b = [features(t) for t in ("Kim greeted Putin at the airport.", "The weather was fine.")]
    c = candidates(a, b, headings_a=[False] * 3, headings_b=[False] * 2)
    # Pairs sharing a word, (0, 0) and (2, 0), and the pair after sentence 0's best
    # candidate, (1, 1): a paraphrase next to a shared sentence may share no word at all.
    assert list(zip(c.rows.tolist(), c.cols.tolist(), strict=True)) == [(0, 0), (1, 1), (2, 0)]
    # The blended similarity of every candidate is the scalar pair score.
    for k, (i, j) in enumerate(zip(c.rows.tolist(), c.cols.tolist(), strict=True)):
        assert abs(c.blended[k] - pair_score(a[i], b[j])) < 1e-6


def test_crowded_words_still_count_in_the_overlap() -> None:
    a = [features(f"Putin spoke about topic {w}.") for w in ("alpha", "beta", "gamma")]
    b = [features(f"Putin talked about topic {w}.") for w in ("alpha", "beta", "gamma")]
    crowded = candidates(a, b, headings_a=[False] * 3, headings_b=[False] * 3, crowded=1)
    open_ = candidates(a, b, headings_a=[False] * 3, headings_b=[False] * 3, crowded=10_000)
    # With "putin", "topic" crowded out, only the distinctive word proposes pairs ...
    assert list(zip(crowded.rows.tolist(), crowded.cols.tolist(), strict=True)) == [
        (0, 0), (1, 1), (2, 2)
    ]  # fmt: skip
    # ... and those pairs keep the full score, and the full rarity the two share.
    rare = FEATURES.index("rare_dice")
    for k in range(3):
        i, j = int(crowded.rows[k]), int(crowded.cols[k])
        m = next(n for n in range(len(open_.rows)) if open_.rows[n] == i and open_.cols[n] == j)
        assert abs(crowded.blended[k] - open_.blended[m]) < 1e-6
        assert abs(crowded.evidence[rare, k] - open_.evidence[rare, m]) < 1e-9
