"""Sentence segmentation with character offsets.

`split_sentences(text)` cuts a report into sentences and headings and returns `Span` offsets
into *text*. The text is never rewritten, so ``text[span.start:span.end]`` is always a
verbatim slice, which is what lets every later stage point back into the source.

Guarantees (property-tested in ``tests/test_sentences.py``), for any ``str`` at all, including
CJK without spaces, right-to-left scripts, emoji and combining marks:

* every span is non-empty and has no leading or trailing whitespace (as ``str.isspace``);
* spans are in order and do not overlap;
* every non-whitespace character of *text* lies inside a span: nothing is dropped;
* paragraphs separated by a blank line are segmented independently of each other;
* time is linear in ``len(text)``: the regexes have no nested unbounded quantifiers and all
  look-arounds and backward scans are bounded, so no input can make them backtrack badly.

How it decides, in order:

1. **Lines.** Reports put one paragraph per line, so a line break ends a sentence. The only
   exception is an evidently wrapped line: it has no final punctuation, the next line (after a
   single break) starts in lower case, and either the line ends in a space or the continuation
   ends in final punctuation. That keeps "features / contact manager" apart but joins
   "It was a cold / night in the city." (the Golden Rules' errant newlines).
2. **Headings.** A line that is a single unpunctuated piece of at most `SUBHEAD_MAX_WORDS`
   words is a subhead, unless it opens with a bullet ("- Homes destroyed: 63" is an item
   of a list, which states a claim); the first line is the headline unless it ends in a
   full stop.
3. **Inside a line**, each run of final punctuation (. ! ? … and the CJK 。！？) plus the
   quotes and brackets that close after it is a candidate boundary. CJK marks always cut.
   Otherwise a candidate cuts only before whitespace and a word that does not start in lower
   case, and not inside a quotation or parenthesis that goes on after it, not inside a URL or
   e-mail address, not after a title ("Mr.", "Gen.") and not after an initial or initialism
   ("E.", "U.S.", "a.m.") unless the next word typically opens a sentence ("U.S. The").
   A quotation's closing mark does not end the sentence before a name and a verb of saying
   (“Why now?” Blinken asked.). Numbered and lettered lists ("1. ... 2. ...", "a) ... b) ...")
   and bullets cut before each item even without punctuation (`covdiff.sentences_lists`).
   Periods glued to a capitalised word ("Tuesday.Mr.") cut too.

Known limits, chosen over the opposite errors: an initialism before a name does not cut
("... sanctions by the U.S. Putin said ..."), and a sentence that starts in lower case after a
period ("iPhone sales ...") is read as going on.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from covdiff.model import SentenceKind
from covdiff.sentences_abbreviations import (
    ABBREVIATIONS,
    AMBIGUOUS,
    HONORIFIC_STARTERS,
    PREPOSITIVE,
    REPORTING_VERBS,
    STARTERS,
    TIME_FOLLOWERS,
)
from covdiff.sentences_lists import BULLETS, list_cuts

__all__ = ["HEADLINE_MAX_WORDS", "SUBHEAD_MAX_WORDS", "Span", "split_sentences"]

SUBHEAD_MAX_WORDS = 12
"""A line without final punctuation is a subhead up to this many words, a sentence beyond."""
HEADLINE_MAX_WORDS = 25
"""The first line is the headline up to this many words (headlines run longer than subheads)."""


@dataclass(frozen=True, slots=True)
class Span:
    """One sentence or heading: ``text[start:end]``, trimmed of whitespace."""

    start: int
    end: int
    kind: SentenceKind = SentenceKind.SENTENCE


# --- character classes -------------------------------------------------------------------

_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # exactly str.splitlines()'s line breaks
_WESTERN_TERMS = ".!?…‼⁇⁈⁉؟।॥۔"
_CJK_TERMS = "。！？｡．"
_STRONG = "!?‼⁇⁈⁉؟।॥۔"  # marks with no abbreviation reading: ! ? and the Indic/Urdu stops
# Quotes and brackets that can close after a final mark ("... great." she); combining marks
# are included so that a mark is never separated from the character it decorates.
_CLOSERS = "\"'”’»›)\\]}」』）】〕〉》\u0300-\u036f\ufe0e\ufe0f"
_QUOTES = "\"'”’»›」』"
# What may stand between a boundary and the next sentence's first word.
_OPENERS = "\"'`“‘„‚«‹(\\[{¿¡「『（—–-"
_OPENER_CHARS = _OPENERS.replace("\\", "")
_FULL_STOPS = ".…。．｡"
_FINAL = _WESTERN_TERMS + _CJK_TERMS
_HEADING_FINAL = _FINAL + ":;,"  # a subhead is unpunctuated; a colon introduces, not heads

# --- compiled patterns ---------------------------------------------------------------------

_H = rf"[^\S{_BREAKS}]"  # horizontal whitespace
# One line's content without surrounding whitespace. \S and _H are disjoint, so the nested
# repetition has a single way to match and cannot backtrack.
_LINE = re.compile(rf"\S+(?:{_H}+\S+)*")
_BREAK = re.compile(rf"\r\n|[{_BREAKS}]")

# The leading look-ahead names every possible first character: it lets the regex engine skip
# ahead with a fast character scan instead of trying each alternative at every position
# (several times faster on long texts). _SHIELD does the same.
_CANDIDATE = re.compile(
    rf"(?=[\[(.{_WESTERN_TERMS}{_CJK_TERMS}])"
    # An elision mark "[...]" is part of the quotation it shortens: matched, then ignored.
    r"(?:[\[(](?:\.\.\.|…|\.(?: \.){2})[\])]"
    r"|(?P<term>"
    r"\.(?:[ \t\u00a0]\.){2,}"  # spaced ellipsis ". . ." / ". . . ."
    rf"|[{_WESTERN_TERMS}]+"
    rf"|[{_CJK_TERMS}]+"
    rf")(?P<close>[{_CLOSERS}]*(?:\[\d{{1,3}}\])*))"  # closers, then footnote marks "[1]"
)
# After a candidate: the whitespace and openers, then (a bounded look at) the next word.
_AFTER = re.compile(rf"\s[\s{_OPENERS}]*(\S{{0,40}})")

# Paired quotes and brackets. A final mark strictly inside a pair does not cut ("He said
# “No. Never.” and left"); one right before the closing mark may. Each body stops at the
# next mark of its own kind and is capped, so a scan never runs past the next opener.
_SHIELD = re.compile(
    r"(?=[“„«\"‘'`(\[「『（])"
    r"(?:“[^“”\n]{0,1000}”"
    r"|„[^„“”\n]{0,1000}[“”]"
    r"|«[^«»\n]{0,1000}»"
    r'|"[^"\n]{0,1000}"'
    # Curly and straight single quotes double as apostrophes: one between two letters
    # ("don’t") is inside the quotation, one after a letter and before a non-letter closes it.
    r"|‘(?:[^‘’\n]|(?<=\w)’(?=\w)){0,1000}’"
    # A straight opening quote follows a space or an opening mark: after "?" in "...?' asks"
    # it closes. "`" opens in ASCII typesetting (`like this').
    r"|'(?<![^\s(\[{\"“]')(?=\w)(?:[^'\n]|(?<=\w)'(?=\w)){0,1000}'(?!\w)"
    r"|`(?:[^`'\n]|(?<=\w)'(?=\w)){0,1000}'(?!\w)"
    r"|\([^()\n]{0,1000}\)"
    r"|\[[^\[\]\n]{0,1000}\]"
    r"|「[^「」\n]{0,1000}」|『[^『』\n]{0,1000}』|（[^（）\n]{0,1000}）)"
)
# A URL runs to the next space (possessively: a failed match cannot rescan the token); the
# punctuation it ends with is given back in _opaque, so "see example.com/x. Next" still cuts.
_URL = re.compile(r"(?<![\w@/.])(?:(?:https?|ftp)://|www\.)\S++")
_URL_TRAILING = ".,;:!?\"'”’»)]}>"
# Possessive quantifiers: the domain part cannot backtrack.
_EMAIL_DOMAIN = re.compile(r"[\w-]++(?:\.[\w-]++)+")
_EMAIL_LOCAL = frozenset("._%+-")

_CLOSER_CHAR = re.compile(rf"[{_CLOSERS}]")
_FIRST_WORD = re.compile(r"\w{1,40}")
_LONE_MARKER = re.compile(rf"[\s{BULLETS}(\[]*(?:\d{{1,3}}|[A-Za-z]|[ivx]{{1,4}}|[IVX]{{1,4}})")
_INITIALISM = re.compile(r"[A-Za-z](?:\.[A-Za-z])*")  # "E", "U.S", "a.m", "J.C"
_LEADING_LETTERS = re.compile(r"[A-Za-z]+")
# A name and a verb of saying after a quotation: `“Why now?” Blinken asked.`
_SPEECH = re.compile(
    r"\s+(?:(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gen|Gov|Rep|Lt|Col|Capt|Sgt)\.\s+)?"
    r"(?P<name>[A-Z][\w'’.-]{0,30})\s+(?:[A-Z][\w'’.-]{0,30}\s+){0,2}"
    r"(?:" + "|".join(REPORTING_VERBS) + r")\b"
)

_BULLET_LINE = re.compile(rf"[-*–{BULLETS}][ \t]")
"""A line that opens with a bullet: an item of a list, never a subhead."""

# Classes of the word before a period.
_PLAIN, _ABBREV, _AMBIGUOUS, _PREPOSITIVE, _TIME = range(5)


def split_sentences(text: str) -> list[Span]:
    """Cut *text* into sentence and heading spans (see the module docstring)."""
    spans: list[Span] = []
    for index, (start, end, single_line) in enumerate(_blocks(text)):
        pieces = _trim(text, [start, *_cuts(text, start, end), end])
        kind = SentenceKind.SENTENCE
        if single_line and len(pieces) == 1 and _is_heading(text, start, end, index == 0):
            kind = SentenceKind.HEADING
        spans.extend(Span(s, e, kind) for s, e in pieces)
    return spans


# --- lines and blocks ----------------------------------------------------------------------


def _blocks(text: str) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, single_line)`` for each run of lines read as one paragraph."""
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text)]
    joins = [False] * len(lines)
    # Walk backwards so that each line knows whether its continuation ends a sentence.
    continuation_ends = False
    for i in range(len(lines) - 1, -1, -1):
        start, end = lines[i]
        final = _last_char(text, start, end) in _FINAL
        if (
            i + 1 < len(lines)
            and not final
            and _wraps(text, end, lines[i + 1][0], continuation_ends)
        ):
            joins[i] = True
        else:
            continuation_ends = final
    i = 0
    while i < len(lines):
        j = i
        while joins[j]:
            j += 1
        yield lines[i][0], lines[j][1], i == j
        i = j + 1


