"""A small hand-built Comparison for the report tests, independent of the alignment engine.

Three outlets report a harbour fire. Claims: c1 a headline only the wire has; c2 carried
by all three (radio word for word, tabloid reworded); c3 carried by all three with a
conflict link holding a number AND a quote conflict (and a radio-tabloid link without
edits); c4 carried by two with a date conflict; c5-c7 one outlet each. `build` assembles
sources from sentences so offsets always hold; tests use it for hostile inputs too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from covdiff.model import (
    Claim,
    Comparison,
    Conflict,
    ConflictKind,
    EditOp,
    Link,
    Relation,
    Sentence,
    SentenceKind,
    Source,
    WordEdit,
)


@dataclass(frozen=True)
class Outlet:
    label: str
    sentences: Sequence[str]
    title: str | None = None
    site: str | None = None
    published: str | None = None
    url: str | None = None
    origin: str | None = None
    headings: frozenset[int] = field(default_factory=frozenset)


def build_source(n: int, o: Outlet) -> Source:
    """Source ``s<n>``: sentences one per line, offsets computed from the joined text."""
    sid = f"s{n}"
    text, sentences = "", []
    for i, s in enumerate(o.sentences):
        start = len(text)
        text += s
        kind = SentenceKind.HEADING if i in o.headings else SentenceKind.SENTENCE
        sentences.append(Sentence(f"{sid}:{i}", sid, i, s, start, len(text), kind))
        text += "\n"
    return Source(
        id=sid,
        label=o.label,
        origin=o.origin or f"{o.label}.txt",
        text=text,
        sentences=tuple(sentences),
        title=o.title,
        published=o.published,
        site=o.site,
        url=o.url,
    )


def build(
    outlets: Sequence[Outlet],
    claims: Sequence[Sequence[str]],
    links: Sequence[Link],
    *,
    warnings: Sequence[str] = (),
) -> Comparison:
    """A Comparison from outlets, claims as sentence-id lists (ids ``c1``...) and links."""
    sources = tuple(build_source(n, o) for n, o in enumerate(outlets, start=1))
    claim_objs = []
    for n, ids in enumerate(claims, start=1):
        carriers = tuple(dict.fromkeys(i.split(":")[0] for i in ids))
        order = sorted(carriers, key=lambda s: int(s[1:]))
        claim_objs.append(Claim(f"c{n}", tuple(ids), tuple(order)))
    return Comparison(
        sources=sources,
        claims=tuple(claim_objs),
        links=tuple(links),
        threshold=45.0,
        warnings=tuple(warnings),
    )


K, A, D, R = EditOp.KEPT, EditOp.ADDED, EditOp.DROPPED, EditOp.REPLACED

WIRE = Outlet(
    "wire",
    [
        "Fire at harbour warehouse",
        "Two workers were killed when fire swept through a warehouse on Merrow Quay on Tuesday.",
        'Eighty firefighters fought "a wall of flame" for seven hours.',
        "The harbour master said the berths would reopen on Thursday.",
        "Police said the fire was not suspicious.",
    ],
    title="Two killed in harbour warehouse fire",
    site="Wire Service",
    published="2024-10-15",
    url="https://wire.example/harbour-fire",
    headings=frozenset({0}),
)
RADIO = Outlet(
    "radio",
    [
        "Two workers were killed when fire swept through a warehouse on Merrow Quay on Tuesday.",
        "About 80 firefighters battled the blaze through the night.",
        "Harbour master Gareth Rees said the berths would reopen on Friday.",
        "A vigil will be held on Friday evening.",
    ],
    site="City Radio",
    published="2024-10-15",
    origin="radio/fire.txt",
)
TABLOID = Outlet(
    "tabloid",
    [
        "TWO workers died in a raging inferno at Merrow Quay on Tuesday night.",
        'Eighty firefighters fought "a wall of fire" for nine hours.',
        "One witness said: “The sky turned orange.”",
    ],
    title="INFERNO AT THE DOCKS",
    url="http://tabloid.example/inferno",
)

CLAIMS = [
    ["s1:0"],
    ["s1:1", "s2:0", "s3:0"],
    ["s1:2", "s2:1", "s3:1"],
    ["s1:3", "s2:2"],
    ["s1:4"],
    ["s2:3"],
    ["s3:2"],
]

LINKS = [
    Link(
        ("s1:1",),
        ("s2:0",),
        100.0,
        Relation.SAME,
        edits=(
            WordEdit(
                K,
                "Two workers were killed when fire swept through a warehouse on Merrow Quay on "
                "Tuesday",
                "Two workers were killed when fire swept through a warehouse on Merrow Quay on "
                "Tuesday",
            ),
        ),
    ),
    Link(
        ("s1:1",),
        ("s3:0",),
        71.2,
        Relation.REWORDED,
        edits=(
            WordEdit(K, "Two workers", "TWO workers"),
            WordEdit(R, "were killed when fire swept through a warehouse on", "died in a raging"),
            WordEdit(A, "", "inferno at"),
            WordEdit(K, "Merrow Quay on Tuesday", "Merrow Quay on Tuesday"),
            WordEdit(A, "", "night"),
        ),
    ),
    Link(
        ("s1:2",),
        ("s2:1",),
        64.0,
        Relation.REWORDED,
        edits=(
            WordEdit(R, "Eighty", "About 80"),
            WordEdit(K, "firefighters", "firefighters"),
            WordEdit(R, "fought", "battled"),
            WordEdit(D, "a wall of flame", ""),
            WordEdit(A, "", "the blaze"),
            WordEdit(R, "for seven hours", "through the night"),
        ),
    ),
    Link(
        ("s1:2",),
        ("s3:1",),
        88.5,
        Relation.CONFLICT,
        conflicts=(
            Conflict(ConflictKind.NUMBER, "seven hours", "nine hours"),
            Conflict(ConflictKind.QUOTE, "a wall of flame", "a wall of fire"),
        ),
        edits=(
            WordEdit(
                K, "Eighty firefighters fought a wall of", "Eighty firefighters fought a wall of"
            ),
            WordEdit(R, "flame", "fire"),
            WordEdit(K, "for", "for"),
            WordEdit(R, "seven", "nine"),
            WordEdit(K, "hours", "hours"),
        ),
    ),
    Link(("s2:1",), ("s3:1",), 55.0, Relation.REWORDED),
    Link(
        ("s1:3",),
        ("s2:2",),
        80.0,
        Relation.CONFLICT,
        conflicts=(Conflict(ConflictKind.DATE, "Thursday", "Friday"),),
        edits=(
            WordEdit(D, "The", ""),
            WordEdit(K, "harbour master", "Harbour master"),
            WordEdit(A, "", "Gareth Rees"),
            WordEdit(K, "said the berths would reopen on", "said the berths would reopen on"),
            WordEdit(R, "Thursday", "Friday"),
        ),
    ),
]


def sample() -> Comparison:
    """The three-outlet harbour-fire comparison the golden files are made from."""
    return build(
        [WIRE, RADIO, TABLOID],
        CLAIMS,
        LINKS,
        warnings=("radio: no title found",),
    )
