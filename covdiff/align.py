"""Align N ≥ 2 segmented sources into links and N-way claims.

For every pair of sources the sentences are scored against each other
(`covdiff.similarity`), matched one to one greedily by descending score — order-free, so
outlets may tell the facts in any order — and then grown into one-to-many links where one
outlet's sentence merges two adjacent sentences of another. Each link is judged `same`,
`reworded` or `conflict` (`covdiff.facts`) and carries word-level edits
(`covdiff.edits`). Claims are the groups of sentences that links join across all sources
(`covdiff.claims`).

Guarantees: links only join sentences of two different sources; every sentence ends up in
at least one claim; the same input gives the same output.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from covdiff.claims import build_claims
from covdiff.edits import word_edits
from covdiff.facts import Facts, find_conflicts, merge_facts, sentence_facts
from covdiff.model import Comparison, Link, Relation, Source
from covdiff.options import Options
from covdiff.similarity import Features, combine, containment, features, pair_score, score_matrix

MERGE_GAIN = 3.0
"""A merge must beat the one-to-one link by this many points, so it is never noise."""
MERGE_CONTAINMENT = 0.5
"""Share of the added sentence's weight that must appear on the other side."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A source with each sentence's scoring features and facts, computed once."""

    source: Source
    feats: tuple[Features, ...]
    facts: tuple[Facts, ...]


def prepare(source: Source) -> Prepared:
    feats = tuple(features(s.text) for s in source.sentences)
    facts = tuple(sentence_facts(s.text, f.tokens) for s, f in zip(source.sentences, feats, strict=True))
    return Prepared(source, feats, facts)


def align(
    sources: Sequence[Source],
    *,
    options: Options | None = None,
    prepared: Sequence[Prepared] | None = None,
    warnings: Sequence[str] = (),
) -> Comparison:
    """Compare segmented sources; ``prepared`` lets a caller re-align without re-reading."""
    options = options or Options()
    prep = list(prepared) if prepared is not None else [prepare(s) for s in sources]
    ref_year = options.reference_year or infer_reference_year([p.source for p in prep])
    links: list[Link] = []
    for pa, pb in combinations(prep, 2):
        links.extend(align_pair(pa, pb, options=options, reference_year=ref_year))
    claims = build_claims([p.source for p in prep], links)
    return Comparison(
        sources=tuple(p.source for p in prep),
        claims=tuple(claims),
        links=tuple(links),
        threshold=options.threshold,
        warnings=tuple(warnings),
    )


def infer_reference_year(sources: Sequence[Source]) -> int | None:
    """The year the reports were written: from their dates, else None (no date arithmetic)."""
    years = [int(s.published[:4]) for s in sources if s.published and s.published[:4].isdigit()]
    return max(years) if years else None


def align_pair(
    pa: Prepared, pb: Prepared, *, options: Options, reference_year: int | None
) -> list[Link]:
    """Links between the sentences of two sources."""
    na, nb = len(pa.feats), len(pb.feats)
    if not na or not nb:
        return []
    scores = score_matrix(pa.feats, pb.feats, workers=options.workers)
    pairs = _greedy_matching(scores, options.threshold)
    groups = _grow_merges(pa, pb, scores, pairs, options.threshold)
    links = [
        _judge(pa, pb, ga, gb, score, options=options, reference_year=reference_year)
        for ga, gb, score in groups
    ]
    links.sort(key=lambda lk: (int(lk.a[0].rsplit(":", 1)[1]), int(lk.b[0].rsplit(":", 1)[1])))
    return links


def _greedy_matching(scores: np.ndarray, threshold: float) -> dict[int, tuple[int, float]]:
    """One-to-one pairs by descending score; ties broken by position for determinism."""
    ii, jj = np.nonzero(scores >= threshold)
    vals = scores[ii, jj]
    order = np.lexsort((jj, ii, -vals))
    used_b: set[int] = set()
    out: dict[int, tuple[int, float]] = {}
    for k in order:
        i, j = int(ii[k]), int(jj[k])
        if i in out or j in used_b:
            continue
        out[i] = (j, float(vals[k]))
        used_b.add(j)
    return out


Group = tuple[tuple[int, ...], tuple[int, ...], float]


def _grow_merges(
    pa: Prepared,
    pb: Prepared,
    scores: np.ndarray,
    pairs: dict[int, tuple[int, float]],
    threshold: float,
) -> list[Group]:
    """Turn one-to-one pairs into one-to-many links where a neighbour belongs to the claim."""
    b_of = {i: j for i, (j, _) in pairs.items()}
    a_of = {j: i for i, j in b_of.items()}
    groups: list[Group] = []
    taken_a: set[int] = set(b_of)
    taken_b: set[int] = set(a_of)
    for i in sorted(pairs):
        j, score = pairs[i]
        ga, gb = (i,), (j,)
        # Try to absorb an unmatched neighbour on either side, best gain first.
        for _ in range(2):
            best: tuple[float, tuple[int, ...], tuple[int, ...]] | None = None
            for side, group, feats, taken, n in (
                ("b", gb, pb.feats, taken_b, len(pb.feats)),
                ("a", ga, pa.feats, taken_a, len(pa.feats)),
            ):
                for k in (group[0] - 1, group[-1] + 1):
                    if not 0 <= k < n or k in taken:
                        continue
                    new = tuple(sorted((*group, k)))
                    other = ga if side == "b" else gb
                    other_f = combine([(pa.feats if side == "b" else pb.feats)[x] for x in other])
                    if containment(feats[k], other_f) < MERGE_CONTAINMENT:
                        continue
                    new_f = combine([feats[x] for x in new])
                    s = pair_score(other_f, new_f) if side == "b" else pair_score(new_f, other_f)
                    if s >= score + MERGE_GAIN and (best is None or s > best[0]):
                        best = (s, ga, new) if side == "b" else (s, new, gb)
            if best is None:
                break
            score, new_a, new_b = best
            taken_a.update(new_a)
            taken_b.update(new_b)
            ga, gb = new_a, new_b
        groups.append((ga, gb, score))
    groups.extend(_unmatched_merges(pa, pb, scores, taken_a, taken_b, threshold))
    return groups


def _unmatched_merges(
    pa: Prepared,
    pb: Prepared,
    scores: np.ndarray,
    taken_a: set[int],
    taken_b: set[int],
    threshold: float,
) -> list[Group]:
    """A sentence that matches no single sentence but does match two adjacent ones."""
    out: list[Group] = []
    near = 0.6 * threshold
    for i in range(len(pa.feats)):
        if i in taken_a:
            continue
        for j in range(len(pb.feats) - 1):
            if j in taken_b or j + 1 in taken_b:
                continue
            if scores[i, j] < near or scores[i, j + 1] < near:
                continue
            s = pair_score(pa.feats[i], combine([pb.feats[j], pb.feats[j + 1]]))
            if s >= threshold:
                out.append(((i,), (j, j + 1), s))
                taken_a.add(i)
                taken_b.update((j, j + 1))
                break
    for j in range(len(pb.feats)):
        if j in taken_b:
            continue
        for i in range(len(pa.feats) - 1):
            if i in taken_a or i + 1 in taken_a:
                continue
            if scores[i, j] < near or scores[i + 1, j] < near:
                continue
            s = pair_score(combine([pa.feats[i], pa.feats[i + 1]]), pb.feats[j])
            if s >= threshold:
                out.append(((i, i + 1), (j,), s))
                taken_b.add(j)
                taken_a.update((i, i + 1))
                break
    return out


def _judge(
    pa: Prepared,
    pb: Prepared,
    ga: tuple[int, ...],
    gb: tuple[int, ...],
    score: float,
    *,
    options: Options,
    reference_year: int | None,
) -> Link:
    fa = combine([pa.feats[i] for i in ga])
    fb = combine([pb.feats[j] for j in gb])
    conflicts = find_conflicts(
        merge_facts([pa.facts[i] for i in ga]),
        merge_facts([pb.facts[j] for j in gb]),
        reference_year=reference_year,
    )
    if conflicts:
        relation = Relation.CONFLICT
    elif fuzz.ratio(fa.full, fb.full) >= options.same_threshold:
        relation = Relation.SAME
    else:
        relation = Relation.REWORDED
    return Link(
        a=tuple(pa.source.sentences[i].id for i in ga),
        b=tuple(pb.source.sentences[j].id for j in gb),
        score=round(score, 1),
        relation=relation,
        conflicts=tuple(conflicts),
        edits=word_edits(fa.tokens, fb.tokens),
    )
