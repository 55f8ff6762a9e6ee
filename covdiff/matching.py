"""Which sentences of two sources state the same claim: the matching of one source pair.

Input: the candidate pairs of two sources (`covdiff.pairs.Candidates`) with the link
model's probability for each. Steps, each adding links only where the earlier ones left
sentences free:

1. **anchors**: one-to-one pairs by descending probability above the threshold,
   order-free, so outlets may tell the facts in any order;
2. **merges and splits**: an anchor absorbs an adjacent free sentence when the two read
   together match clearly better; a free sentence that matches no single sentence may
   match two adjacent free ones;
3. **context**: a free pair between two anchored neighbours (the sentence before is
   linked to the sentence before, or the one after to the one after) is linked at a lower
   bar, since outlets that follow each other's order paraphrase more than they reorder;
4. **containment**: a free sentence whose content sits inside a longer sentence of the
   other source (which states several claims at once), or that the link model finds
   clearly likely to state what that longer sentence states, is linked to it, when the
   longer sentence's other links do not already account for it;
5. **entry heads**: a live blog's timed entry head ("07:20 Four still missing") joins the
   link of the sentence under it, when the model finds the head itself plausible there:
   head and entry become one side of that link, so a fact the entry gets wrong is a
   conflict of the head too.

A group is ``(a indices, b indices)``; indices on either side are adjacent. Subheads take
part only in anchors and, for a live blog's entry heads, step 5: they label a section
rather than state a claim, so neither neighbourhood nor containment is evidence for them.
A subhead that does not open with a time, a match minute or an item number anchors only
to another subhead.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from covdiff.normalize import CLOCK_NORM
from covdiff.pairs import Candidates
from covdiff.similarity import Features, combine, containment, pair_score

MERGE_GAIN = 3.0
"""A merge must beat the one-to-one link's similarity by this many points."""
MERGE_CONTAINMENT = 0.5
"""Share of the added sentence's weight that must appear on the other side."""
MERGE_PART = 0.5
"""Share of the threshold each half of a merge found from scratch must reach."""
CONTEXT_FACTOR = 0.6
"""Share of the threshold a pair between anchored neighbours needs."""
CONTAIN_MIN = 0.65
"""Share of a sentence's weight that must sit inside the longer sentence."""
LIKELY_FACTOR = 1.6
"""Share of the threshold at which the link model's word alone makes a containment link
(the longer sentence already linked elsewhere). On the eleven fixture events, link F1 at
1.0, 1.3, 1.6 and 2.0: 0.717, 0.712, 0.712, 0.711 (0.707 without); at 1.0 conflict
precision fell from 0.745 to 0.736 and the first five events' claims F1 from 0.785 to
0.779, at 1.6 neither moved."""
HEAD_FACTOR = 0.3
"""Share of the threshold at which a live-blog entry head joins its entry's link: "07:20
Four still missing" heads the entry "Police say four people are still missing", and
states what the entry's counterpart states. On the nineteen fixture events, link F1
0.715 -> 0.721 and unique F1 0.791 -> 0.796 (0.719 and 0.793 at 0.6; at 0, every head
over a linked entry, 0.699). Lowered from 0.5 to 0.3 when the link model began weighing
how rare shared words are in the comparison (``rare_dice``), which rates short heads lower:
on thirty-seven events link F1 0.743, 0.745, 0.747, 0.747 at 0.5, 0.4, 0.3, 0.2 (conflict
precision 0.835, 0.834, 0.834, 0.832)."""
CONTAIN_WEIGHT = 5.0
"""Least shared weight for a containment link (about two rare words)."""

Group = tuple[tuple[int, ...], tuple[int, ...]]


