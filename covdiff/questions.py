"""Questions: sentences that ask rather than state, and so state no claim.

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
