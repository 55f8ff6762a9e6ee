"""Evidence that two sentences of two sources state one claim, for every pair at once.

`pair_evidence` turns two sources' sentence features into a stack of matrices (one value
per sentence pair per feature): how much of their weighted words they share both ways,
their character-level similarity, shared numbers and names, whether each is the other's
best match and by what margin, where they sit in their reports, and how well their
neighbours match. `covdiff.linkmodel` weighs this evidence into a link probability.
Everything is computed with numpy and rapidfuzz's ``cdist``; nothing loops over pairs in
Python.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process

from covdiff.similarity import WORD_SHARE, Features

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
    "subhead",
    "neighbours",
    "length_ratio",
)


def _incidence(feats: Sequence[Features], vocab: dict[str, int], key: str) -> np.ndarray:
    m = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for i, f in enumerate(feats):
        for k in getattr(f, key):
            m[i, vocab[k]] = 1.0
    return m


def _weights(feats: Sequence[Features], vocab: dict[str, int]) -> np.ndarray:
    m = np.zeros((len(feats), len(vocab)), dtype=np.float32)
    for i, f in enumerate(feats):
        for k, w in f.bag.items():
            m[i, vocab[k]] = w
    return m


def _vocab(feats: Sequence[Features], key: str) -> dict[str, int]:
    vocab: dict[str, int] = {}
    for f in feats:
        for k in getattr(f, key):
            vocab.setdefault(k, len(vocab))
    return vocab


def _margin(s: np.ndarray, axis: int) -> np.ndarray:
    """How far each score is above the best other score in its row (axis=1) or column."""
    n = s.shape[axis]
    if n < 2:
        return s / 100.0
    top2 = -np.sort(-s, axis=axis).take([0, 1], axis=axis)
    best = top2.take([0], axis=axis)
    second = top2.take([1], axis=axis)
    other = np.where(s >= best, second, best)
    return np.clip((s - other) / 100.0, -1.0, 1.0)


def pair_evidence(
    fa: Sequence[Features],
    fb: Sequence[Features],
    *,
    headings_a: Sequence[bool],
    headings_b: Sequence[bool],
    workers: int = -1,
) -> tuple[np.ndarray, np.ndarray]:
    """``(scores, evidence)``: the blended 0-100 score matrix and a ``len(FEATURES)`` stack."""
    na, nb = len(fa), len(fb)
    chars = process.cdist(
        [f.content for f in fa],
        [f.content for f in fb],
        scorer=fuzz.token_sort_ratio,
        dtype=np.float32,
        workers=workers,
    ).astype(np.float64)
    vocab = _vocab([*fa, *fb], "bag")
    shared = np.sqrt(_weights(fa, vocab)) @ np.sqrt(_weights(fb, vocab)).T
    shared = shared.astype(np.float64)
    ta = np.array([f.total for f in fa])[:, None]
    tb = np.array([f.total for f in fb])[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.nan_to_num(2.0 * shared / (ta + tb))
        cont_a = np.nan_to_num(shared / ta)
        cont_b = np.nan_to_num(shared / tb)
        length_ratio = np.nan_to_num(np.minimum(ta, tb) / np.maximum(ta, tb))
    empty = (ta == 0) | (tb == 0)
    scores = np.where(empty, 0.0, 100.0 * (WORD_SHARE * dice + (1 - WORD_SHARE) * chars / 100))
    nv = _vocab([*fa, *fb], "numbers")
    numbers = _incidence(fa, nv, "numbers") @ _incidence(fb, nv, "numbers").T
    mv = _vocab([*fa, *fb], "names")
    names = _incidence(fa, mv, "names") @ _incidence(fb, mv, "names").T
    row_best = (scores >= scores.max(axis=1, keepdims=True)) & (scores > 0)
    col_best = (scores >= scores.max(axis=0, keepdims=True)) & (scores > 0)
    pa = np.arange(na)[:, None] / max(na - 1, 1)
    pb = np.arange(nb)[None, :] / max(nb - 1, 1)
    padded = np.pad(scores, 1)
    neighbours = np.maximum(padded[:-2, :-2], padded[2:, 2:]) / 100.0
    both_first = np.zeros((na, nb))
    if na and nb and headings_a[0] and headings_b[0]:
        both_first[0, 0] = 1.0
    sub_a = np.array([h and i > 0 for i, h in enumerate(headings_a)])[:, None]
    sub_b = np.array([h and j > 0 for j, h in enumerate(headings_b)])[None, :]
    evidence = np.stack(
        [
            dice,
            chars / 100.0,
            np.maximum(cont_a, cont_b),
            np.minimum(cont_a, cont_b),
            np.log1p(shared),
            np.minimum(numbers, 3) / 3.0,
            np.minimum(names, 3) / 3.0,
            row_best.astype(float),
            col_best.astype(float),
            _margin(scores, 1),
            _margin(scores, 0),
            np.abs(pa - pb),
            both_first,
            (sub_a | sub_b).astype(float),
            neighbours,
            length_ratio,
        ]
    )
    evidence[:, empty] = 0.0
    return scores, evidence
