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
    numbers: Postings
    names: Postings
    n: int


def _postings(entries: list[tuple[int, int, float]]) -> Postings:
    if not entries:
        empty = np.zeros(0, dtype=np.int64)
        return Postings(empty, empty, np.zeros(0), empty, empty, empty)
    entries.sort()
    arr = np.array(entries, dtype=np.float64)
    keys = arr[:, 0].astype(np.int64)
    ukeys, starts, counts = np.unique(keys, return_index=True, return_counts=True)
    return Postings(keys, arr[:, 1].astype(np.int64), arr[:, 2], ukeys, starts, counts)


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
    out = []
    for feats in sources:
        out.append(
            SourceIndex(
                words=_postings(
                    [
                        (wid[k], i, float(np.sqrt(w)))
                        for i, f in enumerate(feats)
                        for k, w in f.bag.items()
                    ]
                ),
                numbers=_postings(
                    [(nid[k], i, 1.0) for i, f in enumerate(feats) for k in f.numbers]
                ),
                names=_postings([(mid[k], i, 1.0) for i, f in enumerate(feats) for k in f.names]),
                n=len(feats),
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
    ids = list(key_ids)
    out = np.zeros((n, len(ids)))
    for col, k in enumerate(ids):
        pos = np.searchsorted(p.ukeys, k)
        if pos < len(p.ukeys) and p.ukeys[pos] == k:
            s, c = p.starts[pos], p.counts[pos]
            out[p.rows[s : s + c], col] = p.sqrtw[s : s + c]
    return out
