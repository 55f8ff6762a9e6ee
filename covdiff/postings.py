"""Postings of one source's words as numpy arrays, and the join of two sources on them.

Each source is indexed once per comparison: for every (word, sentence) incidence its word
id, sentence index and the square root of the word's weight, sorted by word. Joining two
sources on a word then enumerates every pair of sentences that share it with a handful of
vectorised numpy operations, whatever the number of words, instead of a Python loop per
word. Word ids come from one vocabulary sorted alphabetically, so results do not depend on
hash order and the same input always sums in the same order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from math import sqrt

import numpy as np

from covdiff.similarity import Features


@dataclass(frozen=True, slots=True)
class Postings:
    keys: np.ndarray
    """Word id per incidence, sorted."""
    rows: np.ndarray
    """Sentence index per incidence."""
    sqrtw: np.ndarray
    """Square root of the word's weight in that sentence (1.0 for unweighted kinds)."""
    ukeys: np.ndarray
    starts: np.ndarray
    counts: np.ndarray


@dataclass(frozen=True, slots=True)
class SourceIndex:
    words: Postings
    salient: Postings
    """The words read from names and numbers (`Features.salient`), weighted as in ``words``."""
    numbers: Postings
    names: Postings
    n: int
    contents: np.ndarray
    """Each sentence's sorted content words (`Features.content`), as an object array: the
    candidates of every source pair pick theirs by fancy indexing."""
    totals: np.ndarray
    """Each sentence's total weight (`Features.total`)."""
    rarity: np.ndarray
    """Per word id, how rare the word is in this comparison: ``log(N / df)`` over all
    ``N`` sentences of all sources (one array, shared by every source's index)."""
    rare_totals: np.ndarray
    """Each sentence's total rarity (the sum of ``rarity`` over its distinct words)."""
    sentences: int
    """``N``: the sentences of all sources together, the base the rarities rest on."""


def _postings(keys: list[int], rows: list[int], sqrtw: list[float]) -> Postings:
    """Postings from incidences listed sentence by sentence (so each word's rows come out
    in order from a stable sort on the word alone)."""
    if not keys:
        empty = np.zeros(0, dtype=np.int64)
        return Postings(empty, empty, np.zeros(0), empty, empty, empty)
    key_arr = np.array(keys, dtype=np.int64)
    order = np.argsort(key_arr, kind="stable")
    key_arr = key_arr[order]
    ukeys, starts, counts = np.unique(key_arr, return_index=True, return_counts=True)
    return Postings(
        key_arr,
        np.array(rows, dtype=np.int64)[order],
        np.array(sqrtw, dtype=np.float64)[order],
        ukeys,
        starts,
        counts,
    )


def _unweighted(feats: Sequence[Features], ids: dict[str, int], field: str) -> Postings:
    """Postings of a kind of key that counts once per sentence (numbers, names)."""
    keys = [[ids[k] for k in getattr(f, field)] for f in feats]
    return _postings(
        [k for ks in keys for k in ks],
        [i for i, ks in enumerate(keys) for _ in ks],
        [1.0] * sum(len(ks) for ks in keys),
    )


def build_indexes(sources: Sequence[Sequence[Features]]) -> list[SourceIndex]:
    """Index every source against one vocabulary."""
    words: set[str] = set()
    numbers: set[str] = set()
    names: set[str] = set()
    for feats in sources:
        for f in feats:
            words.update(f.bag)
            numbers.update(f.numbers)
            names.update(f.names)
    wid = {k: n for n, k in enumerate(sorted(words))}
    nid = {k: n for n, k in enumerate(sorted(numbers))}
    mid = {k: n for n, k in enumerate(sorted(names))}
    word_postings = [
        _postings(
            [wid[k] for f in feats for k in f.bag],
            [i for i, f in enumerate(feats) for _ in f.bag],
            # math.sqrt: as exact as np.sqrt, far cheaper one at a time
            [sqrt(w) for f in feats for w in f.bag.values()],
        )
        for feats in sources
    ]
    # How rare each word is among this comparison's sentences (a bag holds a word once).
    # The general-English weights of the bags cannot see that "Tolvara" is in every other
    # sentence of a story about Tolvara, and so tells little about which state one claim.
    total = sum(len(feats) for feats in sources)
    df = np.zeros(len(wid))
    for wp in word_postings:
        df += np.bincount(wp.keys, minlength=len(wid))
    rarity = np.log(max(total, 1) / np.maximum(df, 1.0))
    out = []
    for feats, wp in zip(sources, word_postings, strict=True):
        out.append(
            SourceIndex(
                words=wp,
                salient=_postings(
                    [wid[k] for f in feats for k in f.bag if k in f.salient],
                    [i for i, f in enumerate(feats) for k in f.bag if k in f.salient],
                    [sqrt(w) for f in feats for k, w in f.bag.items() if k in f.salient],
                ),
                numbers=_unweighted(feats, nid, "numbers"),
                names=_unweighted(feats, mid, "names"),
                n=len(feats),
                contents=np.array([f.content for f in feats], dtype=object),
                totals=np.array([f.total for f in feats], dtype=float),
                rarity=rarity,
                rare_totals=np.bincount(wp.rows, weights=rarity[wp.keys], minlength=len(feats)),
                sentences=total,
            )
        )
    return out