def _wraps(text: str, end: int, next_start: int, continuation_ends: bool) -> bool:
    """Whether the line ending at *end* is wrapped onto the line starting at *next_start*."""
    if len(_BREAK.findall(text, end, next_start)) != 1:
        return False  # a blank line is a paragraph break, always
    trailing_space = text[end] not in _BREAKS
    if text[next_start] == "(":  # "up to 400 yd \n( 365.8 m )."
        return trailing_space
    # The whole first word in lower case: a line may open with "iPhone" or "eBay".
    first_word = _FIRST_WORD.match(text, next_start)
    return (
        text[next_start].islower()
        and first_word is not None
        and first_word.group().islower()
        and (trailing_space or continuation_ends)
    )


def _last_char(text: str, start: int, end: int) -> str:
    """The last character of ``text[start:end]`` that is not a closing quote or bracket."""
    k = end - 1
    while k > start and k > end - 8 and _CLOSER_CHAR.match(text[k]):
        k -= 1
    return text[k]


def _is_heading(text: str, start: int, end: int, headline: bool) -> bool:
    if end - start > 400:  # cheaper than counting words in a long paragraph
        return False
    words = len(text[start:end].split())
    last = _last_char(text, start, end)
    if headline:
        return words <= HEADLINE_MAX_WORDS and last not in _FULL_STOPS
    if _BULLET_LINE.match(text, start):
        return False  # "- Homes destroyed: 63": a list item states a claim, it heads nothing
    return words <= SUBHEAD_MAX_WORDS and last not in _HEADING_FINAL


