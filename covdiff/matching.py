"""Which sentences of two sources state the same claim: the matching of one source pair.

Steps, each adding links only where the earlier ones left sentences free:

1. **anchors**: one-to-one pairs by descending score above the threshold, order-free, so
   outlets may tell the facts in any order;
2. **merges and splits**: an anchor absorbs an adjacent free sentence when the pair of
   sentences read together scores clearly higher; a free sentence that matches no single
   sentence may match two adjacent free ones;
3. **context**: a free pair between two anchored neighbours (the sentence before is linked
   to the sentence before, or the one after to the one after) is linked at a lower bar,
   since outlets that follow each other's order paraphrase more than they reorder;
4. **containment**: a free sentence whose content sits inside a longer sentence of the
   other source (which states several claims at once) is linked to it, when that longer
   sentence's other links do not already account for it.

A group is ``(a indices, b indices, score)``; indices on either side are adjacent.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from covdiff.similarity import Features, combine, containment, overlap, pair_score

MERGE_GAIN = 3.0
"""A merge must beat the one-to-one link by this many points, so it is never noise."""
MERGE_CONTAINMENT = 0.5
"""Share of the added sentence's weight that must appear on the other side."""
CONTEXT_FACTOR = 0.6
"""Share of the threshold a pair between anchored neighbours needs."""
CONTAIN_MIN = 0.65
"""Share of a sentence's weight that must sit inside the longer sentence."""
CONTAIN_WEIGHT = 5.0
"""Least shared weight for a containment link (about two rare words)."""


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
    fa: Sequence[Features],
    fb: Sequence[Features],
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
                ("b", gb, fb, taken_b, len(fb)),
                ("a", ga, fa, taken_a, len(fa)),
            ):
                for k in (group[0] - 1, group[-1] + 1):
                    if not 0 <= k < n or k in taken:
                        continue
                    new = tuple(sorted((*group, k)))
                    other = ga if side == "b" else gb
                    other_f = combine([(fa if side == "b" else fb)[x] for x in other])
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
    return groups


def _unmatched_merges(
    fa: Sequence[Features],
    fb: Sequence[Features],
    scores: np.ndarray,
    taken_a: set[int],
    taken_b: set[int],
    threshold: float,
) -> list[Group]:
    """A sentence that matches no single sentence but does match two adjacent ones."""
    out: list[Group] = []
    near = 0.6 * threshold
    for i in range(len(fa)):
        if i in taken_a:
            continue
        for j in range(len(fb) - 1):
            if j in taken_b or j + 1 in taken_b:
                continue
            if scores[i, j] < near or scores[i, j + 1] < near:
                continue
            s = pair_score(fa[i], combine([fb[j], fb[j + 1]]))
            if s >= threshold:
                out.append(((i,), (j, j + 1), s))
                taken_a.add(i)
                taken_b.update((j, j + 1))
                break
    for j in range(len(fb)):
        if j in taken_b:
            continue
        for i in range(len(fa) - 1):
            if i in taken_a or i + 1 in taken_a:
                continue
            if scores[i, j] < near or scores[i + 1, j] < near:
                continue
            s = pair_score(combine([fa[i], fa[i + 1]]), fb[j])
            if s >= threshold:
                out.append(((i, i + 1), (j,), s))
                taken_b.add(j)
                taken_a.update((i, i + 1))
                break
    return out


def match_sentences(
    fa: Sequence[Features],
    fb: Sequence[Features],
    scores: np.ndarray,
    *,
    threshold: float,
    subheads_a: frozenset[int] = frozenset(),
    subheads_b: frozenset[int] = frozenset(),
) -> list[Group]:
    """Groups of linked sentences of two sources, in no particular order.

    Subheads (``subheads_a``/``_b``) take part only in one-to-one anchors on their own
    words: they label a section rather than state a claim, so neither neighbourhood nor
    containment is evidence for them.
    """
    pairs = _greedy_matching(scores, threshold)
    groups = _grow_merges(fa, fb, scores, pairs, threshold)
    taken_a = {i for g in groups for i in g[0]}
    taken_b = {j for g in groups for j in g[1]}
    groups += _unmatched_merges(fa, fb, scores, taken_a, taken_b, threshold)
    # Subheads are marked taken for the evidence-based steps below, then released.
    free_a, free_b = subheads_a - taken_a, subheads_b - taken_b
    taken_a |= free_a
    taken_b |= free_b
    groups += _context_links(scores, groups, taken_a, taken_b, CONTEXT_FACTOR * threshold)
    groups += _containment_links(fa, fb, scores, groups, taken_a, taken_b, threshold)
    return groups


def _context_links(
    scores: np.ndarray,
    groups: Sequence[Group],
    taken_a: set[int],
    taken_b: set[int],
    bar: float,
) -> list[Group]:
    na, nb = scores.shape
    b_after = {max(g[0]): max(g[1]) for g in groups}  # last a of a group -> last b
    b_before = {min(g[0]): min(g[1]) for g in groups}
    out: list[Group] = []
    changed = True
    while changed:  # a filled pair is itself a neighbour for the next one
        changed = False
        for i in range(na):
            if i in taken_a:
                continue
            cands = []
            if i - 1 in b_after and b_after[i - 1] + 1 < nb:
                cands.append(b_after[i - 1] + 1)
            if i + 1 in b_before and b_before[i + 1] - 1 >= 0:
                cands.append(b_before[i + 1] - 1)
            best = max(
                (j for j in cands if j not in taken_b and scores[i, j] >= bar),
                key=lambda j: (scores[i, j], -j),
                default=None,
            )
            if best is None:
                continue
            out.append(((i,), (best,), float(scores[i, best])))
            taken_a.add(i)
            taken_b.add(best)
            b_after[i] = b_before[i] = best
            changed = True
    return out


def _containment_links(
    fa: Sequence[Features],
    fb: Sequence[Features],
    scores: np.ndarray,
    groups: Sequence[Group],
    taken_a: set[int],
    taken_b: set[int],
    threshold: float,
) -> list[Group]:
    partners_a: dict[int, list[int]] = {}
    partners_b: dict[int, list[int]] = {}
    for ga, gb, _ in groups:
        for i in ga:
            partners_a.setdefault(i, []).extend(gb)
        for j in gb:
            partners_b.setdefault(j, []).extend(ga)
    out: list[Group] = []
    for small, large, taken, partners_of_large, flip in (
        (fa, fb, taken_a, partners_b, False),
        (fb, fa, taken_b, partners_a, True),
    ):
        for x, fx in enumerate(small):
            if x in taken or fx.total <= 0:
                continue
            best: tuple[float, int] | None = None
            for y, fy in enumerate(large):
                if fy.total <= fx.total:
                    continue  # only into a longer sentence
                shared = overlap(fx, fy)
                if shared < CONTAIN_WEIGHT or shared / fx.total < CONTAIN_MIN:
                    continue
                # The longer sentence's existing partners must not already say this.
                if any(containment(fx, small[p]) >= MERGE_CONTAINMENT
                       for p in partners_of_large.get(y, [])):  # fmt: skip
                    continue
                cont = shared / fx.total
                if best is None or cont > best[0]:
                    best = (cont, y)
            if best is None:
                continue
            cont, y = best
            s = float(scores[y, x] if flip else scores[x, y])
            s = max(s, threshold)  # a containment link is a link, whatever its Dice says
            out.append(((y,), (x,), s) if flip else ((x,), (y,), s))
            taken.add(x)
    return out
