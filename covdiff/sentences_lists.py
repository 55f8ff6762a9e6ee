"""List items and bullets for the sentence segmenter (`covdiff.sentences`).

Items of a list often carry no final punctuation ("1. The first item 2. The second item"),
so the segmenter cannot find their boundaries from punctuation alone: this module finds them
from the item markers. A list is a run of markers of one style counting up by one ("1." "2.",
"1.)" "2.)", "a)" "b)", "(a)" "(b)"), the first of which opens the line or follows final
punctuation. A lone "2." or "articles 1) and 2)" in running text is not a list.

Linear time: the marker scan runs only on lines where a list can start, and each chain is at
most 99 items long (26 for letters).
"""

from __future__ import annotations

import bisect
import re

BULLETS = "•⁃◦▪‣●■"
"""Bullet characters: each one that follows a space starts a new item."""

_CLOSING = "\"'”’)\\]"
_H = "[ \\t\\u00a0]"
# A marker at the start of a token: "1.", "1.)", "2)", "(a)", "b.", "• 9.", "⁃10.".
_MARKER = re.compile(
    rf"(?<!\S)(?P<bullet>[{BULLETS}]{_H}*)?(?P<open>\()?(?P<value>\d{{1,2}}|[A-Za-z])"
    r"(?P<end>\.\)|\.|\))(?=\s)"
)
_BULLET = re.compile(rf"[{BULLETS}]")
# A marker right after final punctuation ("... the store. w) hello x) hello"). This scan
# starts with a character class, so it is fast, and gates the slower _MARKER scan.
_MARKER_AFTER_TERM = re.compile(
    rf"[.!?…][{_CLOSING}]*\s+(?:[{BULLETS}]{_H}*)?\(?(?:\d{{1,2}}|[A-Za-z])(?:\.\)|\.|\))(?=\s)"
)
_TERM_BEFORE = re.compile(rf"[.!?…][{_CLOSING}]*\s+$")


def list_cuts(text: str, start: int, end: int) -> tuple[list[int], set[int]]:
    """Where items and bullets start inside ``text[start:end]``, and their markers' periods.

    Returns the sorted positions where a new sentence starts (never *start* itself) and the
    positions of the periods inside item markers, which never end a sentence.
    """
    cuts = {
        b.start()
        for b in _BULLET.finditer(text, start, end)
        if b.start() > start and text[b.start() - 1].isspace()
    }
    periods: set[int] = set()
    if not _MARKER.match(text, start, end) and not _MARKER_AFTER_TERM.search(text, start, end):
        return sorted(cuts), periods
    # (style, ordinal) -> the starts of such markers and the markers, both in text order
    by_key: dict[tuple[str, int], tuple[list[int], list[re.Match[str]]]] = {}
    anchors: list[tuple[re.Match[str], str, int]] = []
    for m in _MARKER.finditer(text, start, end):
        value = m.group("value")
        style = f"{m.group('open') or ''}{m.group('end')}{_script(value)}"
        number = int(value) if value.isdigit() else ord(value.lower()) - ord("a") + 1
        starts, matches = by_key.setdefault((style, number), ([], []))
        starts.append(m.start())
        matches.append(m)
        if m.start() == start or _TERM_BEFORE.search(text, max(start, m.start() - 12), m.start()):
            anchors.append((m, style, number))
    chained: set[int] = set()
    for m, style, number in anchors:
        if m.start() in chained:
            continue  # already inside a list found from an earlier item
        chain = [m]
        while (style, number + len(chain)) in by_key:
            starts, matches = by_key[(style, number + len(chain))]
            i = bisect.bisect_right(starts, chain[-1].start())
            if i == len(starts):
                break
            chain.append(matches[i])
        if len(chain) < 2:
            continue
        for item in chain:
            chained.add(item.start())
            cuts.add(item.start())
            if item.group("end").startswith("."):
                periods.add(item.start("end"))
    cuts.discard(start)
    return sorted(cuts), periods


def _script(value: str) -> str:
    return "d" if value.isdigit() else "l" if value.islower() else "u"
