"""Names in a sentence, and when two versions of a name differ.

A run of capitalised words is a name (`covdiff.facts` finds the runs). Two runs in linked
sentences name different people or places in one role when they share a title or the words
around them; two spellings of one name differ by a letter or two ("Manturov"/"Mantrurov").
Not differences: a place and its adjective ("Korea"/"Korean", "Ukraine"/"Ukrainian"), a
plural or possessive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from covdiff.lexicon import concept
from covdiff.normalize import Token, stem
from covdiff.weights import _zipf_table

TITLES = frozenset(
    """minister president secretary leader general chief head governor director spokesman
    spokeswoman spokesperson mayor chancellor premier prime deputy foreign defense defence
    state commander captain coach manager striker chairman chairwoman officer inspector
    ambassador envoy senator councillor chair""".split()
)
"""Words of a role: two different names next to the same one fill one role."""
TITLE_CONCEPTS = TITLES | (frozenset(concept(stem(w)) for w in TITLES) - {"travel", "countri"})
"""The titles as the context of a name holds them (`concept` of the stem: "minist"),
less the senses of "head" and "state" that are no role ("head to", "country")."""


@dataclass(frozen=True, slots=True)
class NameRun:
    """Consecutive capitalised words, with the content words around them (their role)."""

    tokens: tuple[Token, ...]
    context: frozenset[str]
    rare: bool
    """Holds a word rare in English: a person's or organisation's name, not "Russian"."""
    titles_after: frozenset[str] = frozenset()
    """Role words right after the name: the name qualifies the role ("Civic League mayor",
    "Russia's foreign minister") rather than fills it ("mayor Desmond Harrow")."""


@lru_cache(maxsize=65536)  # the same two names meet in the links of every source pair
def spelling_variant(x: str, y: str) -> bool:
    """Two spellings of one name: alike, but not a name and its adjective or plural."""
    short, long = sorted((x, y), key=len)
    if x == y or (long.startswith(short) and long[len(short) :] in _NAME_ENDINGS):
        return False  # "Korea"/"Korean": a demonym or plural; "Strand"/"Strandt" is a typo
    if _derived(x, y) or _both_common(x, y):
        return False
    return len(short) >= 4 and fuzz.ratio(x, y) >= 75


COMMON_WORD_ZIPF = 4.0
"""A word this frequent in English is a word of its own, not a misspelling of another."""


def _both_common(x: str, y: str) -> bool:
    """Two everyday words ("Completion", first in its sentence, and the "Competition" of a
    board's name) are two words, however alike; "Browne" next to "Brown" is still a name."""
    zipf = _zipf_table()
    return min(zipf.get(x, 0.0), zipf.get(y, 0.0)) >= COMMON_WORD_ZIPF


_NAME_ENDINGS = frozenset(("n", "ns", "an", "ans", "ian", "ians", "ese", "i", "is", "s", "es"))
_DERIVATIONS = frozenset(
    "al ic ical ics ist ists ism y ian ians er ers ing ed ation ations".split()
)
_STEM_LEAST = 6


def _derived(x: str, y: str) -> bool:
    """Two words made from one stem ("Seismological"/"Seismologist", capitalised at the
    start of a sentence), not two spellings of a name."""
    common = next(
        (k for k, (p, q) in enumerate(zip(x, y, strict=False)) if p != q), min(len(x), len(y))
    )
    return any(
        x[k:] in _DERIVATIONS and y[k:] in _DERIVATIONS for k in range(_STEM_LEAST, common + 1)
    )


def same_role(ra: NameRun, rb: NameRun) -> bool:
    """The words around two names say they fill one role: a shared title, or two shared
    words ("chief economist at ..."), one partner name or one role in apposition; one
    shared word ("Kremlin") is too weak."""
    common = ra.context & rb.context
    titles = common & TITLE_CONCEPTS
    if titles and all((t in ra.titles_after) != (t in rb.titles_after) for t in titles):
        # One qualifies the role, the other fills it: "the Civic League mayor" and "the
        # sitting mayor, Desmond Harrow" are a party and a person, not two mayors.
        return len(common - titles) >= 2
    # One shared partner ("Kelmar and Brannock", "Kelmar and Tesh") or role in apposition
    # ("the auctioneer, Magnus Orr") is as strong as a title.
    if bool(titles) or any(c[:1] in "&@" for c in common) or len(common) >= 2:
        return True
    # Two titles of one portfolio: "transport councillor Joris Weltmann" and "transport
    # chief Lena Hartog".
    before_a, before_b = ra.context - ra.titles_after, rb.context - rb.titles_after
    return (
        bool(common - TITLE_CONCEPTS)
        and bool(before_a & TITLE_CONCEPTS)
        and bool(before_b & TITLE_CONCEPTS)
    )


def one_place(x: Token, y: Token) -> bool:
    """The lexicon joins the two as one place ("Ukraine"/"Ukrainian"); names the stemmer
    merely clips alike ("Marwood"/"Marwoode") are still two spellings."""
    return x.stem != y.stem and concept(x.stem) == concept(y.stem)


def related(xs: Sequence[Token], ys: Sequence[Token]) -> bool:
    """Any word of one is a prefix of a word of the other ("Korea"/"Korean"), or both name
    one place ("Ukraine"/"Ukrainian", "Britain"/"British", see `covdiff.lexicon`)."""
    return any(
        x.norm.startswith(y.norm) or y.norm.startswith(x.norm) or concept(x.stem) == concept(y.stem)
        for x in xs
        for y in ys
    )
