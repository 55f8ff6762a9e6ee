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

`covdiff.pairs` computes the same score for many pairs at once (rapidfuzz's ``cpdist`` on
all cores, numpy); groups of sentences (merges and splits) are scored here one at a time.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from covdiff.lexicon import concept
from covdiff.normalize import Token, normal_string, stem, tokenize
from covdiff.weights import _zipf_table, word_weight
from covdiff.wordforms import compound_parts

NAME_ZIPF = 4.0
"""A capitalised word first in its sentence and rarer than this in English is a name."""
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
    """Normalised content words, sorted (for the character-level view: rapidfuzz's plain
    ``ratio`` on sorted words is ``token_sort_ratio`` without sorting on every call)."""
    full: str
    """All normalised words, in order (for deciding `same` wording)."""
    numbers: frozenset[str] = frozenset()
    """Numbers stated (normalised digits)."""
    names: frozenset[str] = frozenset()
    """Capitalised words past the first (names, places, organisations), normalised."""
    salient: frozenset[str] = frozenset()
    """The keys of ``bag`` read from names and numbers. Two sentences about one person or
    one figure share these whatever they say of them, so the link model weighs the rest of
    what they share apart (see `covdiff.pairs`)."""


def features(text: str) -> Features:
    toks = tuple(tokenize(text))
    bag: dict[str, float] = {}
    salient: set[str] = set()
    for n, t in enumerate(toks):
        if not t.content:
            continue
        # A capitalised word is a name, except first in its sentence, where only a word rare
        # in English is ("Calyra was set up ..." names Calyra; "Investors had doubts" no one).
        named = t.norm[:1].isdigit() or (
            t.surface[:1].isupper() and (n > 0 or _zipf_table().get(t.norm, 0.0) < NAME_ZIPF)
        )
        # A solid compound counts as its two words ("horsemeat" as "horse meat"); only when
        # written in lower case, since names are not compounds ("Taleban" is not "tale ban").
        parts = compound_parts(t.norm) if t.surface[:1].islower() else None
        for norm, stem_ in ((p, stem(p)) for p in parts) if parts else ((t.norm, t.stem),):
            w = word_weight(norm)
            # A stem seen with several surfaces keeps its smallest weight, so that the
            # weight of a shared stem never depends on which side it is read from.
            key = concept(stem_)
            bag[key] = min(bag.get(key, w), w)
            if named:
                salient.add(key)
    return Features(
        tokens=toks,
        bag=bag,
        total=sum(bag.values()),
        content=" ".join(sorted(normal_string(list(toks), content_only=True).split())),
        full=normal_string(list(toks)),
        numbers=frozenset(t.norm for t in toks if t.norm[:1].isdigit()),
        names=frozenset(t.norm for t in toks[1:] if t.surface[:1].isupper() and t.content),
        salient=frozenset(salient),
    )


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
        content=" ".join(sorted(" ".join(p.content for p in parts).split())),
        full=" ".join(p.full for p in parts),
        numbers=frozenset().union(*(p.numbers for p in parts)),
        names=frozenset().union(*(p.names for p in parts)),
        salient=frozenset().union(*(p.salient for p in parts)),
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
    return blend(dice, fuzz.ratio(a.content, b.content))


def containment(part: Features, whole: Features) -> float:
    """Share of ``part``'s weight found in ``whole`` (1.0: every content word of it is there)."""
    return overlap(part, whole) / part.total if part.total else 0.0