@dataclass(frozen=True, slots=True)
class Joined:
    """Every sentence pair sharing a word: ``(rows[k], cols[k])`` share word ``keys[k]``."""

    rows: np.ndarray
    cols: np.ndarray
    weight: np.ndarray
    keys: np.ndarray


def join(a: Postings, b: Postings, *, limit: int | None = None) -> tuple[Joined, np.ndarray]:
    """Pairs of sentences sharing a word, for words whose pair count is at most ``limit``.

    Returns the pairs and the ids of the words left out for exceeding ``limit``.
    """
    common, pa, pb = np.intersect1d(a.ukeys, b.ukeys, assume_unique=True, return_indices=True)
    ca, sa = a.counts[pa], a.starts[pa]
    cb, sb = b.counts[pb], b.starts[pb]
    sizes = ca * cb
    crowded = np.zeros(len(common), dtype=bool) if limit is None else sizes > limit
    keep = ~crowded
    ca, sa, cb, sb, sizes, kept = ca[keep], sa[keep], cb[keep], sb[keep], sizes[keep], common[keep]
    total = int(sizes.sum())
    group = np.repeat(np.arange(len(sizes)), sizes)
    local = np.arange(total) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    apos = sa[group] + local // cb[group]
    bpos = sb[group] + local % cb[group]
    joined = Joined(a.rows[apos], b.rows[bpos], a.sqrtw[apos] * b.sqrtw[bpos], kept[group])
    return joined, common[crowded]


def weight_of(p: Postings, key_ids: Iterable[int], n: int) -> np.ndarray:
    """A dense ``n x len(key_ids)`` matrix of square-root weights for a few words."""
    ids = np.asarray(list(key_ids), dtype=np.int64)
    out = np.zeros((n, len(ids)))
    if not len(ids) or not len(p.ukeys):
        return out
    pos = np.minimum(np.searchsorted(p.ukeys, ids), len(p.ukeys) - 1)
    found = np.nonzero(p.ukeys[pos] == ids)[0]
    starts, counts = p.starts[pos[found]], p.counts[pos[found]]
    # Every incidence of every found word at once: its column, and its place in the postings.
    col = np.repeat(found, counts)
    at = np.repeat(starts - np.cumsum(counts) + counts, counts) + np.arange(int(counts.sum()))
    out[p.rows[at], col] = p.sqrtw[at]
    return out


FEW_TERMS = 2
"""Row sums with at most this many non-zero terms are the same in any order."""
CHUNK_ROWS = 1024
"""Rows multiplied at a time in `row_products`: the products stay in cache."""


def row_products(
    ma: np.ndarray,
    mb: np.ndarray,
    ra: np.ndarray,
    rb: np.ndarray,
    column_weights: np.ndarray | None = None,
) -> np.ndarray:
    """``(ma[ra] * mb[rb]).sum(axis=1)``, to the last bit, without the full product.

    Most pairs of sentences share only a few of the columns (crowded words), so the
    non-zero products are found from ``ma``'s non-zero entries. A sum of one or two
    non-zero terms does not depend on the order of addition (zeros add exactly), so those
    are summed directly; rows with more terms take numpy's own row sum, chunk by chunk,
    which adds in the order the full product would.

    With ``column_weights``, a second row of sums comes back as well: per pair, the sum of
    ``column_weights`` over the columns where both rows are non-zero (found in the same pass).
    """
    m = len(ra)
    if not m or not ma.shape[1]:
        return np.zeros(m) if column_weights is None else np.zeros((2, m))
    nz_row, nz_col = np.nonzero(ma)  # by row, then column
    per_row = np.bincount(nz_row, minlength=len(ma))
    first = np.cumsum(per_row) - per_row
    reps = per_row[ra]
    owner = np.repeat(np.arange(m), reps)
    at = np.repeat(first[ra] - np.cumsum(reps) + reps, reps) + np.arange(int(reps.sum()))
    cols = nz_col[at]
    terms = ma[ra[owner], cols] * mb[rb[owner], cols]
    hit = terms != 0.0
    owner, terms, cols = owner[hit], terms[hit], cols[hit]
    out = np.bincount(owner, weights=terms, minlength=m)
    many = np.nonzero(np.bincount(owner, minlength=m) > FEW_TERMS)[0]
    for start in range(0, len(many), CHUNK_ROWS):
        rows = many[start : start + CHUNK_ROWS]
        out[rows] = (ma[ra[rows]] * mb[rb[rows]]).sum(axis=1)
    if column_weights is None:
        return out
    return np.stack([out, np.bincount(owner, weights=column_weights[cols], minlength=m)])
