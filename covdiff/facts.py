"""Checkable facts in a sentence: numbers (with the word each counts, the span a rate is
counted over, and whether they are a bound, "more than 220", or loose, "nearly 4,000"),
lengths in metres ("640m"), scores and vote splits ("101 in favour and 97 against"), ages,
times of day, dates (weekday, month and day, month, year, "six years ago"), names (runs of
capitalised words, `covdiff.name_runs`) and quotations. `covdiff.conflicts` sets two
versions of one claim against each other on these facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from covdiff.calendar_words import MONTHS, WEEKDAYS
from covdiff.datelines import dateline_end
from covdiff.lexicon import concept
from covdiff.model import ConflictKind
from covdiff.name_runs import name_runs, title_case
from covdiff.names import NameRun
from covdiff.normalize import CLOCK_NORM, DURATION_NORM, Token, tokenize
from covdiff.number_roles import LOOSELY, hurt, prior, rating, share
from covdiff.quotes import Quote, find_quotes

_VAGUE = {
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "millions": 1_000_000,
    "billions": 1_000_000_000,
}
_SCALE = {
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,  # "$55B"
    "m": 1_000_000,
    "k": 1000,  # "$5k"
}
_ABBREVIATED_SCALES = frozenset({"bn", "b", "m", "k"})
"""Scales that only follow a number: "a B" or "a k" is not a quantity."""
_UNIT_SKIP = frozenset(
    "of more than over about nearly almost some around least at per a an the own".split()
)


@dataclass(frozen=True, slots=True)
class Fact:
    kind: ConflictKind
    value: object
    text: str
    unit: str = ""
    per: str = ""
    """The span a rate is counted over ("180 million crowns a day" -> day): a rate and a
    total ("360 million crowns" over two days) are not one quantity to compare."""
    bound: str = ""
    """"over" for "more than 220", "under" for "fewer than 50": a bound, which an exact
    number on its side of it meets ("225"); "about" for a number given loosely ("nearly
    four days")."""
    noun: str = ""
    """The word after `unit`, when the unit may be an adjective: "640 planned operations"
    counts operations, as "460 operations" does."""
    lead: str = ""
    """The content word right before the number ("kills 4 near the capital" -> kill): two
    numbers after one verb play one role, whatever words follow them."""
    prior: bool = False
    """The value a record or figure had before ("broke a record of 45.1C", "beat the old
    best of 2:05:30"): it is set only against another such value, never the new one."""


_BOUNDS = {("more", "than"): "over", ("over",): "over", ("upwards", "of"): "over",
           ("less", "than"): "under", ("fewer", "than"): "under", ("under",): "under",
           ("below",): "under", **{(w,): "about" for w in sorted(LOOSELY)}}  # fmt: skip


_BOUND_WORDS = frozenset(w for words in _BOUNDS for w in words)


def _bound(toks: Sequence[Token], i: int) -> str:
    """Whether the words right before a number make it a bound (`Fact.bound`)."""
    for words, bound in _BOUNDS.items():
        n = len(words)
        if i >= n and tuple(t.norm for t in toks[i - n : i]) == words:
            return bound
    return ""


@dataclass(frozen=True, slots=True)
class Facts:
    numbers: tuple[Fact, ...]
    weekdays: tuple[Fact, ...]
    monthdays: tuple[Fact, ...]
    months: tuple[Fact, ...]
    years: tuple[Fact, ...]
    names: tuple[NameRun, ...]
    quotes: tuple[Quote, ...]
    norms: frozenset[str]
    name_norms: frozenset[str] = frozenset()
    """Every word of every name run, normalised (for a quick "no new name" check)."""
    title_case: bool = False
    """Most words capitalised ("U.S., EU Widen Sanctions On Russia"): capitals do not mark
    names there, so two runs sharing a word ("Widen Sanctions"/"Boost Sanctions") are not
    one name spelt two ways."""


def _num(tok: Token) -> float | None:
    if not tok.norm[:1].isdigit():
        return None
    try:
        return float(tok.norm.replace(",", ""))
    except ValueError:
        return None


def _unit(tokens: Sequence[Token], i: int, text: str) -> str:
    """What a number counts: "%" or the first content word after it ("24 years" -> year).
    A compound of a word and a participle before the noun is passed over ("thousands of
    flag-waving fans" counts fans)."""
    if tokens[i].surface.endswith("%"):
        return "percent"
    if i and tokens[i - 1].stem == "magnitud":
        return "magnitud"  # "a magnitude 6.4 quake": the word before says what it measures
    if rating(tokens, i):
        return "level"
    condition = hurt(tokens, i)
    if condition:
        return condition
    part = i + 1 < len(tokens) and tokens[i + 1].norm == "of"
    compound = -1
    for k, t in enumerate(tokens[i + 1 : i + (6 if part else 4)], start=i + 1):
        if k == compound:
            continue
        if t.start - tokens[k - 1].end > 1:
            return ""  # punctuation between: "Progressives 31, Civic League 21" counts no "civic"
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and text[t.end : nxt.start] == "-" and nxt.norm.endswith(("ing", "ed")):
            compound = k + 1  # "flag-waving": the participle's compound describes the noun
            continue
        if t.norm == "cent" and tokens[k - 1].norm == "per":
            return "percent"  # "3.5 per cent" is "3.5%"
        if k == i + 1 and t.norm == "in" and t.start == tokens[i].end:
            return concept("inch")  # "a 6.7in screen": "in" written onto the number
        if t.norm in _UNIT_SKIP or t.norm in _SCALE or not t.content:
            continue
        if t.norm[:1].isdigit():
            # A part of a whole counts what the whole counts: "two of the seven regions".
            return _unit(tokens, k, text) if part else ""
        if part and t.surface.endswith(("'s", "’s")):
            continue  # "three of the country's seven regions"
        if (k == i + 1 or tokens[k - 1].norm == "of") and _qualifier(tokens, k):
            continue  # "11,990 Estavian crowns" counts crowns
        return "year" if t.stem in ("decad", "year") else concept(t.stem)
    return ""


def _qualifier(tokens: Sequence[Token], k: int) -> bool:
    """A capitalised word between a number and the lower-case word it counts ("12 Ostrevian
    prisoners", "hundreds of Casmiran farmers"): it says whose, not what."""
    nxt = tokens[k + 1] if k + 1 < len(tokens) else None
    return (
        tokens[k].surface[:1].isupper()
        and nxt is not None
        and nxt.start - tokens[k].end == 1
        and nxt.content
        and nxt.surface[:1].islower()
    )


_PRONOUN_ONE = frozenset("this that the which any each every another no such".split())
"""Words after which "one" stands for a thing already named, not a count of one."""

_RATE_WORDS = frozenset({"a", "an", "per", "each", "every"})
_RATE_SPANS = frozenset({"hour", "day", "week", "month", "year", "annum"})
_NOT_RATE_AFTER = frozenset({"after", "before", "later", "earlier", "ago"})  # "a day after"
_RATE_WINDOW = 5
"""Words after a number within which "a day", "per year" make it a rate."""


def _per(tokens: Sequence[Token], i: int) -> str:
    """The span a number is counted over, when it is a rate: "40 florins a month"."""
    window = tokens[i + 1 : i + 1 + _RATE_WINDOW]
    for k, t in enumerate(window[:-1]):
        span = window[k + 1]
        if t.norm in _RATE_WORDS and concept(span.stem) in _RATE_SPANS:
            after = window[k + 2] if k + 2 < len(window) else None
            if after is None or after.norm not in _NOT_RATE_AFTER:
                return concept(span.stem)
    return ""


_HEDGES = LOOSELY | frozenset("shortly just after before".split())
"""Words before a time of day that make it approximate: "shortly after 4pm" is 4.09pm."""


def _score(x: float, y: float) -> tuple[str, float, float]:
    """A score or split as a value: the larger side first, since "won 2-1" and "lost 1-2",
    or "by 30 votes to 12" and "12 votes to 30", tell one result from either side."""
    return ("score", max(x, y), min(x, y))


def _is_age(text: str, toks: Sequence[Token], i: int) -> bool:
    """A person's age: "Anselm Vortrek, 62, was ...", "the 61-year-old", "aged 44",
    "Seventeen-year-old Teo Vassaro"."""
    t = toks[i]
    value = _num(t)
    if value is None or not value.is_integer() or not 0 < value < 120:
        return False
    if i and toks[i - 1].norm == "aged":
        return True
    after = [x.norm for x in toks[i + 1 : i + 3]]
    if after == ["year", "old"] and text[t.end : toks[i + 2].start].count("-") == 2:
        return True
    # Between commas right after a name: the apposition newspapers give ages in.
    return (
        i > 0
        and toks[i - 1].surface[:1].isupper()
        and text[toks[i - 1].end : t.start].strip() == ","
        and text[t.end : t.end + 1] == ","
    )


def _vote_split(toks: Sequence[Token], i: int) -> tuple[int, float] | None:
    """Where "N votes to M" or "N in favour and M against" puts M, and M, for the number
    at ``i``."""
    if i + 3 < len(toks) and toks[i + 1].stem == "vote" and toks[i + 2].norm == "to":
        second = _num(toks[i + 3])
        return None if second is None else (i + 3, second)
    # "The Assembly voted 97 to 77": the verb before says it is a split.
    if i and toks[i - 1].stem == "vote" and i + 2 < len(toks) and toks[i + 1].norm == "to":
        second = _num(toks[i + 2])
        return None if second is None else (i + 2, second)
    words = [t.stem for t in toks[i + 1 : i + 8]]
    for ayes in (["in", "favor", "and"], ["vote", "in", "favor", "and"], ["for", "and"]):
        j = i + 1 + len(ayes)
        if words[: len(ayes)] == ayes and j < len(toks) and (second := _num(toks[j])) is not None:
            against = [t.norm for t in toks[j + 1 : j + 3]]
            if "against" in against:
                return j, second
    return None


def _clock_fact(toks: Sequence[Token], i: int) -> Fact:
    """A time of day ("3.40am" is "03:40"): its value is the minute of the day, and whether
    the report gives it loosely (`_HEDGES`), when a time close by is no conflict."""
    hour, minute = toks[i].norm.split(":")
    hedged = any(t.norm in _HEDGES for t in toks[max(0, i - 2) : i])
    return Fact(ConflictKind.NUMBER, ("clock", int(hour) * 60 + int(minute), hedged),
                toks[i].surface, "clock")  # fmt: skip


def sentence_facts(text: str, tokens: Sequence[Token] | None = None) -> Facts:
    toks = list(tokens) if tokens is not None else tokenize(text)
    weekdays, monthdays, months, used = _date_facts(text, toks)
    numbers: list[Fact] = []
    years: list[Fact] = []
    for i, t in enumerate(toks):
        if i in used:
            continue
        if CLOCK_NORM.fullmatch(t.norm):
            # A live blog's entry starts with the time it was posted ("14:20 Minister at
            # the museum"), which is no fact of the story.
            if i:
                numbers.append(_clock_fact(toks, i))
            continue
        if DURATION_NORM.fullmatch(t.norm):
            h, m, sec = (int(x) for x in t.norm.split(":"))
            value = ("duration", (h * 60 + m) * 60 + sec)
            numbers.append(Fact(ConflictKind.NUMBER, value, t.surface, "duration"))
            continue
        if i and text[toks[i - 1].end : t.start] == "-" and toks[i - 1].surface[:1].isupper():
            continue  # part of a name, "Nimbra-1", "Covid-19": no count
        value = _num(t)
        if value is None:
            fact = _word_quantity(text, toks, i)
            if fact is not None:
                numbers.append(fact)
            continue
        if i + 2 < len(toks) and toks[i + 1].stem == "year" and toks[i + 2].norm == "ago":
            # "six years ago" is a year, counted back from when the report was written.
            years.append(Fact(ConflictKind.DATE, value, text[t.start : toks[i + 2].end], "ago"))
            continue
        split = _split(text, toks, i, value)
        if split is not None:
            fact, j = split
            used.add(j)
            numbers.append(fact)
        elif (
            t.surface.lower() == "one"
            and (
                (i and toks[i - 1].norm in _PRONOUN_ONE)
                or (i + 1 < len(toks) and toks[i + 1].norm == "of")
            )
            and not hurt(toks, i)  # "one of them seriously" counts the badly hurt
        ):
            continue  # "quakes like this one", "one of Europe's biggest": no count
        elif t.surface.isdigit() and len(t.surface) == 4 and 1800 <= value <= 2100:
            since = i > 0 and toks[i - 1].norm == "since"
            # "March 7, 2025" or "18 November 2025": the year of a full date.
            dated = i - 1 in used or (i > 1 and toks[i - 1].norm in MONTHS and i - 2 in used)
            unit = "since" if since else "dated" if dated else ""
            years.append(Fact(ConflictKind.DATE, int(value), t.surface, unit))
        else:
            numbers.append(_count(text, toks, i, value))
    names = tuple(name_runs(text, toks))
    return Facts(
        numbers=tuple(numbers),
        weekdays=tuple(weekdays),
        monthdays=tuple(monthdays),
        months=tuple(months),
        years=tuple(years),
        names=names,
        quotes=tuple(find_quotes(text)),
        norms=frozenset(t.norm for t in toks),
        name_norms=frozenset(t.norm for run in names for t in run.tokens),
        title_case=title_case(toks),
    )


def _date_facts(
    text: str, toks: Sequence[Token]
) -> tuple[list[Fact], list[Fact], list[Fact], set[int]]:
    """Weekdays, month-and-day dates and bare months, and the tokens a date's day took."""
    weekdays: list[Fact] = []
    monthdays: list[Fact] = []
    months: list[Fact] = []
    used: set[int] = set()
    # A dateline's date ("LISMERE, Aug 11 (Tollmere Press) —") is when the report was
    # filed, not when what it reports happened, unless the sentence says "today".
    dateline = 0 if any(t.norm == "today" for t in toks) else dateline_end(text, toks)
    for i, t in enumerate(toks):
        low = t.norm
        if i < dateline:
            if MONTHS.get(low.rstrip(".")) and (day := _day_near(text, toks, i)) is not None:
                used.add(day[0])
            continue
        if low in WEEKDAYS:
            weekdays.append(Fact(ConflictKind.DATE, low, t.surface))
            continue
        month = MONTHS.get(low.rstrip("."))
        if month and (t.surface[:1].isupper()) and (low != "may" or _near_number(toks, i)):
            day = _day_near(text, toks, i)
            if day is not None:
                j, d = day
                used.add(j)
                span = text[min(t.start, toks[j].start) : max(t.end, toks[j].end)]
                # "cases since March 3": the day something began, not the day it happened.
                first = min(i, j)
                since = "since" if first and toks[first - 1].norm == "since" else ""
                monthdays.append(Fact(ConflictKind.DATE, (month, d), span, since))
            else:
                months.append(Fact(ConflictKind.DATE, month, t.surface))
    return weekdays, monthdays, months, used


def _split(text: str, toks: Sequence[Token], i: int, value: float) -> tuple[Fact, int] | None:
    """A score or vote split starting at ``i`` ("7-2", "2–1", "by 101 votes to 97"): one
    fact, compared as a whole, and the token of its second number."""
    vote = _vote_split(toks, i)
    if vote is not None:
        j, second = vote
    else:
        j = i + 1
        if j >= len(toks) or text[toks[i].end : toks[j].start] not in ("-", "–"):
            return None
        after = _num(toks[j])
        if after is None or not (toks[i].surface[:1].isdigit() and toks[j].surface[:1].isdigit()):
            return None
        second = after
    span = text[toks[i].start : toks[j].end]
    return Fact(ConflictKind.NUMBER, _score(value, second), span, "score"), j


def _count(text: str, toks: Sequence[Token], i: int, value: float) -> Fact:
    """A number with the word it counts: "24 years", "3.5 per cent", "2.4 billion euros"."""
    t = toks[i]
    end = t.end
    if _metres(text, toks, i):
        return Fact(ConflictKind.NUMBER, value, text[t.start : toks[i + 1].end], _METRE,
                    bound=_bound(toks, i), lead=_lead(toks, i),
                    prior=prior(toks, i))  # fmt: skip
    if i + 1 < len(toks) and toks[i + 1].norm in _SCALE:
        value *= _SCALE[toks[i + 1].norm]
        end = toks[i + 1].end
    unit = "age" if _is_age(text, toks, i) else _unit(toks, i, text)
    if i + 1 < len(toks) and toks[i + 1].stem == "decad":
        value *= 10
    if unit and i + 1 < len(toks) and concept(toks[i + 1].stem) == unit:
        end = max(end, toks[i + 1].end)  # "24 years" reads better than "24"
    elif unit == "percent" and [x.norm for x in toks[i + 1 : i + 3]] == ["per", "cent"]:
        end = toks[i + 2].end
    return Fact(
        ConflictKind.NUMBER,
        value,
        text[t.start : end],
        unit,
        _per(toks, i),
        _bound(toks, i),
        _noun(toks, i, unit) if unit else "",
        _lead(toks, i),
        prior(toks, i),
    )


_METRE = concept("metr")
_CURRENCY_MARKS = ("£", "$", "€", "¥")


def _metres(text: str, toks: Sequence[Token], i: int) -> bool:
    """Whether an "m" written onto a number means metres, not million: "640m below
    ground", "a 45m stretch", but "£5.8m", "fl19.2m" and "14.2m phones" (a plural noun
    after it counts millions of something)."""
    if i + 1 >= len(toks) or toks[i + 1].norm != "m" or toks[i + 1].start != toks[i].end:
        return False
    before = text[max(0, toks[i].start - 3) : toks[i].start]
    if before.endswith(_CURRENCY_MARKS) or (i and toks[i - 1].end == toks[i].start):
        return False  # "£5.8m", "US$5m", "fl19.2m"
    if before.endswith(("m-", "m–")):
        return False  # the top of a range of millions: "fl25m–35m"
    nxt = toks[i + 2] if i + 2 < len(toks) else None
    plural = nxt is not None and nxt.content and nxt.surface.islower() and nxt.surface.endswith("s")
    return not plural


def _lead(toks: Sequence[Token], i: int) -> str:
    for t in reversed(toks[max(0, i - 3) : i]):
        if t.norm in _UNIT_SKIP or t.norm in _BOUND_WORDS:
            continue
        return concept(t.stem) if t.content and not t.norm[:1].isdigit() else ""
    return ""


def _noun(toks: Sequence[Token], i: int, unit: str) -> str:
    """The content word right after a number's unit word, with nothing between."""
    for k in range(i + 1, min(i + 5, len(toks) - 1)):
        if concept(toks[k].stem) == unit:
            nxt = toks[k + 1]
            if nxt.start - toks[k].end == 1 and nxt.content and not nxt.norm[:1].isdigit():
                return concept(nxt.stem)
            return ""
    return ""


def _word_quantity(text: str, toks: Sequence[Token], i: int) -> Fact | None:
    """A quantity in words: "a hundred", "half a million", "dozens", "thousands"."""
    t = toks[i]
    if (
        t.norm in _SCALE
        and t.norm not in _ABBREVIATED_SCALES
        and (i == 0 or toks[i - 1].norm in ("a", "an"))
    ):
        # "a hundred firefighters" is 100 of them, "half a million" 500,000.
        start = toks[i - 1].start if i > 0 else t.start
        value = float(_SCALE[t.norm])
        if i > 1 and toks[i - 2].norm == "half":
            start, value = toks[i - 2].start, value / 2
        return Fact(ConflictKind.NUMBER, value, text[start : t.end], _unit(toks, i, text))
    if t.norm in _VAGUE:
        return Fact(ConflictKind.NUMBER, ("~", _VAGUE[t.norm]), t.surface, _unit(toks, i, text))
    return _fraction(text, toks, i)


def _fraction(text: str, toks: Sequence[Token], i: int) -> Fact | None:
    """A share in words as a percentage given loosely (`covdiff.number_roles.share`)."""
    value = share(toks, i)
    if value is None:
        return None
    bound = _bound(toks, i - 1) or "about"
    return Fact(ConflictKind.NUMBER, value, text[toks[i - 1].start : toks[i].end], "percent",
                bound=bound)  # fmt: skip


def _near_number(toks: Sequence[Token], i: int) -> bool:
    return any(_num(t) is not None for t in toks[max(0, i - 1) : i + 2])


def _day_near(text: str, toks: Sequence[Token], i: int) -> tuple[int, int] | None:
    # "June 9", "Sept. 12", "June 9th" (the tokenizer reads "9th" as "9" + "th") or "9 June".
    for j in (i + 1, i - 1):
        if j == i + 1 and j < len(toks) and text[toks[i].end : toks[j].start] not in (" ", ". "):
            continue  # "From 13 August, 14 villages": a comma between, no day
        if 0 <= j < len(toks):
            v = _num(toks[j])
            if v is not None and v.is_integer() and 1 <= v <= 31 and toks[j].surface[:1].isdigit():
                return j, int(v)
    return None


def merge_facts(parts: Sequence[Facts]) -> Facts:
    if len(parts) == 1:
        return parts[0]
    return Facts(
        *(
            tuple(x for p in parts for x in getattr(p, f))
            for f in ("numbers", "weekdays", "monthdays", "months", "years", "names", "quotes")
        ),
        norms=frozenset().union(*(p.norms for p in parts)),
        name_norms=frozenset().union(*(p.name_norms for p in parts)),
        title_case=any(p.title_case for p in parts),
    )
