"""Candidate sentence pairs of two sources, and the evidence that each states one claim.

**Blocking.** Only pairs that share an informative word (a content-word stem, number or
name whose postings in the two sources are not too crowded) become candidates; the rest
share nothing a claim could rest on and get no link. Candidates come from postings lists in
numpy, so the work grows with the number of pairs that share something, not with
``len(a) * len(b)``: a 2,000-sentence transcript against another costs far less than the
four million pairs of all-against-all.

**Evidence.** For every candidate: weighted word overlap both ways (Dice and containment),
character-level similarity (rapidfuzz ``cpdist`` on all cores), shared numbers and names
and how much the two share beyond them, whether each is the other's best candidate and by
what margin, where the two sit in their reports, whether they are headlines or subheads,
and how well their neighbours match, and the overlap once more with each word weighed by
how rare it is among the comparison's own sentences (a story's own names, rare in general
English, are in every other sentence of it). `covdiff.linkmodel` weighs this into a
probability.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from covdiff.postings import (
    Postings,
    SourceIndex,
    build_indexes,
    join,
    row_products,
    weight_of,
)
from covdiff.similarity import Features, blend

FEATURES = (
    "dice",
    "chars",
    "contain_max",
    "contain_min",
    "shared_weight",
    "shared_numbers",
    "shared_names",
    "row_best",
    "col_best",
    "row_margin",
    "col_margin",
    "position_gap",
    "both_headlines",
    "subhead_one",
    "subhead_both",
    "neighbours",
    "length_ratio",
    "lone",
    "lone_similarity",
    "plain_weight",
    "plain_share",
    "rare_dice",
)

CROWDED = 400
"""A word whose postings would pair more than this many sentences is not used for blocking
(it still counts in the overlap of pairs found through other words)."""
RARITY_PRIOR = 10.0
"""Sentences at which the comparison's own word rarities count as much as general
English's in the ``rare_dice`` evidence (two one-sentence sources: a sixth). Each of
thirty-seven fixture events held out from the model, link F1 0.744, 0.742 and 0.738 at 3,
10 and 30 (`benchmarks/train_links.py --sts --pipeline`); 10 keeps a pair of one-line
sources, as in the STS benchmark, close to the general-English dice."""
WINDOW = 256
"""How far (in sentences) a sentence of only crowded words looks for candidates."""
DENSE_PAIRS = 1 << 22
"""Up to this many sentence pairs (2,000 x 2,000), per-pair sums go through an array of
every pair rather than a sort of the pairs that share something."""
PARALLEL_PAIRS = 20_000
"""Candidate pairs from which character scoring runs on every core."""
RIVAL_FLOOR = 40.0
"""Score of an unrelated pair of sentences of one event, roughly (blended, 0-100)."""
TOP_K = 12
"""Each sentence keeps its this-many best candidates by shared weight of uncrowded words
(a pair is kept when it is among the best of either of its sentences). A claim is stated
once or twice per source, so the true counterparts are near the top."""


@dataclass(frozen=True, slots=True)
class Candidates:
    """Sparse pairs ``(rows[k], cols[k])`` of two sources, sorted by row then column."""

    na: int
    nb: int
    rows: np.ndarray
    cols: np.ndarray
    blended: np.ndarray
    """The blended word/character similarity, 0-100 (`covdiff.similarity.pair_score`)."""
    evidence: np.ndarray
    """``(len(FEATURES), len(rows))``."""
    shared: np.ndarray
    """Weight the two sentences share (`covdiff.similarity.overlap`)."""
    total_a: np.ndarray
    """Weight of the a-sentence of each pair."""
    total_b: np.ndarray


def _find(flat: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each key sits in the sorted array ``flat``, and whether it is there at all."""
    if not len(flat):
        return np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=bool)
    pos = np.minimum(np.searchsorted(flat, keys), len(flat) - 1)
    return pos, flat[pos] == keys


