"""How alike two sentences (or groups of adjacent sentences) are, on a 0-100 scale.

The score blends two views of a pair:

* **weighted word overlap** (a Dice coefficient over content-word stems, each stem weighted
  by its rarity, see `covdiff.weights`). Dice, not containment: a sentence that drops a
  clause loses the weight of the dropped words, so an omitted fact always lowers the score.
  (rapidfuzz's ``token_set_ratio`` scores 100 when one sentence's words are a subset of the
  other's, which would hide exactly the omissions an editor is looking for.)
* **character-level similarity** of the normalised content words, sorted (rapidfuzz's
  ``token_sort_ratio``), which forgives spelling variants and inflections the stemmer
  misses, and word order changes.

Matrices are computed with rapidfuzz's ``cdist`` (all cores) and numpy; groups of sentences
(merges and splits) are scored with the same formula one pair at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
from rapidfuzz import fuzz, process

from covdiff.lexicon import concept
from covdiff.normalize import Token, normal_string, tokenize
from covdiff.weights import word_weight

WORD_SHARE = 0.7
"""Share of the word-overlap view in the blended score; the rest is character-level."""


@dataclass(frozen=True, slots=True)
class Features:
    """What the scorer needs to know about one sentence or group of sentences."""

    tokens: tuple[Token, ...]
    bag: dict[str, float]
    """Content-word stem -> weight."""
    total: float
    content: str
    """Normalised content words, in order (for the character-level view)."""
    full: str
    """All normalised words, in order (for deciding `same` wording)."""
    numbers: frozenset[str] = frozenset()
    """Numbers stated (normalised digits)."""
    names: frozenset[str] = frozenset()
    """Capitalised words past the first (names, places, organisations), normalised."""


def features(text: str) -> Features:
    toks = tuple(tokenize(text))
    bag: dict[str, float] = {}
    for t in toks:
        if t.content:
            w = word_weight(t.norm)
            # A stem seen with several surfaces keeps its smallest weight, so that the
            # weight of a shared stem never depends on which side it is read from.
            key = concept(t.stem)
            bag[key] = min(bag.get(key, w), w)
    return Features(
        tokens=toks,
        bag=bag,
        total=sum(bag.values()),
        content=normal_string(list(toks), content_only=True),
        full=normal_string(list(toks)),
        numbers=frozenset(t.norm for t in toks if t.norm[:1].isdigit()),
        names=frozenset(
            t.norm for t in toks[1:] if t.surface[:1].isupper() and t.content
        ),
    )


def reweighted(f: Features, factor: dict[str, float]) -> Features:
    """The same features with each stem's weight multiplied by ``factor`` (default 1)."""
    bag = {k: w * factor.get(k, 1.0) for k, w in f.bag.items()}
    return replace(f, bag=bag, total=sum(bag.values()))


def combine(parts: Sequence[Features]) -> Features:
    """Features of adjacent sentences read as one (a merge or split)."""
    if len(parts) == 1:
        return parts[0]
    bag: dict[str, float] = {}
    for p in parts:
        for k, w in p.bag.items():
            bag[k] = min(bag.get(k, w), w)
    return Features(
        tokens=tuple(t for p in parts for t in p.tokens),
        bag=bag,
        total=sum(bag.values()),
        content=" ".join(p.content for p in parts),
        full=" ".join(p.full for p in parts),
        numbers=frozenset().union(*(p.numbers for p in parts)),
        names=frozenset().union(*(p.names for p in parts)),
    )


def overlap(a: Features, b: Features) -> float:
    """Weight of the stems two sides share.

    A stem read from different surfaces can carry different weights on the two sides
    ("sanction"/"sanctions"); the geometric mean of the two is used, which is what the
    matrix form (a product of square roots) computes too, so both paths agree exactly.
    """
    small, large = (a.bag, b.bag) if len(a.bag) <= len(b.bag) else (b.bag, a.bag)
    return sum(math.sqrt(w * large[k]) for k, w in small.items() if k in large)


def blend(dice: float, chars: float) -> float:
    return 100.0 * (WORD_SHARE * dice + (1.0 - WORD_SHARE) * chars / 100.0)


def pair_score(a: Features, b: Features) -> float:
    """The blended score of one pair, 0-100."""
    if not a.bag or not b.bag:
        return 0.0
    dice = 2.0 * overlap(a, b) / (a.total + b.total)
    return blend(dice, fuzz.token_sort_ratio(a.content, b.content))


def containment(part: Features, whole: Features) -> float:
    """Share of ``part``'s weight found in ``whole`` (1.0: every content word of it is there)."""
    return overlap(part, whole) / part.total if part.total else 0.0


def score_matrix(
    fa: Sequence[Features], fb: Sequence[Features], *, workers: int = -1
) -> np.ndarray:
    """Blended scores of every pair, as an ``len(fa) x len(fb)`` float matrix."""
    if not fa or not fb:
        return np.zeros((len(fa), len(fb)))
    chars = process.cdist(
        [f.content for f in fa],
        [f.content for f in fb],
        scorer=fuzz.token_sort_ratio,
        dtype=np.float32,
        workers=workers,
    )
    vocab: dict[str, int] = {}
    for f in (*fa, *fb):
        for k in f.bag:
            vocab.setdefault(k, len(vocab))
    wa = np.zeros((len(fa), len(vocab)), dtype=np.float32)
    wb = np.zeros((len(fb), len(vocab)), dtype=np.float32)
    for i, f in enumerate(fa):
        for k, w in f.bag.items():
            wa[i, vocab[k]] = w
    for j, f in enumerate(fb):
        for k, w in f.bag.items():
            wb[j, vocab[k]] = w
    # Σ sqrt(wa * wb) over shared stems: the same overlap as `overlap`.
    shared = np.sqrt(wa) @ np.sqrt(wb).T
    totals = (
        np.array([f.total for f in fa], dtype=np.float32)[:, None]
        + np.array([f.total for f in fb], dtype=np.float32)[None, :]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        dice = np.where(totals > 0, 2.0 * shared / totals, 0.0)
    scores = 100.0 * (WORD_SHARE * dice + (1.0 - WORD_SHARE) * chars / 100.0)
    empty_a = np.array([not f.bag for f in fa])
    empty_b = np.array([not f.bag for f in fb])
    scores[empty_a, :] = 0.0
    scores[:, empty_b] = 0.0
    return scores.astype(np.float64)
