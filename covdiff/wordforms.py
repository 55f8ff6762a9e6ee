"""Two spellings of one word: British and American forms, and compounds written solid.

Outlets follow different style books. One writes "hospitalised", another "hospitalized";
one "horsemeat" or "rebelheld", another "horse meat" or "rebel-held" (hyphens already split
words, see `covdiff.normalize`). Both are decided against general English word frequencies
(`covdiff.weights.zipf`), never by rule alone: a rewrite is made only when the result is a
common word, so a name such as "Paris" or "Morris" is never read as "Pariz".
"""

from __future__ import annotations

from functools import lru_cache

from covdiff.weights import zipf

_BRITISH = (
    ("isation", "ization"),
    ("ising", "izing"),
    ("ised", "ized"),
    ("ises", "izes"),
    ("ise", "ize"),
    ("our", "or"),
    ("ours", "ors"),
    ("oured", "ored"),
    ("tre", "ter"),
    ("tres", "ters"),
)
"""British ending -> American ending; the American form is kept when it is the commoner."""

COMMON = 3.0
"""Zipf frequency (about one in a million words) from which a word counts as known."""
_MIN_PART = 3
"""Shortest half of a solid compound ("gang" in "gangrape")."""
_MAX_COMPOUND = 30
"""Longer words are not tried: every cut is a lookup, and a hostile "word" can be huge."""


@lru_cache(maxsize=65536)
def spelling(word: str) -> str:
    """The American spelling of a lower-cased word when that is a commoner word."""
    for british, american in _BRITISH:
        if word.endswith(british) and len(word) > len(british) + 2:
            other = word[: -len(british)] + american
            if zipf(other) >= COMMON and zipf(other) > zipf(word):
                return other
    return word


@lru_cache(maxsize=65536)
def compound_parts(word: str) -> tuple[str, str] | None:
    """The two common words a rare solid compound is made of ("horsemeat": horse, meat).

    Only for alphabetic words that are themselves rare: "together" and "blackout" stay whole.
    Of several splits the one whose rarer half is commonest wins.
    """
    if not 2 * _MIN_PART < len(word) <= _MAX_COMPOUND or not word.isalpha() or zipf(word) >= COMMON:
        return None
    best: tuple[float, str, str] | None = None
    for cut in range(_MIN_PART, len(word) - _MIN_PART + 1):
        left, right = word[:cut], word[cut:]
        score = min(zipf(left), zipf(right))
        if score >= COMMON and (best is None or score > best[0]):
            best = (score, left, right)
    return None if best is None else (best[1], best[2])