def _candidate_weights(
    ia: SourceIndex, ib: SourceIndex, crowded: int, headlines: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (flat ``i * nb + j``, sorted), the weight each shares exactly, and
    the rarity each shares (`covdiff.postings.SourceIndex.rarity`).

    Uncrowded words both find the candidates and add their weight; crowded words only add
    their weight to candidates found otherwise, through small dense matrices. A sentence
    made only of crowded words (a line repeated many times) still gets its best few
    candidates, nearest in position first. Two reports' headlines (``headlines``) are
    always a candidate: headline writers share the story, not always a word.
    """
    na, nb = ia.n, ib.n
    joined, crowd = join(ia.words, ib.words, limit=crowded)
    keys = joined.rows * nb + joined.cols
    # Sums per pair in the order of the joined list, so that every path below adds the
    # same numbers in the same order (and the results agree to the last bit).
    dense = na * nb <= DENSE_PAIRS
    if dense:
        seen = np.zeros(na * nb, dtype=bool)
        seen[keys] = True
        flat = np.flatnonzero(seen)
        sums = np.bincount(keys, weights=joined.weight, minlength=na * nb)
        shared = sums[flat]
    else:
        flat, inverse = np.unique(keys, return_inverse=True)
        shared = np.bincount(inverse, weights=joined.weight, minlength=len(flat))
    r, c = flat // max(nb, 1), flat % max(nb, 1)
    gap = np.abs(r / max(na - 1, 1) - c / max(nb - 1, 1))  # ties go to the nearest in position
    keep = _top_k(r, shared, gap, TOP_K) | _top_k(c, shared, gap, TOP_K)
    union = _union if not dense else lambda *parts: _union(*parts, n=na * nb)
    first = np.zeros(int(headlines), dtype=np.int64)
    flat = union(flat[keep], _diagonal_neighbours(r, c, shared, keep, na, nb), first)
    if len(crowd):
        ma = weight_of(ia.words, crowd.tolist(), na)
        mb = weight_of(ib.words, crowd.tolist(), nb)
        flat = union(flat, _crowded_only(flat, ma, mb))
    # Exact shared weight of every candidate, uncrowded and crowded words alike.
    pos, hit = _find(flat, keys)
    if dense:
        shared = sums[flat]
    else:
        shared = np.bincount(pos[hit], weights=joined.weight[hit], minlength=len(flat))
    rare = np.bincount(pos[hit], weights=ia.rarity[joined.keys[hit]], minlength=len(flat))
    if len(crowd) and len(flat):
        crowd_shared, crowd_rare = row_products(
            ma, mb, flat // nb, flat % nb, column_weights=ia.rarity[crowd]
        )
        shared, rare = shared + crowd_shared, rare + crowd_rare
    return flat, shared, rare


def _shared_salient(
    ia: SourceIndex, ib: SourceIndex, flat: np.ndarray, nb: int, crowded: int
) -> np.ndarray:
    """Per candidate, the weight of the names and numbers the two share (a name common
    enough to be crowded is left in the plain words: it has become the story's topic)."""
    joined, _ = join(ia.salient, ib.salient, limit=crowded)
    pos, hit = _find(flat, joined.rows * nb + joined.cols)
    return np.bincount(pos[hit], weights=joined.weight[hit], minlength=len(flat))


def _union(*parts: np.ndarray, n: int | None = None) -> np.ndarray:
    """Sorted distinct pairs of several arrays (``np.union1d``); through a mask of all
    ``n`` pairs when that is small, which costs no sort."""
    if n is None:
        return np.unique(np.concatenate(parts))
    mask = np.zeros(n, dtype=bool)
    for part in parts:
        mask[part] = True
    return np.flatnonzero(mask)


def _diagonal_neighbours(
    r: np.ndarray, c: np.ndarray, shared: np.ndarray, keep: np.ndarray, na: int, nb: int
) -> np.ndarray:
    """The pairs just before and after each sentence's best candidate, as candidates too
    (unsorted, possibly repeated).

    Outlets that follow each other's order put a paraphrase next to a shared sentence; such
    a pair may share no word at all, and only its neighbours speak for it.
    """
    if not keep.any():
        return np.zeros(0, dtype=np.int64)
    r, c, w = r[keep], c[keep], shared[keep]
    best = np.full(na, -1.0)
    np.maximum.at(best, r, w)
    top = w >= best[r]
    out = []
    for dr in (-1, 1):
        rr, cc = r[top] + dr, c[top] + dr
        ok = (rr >= 0) & (rr < na) & (cc >= 0) & (cc < nb)
        out.append(rr[ok] * nb + cc[ok])
    return np.concatenate(out)


def _crowded_only(flat: np.ndarray, ma: np.ndarray, mb: np.ndarray) -> np.ndarray:
    """Candidates for rows and columns that uncrowded words left without any (unsorted).

    Each such sentence looks only at the sentences within ``WINDOW`` places of where it sits
    in its report (relative position), so a file of thousands of repeated lines costs time
    linear in its length, not quadratic.
    """
    na, nb = len(ma), len(mb)
    out = []
    for dense_a, dense_b, n_self, n_other, is_rows in (
        (ma, mb, na, nb, True),
        (mb, ma, nb, na, False),
    ):
        have = np.zeros(n_self, dtype=bool)
        have[(flat // nb) if is_rows else (flat % nb)] = True
        lonely = np.nonzero(~have & (dense_a.sum(axis=1) > 0))[0]
        width = min(n_other, 2 * WINDOW + 1)
        for start in range(0, len(lonely), 64):  # chunks keep memory at 64 x width x words
            rows = lonely[start : start + 64]
            centre = np.rint(rows / max(n_self - 1, 1) * max(n_other - 1, 0)).astype(np.int64)
            first = np.clip(centre - WINDOW, 0, max(n_other - width, 0))
            cols = first[:, None] + np.arange(width)[None, :]
            sim = np.einsum("rk,rck->rc", dense_a[rows], dense_b[cols])
            gap = np.abs(cols - centre[:, None]) / max(n_other, 1)
            # Best shared weight first, then nearest in position; pairs sharing nothing last.
            key = np.where(sim > 0, -np.round(sim, 6) * 4.0 + gap, np.inf)
            pick = np.argsort(key, axis=1, kind="stable")[:, :TOP_K]
            chosen = np.take_along_axis(cols, pick, axis=1)
            valid = np.isfinite(np.take_along_axis(key, pick, axis=1))
            r = np.repeat(rows[:, None], pick.shape[1], axis=1)[valid]
            c = chosen[valid]
            out.append(r * nb + c if is_rows else c * nb + r)
    return np.concatenate(out) if out else np.zeros(0, dtype=np.int64)


def _top_k(groups: np.ndarray, values: np.ndarray, gap: np.ndarray, k: int) -> np.ndarray:
    """Mask of the ``k`` largest values in each group; ties go to the smallest ``gap``."""
    if not len(values):
        return np.zeros(0, dtype=bool)
    # One sort on a composite key (group, then value descending, then gap) instead of a
    # lexsort over three arrays: values are rounded to 1e-6 and gap lies in [0, 1].
    span = float(np.ceil(values.max())) + 2.0
    key = (groups * span + (span - 1.0 - np.round(values, 6))) * 2.0 + gap
    # The key is positive, so its bits as integers sort in the same order, and faster.
    order = np.argsort(key.view(np.int64), kind="stable")
    # Sorted, each group is one run (the group term dominates the key): a place's rank is
    # its distance from where its group's run starts.
    sizes = np.bincount(groups)
    rank = np.arange(len(order)) - (np.cumsum(sizes) - sizes)[groups[order]]
    mask = np.zeros(len(values), dtype=bool)
    mask[order[rank < k]] = True
    return mask


def _count(a: Postings, b: Postings, flat: np.ndarray, na: int, nb: int) -> np.ndarray:
    """How many keys of this kind each candidate pair shares (bounded memory: keys shared
    by too many pairs are counted on the candidates only)."""
    if not len(flat):
        return np.zeros(0)
    joined, crowd = join(a, b, limit=CROWDED)
    counts = np.zeros(len(flat))
    if len(joined.rows):
        pos, hit = _find(flat, joined.rows * nb + joined.cols)
        counts += np.bincount(pos[hit], minlength=len(flat))
    if len(crowd):
        ma = (weight_of(a, crowd.tolist(), na) > 0).astype(float)
        mb = (weight_of(b, crowd.tolist(), nb) > 0).astype(float)
        counts += row_products(ma, mb, flat // nb, flat % nb)  # sums of ones: exact counts
    return counts


def _group_top2(groups: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """Best and second-best value per group (``-inf`` where a group has fewer).

    Maxima need no sort: the second best is the best again when it occurs twice in the
    group, else the largest of the values below it.
    """
    best = np.full(n, -np.inf)
    np.maximum.at(best, groups, values)
    is_best = values == best[groups]
    second = np.full(n, -np.inf)
    np.maximum.at(second, groups, np.where(is_best, -np.inf, values))
    twice = np.bincount(groups[is_best], minlength=n) >= 2
    return best, np.where(twice, best, second)


def candidates(
    fa: Sequence[Features],
    fb: Sequence[Features],
    *,
    index: tuple[SourceIndex, SourceIndex] | None = None,
    headings_a: Sequence[bool],
    headings_b: Sequence[bool],
    workers: int = -1,
    crowded: int = CROWDED,
    blocking: bool = True,
) -> Candidates:
    """Candidate pairs with their evidence; ``blocking=False`` makes every pair a candidate.

    ``index`` holds the two sources' postings (`covdiff.postings.build_indexes`, built
    once per comparison); without it they are built here.
    """
    na, nb = len(fa), len(fb)
    ia, ib = index if index is not None else build_indexes([fa, fb])
    headlines = na > 1 and nb > 1 and bool(headings_a[0]) and bool(headings_b[0])
    flat, shared, rare = _candidate_weights(ia, ib, crowded, headlines)
    if not blocking:
        every = np.arange(na * nb, dtype=np.int64)
        full, full_rare = np.zeros(na * nb), np.zeros(na * nb)
        full[flat], full_rare[flat] = shared, rare
        flat, shared, rare = every, full, full_rare
    rows, cols = flat // max(nb, 1), flat % max(nb, 1)
    ta_k, tb_k = ia.totals[rows], ib.totals[cols]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratios = np.stack(
            [
                2.0 * shared / (ta_k + tb_k),
                shared / ta_k,
                shared / tb_k,
                np.minimum(ta_k, tb_k) / np.maximum(ta_k, tb_k),
            ]
        )
    # One call for the four: on small inputs numpy's per-call cost is what adds up.
    dice, cont_a, cont_b, length_ratio = np.nan_to_num(ratios, copy=False)
    with np.errstate(divide="ignore", invalid="ignore"):
        rare_dice = np.nan_to_num(2.0 * rare / (ia.rare_totals[rows] + ib.rare_totals[cols]))
    # Rarity needs sentences to be measured on: two lone sentences share only words found
    # in "every" sentence. Few sentences lean on the general-English dice instead.
    trust = ia.sentences / (ia.sentences + RARITY_PRIOR)
    rare_dice = trust * rare_dice + (1.0 - trust) * dice
    if len(flat):
        chars = process.cpdist(
            ia.contents[rows].tolist(),
            ib.contents[cols].tolist(),
            scorer=fuzz.ratio,  # on sorted words: token_sort_ratio
            dtype=np.float32,
            # Threads pay off only on many pairs: starting them costs about 2 ms a call.
            workers=workers if len(rows) >= PARALLEL_PAIRS else 1,
        ).astype(float)
    else:
        chars = np.zeros(0)
    blended = blend(dice, chars)
    # What the two share beyond names and numbers: sentences that only name the same
    # minister, or quote the same figure, often state different claims about them.
    plain = np.maximum(shared - _shared_salient(ia, ib, flat, nb, crowded), 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        plain_share = np.nan_to_num(plain / np.minimum(ta_k, tb_k))
    numbers = _count(ia.numbers, ib.numbers, flat, na, nb)
    names = _count(ia.names, ib.names, flat, na, nb)
    row_best, row_second = _group_top2(rows, blended, na)
    col_best, col_second = _group_top2(cols, blended, nb)
    is_row_best = blended >= row_best[rows]
    is_col_best = blended >= col_best[cols]
    row_other = np.where(is_row_best, row_second[rows], row_best[rows])
    col_other = np.where(is_col_best, col_second[cols], col_best[cols])
    # A pair with no rival is measured against an unrelated pair's typical score rather
    # than against nothing, so a lone weak candidate does not look decisive.
    row_margin = np.clip((blended - np.maximum(row_other, RIVAL_FLOOR)) / 100.0, -1.0, 1.0)
    col_margin = np.clip((blended - np.maximum(col_other, RIVAL_FLOOR)) / 100.0, -1.0, 1.0)
    pos_gap = np.abs(rows / max(na - 1, 1) - cols / max(nb - 1, 1))
    both_first = ((rows == 0) & (cols == 0)).astype(float)
    # Two reports' headlines: not two lone lines, which would make every pair "headlines".
    if not headlines:
        both_first[:] = 0.0
    sub_a = np.array([h and i > 0 for i, h in enumerate(headings_a)], dtype=bool)
    sub_b = np.array([h and j > 0 for j, h in enumerate(headings_b)], dtype=bool)
    sa = sub_a[rows] if len(rows) else np.zeros(0, dtype=bool)
    sb = sub_b[cols] if len(cols) else np.zeros(0, dtype=bool)
    # How well the diagonal neighbours match (0 where a neighbour is no candidate).
    neighbours = np.zeros(len(flat))
    for d in (-1, 1):
        ni, nj = rows + d, cols + d
        inside = (ni >= 0) & (ni < na) & (nj >= 0) & (nj < nb)
        pos, hit = _find(flat, np.where(inside, ni * nb + nj, -1))
        neighbours = np.maximum(neighbours, np.where(hit, blended[pos], 0.0))
    # A pair with no other candidate on either side (two one-line reports, or an isolated
    # sentence) has no ranking evidence: the model judges such pairs on their words alone.
    row_n = np.bincount(rows, minlength=na)[rows] if len(rows) else rows
    col_n = np.bincount(cols, minlength=nb)[cols] if len(cols) else cols
    lone = ((row_n == 1) & (col_n == 1)).astype(float)
    evidence = np.stack(
        [
            dice,
            chars / 100.0,
            np.maximum(cont_a, cont_b),
            np.minimum(cont_a, cont_b),
            np.log1p(shared),
            np.minimum(numbers, 3) / 3.0,
            np.minimum(names, 3) / 3.0,
            is_row_best.astype(float),
            is_col_best.astype(float),
            row_margin,
            col_margin,
            pos_gap,
            both_first,
            (sa ^ sb).astype(float),
            (sa & sb).astype(float),
            neighbours / 100.0,
            length_ratio,
            lone,
            lone * blended / 100.0,
            np.log1p(plain),
            plain_share,
            rare_dice,
        ]
    ) if len(flat) else np.zeros((len(FEATURES), 0))  # fmt: skip
    return Candidates(na, nb, rows, cols, blended, evidence, shared, ta_k, tb_k)