class _Pairs:
    """Candidate lookups: probability and similarity by pair, candidates by row and column."""

    def __init__(self, cands: Candidates, prob: np.ndarray, floor: float) -> None:
        # Only pairs some step could use: the dictionaries stay small on large inputs.
        keep = prob >= floor
        keys = list(zip(cands.rows[keep].tolist(), cands.cols[keep].tolist(), strict=True))
        self.prob = dict(zip(keys, prob[keep].tolist(), strict=True))
        self.blend = dict(zip(keys, cands.blended[keep].tolist(), strict=True))
        self.by_row: dict[int, list[int]] = {}
        self.by_col: dict[int, list[int]] = {}
        for i, j in keys:
            self.by_row.setdefault(i, []).append(j)
            self.by_col.setdefault(j, []).append(i)

    def p(self, i: int, j: int) -> float:
        return self.prob.get((i, j), 0.0)

    def b(self, i: int, j: int) -> float:
        return self.blend.get((i, j), 0.0)


def match_sentences(
    fa: Sequence[Features],
    fb: Sequence[Features],
    cands: Candidates,
    prob: np.ndarray,
    *,
    threshold: float,
    subheads_a: frozenset[int] = frozenset(),
    subheads_b: frozenset[int] = frozenset(),
    headline_a: bool = False,
    headline_b: bool = False,
    within_a: dict[tuple[int, int], bool] | None = None,
    within_b: dict[tuple[int, int], bool] | None = None,
) -> list[Group]:
    """Groups of linked sentences of two sources; ``prob`` is 0-100 per candidate.

    ``within_a`` and ``within_b`` remember, for each source, whether one of its sentences
    says what another of its sentences says (the containment test below); a comparison
    of many sources passes the same ones to every pair a source is in.
    """
    pairs = _Pairs(cands, prob, min(MERGE_PART, CONTEXT_FACTOR, HEAD_FACTOR) * threshold)
    # A section label ("Penalty and remedies") anchors only to another subhead: it names a
    # topic, not a claim. Subheads that open with a time, a match minute or a number
    # ("34' GOAL — Ortega opens the scoring", "1. The jury split") state their entry's news.
    labels_a = [i for i in subheads_a if not _numbered(fa[i])]
    labels_b = [j for j in subheads_b if not _numbered(fb[j])]
    label = np.isin(cands.rows, labels_a) ^ np.isin(cands.cols, labels_b)
    anchors = _anchors(cands, np.where(label, 0.0, prob), threshold)
    groups = _grow_merges(fa, fb, pairs, anchors)
    taken_a = {i for g in groups for i in g[0]}
    taken_b = {j for g in groups for j in g[1]}
    # Subheads are marked taken for the evidence-based steps below.
    taken_a |= subheads_a
    taken_b |= subheads_b
    groups += _unmatched_merges(fa, fb, pairs, taken_a, taken_b, threshold)
    groups += _context_links(pairs, groups, taken_a, taken_b, CONTEXT_FACTOR * threshold)
    # Headings go with headings: none takes part in a link on the model's word alone.
    heads_a = [*subheads_a, *([0] if headline_a else [])]
    heads_b = [*subheads_b, *([0] if headline_b else [])]
    likely = prob >= LIKELY_FACTOR * threshold
    likely &= ~np.isin(cands.rows, heads_a) & ~np.isin(cands.cols, heads_b)
    groups += _containment_links(
        fa,
        fb,
        cands,
        likely,
        groups,
        taken_a,
        taken_b,
        within_a if within_a is not None else {},
        within_b if within_b is not None else {},
    )
    return _entry_heads(
        pairs,
        groups,
        frozenset(i for i in subheads_a if _timed(fa[i])),
        frozenset(j for j in subheads_b if _timed(fb[j])),
        HEAD_FACTOR * threshold,
    )


def _numbered(f: Features) -> bool:
    """A subhead that opens with a time, a match minute or an item number."""
    return bool(f.tokens) and f.tokens[0].norm[:1].isdigit()


def _timed(f: Features) -> bool:
    """A live blog's entry head: a subhead that starts with the time it was posted."""
    return bool(f.tokens) and CLOCK_NORM.fullmatch(f.tokens[0].norm) is not None


