"""Plain result types of a comparison.

Everything covdiff computes ends up in these frozen dataclasses; the JSON writer
(`covdiff.serialize`) is the one place that turns them into the "covdiff/1" schema.
Identifiers follow the contract: sources are ``s1``, ``s2``...; sentences are
``<source id>:<index>``; claims are ``c1``, ``c2``... in a stable order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar


class Relation(StrEnum):
    """How two linked groups of sentences relate."""

    SAME = "same"
    """The same wording up to trivial edits (case, punctuation, quote style)."""
    REWORDED = "reworded"
    """The same claim in other words, with no fact that differs."""
    CONFLICT = "conflict"
    """The same claim with a number, date, name or quoted words that differ."""


class ConflictKind(StrEnum):
    NUMBER = "number"
    DATE = "date"
    QUOTE = "quote"
    NAME = "name"


class EditOp(StrEnum):
    """Word-level edit tags, in the spirit of difflib's opcodes."""

    KEPT = "kept"
    ADDED = "added"
    DROPPED = "dropped"
    REPLACED = "replaced"


class SentenceKind(StrEnum):
    SENTENCE = "sentence"
    HEADING = "heading"
    """A headline or subhead: a short line without final punctuation."""


@dataclass(frozen=True, slots=True)
class Sentence:
    id: str
    source: str
    index: int
    text: str
    start: int
    end: int
    kind: SentenceKind = SentenceKind.SENTENCE


@dataclass(frozen=True, slots=True)
class Source:
    """One report of the event, as read: ``text[s.start:s.end] == s.text`` for each sentence."""

    id: str
    label: str
    origin: str
    text: str
    sentences: tuple[Sentence, ...]
    title: str | None = None
    published: str | None = None
    site: str | None = None
    byline: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Conflict:
    kind: ConflictKind
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class WordEdit:
    """One run of words: ``a`` from the a-side, ``b`` from the b-side (empty when absent)."""

    op: EditOp
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Link:
    """Sentences of two different sources that state one claim.

    ``a`` and ``b`` are sentence ids; either may hold several adjacent sentences of its
    source (one outlet's sentence merges two of another's).
    """

    a: tuple[str, ...]
    b: tuple[str, ...]
    score: float
    relation: Relation
    conflicts: tuple[Conflict, ...] = ()
    edits: tuple[WordEdit, ...] = ()
    confidence: float = 0.0
    """The link model's confidence (0-100) that the two sides state one claim: what the
    threshold is compared with. ``score`` is how alike their words are."""


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentences across sources that state one claim; ``sources`` lists who carries it."""

    id: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Comparison:
    sources: tuple[Source, ...]
    claims: tuple[Claim, ...]
    links: tuple[Link, ...]
    threshold: float = 0.0
    warnings: tuple[str, ...] = ()
    _index: dict[str, Sentence] = field(default_factory=dict, compare=False, repr=False)
    _link_index: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    """Sentence id -> positions in ``links`` of the links touching it, built on first use:
    reports ask for the links of every claim and every cell, which a scan of all links
    each time made quadratic (minutes on large comparisons)."""
    _claim_index: dict[str, list[int]] = field(default_factory=dict, compare=False, repr=False)
    """Sentence id -> positions in ``claims`` of the claims holding it, likewise."""

    def __post_init__(self) -> None:
        # A lookup table, derived once; the dataclass stays frozen for callers.
        if not self._index:
            for src in self.sources:
                for s in src.sentences:
                    self._index[s.id] = s

    def sentence(self, sentence_id: str) -> Sentence:
        return self._index[sentence_id]

    def source(self, source_id: str) -> Source:
        for src in self.sources:
            if src.id == source_id:
                return src
        raise KeyError(source_id)

    def claims_of(self, sentence_id: str) -> list[Claim]:
        return self.claims_holding((sentence_id,))

    def claims_holding(self, sentence_ids: Iterable[str]) -> list[Claim]:
        """Claims with any of these sentences, in the comparison's order."""
        return _holding(self.claims, self._claim_index, lambda c: c.sentences, sentence_ids)

    def links_of(self, sentence_id: str) -> list[Link]:
        return self.links_touching((sentence_id,))

    def links_touching(self, sentence_ids: Iterable[str]) -> list[Link]:
        """Links with any of these sentences on either side, in the comparison's order."""
        return _holding(self.links, self._link_index, lambda lk: (*lk.a, *lk.b), sentence_ids)

    def unique_claims(self, source_id: str) -> list[Claim]:
        """Claims carried by this source alone (missing from every other source)."""
        return [c for c in self.claims if c.sources == (source_id,)]

    def conflicts(self) -> list[Link]:
        return [lk for lk in self.links if lk.relation is Relation.CONFLICT]

    def counts(self) -> dict[str, int]:
        n = len(self.sources)
        return {
            "claims": len(self.claims),
            "carried_by_all": sum(1 for c in self.claims if len(c.sources) == n),
            "carried_by_some": sum(1 for c in self.claims if 1 < len(c.sources) < n),
            "carried_by_one": sum(1 for c in self.claims if len(c.sources) == 1),
            "conflicts": len(self.conflicts()),
            "reworded": sum(1 for lk in self.links if lk.relation is Relation.REWORDED),
        }


T = TypeVar("T")


def _holding(
    items: tuple[T, ...],
    index: dict[str, list[int]],
    ids_of: Callable[[T], Iterable[str]],
    sentence_ids: Iterable[str],
) -> list[T]:
    """The items naming any of ``sentence_ids``, in their order; ``index`` (sentence id ->
    positions) is filled on first use."""
    if not index and items:
        for k, item in enumerate(items):
            for sid in ids_of(item):
                index.setdefault(sid, []).append(k)
    positions = sorted({k for sid in sentence_ids for k in index.get(sid, ())})
    return [items[k] for k in positions]
