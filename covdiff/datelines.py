"""Where a wire story's dateline ends: "KOVARNA, Ostrevia, March 13 (Meridian Press) –".

A dateline's date is when the report was filed, not when what it reports happened
(`covdiff.facts` leaves it out of a sentence's dates unless the sentence says "today").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from covdiff.calendar_words import MONTHS
from covdiff.normalize import Token

_DATELINE_WORDS = 8
_DATELINE_END = re.compile(r"\s*(\(|—|–|-\s)")


def dateline_end(text: str, toks: Sequence[Token]) -> int:
    """How many tokens a wire story's dateline takes at the start of a sentence: a place in
    capitals, then commas, a date, and an agency in brackets or a dash ("KOVARNA, Ostrevia,
    March 13 (Meridian Press) –"); 0 when the sentence has none."""
    if not toks or not (toks[0].surface.isupper() and len(toks[0].surface) >= 3):
        return 0
    if not text[toks[0].end :].lstrip(" ").startswith(","):
        return 0
    for k, t in enumerate(toks[:_DATELINE_WORDS], start=1):
        if not (t.surface[:1].isupper() or t.surface[:1].isdigit()):
            return 0  # "NATO, the alliance, met on June 3 - ...": a sentence, not a dateline
        if _DATELINE_END.match(text, t.end):
            dated = any(MONTHS.get(x.norm.rstrip(".")) for x in toks[:k])
            return k if dated else 0
    return 0