def _trim(text: str, bounds: list[int]) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(bounds):
        piece = text[a:b]
        stripped = piece.strip()
        if stripped:
            s = a + len(piece) - len(piece.lstrip())
            pieces.append((s, s + len(stripped)))
    return pieces


# --- boundaries inside a block -------------------------------------------------------------


def _cuts(text: str, start: int, end: int) -> list[int]:
    """Positions inside ``text[start:end]`` where a new sentence begins, in order."""
    forced, marker_periods = list_cuts(text, start, end)
    # Found lazily: most lines hold one sentence, whose only candidate is at the line's end.
    shields: list[tuple[int, int]] | None = None
    opaque: list[tuple[int, int]] | None = None
    cuts: list[int] = []
    sentence_start = start
    fi = si = oi = 0
    for m in _CANDIDATE.finditer(text, start, end):
        pos = m.start()
        while fi < len(forced) and forced[fi] <= pos:
            if forced[fi] > sentence_start:
                cuts.append(forced[fi])
                sentence_start = forced[fi]
            fi += 1
        if m.group("term") is None or pos in marker_periods or m.end() >= end:
            continue
        if shields is None or opaque is None:
            shields = [(q.start(), q.end() - 1) for q in _SHIELD.finditer(text, start, end)]
            opaque = _opaque(text, start, end)
        while oi < len(opaque) and opaque[oi][1] <= pos:
            oi += 1
        if oi < len(opaque) and opaque[oi][0] <= pos:
            continue
        while si < len(shields) and shields[si][1] < pos:
            si += 1
        if si < len(shields) and shields[si][0] < pos and m.end() <= shields[si][1]:
            continue
        cut = _decide(text, m, start, end, sentence_start)
        if cut is not None and sentence_start < cut < end:
            cuts.append(cut)
            sentence_start = cut
    cuts.extend(f for f in forced[fi:] if f > sentence_start)
    return cuts