def _entry_heads(
    pairs: _Pairs,
    groups: Sequence[Group],
    subheads_a: frozenset[int],
    subheads_b: frozenset[int],
    bar: float,
) -> list[Group]:
    """The groups, with an entry head left alone, over a sentence that is linked on its
    own, joined to that sentence's link when the head itself is plausibly a counterpart of
    the link's other side: head and entry then meet the other side as one, and what the
    entry's facts say against it is said of the head too."""
    linked_a = {i for g in groups for i in g[0]}
    linked_b = {j for g in groups for j in g[1]}
    out: list[Group] = []
    for ga, gb in groups:
        if len(ga) == 1 and ga[0] - 1 in subheads_a and ga[0] - 1 not in linked_a:
            h = ga[0] - 1
            if any(pairs.p(h, j) >= bar for j in gb):
                ga = (h, *ga)
        if len(gb) == 1 and gb[0] - 1 in subheads_b and gb[0] - 1 not in linked_b:
            h = gb[0] - 1
            if any(pairs.p(i, h) >= bar for i in ga):
                gb = (h, *gb)
        out.append((ga, gb))
    return out


def _anchors(cands: Candidates, prob: np.ndarray, threshold: float) -> dict[int, int]:
    """One-to-one pairs by descending probability; ties broken by position."""
    keep = np.nonzero(prob >= threshold)[0]
    order = keep[np.lexsort((cands.cols[keep], cands.rows[keep], -prob[keep]))]
    out: dict[int, int] = {}
    used_b: set[int] = set()
    for k in order.tolist():
        i, j = int(cands.rows[k]), int(cands.cols[k])
        if i in out or j in used_b:
            continue
        out[i] = j
        used_b.add(j)
    return out


def _grow_merges(
    fa: Sequence[Features], fb: Sequence[Features], pairs: _Pairs, anchors: dict[int, int]
) -> list[Group]:
    """Turn anchors into one-to-many links where a free neighbour belongs to the claim."""
    taken_a, taken_b = set(anchors), set(anchors.values())
    groups: list[Group] = []
    for i in sorted(anchors):
        ga, gb = (i,), (anchors[i],)
        score = pairs.b(i, anchors[i])
        for _ in range(2):  # at most two sentences absorbed
            best: tuple[float, Group] | None = None
            for side, group, feats, taken in (("b", gb, fb, taken_b), ("a", ga, fa, taken_a)):
                free = [k for k in (group[0] - 1, group[-1] + 1)
                        if 0 <= k < len(feats) and k not in taken]  # fmt: skip
                if not free:  # the usual case in a dense alignment: nothing to combine
                    continue
                other = combine(
                    [(fa if side == "b" else fb)[x] for x in (ga if side == "b" else gb)]
                )
                for k in free:
                    if containment(feats[k], other) < MERGE_CONTAINMENT:
                        continue
                    new = tuple(sorted((*group, k)))
                    merged = combine([feats[x] for x in new])
                    s = pair_score(other, merged)
                    if s >= score + MERGE_GAIN and (best is None or s > best[0]):
                        best = (s, (ga, new) if side == "b" else (new, gb))
            if best is None:
                break
            score, (ga, gb) = best
            taken_a.update(ga)
            taken_b.update(gb)
        groups.append((ga, gb))
    return groups


def _unmatched_merges(
    fa: Sequence[Features],
    fb: Sequence[Features],
    pairs: _Pairs,
    taken_a: set[int],
    taken_b: set[int],
    threshold: float,
) -> list[Group]:
    """A free sentence that matches no single sentence but two adjacent free ones."""
    out: list[Group] = []
    part = MERGE_PART * threshold
    for single, many, by, p, taken_s, taken_m, flip in (
        (fa, fb, pairs.by_row, pairs.p, taken_a, taken_b, False),
        (fb, fa, pairs.by_col, lambda j, i: pairs.p(i, j), taken_b, taken_a, True),
    ):
        for x in sorted(by):
            if x in taken_s:
                continue
            for y in sorted(by[x]):
                if y in taken_m or y + 1 in taken_m or y + 1 >= len(many):
                    continue
                if p(x, y) < part or p(x, y + 1) < part:
                    continue
                merged = combine([many[y], many[y + 1]])
                best_single = max(
                    pair_score(single[x], many[y]), pair_score(single[x], many[y + 1])
                )
                if pair_score(single[x], merged) < best_single + MERGE_GAIN:
                    continue
                out.append(((y, y + 1), (x,)) if flip else ((x,), (y, y + 1)))
                taken_s.add(x)
                taken_m.update((y, y + 1))
                break
    return out


