"""Normalised words of a sentence, with offsets back into the sentence.

Every comparison covdiff makes works on these tokens, never on raw text, so that case,
Unicode quotes and dashes, punctuation, inflection ("signed"/"signing") and number words
("fourteen"/"14") do not count as differences. Each token keeps its character span in the
sentence so that word-level edits and conflicts can point back at the original words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import Stemmer  # PyStemmer: the Snowball stemmers in C, a few ms to import

from covdiff.wordforms import spelling

# Words and numbers; a number may carry thousands separators or a decimal part ("1,000",
# "3.5"), a word an inner apostrophe ("don't"). Hyphens split words, so that "Jong-un" and
# "Jong Un" compare equal. Dotted abbreviations ("U.S.", "p.m.") are one word, read as the
# undotted form, so that "U.S." and "US" (and "p.m." and "PM") are the same word.
_TOKEN = re.compile(
    # Times first: a time taken ("2:04:51") and a time of day ("3.40am", "4 p.m.", "16:09")
    # are one token each, so that "03:40" and "3.40am" are the same word. Then numbers; an
    # abbreviation's letter must be followed by a dot at once, so plain words fail it on
    # their second character (trying it first made tokenizing 50% slower).
    r"\d{1,2}:\d\d:\d\d(?!\d)|\d{1,2}(?:[:.]\d\d)? ?(?:[aApP][mM]|[ap]\.m\.)(?![^\W_])"
    r"|\d{1,2}:\d\d(?![\d:])"
    r"|\d+(?:[.,]\d+)*(?:st|nd|rd|th|%)?|[^\W\d_](?:\.[^\W\d_])+\.|[^\W\d_]+(?:['’][^\W\d_]+)*",
    re.UNICODE,
)
_CLOCK = re.compile(r"(\d{1,2})(?:([:.])(\d\d))? ?(?:([aApP])\.?[mM]\.?)?")
CLOCK_NORM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d")
"""The normalised form of a time of day: "03:40", "16:09" (24-hour clock)."""
DURATION_NORM = re.compile(r"\d+:[0-5]\d:[0-5]\d")
"""The normalised form of a time taken, hours:minutes:seconds: "2:04:51", and "62:10"
(minutes past the hours of a clock) as "1:02:10"."""
_DURATION = re.compile(r"(?:(\d{1,2}):)?(\d\d):(\d\d)")


def duration(word: str) -> str | None:
    """A time taken in "H:MM:SS" form, or None: "2:04:51" stays, "62:10" is "1:02:10";
    "04:51", which reads as a time of day, is None."""
    m = _DURATION.fullmatch(word)
    if m is None:
        return None
    hours, minutes, seconds = int(m.group(1) or 0), int(m.group(2)), int(m.group(3))
    if seconds > 59 or (m.group(1) is None and minutes < 24) or (m.group(1) and minutes > 59):
        return None
    total = (hours * 60 + minutes) * 60 + seconds
    return f"{total // 3600}:{total // 60 % 60:02d}:{total % 60:02d}"


def clock_time(word: str) -> str | None:
    """A time of day in 24-hour "HH:MM" form: "3.40am" and "03:40" are "03:40", "4 p.m." is
    "16:00"; None for what is no time ("90:00", "13pm")."""
    m = _CLOCK.fullmatch(word)
    if m is None or (m.group(2) != ":" and m.group(4) is None):
        return None  # a bare number or a decimal ("0.13") is no time
    hour, minute, half = int(m.group(1)), int(m.group(3) or 0), (m.group(4) or "").lower()
    if minute > 59 or hour > (12 if half else 24):
        return None
    if half:
        hour = hour % 12 + (12 if half == "p" else 0)
    return f"{hour % 24:02d}:{minute:02d}"


STOPWORDS = frozenset(
    """a an the and or but nor so yet of to in on at by for from with without about as into
    onto over under after before during between among through than then that this these
    those it its it's is are was were be been being am has have had having do does did doing
    will would shall should can could may might must not no also too very just only even
    still he him his she her hers they them their theirs we us our ours you your yours i me
    my mine who whom whose which what when where why how there here if while because since
    though although whether all any both each few more most other some such own same s t
    said says say saying told tells according said added adding one's per via upon up down
    out off again further once""".split()
)

_WORD_NUMBERS: dict[str, int] = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "dozen": 12,
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
# Ordinals stay words for matching ("first time") but still read as numbers in facts.
_ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth".split()
ORDINALS = frozenset(_ORDINAL_WORDS)

_QUOTES = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "‘": "'",
        "’": "'",
        "‚": "'",
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
    }
)

_stemmer = Stemmer.Stemmer("english")


@dataclass(frozen=True, slots=True)
class Token:
    """One word of a sentence: ``surface`` is ``sentence[start:end]``."""

    surface: str
    norm: str
    """Lower-cased, number words as digits, thousands separators removed."""
    stem: str
    start: int
    end: int
    content: bool
    """False for stopwords: they count for `same` wording but not for claim matching."""


def fold(text: str) -> str:
    """Unicode compatibility form with quotes and dashes reduced to ASCII."""
    return unicodedata.normalize("NFKC", text).translate(_QUOTES)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(word)


def _norm_word(word: str) -> str:
    if word[-1:] == ".":
        word = word.replace(".", "")  # a dotted abbreviation
    if word == "US":
        return "usa"  # the country, not the pronoun "us" (a stopword)
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]  # possessive: "Korea's" is "Korea"
    low = low.replace("'", "")
    if low in _WORD_NUMBERS and low not in ORDINALS:
        return str(_WORD_NUMBERS[low])
    if low[:1].isdigit():
        clock = clock_time(low) or duration(low)
        if clock is not None:
            return clock
        low = low.rstrip("%")  # "4.75%" is 4.75 (the per cent is the number's unit)
        if low[-1:].isalpha():
            low = low.rstrip("stndrh")  # "34th" is 34
            if low.isdigit() and 1 <= int(low) <= len(_ORDINAL_WORDS):
                return _ORDINAL_WORDS[int(low) - 1]  # "3rd" is "third", as written out
        return low.replace(",", "") if re.fullmatch(r"\d{1,3}(,\d{3})+", low) else low
    return low


def tokenize(sentence: str) -> list[Token]:
    """Tokens of a sentence with spans; "twenty-four" becomes one number token "24"."""
    # NFKC can change lengths (ligatures); only quotes/dashes are folded for matching so
    # that offsets stay exact, and compatibility folding is applied per word.
    text = sentence.translate(_QUOTES)
    raw = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    out: list[Token] = []
    i = 0
    while i < len(raw):
        word, start, end = raw[i]
        norm, stem_, content = _analyse(word)
        # Compound number words: "twenty-four", "twenty four", "two hundred".
        if norm.isdigit() and word.lower() in _WORD_NUMBERS:
            value = int(norm)
            j = i + 1
            while j < len(raw):
                nxt = raw[j][0].lower()
                gap = text[raw[j - 1][2] : raw[j][1]]
                if gap not in (" ", "-"):
                    break
                tens = value >= 20 and value % 10 == 0
                if tens and nxt in _WORD_NUMBERS and _WORD_NUMBERS[nxt] < 10:
                    value += _WORD_NUMBERS[nxt]
                elif nxt in _SCALES and nxt != "dozen":
                    value *= _SCALES[nxt]
                else:
                    break
                end = raw[j][2]
                j += 1
            if j > i + 1:
                norm = stem_ = str(value)
                content = True
                i = j - 1
        out.append(Token(sentence[start:end], norm, stem_, start, end, content))
        i += 1
    return out


@lru_cache(maxsize=131072)
def _analyse(word: str) -> tuple[str, str, bool]:
    """(norm, stem, content) of one word as the tokenizer found it. Cached: news repeats
    its words, and this is most of what tokenizing costs."""
    norm = _norm_word(unicodedata.normalize("NFKC", word))
    stem_ = norm if norm[:1].isdigit() else stem(spelling(norm))
    return norm, stem_, norm not in STOPWORDS or word[-1:] == "."  # "a.m." is a word


def normal_string(tokens: list[Token], *, content_only: bool = False) -> str:
    """Space-joined normalised words, the string rapidfuzz compares."""
    return " ".join(t.norm for t in tokens if t.content or not content_only)