def _decide(text: str, m: re.Match[str], start: int, end: int, sentence_start: int) -> int | None:
    """Where the candidate *m* ends a sentence, or None if it does not."""
    term = m.group("term")
    pos, close_end = m.start(), m.end()
    if close_end >= end:
        return None  # the end of the block ends the sentence anyway
    if term[0] in _CJK_TERMS:
        # CJK writing puts no space between sentences, so the mark alone cuts; but a quoted
        # question runs on into its attribution: 「元気？」と聞いた。
        if m.group("close") and text[close_end] not in _OPENER_CHARS:
            return None
        return close_end
    if not text[close_end].isspace():
        return close_end if _glued_boundary(text, pos, term, close_end, start, end) else None
    after = _AFTER.match(text, close_end, end)
    word = after.group(1) if after else ""
    if not word or word[0].islower():
        return None  # nothing follows, or the sentence goes on ("co. at noon", "Yahoo! in")
    first = word[0]
    if any(c in _QUOTES for c in m.group("close")) and _is_attribution(text, close_end, end):
        return None
    if " " in term or "\t" in term or "\u00a0" in term:
        return _spaced_ellipsis(text, pos, term, close_end, start, first)
    if any(c in _STRONG for c in term):
        return close_end
    if "…" in term or len(term) >= 3:
        return close_end if first.isalpha() else None  # "... She left" / "1... 2... 3"
    return _after_period(text, pos, sentence_start, word, close_end)


def _is_attribution(text: str, pos: int, end: int) -> bool:
    """Whether a name and a verb of saying follow: the quotation's mark does not end the
    sentence in `“Why now?” Blinken asked.`, but a pronoun starts a new one in `“Who is
    this?” She said it to the Knave.`"""
    m = _SPEECH.match(text, pos, min(end, pos + 120))
    return m is not None and m.group("name") not in STARTERS


def _spaced_ellipsis(
    text: str, pos: int, term: str, close_end: int, start: int, first: str
) -> int | None:
    # Three spaced dots mark an omission inside the sentence ("the thing is . . . I didn't").
    # Four are an omission plus a period: glued to a word ("compounds. . . . The") the period
    # comes first and the omission opens the next sentence; after a space it comes last.
    if term.count(".") < 4 or not first.isalpha():
        return None
    attached = pos > start and not text[pos - 1].isspace()
    return pos + 1 if attached else close_end