def _context_links(
    pairs: _Pairs, groups: Sequence[Group], taken_a: set[int], taken_b: set[int], bar: float
) -> list[Group]:
    b_after = {max(g[0]): max(g[1]) for g in groups}  # last a of a group -> its last b
    b_before = {min(g[0]): min(g[1]) for g in groups}
    out: list[Group] = []
    changed = True
    while changed:  # a filled pair is itself a neighbour for the next one
        changed = False
        for i in sorted(pairs.by_row):
            if i in taken_a:
                continue
            cands = []
            if i - 1 in b_after:
                cands.append(b_after[i - 1] + 1)
            if i + 1 in b_before:
                cands.append(b_before[i + 1] - 1)
            ok = [j for j in cands if j not in taken_b and pairs.p(i, j) >= bar]
            if not ok:
                continue
            j = max(ok, key=lambda j: (pairs.p(i, j), -j))
            out.append(((i,), (j,)))
            taken_a.add(i)
            taken_b.add(j)
            b_after[i] = b_before[i] = j
            changed = True
    return out


def _containment_links(
    fa: Sequence[Features],
    fb: Sequence[Features],
    cands: Candidates,
    likely: np.ndarray,
    groups: Sequence[Group],
    taken_a: set[int],
    taken_b: set[int],
    within_a: dict[tuple[int, int], bool],
    within_b: dict[tuple[int, int], bool],
) -> list[Group]:
    partners_a: dict[int, list[int]] = {}
    partners_b: dict[int, list[int]] = {}
    for ga, gb in groups:
        for i in ga:
            partners_a.setdefault(i, []).extend(gb)
        for j in gb:
            partners_b.setdefault(j, []).extend(ga)
    with np.errstate(divide="ignore", invalid="ignore"):
        in_b = (cands.shared / cands.total_a >= CONTAIN_MIN) & (cands.total_b > cands.total_a)
        in_a = (cands.shared / cands.total_b >= CONTAIN_MIN) & (cands.total_a > cands.total_b)
    heavy = cands.shared >= CONTAIN_WEIGHT
    # Or the link model finds the pair likely on its own, and the longer sentence is taken
    # by another link: a lede that states several claims another outlet tells apart.
    longer_b = likely & (cands.total_b > cands.total_a)
    longer_a = likely & (cands.total_a > cands.total_b)
    out: list[Group] = []
    for mask, small_of, large_of, small, taken, partners_of_large, within, flip in (
        ((in_b & heavy) | longer_b, cands.rows, cands.cols, fa, taken_a, partners_b, within_a,
         False),
        ((in_a & heavy) | longer_a, cands.cols, cands.rows, fb, taken_b, partners_a, within_b,
         True),
    ):  # fmt: skip
        best: dict[int, tuple[float, int]] = {}
        ks = np.nonzero(mask)[0]
        for x, y, shared in zip(
            small_of[ks].tolist(), large_of[ks].tolist(), cands.shared[ks].tolist(), strict=True
        ):
            if x in taken:
                continue
            # The longer sentence's partners (in x's source) must not already say this.
            if any(_says(small, p, x, within) for p in partners_of_large.get(y, [])):
                continue
            share = shared / small[x].total
            if x not in best or (share, -y) > (best[x][0], -best[x][1]):
                best[x] = (share, y)
        for x in sorted(best):
            y = best[x][1]
            out.append(((y,), (x,)) if flip else ((x,), (y,)))
            taken.add(x)
    return out


def _says(
    feats: Sequence[Features], whole: int, part: int, known: dict[tuple[int, int], bool]
) -> bool:
    """Whether sentence ``whole`` of a source holds most of sentence ``part`` of the same
    source: the same in every pair of sources that source is in, so looked up in ``known``
    after the first time."""
    key = (whole, part)
    said = known.get(key)
    if said is None:
        said = known[key] = containment(feats[part], feats[whole]) >= MERGE_CONTAINMENT
    return said
