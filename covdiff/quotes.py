"""Quotations, and when two versions of one quotation differ.

A quote cut shorter keeps its words and is no conflict; a word replaced inside it is, and
only the replaced words are shown ("quickly" against "fast"), not the whole passage.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz.distance import Levenshtein

from covdiff.model import Conflict, ConflictKind
from covdiff.normalize import STOPWORDS, Token, fold, tokenize

Quote = tuple[str, tuple[str, ...]]
"""A quotation as written and its normalised words."""

_QUOTE = re.compile(r'"([^"]+)"')
_SHORT_QUOTE = 3  # two linked sentences each quoting one such word or phrase quote the same


def find_quotes(text: str) -> list[Quote]:
    """Each double-quoted passage: its text as written and its normalised words."""
    out = []
    for m in _QUOTE.finditer(fold(text)):
        words = tuple(t.norm for t in tokenize(m.group(1)))
        if words:
            out.append((text[m.start(1) : m.end(1)], words))
    return out


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def quote_conflicts(a: Sequence[Quote], b: Sequence[Quote]) -> list[Conflict]:
    """Versions of one quotation whose words differ (not only cut shorter)."""
    out: list[Conflict] = []
    if not a or not b:
        return out
    for qa, wa in a:
        for qb, wb in b:
            short, long = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
            if _is_subsequence(short, long):
                continue  # cut shorter (or identical): same words
            content = [w for w in short if w not in STOPWORDS] or list(short)
            shared = sum(1 for w in content if w in long)
            lone_short = len(a) == len(b) == 1 and len(long) <= _SHORT_QUOTE
            if shared / len(content) < 0.5 and not lone_short:
                continue  # a different quotation, not a version of this one
            out.append(Conflict(ConflictKind.QUOTE, *_differing(qa, wa, qb, wb)))
    return out


@lru_cache(maxsize=4096)
def _quote_tokens(quote: str) -> tuple[Token, ...]:
    return tuple(tokenize(quote))  # a quote meets its versions in every other source


def _differing(qa: str, wa: Sequence[str], qb: str, wb: Sequence[str]) -> tuple[str, str]:
    """The words of each quote that were replaced, from the first change to the last.

    Words cut from either end are trimming, not a change, so only replacements and changes
    inside the quote count; when there are none, the whole quotes are shown.
    """
    ta, tb = _quote_tokens(qa), _quote_tokens(qb)
    ops = [op for op in Levenshtein.opcodes([t.norm for t in ta], [t.norm for t in tb])
           if op.tag != "equal"]  # fmt: skip
    while ops and ops[0].tag != "replace" and (ops[0].src_start == 0 or ops[0].dest_start == 0):
        ops.pop(0)
    while (
        ops
        and ops[-1].tag != "replace"
        and (ops[-1].src_end == len(ta) or ops[-1].dest_end == len(tb))
    ):
        ops.pop()
    a_idx = [k for op in ops for k in range(op.src_start, op.src_end)]
    b_idx = [k for op in ops for k in range(op.dest_start, op.dest_end)]
    if not a_idx or not b_idx:
        return qa, qb
    return (
        qa[ta[min(a_idx)].start : ta[max(a_idx)].end],
        qb[tb[min(b_idx)].start : tb[max(b_idx)].end],
    )