def _after_period(
    text: str, pos: int, sentence_start: int, word: str, close_end: int
) -> int | None:
    """Decide a single period followed by whitespace and a word not in lower case."""
    if pos - sentence_start <= 12 and _LONE_MARKER.fullmatch(text, sentence_start, pos):
        return None  # a list marker "1." or "a." opening an item, not a one-word sentence
    kind = _classify(_word_before(text, pos, sentence_start))
    if word[0].isdigit():
        return close_end if kind == _PLAIN else None  # "in 2019. 42 died" / "p. 55"
    if kind == _PREPOSITIVE:
        return None
    # "At 5 a.m. Mr. Smith left": three words or fewer ending in an initialism are a fronted
    # phrase, not a sentence. (Length first: slicing a long sentence at every period would
    # make the whole quadratic.)
    fronted = pos - sentence_start <= 60 and len(text[sentence_start:pos].split()) <= 3
    if kind in (_AMBIGUOUS, _TIME) and fronted:
        return None
    if kind == _AMBIGUOUS:
        return close_end if _is_starter(word) else None
    if kind == _TIME:
        letters = _LEADING_LETTERS.match(word)
        return None if letters and letters.group() in TIME_FOLLOWERS else close_end
    return close_end


def _word_before(text: str, pos: int, start: int) -> str:
    """The token before the period at *pos*, without opening quotes or brackets."""
    # Abbreviations are short: a longer token is a plain word, and the scan stays bounded.
    k = pos
    limit = max(start, pos - 40)
    while k > limit and not text[k - 1].isspace():
        k -= 1
    if k == limit and k > start and not text[k - 1].isspace():
        return ""
    return text[k:pos].lstrip(_OPENER_CHARS)


def _classify(word: str) -> int:
    if not word:
        return _PLAIN
    lower = word.lower()
    if lower in PREPOSITIVE:
        return _PREPOSITIVE
    if lower in ("a.m", "p.m"):
        return _TIME
    if lower in AMBIGUOUS or _INITIALISM.fullmatch(word):
        return _AMBIGUOUS
    if lower in ABBREVIATIONS:
        return _ABBREV
    return _PLAIN


def _is_starter(word: str) -> bool:
    m = _LEADING_LETTERS.match(word)
    if not m:
        return False
    if word[m.end() : m.end() + 1] == ".":  # "Mr." opens a sentence, the initial "A." does not
        return m.group() + "." in HONORIFIC_STARTERS
    return m.group() in STARTERS


def _glued_boundary(text: str, pos: int, term: str, close_end: int, start: int, end: int) -> bool:
    """A mark with no space after it: "world.Today" cuts; "U.S.A", "3.5", "Jr.'s" do not."""
    if len(term) != 1 or close_end + 1 >= end or pos - 2 < start:
        return False
    before, prior = text[pos - 1], text[pos - 2]
    nxt, second = text[close_end], text[close_end + 1]
    return (
        nxt.isupper()
        and second.islower()
        and (before.islower() or before.isdigit())
        and prior.isalnum()
    )


def _opaque(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sorted, merged ranges of URLs and e-mail addresses, whose dots never cut."""
    ranges: list[tuple[int, int]] = []
    if text.find("://", start, end) != -1 or text.find("www.", start, end) != -1:
        for m in _URL.finditer(text, start, end):
            url = m.group().rstrip(_URL_TRAILING)
            ranges.append((m.start(), m.start() + len(url)))
    # E-mail addresses are found from their "@" outwards: a regex starting at every letter
    # would rescan each long word.
    at = text.find("@", start, end)
    while at != -1:
        domain = _EMAIL_DOMAIN.match(text, at + 1, end)
        if domain:
            k = at
            while k > max(start, at - 64) and (
                text[k - 1].isalnum() or text[k - 1] in _EMAIL_LOCAL
            ):
                k -= 1
            if k < at:
                ranges.append((k, domain.end()))
        at = text.find("@", at + 1, end)
    ranges.sort()
    merged: list[tuple[int, int]] = []
    for a, b in ranges:
        if merged and a <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged
