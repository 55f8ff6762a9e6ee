"""The conflicts between two versions of one claim, fact by fact (`covdiff.facts`).

Two linked sentences conflict when both state a fact of one kind and the values differ:
"hundreds of children" against "thousands of children", "June 9" against "June 19", a
different minister, different words inside the quotation marks. A fact that only one side
states is an omission, not a conflict, and equivalents are not conflicts: "14" and
"fourteen" (normalised), "24 years" and "since 2000" in a 2024 report (date arithmetic
against the reference year), "two days" and "48 hours", a quote cut shorter, "more than
450" and "more than 400", "nearly 4,000" and "around 3,900", "six years ago" and 2019 in a
2025 report. Nor are two facts of different things: lone numbers counting words the other
side never names ("18 million florins", "Five bidders"), or a dateline's year against a
year the story looks back to.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from covdiff.calendar_words import WEEKDAYS
from covdiff.facts import Fact, Facts
from covdiff.lexicon import concept
from covdiff.model import Conflict, ConflictKind
from covdiff.names import TITLES, NameRun, one_place, related, same_role, spelling_variant
from covdiff.normalize import Token, stem
from covdiff.quotes import quote_conflicts

# What a number measures, where it is recognisable: a lone number on each side of a link is
# only called a conflict when the two could measure the same thing.
_UNIT_KINDS = {
    "percent": "percent", "percentag": "points", "point": "points", "basi": "points",
    "year": "time", "month": "time", "week": "time", "day": "time", "hour": "time",
    "minut": "time", "second": "time", "clock": "clock", "score": "score", "level": "level",
    # How badly people are hurt: "three critically" is a count of people.
    "condition critical": "people", "condition serious": "people", "condition stable": "people",
    # Counts of people: "two workers were killed" and "three people have died" count one
    # thing (the lexicon's heads: residents are people, soldiers troops), and so do deaths
    # and injuries ("37 deaths", "34 people have died").
    **dict.fromkeys(("peopl", "person", "worker", "firefight", "child", "troop", "man",
                     "woman", "victim", "passeng", "civilian", "student", "pupil", "patient",
                     "guest", "crowd", "die", "injur"), "people"),
    # Lengths, weights and a quake's magnitude ("ten kilometres below the surface" is no
    # "magnitude 6.4").
    **dict.fromkeys(("kilomet", "kilometr", "km", "metr", "meter", "mile", "feet", "foot",
                     "yard", "mm", "cm", "inch"), "length"),
    **dict.fromkeys(("kilogram", "kg", "tonn", "ton", "gram"), "weight"),
    "magnitud": "magnitude",
    "age": "age",
    "duration": "duration",
}  # fmt: skip


def find_conflicts(a: Facts, b: Facts, *, reference_year: int | None = None) -> list[Conflict]:
    """Every fact stated on both sides with different values, in a stable order."""
    # Only kinds stated on both sides can conflict; the rest are skipped up front, since
    # this runs once per link (tens of thousands of times on large inputs).
    out: list[Conflict] = []
    ya: list[Fact] = []
    yb: list[Fact] = []
    if (a.numbers or a.years) and (b.numbers or b.years):
        na, nb = _unmatched(a.numbers, b.numbers)
        if a.years or b.years:
            ya, yb = _unmatched(_dated(a.years, reference_year), _dated(b.years, reference_year))
            if reference_year is not None:
                # What happened "three years ago" is not what is promised "by 2031".
                ya, yb = _past(ya, yb, reference_year), _past(yb, ya, reference_year)
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
            long = min(len(a.norms), len(b.norms)) >= LONG_SENTENCE
            out += _pair(na, nb, ConflictKind.NUMBER, long=long, facts=(a, b))
    if (a.weekdays or a.monthdays or a.months) and (b.weekdays or b.monthdays or b.months):
        out += _date_conflicts(a, b)
        if reference_year is not None:
            out += _calendar_conflict(a, b, reference_year)
    out += [Conflict(ConflictKind.DATE, x.text, y.text) for x, y in _year_pairs(ya, yb)]
    if a.names and b.names:
        out += _name_conflicts(a, b)
    if a.quotes and b.quotes:
        out += quote_conflicts(a.quotes, b.quotes)
    return out


def _dated(years: Sequence[Fact], reference_year: int | None) -> Sequence[Fact]:
    """Years with "six years ago" counted back from the reference year (2019 in a 2025
    report); without one, such a year is left out, since it cannot be checked."""
    if not any(y.unit == "ago" for y in years):
        return years
    if reference_year is None:
        return [y for y in years if y.unit != "ago"]
    return [
        replace(y, value=reference_year - int(y.value)) if y.unit == "ago" else y  # type: ignore[arg-type]
        for y in years
    ]


def _past(years: list[Fact], other: Sequence[Fact], reference_year: int) -> list[Fact]:
    """Only past years, when the other side counts a year back from the report."""
    if not any(y.unit == "ago" for y in other):
        return years
    return [y for y in years if int(y.value) <= reference_year]  # type: ignore[call-overload]


def _year_pairs(xs: list[Fact], ys: list[Fact]) -> list[tuple[Fact, Fact]]:
    """Leftover years in order, one a side, except that the year of a full date ("18
    November 2025", a dateline) is never set against a bare year the story looks back to
    ("going back to 2012"); against "since 2006", it can be the day a record was set."""
    out: list[tuple[Fact, Fact]] = []
    ys = list(ys)
    for x in xs:
        for y in ys:
            if {x.unit, y.unit} != {"dated", ""}:
                out.append((x, y))
                ys.remove(y)
                break
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
            if _kinds_differ(x, y):
                continue  # "fifteen hours" never meets "15%": it is left for "14-hour"
            if (
                x.value == y.value
                or _within(x.value, y.value)
                or _within(y.value, x.value)
                or _same_duration(x, y)
                or _near_time(x.value, y.value)
                or _meets(x, y)
                or _meets(y, x)
                or _both_bounds(x, y)
                or _loosely(x, y)
            ):
                left.remove(x)
                right.remove(y)
                break
    return left, right


def _kinds_differ(x: Fact, y: Fact) -> bool:
    """The two measure different kinds of thing (a share and a length of time, a step on a
    scale and a count of days), so one value on both is a coincidence, not one fact."""
    kx, ky = _UNIT_KINDS.get(x.unit), _UNIT_KINDS.get(y.unit)
    return kx is not None and ky is not None and kx != ky


_HOURS = {"minut": 1 / 60, "hour": 1.0, "day": 24.0, "week": 168.0, "month": 730.0,
          "year": 8760.0}  # fmt: skip
"""Lengths of time in hours: "two days" is a "48-hour" strike, "24 months" two years."""
_DURATION_SLACK = 0.02
"""Months and years are not whole weeks or days: "52 weeks" is a year, "90 days" three
months."""


_LOOSE_SLACK = 0.125
"""A length of time given loosely: "nearly four days" is 87 hours, not 80."""


def _same_duration(x: Fact, y: Fact) -> bool:
    if x.unit == y.unit or x.unit not in _HOURS or y.unit not in _HOURS:
        return False
    if not (isinstance(x.value, float) and isinstance(y.value, float)):
        return False
    hx, hy = x.value * _HOURS[x.unit], y.value * _HOURS[y.unit]
    loose = "about" in (x.bound, y.bound)
    return abs(hx - hy) <= (_LOOSE_SLACK if loose else _DURATION_SLACK) * max(hx, hy)


def _meets(bound: Fact, exact: Fact) -> bool:
    """An exact number on the right side of a bound: "more than 220" and "225"."""
    if bound.bound not in ("over", "under") or exact.bound in ("over", "under"):
        return False
    if bound.unit != exact.unit:
        return False
    b, e = bound.value, exact.value
    if not (isinstance(b, float) and isinstance(e, float)):
        return False
    return e > b if bound.bound == "over" else e < b


def _both_bounds(x: Fact, y: Fact) -> bool:
    """Two bounds the same way round never disagree: "more than 450 firefighters" and
    "more than 400 firefighters" can both be true."""
    return x.bound == y.bound and x.bound in ("over", "under") and x.unit == y.unit


LOOSE_SHARE = 0.05
"""Share by which a number given loosely ("nearly 4,000") may differ from the other side's."""


def _loosely(x: Fact, y: Fact) -> bool:
    """A count given loosely meets a close one: "nearly 4,000 jobs" and "around 3,900"."""
    if "about" not in (x.bound, y.bound) or x.unit != y.unit:
        return False
    a, b = x.value, y.value
    if not (isinstance(a, float) and isinstance(b, float)) or x.per != y.per:
        return False
    return abs(a - b) <= LOOSE_SHARE * max(abs(a), abs(b))


CLOCK_SLACK = 30
"""Minutes by which a loosely given time of day may differ from the other side's time."""


def _near_time(x: object, y: object) -> bool:
    """Two times of day ("clock", minute, loose) within `CLOCK_SLACK` when either is loose:
    "shortly after 4pm" and "4.09pm" are one time, "4pm" and "4.09pm" are not."""
    if not (isinstance(x, tuple) and isinstance(y, tuple) and x[:1] == y[:1] == ("clock",)):
        return False
    return (x[2] or y[2]) and abs(x[1] - y[1]) <= CLOCK_SLACK


def _within(vague: object, exact: object) -> bool:
    """An exact number inside what a vague one means: "dozens" is 24, "hundreds" more than
    100; "hundreds" is not 5,000, and two vague numbers must match exactly."""
    if not (isinstance(vague, tuple) and vague[:1] == ("~",) and isinstance(exact, float)):
        return False
    base = vague[1]
    return base <= exact < 10 * base


LONG_SENTENCE = 12
"""Distinct words from which a sentence states several facts: a lone number left on each
side of two such sentences, counting different words, is two facts, not one changed."""


def _pair(
    left: list[Fact],
    right: list[Fact],
    kind: ConflictKind,
    *,
    long: bool = False,
    facts: tuple[Facts, Facts] | None = None,
) -> list[Conflict]:
    """Pair leftover facts: by the word they count first, then a lone one on each side."""
    out: list[Conflict] = []
    # A rate and a total never pair: "180 million a day" is not "360 million".
    for x in list(left):
        for y in right:
            if x.per == y.per and x.prior == y.prior and _counts_one_thing(x, y):
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
        if kind_of == "people" and len(same_a) == len(same_b) == 1 and x.per == same_b[0].per:
            out.append(Conflict(kind, x.text, same_b[0].text))
            left.remove(x)
            right.remove(same_b[0])
    # A lone leftover on each side is the same fact told differently, unless the two
    # count different things ("0.25 percentage points" is not "4.75%").
    if len(left) == 1 and len(right) == 1:
        x, y = left[0], right[0]
        if _bare_one(x) or _bare_one(y):
            return out  # "a majority of one", "one of the few": no count to set against
        kinds = {_UNIT_KINDS.get(x.unit), _UNIT_KINDS.get(y.unit)}
        # "20 killed" counts people without naming them: it meets "8 soldiers".
        # In a headline, the lone figure on each side is the claim's figure ("Bomber kills 4
        # near HQ" against "kills 23 at wedding"); in two longer sentences, numbers counting
        # different words ("more than 60 were residents", "19 crew") are two facts.
        apart = long and None in kinds and x.unit and y.unit and x.unit != y.unit
        if not apart and kinds == {None} and x.unit and y.unit and x.unit != y.unit and facts:
            # Two counts of things the other side never names ("18 million florins",
            # "Five bidders") are two facts, however short the sentences; "units" are
            # anything ("14.2m phones", "12.4 million units"), a name after a number is
            # where, not what ("kills eight in Waziristan", "kills 11 in Pakistan"), and one
            # verb before both gives them one role ("kills 4 near", "kills 23 at").
            fa, fb = facts
            apart = (
                not {x.unit, y.unit} & _ANY_THING
                and not (x.lead and x.lead == y.lead)
                and x.unit not in _concepts(fb.norms) | _concepts(fa.name_norms)
                and y.unit not in _concepts(fa.norms) | _concepts(fb.name_norms)
            )
        apart = apart or x.prior != y.prior  # a record's old value is not its new one
        if (len(kinds) == 1 or kinds == {None, "people"}) and x.per == y.per and not apart:
            out.append(Conflict(kind, x.text, y.text))
    return out


def _counts_one_thing(x: Fact, y: Fact) -> bool:
    """The two count the same word, or one counts it past an adjective: "460 operations"
    and "640 planned operations"."""
    if not x.unit or not y.unit:
        return False
    return x.unit == y.unit or x.unit == y.noun or x.noun == y.unit


_ANY_THING = frozenset({"unit", "item", "piec"})


def _concepts(norms: frozenset[str]) -> set[str]:
    return {concept(stem(n)) for n in norms}


def _bare_one(f: Fact) -> bool:
    return not f.unit and f.text.lower() == "one"


def _date_conflicts(a: Facts, b: Facts) -> list[Conflict]:
    out: list[Conflict] = []
    wa, wb = _unmatched(a.weekdays, b.weekdays)
    # Several weekdays on both sides name several things ("tickets for Tuesday can be used
    # on Monday"): which day matches which is a guess, so only a lone day a side is checked.
    lone = len(a.weekdays) == 1 or len(b.weekdays) == 1
    if lone and wa and wb and not ({f.value for f in a.weekdays} & {f.value for f in b.weekdays}):
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


def _calendar_conflict(a: Facts, b: Facts, year: int) -> list[Conflict]:
    """One side gives the day as a weekday, the other as a date: in the year the reports
    were written, "11 March" 2026 was a Wednesday, so "Tuesday" disagrees with it. Only
    for a lone date a side, where the two can only mean one day."""
    for x, y, flip in ((a, b, False), (b, a, True)):
        if (
            len(x.weekdays) == 1
            and not x.monthdays
            and len(y.monthdays) == 1
            and not y.weekdays
            and y.monthdays[0].unit != "since"  # when something began, not when it happened
        ):
            month, day = y.monthdays[0].value  # type: ignore[misc]
            try:
                weekday = WEEKDAYS[date(year, month, day).weekday()]
            except ValueError:  # "February 30"
                return []
            if weekday != x.weekdays[0].value:
                pair = (y.monthdays[0].text, x.weekdays[0].text)
                return [Conflict(ConflictKind.DATE, *(pair if flip else pair[::-1]))]
    return []


def _new_words(run: NameRun, other: frozenset[str]) -> list[Token]:
    """The words of a name the other side lacks, leaving out titles and a possessive that
    qualifies the rest of the name: "Velsmoor's Edelmar Museum" and "Lorvenia's Edelmar
    Museum" are one museum, placed by its city or its country."""
    last = len(run.tokens) - 1
    return [
        t
        for k, t in enumerate(run.tokens)
        if t.norm not in other
        and t.norm not in TITLES
        and not (k < last and t.surface.endswith(("'s", "’s")))
    ]


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
    new_b = [_new_words(rb, a.norms) for rb in b.names]
    for ra in a.names:
        na = _new_words(ra, b.norms)
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
