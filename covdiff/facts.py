"""Checkable facts in a sentence, and the conflicts between two versions of one claim.

A fact is a number (with the word it counts), a date (weekday, month and day, year), a
name (a run of capitalised words) or a quotation. Two linked sentences conflict when both
state a fact of one kind and the values differ: "hundreds of children" against "thousands
of children", "June 9" against "June 19", a different minister, different words inside the
quotation marks. A fact that only one side states is an omission, not a conflict, and
equivalents are not conflicts: "14" and "fourteen" (normalised), "24 years" and "since
2000" in a 2024 report (date arithmetic against the reference year), a quote cut shorter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from covdiff.lexicon import concept
from covdiff.model import Conflict, ConflictKind
from covdiff.names import TITLES, NameRun, one_place, related, same_role, spelling_variant
from covdiff.normalize import STOPWORDS, Token, tokenize
from covdiff.quotes import Quote, find_quotes, quote_conflicts
from covdiff.weights import _zipf_table

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
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
    "of more than over about nearly almost some around least at per a an the".split()
)
# What a number measures, where it is recognisable: a lone number on each side of a link is
# only called a conflict when the two could measure the same thing.
_UNIT_KINDS = {
    "percent": "percent", "percentag": "points", "point": "points", "basi": "points",
    "year": "time", "month": "time", "week": "time", "day": "time", "hour": "time",
    "minut": "time", "second": "time", "pm": "time", "am": "time", "score": "score",
    # Counts of people: "two workers were killed" and "three people have died" count one
    # thing (the lexicon's heads: residents are people, soldiers troops).
    **dict.fromkeys(("peopl", "person", "worker", "firefight", "child", "troop", "man",
                     "woman", "victim", "passeng", "civilian", "student", "patient"), "people"),
}  # fmt: skip
_COMMON_ZIPF = 4.6  # a sentence-initial capitalised word this frequent is not a name
_CAPS_ZIPF = 3.5  # an all-capitals word this frequent is emphasis, not an acronym
_RARE_ZIPF = 4.0


@dataclass(frozen=True, slots=True)
class Fact:
    kind: ConflictKind
    value: object
    text: str
    unit: str = ""


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


def _unit(tokens: Sequence[Token], i: int) -> str:
    """What a number counts: "%" or the first content word after it ("24 years" -> year)."""
    if tokens[i].surface.endswith("%"):
        return "percent"
    for t in tokens[i + 1 : i + 4]:
        if t.norm in ("am", "pm"):
            return t.norm  # "6am": a time of day ("am" is otherwise a stopword)
        if t.norm in _UNIT_SKIP or t.norm in _SCALE or not t.content:
            continue
        if t.norm[:1].isdigit():
            return ""
        return "year" if t.stem in ("decad", "year") else concept(t.stem)
    return ""


def sentence_facts(text: str, tokens: Sequence[Token] | None = None) -> Facts:
    toks = list(tokens) if tokens is not None else tokenize(text)
    numbers: list[Fact] = []
    weekdays: list[Fact] = []
    monthdays: list[Fact] = []
    months: list[Fact] = []
    years: list[Fact] = []
    used: set[int] = set()
    for i, t in enumerate(toks):
        low = t.norm
        if low in WEEKDAYS:
            weekdays.append(Fact(ConflictKind.DATE, low, t.surface))
            continue
        month = MONTHS.get(low.rstrip("."))
        if month and (t.surface[:1].isupper()) and (low != "may" or _near_number(toks, i)):
            day = _day_near(toks, i)
            if day is not None:
                j, d = day
                used.add(j)
                span = text[min(t.start, toks[j].start) : max(t.end, toks[j].end)]
                monthdays.append(Fact(ConflictKind.DATE, (month, d), span))
            else:
                months.append(Fact(ConflictKind.DATE, month, t.surface))
    for i, t in enumerate(toks):
        if i in used:
            continue
        value = _num(t)
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        if value is not None and nxt is not None and text[t.end : nxt.start] in ("-", "–"):
            # A score or vote split, "7-2" or "2–1": one fact, compared as a whole.
            second = _num(nxt)
            if second is not None and t.surface[:1].isdigit() and nxt.surface[:1].isdigit():
                used.add(i + 1)
                span = text[t.start : nxt.end]
                numbers.append(Fact(ConflictKind.NUMBER, ("score", value, second), span, "score"))
                continue
        if value is not None:
            if t.surface.isdigit() and len(t.surface) == 4 and 1800 <= value <= 2100:
                since = i > 0 and toks[i - 1].norm == "since"
                years.append(Fact(ConflictKind.DATE, int(value), t.surface, "since" * since))
                continue
            end = t.end
            if i + 1 < len(toks) and toks[i + 1].norm in _SCALE:
                value *= _SCALE[toks[i + 1].norm]
                end = toks[i + 1].end
            unit = _unit(toks, i)
            if i + 1 < len(toks) and toks[i + 1].stem == "decad":
                value *= 10
            if unit and i + 1 < len(toks) and concept(toks[i + 1].stem) == unit:
                end = max(end, toks[i + 1].end)  # "24 years" reads better than "24"
            numbers.append(Fact(ConflictKind.NUMBER, value, text[t.start : end], unit))
        elif (
            t.norm in _SCALE
            and t.norm not in _ABBREVIATED_SCALES
            and (i == 0 or toks[i - 1].norm in ("a", "an"))
        ):
            # "a hundred firefighters" is 100 of them.
            start = toks[i - 1].start if i > 0 else t.start
            numbers.append(
                Fact(
                    ConflictKind.NUMBER, float(_SCALE[t.norm]), text[start : t.end], _unit(toks, i)
                )
            )
        elif t.norm in _VAGUE:
            numbers.append(
                Fact(ConflictKind.NUMBER, ("~", _VAGUE[t.norm]), t.surface, _unit(toks, i))
            )
    names = tuple(_names(toks))
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
        title_case=_title_case(toks),
    )


_TITLE_SHARE = 0.75
_TITLE_WORDS = 4


def _title_case(toks: Sequence[Token]) -> bool:
    words = [t for t in toks[1:] if t.content and t.surface[:1].isalpha()]
    upper = sum(1 for t in words if t.surface[:1].isupper())
    return len(words) >= _TITLE_WORDS and upper >= _TITLE_SHARE * len(words)


def _near_number(toks: Sequence[Token], i: int) -> bool:
    return any(_num(t) is not None for t in toks[max(0, i - 1) : i + 2])


def _day_near(toks: Sequence[Token], i: int) -> tuple[int, int] | None:
    # "June 9", "June 9th" (the tokenizer reads "9th" as "9" + "th") or "9 June".
    for j in (i + 1, i - 1):
        if 0 <= j < len(toks):
            v = _num(toks[j])
            if v is not None and v.is_integer() and 1 <= v <= 31 and toks[j].surface[:1].isdigit():
                return j, int(v)
    return None


@lru_cache(maxsize=65536)
def _name_word(norm: str, surface: str, first: bool) -> bool:
    """Whether a capitalised word is (part of) a name."""
    common = _zipf_table().get(norm, 0.0)
    return (
        norm not in STOPWORDS
        and norm not in WEEKDAYS
        and norm.rstrip(".") not in MONTHS
        and not norm[:1].isdigit()
        and (not first or common < _COMMON_ZIPF)
        # Capitals for emphasis ("GOAL", "FULL-TIME") are not names.
        and not (len(surface) > 1 and surface.isupper() and common >= _CAPS_ZIPF)
    )


def _names(toks: Sequence[Token]) -> list[NameRun]:
    zipf = _zipf_table()
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, t in enumerate(toks):
        # Most words are in lower case: the capital is checked before anything else.
        is_name = t.surface[:1].isupper() and _name_word(t.norm, t.surface, i == 0)
        if is_name and start is None:
            start = i
        elif not is_name and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(toks)))
    out = []
    for a, b in runs:
        around = [*toks[max(0, a - 3) : a], *toks[b : b + 2]]
        context = frozenset(
            concept(t.stem) for t in around if t.content and not t.surface[:1].isupper()
        )
        rare = any(zipf.get(t.norm, 0.0) < _RARE_ZIPF for t in toks[a:b])
        out.append(NameRun(tuple(toks[a:b]), context, rare))
    return out


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


def find_conflicts(a: Facts, b: Facts, *, reference_year: int | None = None) -> list[Conflict]:
    """Every fact stated on both sides with different values, in a stable order."""
    # Only kinds stated on both sides can conflict; the rest are skipped up front, since
    # this runs once per link (tens of thousands of times on large inputs).
    out: list[Conflict] = []
    ya: list[Fact] = []
    yb: list[Fact] = []
    if (a.numbers or a.years) and (b.numbers or b.years):
        na, nb = _unmatched(a.numbers, b.numbers)
        ya, yb = _unmatched(a.years, b.years) if a.years or b.years else ([], [])
        if reference_year is not None:
            # "for the first time in 24 years" = "first visit since 2000" in a 2024 report;
            # "in 23 years" against "since 2000" is then a conflict of numbers.
            for nums, yrs, flip in ((na, yb, False), (nb, ya, True)):
                for n in [n for n in nums if n.unit == "year"]:
                    for y in [y for y in yrs if y.unit == "since"]:
                        nums.remove(n)
                        yrs.remove(y)
                        if n.value != reference_year - y.value:  # type: ignore[operator]
                            pair = (y.text, n.text) if flip else (n.text, y.text)
                            out.append(Conflict(ConflictKind.NUMBER, *pair))
                        break
        elif any(n.unit == "year" for n in na + nb):
            # Without a reference year, "24 years" against "since 2000" cannot be checked;
            # leave such years out rather than call them a conflict.
            ya, yb = [], []
        if na and nb:  # leftovers on one side alone are omissions
            out += _pair(na, nb, ConflictKind.NUMBER)
    if (a.weekdays or a.monthdays or a.months) and (b.weekdays or b.monthdays or b.months):
        out += _date_conflicts(a, b)
    out += [Conflict(ConflictKind.DATE, x.text, y.text) for x, y in zip(ya, yb, strict=False)]
    if a.names and b.names:
        out += _name_conflicts(a, b)
    if a.quotes and b.quotes:
        out += quote_conflicts(a.quotes, b.quotes)
    return out


def _unmatched(xs: Sequence[Fact], ys: Sequence[Fact]) -> tuple[list[Fact], list[Fact]]:
    left, right = list(xs), list(ys)
    if not left or not right:
        return left, right
    if len(left) == len(right) and all(
        x.value == y.value for x, y in zip(left, right, strict=True)
    ):
        return [], []  # the same facts in the same order, the usual case: all matched
    for x in list(left):
        for y in right:
            if x.value == y.value or _within(x.value, y.value) or _within(y.value, x.value):
                left.remove(x)
                right.remove(y)
                break
    return left, right


def _within(vague: object, exact: object) -> bool:
    """An exact number inside what a vague one means: "dozens" is 24, "hundreds" more than
    100; "hundreds" is not 5,000, and two vague numbers must match exactly."""
    if not (isinstance(vague, tuple) and vague[:1] == ("~",) and isinstance(exact, float)):
        return False
    base = vague[1]
    return base <= exact < 10 * base


def _pair(left: list[Fact], right: list[Fact], kind: ConflictKind) -> list[Conflict]:
    """Pair leftover facts: by the word they count first, then a lone one on each side."""
    out: list[Conflict] = []
    for x in list(left):
        for y in right:
            if x.unit and x.unit == y.unit:
                out.append(Conflict(kind, x.text, y.text))
                left.remove(x)
                right.remove(y)
                break
    # Then one leftover a side counting the same kind of thing ("two workers" and "three
    # people"), when no other leftover of that kind makes the pairing a guess.
    for x in list(left):
        kind_of = _UNIT_KINDS.get(x.unit)
        same_a = [f for f in left if _UNIT_KINDS.get(f.unit) == kind_of]
        same_b = [f for f in right if _UNIT_KINDS.get(f.unit) == kind_of]
        if kind_of == "people" and len(same_a) == len(same_b) == 1:
            out.append(Conflict(kind, x.text, same_b[0].text))
            left.remove(x)
            right.remove(same_b[0])
    # A lone leftover on each side is the same fact told differently, unless the two
    # count different things ("0.25 percentage points" is not "4.75%").
    if len(left) == 1 and len(right) == 1:
        x, y = left[0], right[0]
        kinds = {_UNIT_KINDS.get(x.unit), _UNIT_KINDS.get(y.unit)}
        # "20 killed" counts people without naming them: it meets "8 soldiers".
        if len(kinds) == 1 or kinds == {None, "people"}:
            out.append(Conflict(kind, x.text, y.text))
    return out


def _date_conflicts(a: Facts, b: Facts) -> list[Conflict]:
    out: list[Conflict] = []
    wa, wb = _unmatched(a.weekdays, b.weekdays)
    if wa and wb and not ({f.value for f in a.weekdays} & {f.value for f in b.weekdays}):
        out.append(Conflict(ConflictKind.DATE, wa[0].text, wb[0].text))
    ma, mb = _unmatched(a.monthdays, b.monthdays)
    for x in list(ma):
        for y in mb:
            if x.value[0] == y.value[0]:  # type: ignore[index]
                out.append(Conflict(ConflictKind.DATE, x.text, y.text))
                ma.remove(x)
                mb.remove(y)
                break
    if len(ma) == 1 and len(mb) == 1:
        out.append(Conflict(ConflictKind.DATE, ma[0].text, mb[0].text))
    oa, ob = _unmatched(a.months, b.months)
    if len(oa) == 1 and len(ob) == 1:
        out.append(Conflict(ConflictKind.DATE, oa[0].text, ob[0].text))
    return out


def _name_conflicts(a: Facts, b: Facts) -> list[Conflict]:
    """Names that differ in one role: a misspelling, or another person in the same place.

    Two runs of names are the same role when they share a name ("Denis Manturov" and
    "Denis Mantrurov") or, for rare names only, the words around them ("Kremlin spokesman
    Dmitry Peskov" and "Kremlin aide Yuri Ushakov"). Demonyms and possessives
    ("Korea"/"Korean") are not differences.
    """
    out: list[Conflict] = []
    seen: set[tuple[str, str]] = set()
    if not a.names or not b.names:
        return out
    if a.name_norms <= b.norms and b.name_norms <= a.norms:
        return out  # every name word of each side appears on the other: nothing differs
    # Each run's words missing on the other side, found once per run, not once per pair.
    new_b = [[t for t in rb.tokens if t.norm not in a.norms and t.norm not in TITLES]
             for rb in b.names]  # fmt: skip
    for ra in a.names:
        na = [t for t in ra.tokens if t.norm not in b.norms and t.norm not in TITLES]
        for rb, nb in zip(b.names, new_b, strict=True) if na else ():
            if not nb:
                continue
            shared = {t.norm for t in ra.tokens} & {t.norm for t in rb.tokens}
            variants = [
                (x, y)
                for x in na
                for y in nb
                if spelling_variant(x.norm, y.norm) and not one_place(x, y)
            ]
            if variants:
                x, y = variants[0]
                pair = (x.surface, y.surface)
            elif not related(na, nb) and (
                (shared and len(na) == len(nb) and not (a.title_case or b.title_case))
                or (ra.rare and rb.rare and same_role(ra, rb))
            ):
                pair = (" ".join(t.surface for t in na), " ".join(t.surface for t in nb))
            else:
                continue
            if pair not in seen:
                seen.add(pair)
                out.append(Conflict(ConflictKind.NAME, *pair))
    return out
