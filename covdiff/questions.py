"""Questions and date lines: sentences that ask, or only date a section, and so state no
claim.

Explainers break their text up with question subheads ("What did the court decide", "Can
the landlords still appeal") and features ask their readers things. Such a line shares its
words with the answer that follows it, and with the other outlets' sentences that state
that answer, yet says nothing another outlet could carry or contradict. covdiff links a
question only to another question (`covdiff.align`).

A subhead has no question mark, so it reads as a question when it opens with a verb that
asks ("Can", "Will", "Does") or with a question word that a verb or "about" follows ("What
happens", "Why did", "What about savings"). A question word followed by its subject is the
title of an explainer, which states its topic, and stays a statement: "How the fire
spread", "Why Kim matters to Putin".
"""

from __future__ import annotations

import re

from covdiff.calendar_words import MONTHS, WEEKDAYS

STATES, ASKS, DATES = 0, 1, 2
"""What a sentence does (`mode`): links join only sentences that do the same."""

_ASKING_VERBS = (
    # Not "may" or "must": "May" opens headlines about the month, "Must-see" is no question.
    "can could will would should shall is are was were does do did has have had"
)
_WH = "what|why|how|when|where|who|whom|whose|which"
_SUBJECT = frozenset(
    "the a an this that these those his her its their our your my it he she they we you i".split()
)
_VERB_FIRST = re.compile(rf"(?:{'|'.join(_ASKING_VERBS.split())})\b", re.IGNORECASE)
_WH_FIRST = re.compile(rf"(?:^|,\s*)(?:{_WH})\s+(\S+)", re.IGNORECASE)


def is_question(text: str, *, heading: bool) -> bool:
    """Whether a sentence asks; ``heading`` for headlines and subheads, which carry no
    question mark."""
    stripped = text.strip()
    if stripped.endswith("?"):
        return True  # a quoted question ('He asked: "Why now?"') ends on the quote mark
    if not heading or not stripped:
        return False
    if _VERB_FIRST.match(stripped):
        return True
    # The question word opens the line or its last clause ("I am visiting, what changes").
    for match in _WH_FIRST.finditer(stripped):
        following = match.group(1).lower()
        if following not in _SUBJECT and not match.group(1)[:1].isupper():
            return True
    return False


_DATE_WORDS = frozenset([*WEEKDAYS, *MONTHS, *"day morning afternoon evening night of the".split()])
_DATE_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:st|nd|rd|th)?|[^\sA-Za-z\d]+")


def is_date_line(text: str, *, heading: bool) -> bool:
    """Whether a subhead only dates the section below it ("Monday 10 March", "Friday
    morning"): a live blog that runs for days heads each day so, and the line shares its
    date with every sentence of that day."""
    if not heading:
        return False
    words = [w for w in _DATE_TOKEN.findall(text.strip()) if w[:1].isalnum()]
    return (
        bool(words)
        and all(w.lower() in _DATE_WORDS or w[:1].isdigit() for w in words)
        and any(not w[:1].isdigit() and w.lower() not in ("of", "the") for w in words)
    )


def mode(text: str, *, heading: bool) -> int:
    """`ASKS` for a question, `DATES` for a date line, else `STATES`."""
    if is_question(text, heading=heading):
        return ASKS
    return DATES if is_date_line(text, heading=heading) else STATES
