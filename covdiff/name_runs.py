"""Runs of capitalised words that name someone or something in a sentence, with the words
around each run that say what role it fills (`covdiff.names.NameRun`): the titles beside
it, the name it is coupled with by "and", the role it is set beside in apposition.
`covdiff.facts` keeps them with a sentence's other facts; `covdiff.names` compares them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from covdiff.calendar_words import MONTHS, WEEKDAYS
from covdiff.lexicon import concept
from covdiff.names import TITLE_CONCEPTS, TITLES, NameRun
from covdiff.normalize import STOPWORDS, Token
from covdiff.weights import _zipf_table

_COMMON_ZIPF = 4.6  # a sentence-initial capitalised word this frequent is not a name
_CAPS_ZIPF = 3.5  # an all-capitals word this frequent is emphasis, not an acronym
_CAPS_LONG = 6  # ... and from this length, one known to English at all ("MOTORISTS")
_CAPS_LONG_ZIPF = 2.5
_RARE_ZIPF = 4.0

DESCRIPTORS = frozenset(
    """heartbroken devastated distraught grieving tearful tragic brave plucky defiant furious
    terrified shamed disgraced stricken stunned horrified fuming jubilant delighted
    overjoyed proud tireless hero heroic""".split()
)
"""Words a tabloid puts before a name ("Heartbroken Rosa Pryce", "Defiant Vasskar"): they
describe the person and are no part of the name."""

HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame"})
"""Forms of address: "Ms Kallis" and "Maren Kallis" name one person."""

_TITLE_SHARE = 0.75
_TITLE_WORDS = 4


def title_case(toks: Sequence[Token]) -> bool:
    """Most words capitalised, as in a title-case headline: capitals then mark no name."""
    words = [t for t in toks[1:] if t.content and t.surface[:1].isalpha()]
    upper = sum(1 for t in words if t.surface[:1].isupper())
    return len(words) >= _TITLE_WORDS and upper >= _TITLE_SHARE * len(words)


@lru_cache(maxsize=65536)
def _name_word(norm: str, surface: str, first: bool) -> bool:
    """Whether a capitalised word is (part of) a name."""
    common = _zipf_table().get(norm, 0.0)
    return (
        norm not in STOPWORDS
        and norm.rstrip(".") not in HONORIFICS
        and norm not in DESCRIPTORS
        and norm not in WEEKDAYS
        and norm.rstrip(".") not in MONTHS
        and not norm[:1].isdigit()
        and (not first or common < _COMMON_ZIPF)
        # Capitals for emphasis ("GOAL", "FULL-TIME", "MOTORISTS") are not names; acronyms
        # are short.
        and not (
            len(surface) > 1
            and surface.isupper()
            and (common >= _CAPS_ZIPF or (len(surface) >= _CAPS_LONG and common >= _CAPS_LONG_ZIPF))
        )
    )


_RUN_BREAK = re.compile(r"[,;:!?()\[\]\"“”—–]")
"""Punctuation between two capitalised words that ends a name: initials and hyphens do
not ("J. R. Marsh", "Nimbra-1")."""


def name_runs(text: str, toks: Sequence[Token]) -> list[NameRun]:
    """The name runs of a sentence, in reading order."""
    zipf = _zipf_table()
    runs: list[tuple[int, int]] = []
    start: int | None = None
    for i, t in enumerate(toks):
        # Most words are in lower case: the capital is checked before anything else.
        # The first word, or the first after a live blog's entry time ("12:40 Mediator: ...").
        first = i == 0 or (i == 1 and toks[0].surface[:1].isdigit())
        is_name = t.surface[:1].isupper() and _name_word(t.norm, t.surface, first)
        if is_name and start is not None and _RUN_BREAK.search(text[toks[i - 1].end : t.start]):
            runs.append((start, i))  # "Market Watch: Orsgaard's ...": two names, not one
            start = i
        elif is_name and start is None:
            start = i
        elif not is_name and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(toks)))
    out = []
    for a, b in runs:
        # "Culture Minister Anton Brell": the capitalised title is the name's role, as
        # "the culture minister, Mira Solen," is; the name is what follows it.
        role = _leading_role(toks, a, b)
        a += len(role)
        # After a comma, the role the name is given: "Yara Bensaid, the chief product
        # officer," or "RIA Novosti, the Russian state news agency,".
        described = _described(text, toks, b)
        around = [*toks[max(0, a - 3) : a], *(described or toks[b : b + 2])]
        context = (
            frozenset(concept(t.stem) for t in around if t.content and not t.surface[:1].isupper())
            | frozenset(concept(t.stem) for t in role if zipf.get(t.norm, 0.0) >= _RARE_ZIPF)
            | _partners(toks, a, b)
            | _apposition(text, toks, a)
        )
        rare = any(zipf.get(t.norm, 0.0) < _RARE_ZIPF for t in toks[a:b])
        # A title right after the name, with no comma, is one the name qualifies ("the Civic
        # League mayor"); after a comma the name fills it.
        after = frozenset() if described else frozenset(concept(t.stem) for t in toks[b : b + 2])
        out.append(NameRun(tuple(toks[a:b]), context, rare, after & TITLE_CONCEPTS))
    return out


_PERSON_TITLES = TITLES - frozenset(
    "foreign defense defence state prime deputy general head chief chair".split()
)
"""Titles that end a person's role before the name ("Culture Minister", "Fire Chief" is
left whole: "chief" also heads organisations' names, as "General" and "State" do)."""


