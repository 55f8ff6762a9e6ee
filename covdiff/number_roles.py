"""What the words around a number say about its role: a step on a scale, a count of the
badly hurt, a value something had before, a share in words.

`covdiff.facts` reads each number of a sentence with these, so that two numbers are
compared only when they play one role ("level 4" against "three on the five-step scale",
not against "three days"; a record's old value against an old value, not the new one).
Every function takes a sentence's tokens and the index of the number (or of the share
word) and reads nothing else.
"""

from __future__ import annotations

from collections.abc import Sequence

from covdiff.normalize import Token

LOOSELY = frozenset("about around approximately roughly nearly almost".split())
"""Words before a number that give it loosely: "nearly four days", "around 3,900"."""

_RATING_WORDS = frozenset({"level", "categori", "tier", "grade"})
"""Words before a number that make it a step on a scale: "level 4", "a category 3 storm"."""
_SCALE_WINDOW = 4


def rating(tokens: Sequence[Token], i: int) -> bool:
    """A step on a scale, whatever the words: "level 4 of 5", "stood at three on the
    five-step scale", "to 4 on its five-point scale" all rate one danger."""
    if i and tokens[i - 1].stem in _RATING_WORDS:
        return True
    after = tokens[i + 1 : i + 2 + _SCALE_WINDOW]
    if [t.norm for t in after[:2]] == ["out", "of"] and len(after) > 2:
        # "4 out of 5" rates; "4 out of 5 doctors" is a share of people.
        top = after[2]
        nxt = after[3] if len(after) > 3 else None
        return top.norm[:1].isdigit() and (nxt is None or not nxt.content)
    return bool(after) and after[0].norm == "on" and any(t.stem == "scale" for t in after[1:])


_CONDITIONS = {"critical": "critical", "critically": "critical", "serious": "serious",
               "seriously": "serious", "stable": "stable"}  # fmt: skip
_CONDITION_WINDOW = 7


def hurt(tokens: Sequence[Token], i: int) -> str:
    """How badly the people a number counts are hurt, when the words after it say so:
    "three of them critically", "Four of them are still in a critical condition" and "two
    in a serious condition" count the critically or seriously hurt, whatever else names
    them ("of the men", "of them")."""
    for k in range(i + 1, min(i + 1 + _CONDITION_WINDOW, len(tokens))):
        if tokens[k].start - tokens[k - 1].end > 1:
            return ""  # punctuation ends the phrase: "two died, five seriously hurt"
        found = _CONDITIONS.get(tokens[k].norm)
        if found:
            return "condition " + found
    return ""


_PRIOR_WORDS = frozenset({"old", "previou", "former", "surpass", "beat", "prior"})
_PRIOR_HEADS = frozenset({"record", "high", "best", "mark", "low"})
_PRIOR_WINDOW = 3


def prior(toks: Sequence[Token], i: int) -> bool:
    """Whether the words before a number give the value something had before: "the old
    national high of 45.3C", "a record of 45.1C", "surpasses the 45.1C", "beating the
    previous best of 2:05:30"."""
    before = toks[max(0, i - _PRIOR_WINDOW) : i]
    if any(t.stem in _PRIOR_WORDS for t in before):
        return True
    return len(before) >= 2 and before[-1].norm == "of" and before[-2].stem in _PRIOR_HEADS


_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}
_WHOLES = frozenset({"the", "its", "their", "all", "them", "those"})


def share(toks: Sequence[Token], i: int) -> float | None:
    """A share in words, as a percentage given loosely: "cut by a quarter" meets "a 25% cut"
    and not "30 per cent"; "a third of the phones". Only after "by" or before "of the":
    "the Lurach quarter", "a third party", "a quarter past six" are no shares."""
    t = toks[i]
    value = _FRACTIONS.get(t.norm)
    if value is None or not i or toks[i - 1].norm not in ("a", "one"):
        return None
    k = i - 2
    while k >= 0 and toks[k].norm in LOOSELY:
        k -= 1  # "by about a quarter"
    by = k >= 0 and toks[k].norm == "by"
    after = [x.norm for x in toks[i + 1 : i + 3]]
    if after[:1] == ["of"] and after[1:] and after[1] not in _WHOLES:
        return None  # "by a quarter of a percentage point", "a quarter of an hour"
    if not (by or after[:1] == ["of"]):
        return None
    return value
