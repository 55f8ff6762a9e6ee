"""Sentence segmentation with offsets (placeholder: to be replaced by the full segmenter).

Guarantee: for every span, ``text[span.start:span.end]`` is the sentence with no leading or
trailing whitespace, spans are in order and do not overlap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from covdiff.model import SentenceKind


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    kind: SentenceKind = SentenceKind.SENTENCE


_BOUNDARY = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“‘(]?[A-Z0-9])")


def split_sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    for para in re.finditer(r"[^\n]+", text):
        line = para.group()
        base = para.start()
        stripped = line.strip()
        if not stripped:
            continue
        if stripped[-1] not in ".!?\"”’)" and len(stripped.split()) <= 12:
            off = line.index(stripped)
            spans.append(Span(base + off, base + off + len(stripped), SentenceKind.HEADING))
            continue
        pos = 0
        for m in _BOUNDARY.finditer(line):
            _add(spans, line, base, pos, m.start())
            pos = m.end()
        _add(spans, line, base, pos, len(line))
    return spans


def _add(spans: list[Span], line: str, base: int, start: int, end: int) -> None:
    piece = line[start:end]
    s = piece.strip()
    if s:
        off = piece.index(s)
        spans.append(Span(base + start + off, base + start + off + len(s)))