def _leading_role(toks: Sequence[Token], a: int, b: int) -> Sequence[Token]:
    """The capitalised role at the head of a run, up to its last person's title, when a
    name follows it: "Drevanian Culture Minister" of "Drevanian Culture Minister Anton
    Brell"; nothing for a run that is all role or holds no title."""
    last = max((k for k in range(a, b - 1) if toks[k].norm in _PERSON_TITLES), default=None)
    return toks[a : last + 1] if last is not None else ()


_DESCRIBED = 5
"""Words after a name and a comma that may describe its role."""


def _described(text: str, toks: Sequence[Token], b: int) -> list[Token]:
    """The words that describe a name in apposition, after a comma and an article, up to
    the next punctuation: "the chief product officer" in "Yara Bensaid, the chief product
    officer, showed ..."."""
    if b >= len(toks) or text[toks[b - 1].end : toks[b].start] != ", ":
        return []
    if toks[b].norm not in ("the", "its", "their", "a", "an"):
        return []
    out = [toks[b]]
    for k in range(b + 1, min(b + _DESCRIBED, len(toks))):
        if text[toks[k - 1].end : toks[k].start] != " ":
            break
        if toks[k - 1].surface.endswith(("'s", "’s")):
            out = []  # "the auction house's head of sales": the role is after the owner
        out.append(toks[k])
    return out


def _partners(toks: Sequence[Token], a: int, b: int) -> frozenset[str]:
    """The name a run is coupled with by "and" or "or" ("Kelmar and Brannock"), marked
    with "&": two names coupled with one partner fill one role (`covdiff.names.same_role`)."""
    out = set()
    if a >= 2 and toks[a - 1].norm in ("and", "or") and toks[a - 2].surface[:1].isupper():
        out.add("&" + toks[a - 2].norm)
    if b + 1 < len(toks) and toks[b].norm in ("and", "or") and toks[b + 1].surface[:1].isupper():
        out.add("&" + toks[b + 1].norm)
    return frozenset(out)


def _apposition(text: str, toks: Sequence[Token], a: int) -> frozenset[str]:
    """The role a name is set beside, marked with "@": "The auctioneer, Magnus Orr," and
    "the auctioneer, Clement Havers," name two people in one role."""
    if a < 2 or text[toks[a - 1].end : toks[a].start] != ", ":
        return frozenset()
    role, before = toks[a - 1], toks[a - 2]
    if not role.content or role.surface[:1].isupper() or before.norm not in ("the", "its", "their"):
        return frozenset()
    return frozenset({"@" + concept(role.stem)})
