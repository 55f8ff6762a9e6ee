"""What the TUI shows about each sentence and claim, derived once per comparison.

Plain functions and frozen types over `covdiff.model`, with no textual import: the marks a
column shows, the filters, the coverage matrix and the word edits seen from one side are
all decided here, so they are testable without a terminal and the widgets only draw them.

Every mark pairs a symbol with words (`MARKS`, `LABELS`): colour is added by the widgets
but never carries the meaning alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum

from covdiff.model import Claim, Comparison, EditOp, Link, Relation, WordEdit
from covdiff.reports.view import Cell, classify


class Status(StrEnum):
    """The one mark a sentence gets, most telling first (a conflict outranks the rest)."""

    CONFLICT = "conflict"
    ALONE = "alone"
    REWORDED = "reworded"
    SOME = "some"
    ALL = "all"


MARKS: dict[Status, str] = {
    Status.CONFLICT: "!",
    Status.ALONE: "+",
    Status.REWORDED: "≈",
    Status.SOME: "◐",
    Status.ALL: "=",
}
LABELS: dict[Status, str] = {
    Status.CONFLICT: "facts conflict",
    Status.ALONE: "this source alone",
    Status.REWORDED: "reworded elsewhere",
    Status.SOME: "in some sources",
    Status.ALL: "in every source",
}


class Filter(StrEnum):
    """Which sentences (and matrix rows) are shown."""

    ALL = "all"
    ALONE = "only here"
    CONFLICTS = "conflicts"
    REWORDED = "reworded"


# The matrix classes cells as the reports do (`covdiff.reports.view.classify`); the marks
# follow the columns' ("!" conflict, "+" only here) so one legend reads for both views.
CELL_MARKS: dict[Cell, str] = {
    Cell.SAME: "✓",
    Cell.REWORDED: "≈",
    Cell.CONFLICT: "!",
    Cell.ONLY: "+",
    Cell.MISSING: "·",
}


@dataclass(frozen=True, slots=True)
class SentenceView:
    """One sentence as the columns show it."""

    id: str
    status: Status
    carriers: tuple[str, ...]
    """Source ids that carry a claim this sentence states, in source order."""
    conflict: bool
    reworded: bool

    @property
    def coverage(self) -> int:
        return len(self.carriers)


@dataclass(frozen=True, slots=True)
class SideEdit:
    """A word edit seen from the selected sentence: ``here`` its words, ``there`` the other's."""

    op: EditOp
    here: str
    there: str


class Overview:
    """What the columns show of one `Comparison`, built once (O(links + sentences)); links
    and claims are looked up through the comparison's own sentence index."""

    def __init__(self, cmp: Comparison) -> None:
        self.cmp = cmp
        self.total = len(cmp.sources)
        self.order = {src.id: n for n, src in enumerate(cmp.sources)}
        self.sentences: dict[str, SentenceView] = {}
        for src in cmp.sources:
            for s in src.sentences:
                self.sentences[s.id] = self._view(s.id, src.id)

    def _view(self, sid: str, source_id: str) -> SentenceView:
        carriers = {source_id}
        for claim in self.cmp.claims_of(sid):
            carriers.update(claim.sources)
        relations = {lk.relation for lk in self.cmp.links_of(sid)}
        conflict = Relation.CONFLICT in relations
        reworded = Relation.REWORDED in relations
        if conflict:
            status = Status.CONFLICT
        elif carriers == {source_id}:
            status = Status.ALONE
        elif reworded:
            status = Status.REWORDED
        elif len(carriers) < self.total:
            status = Status.SOME
        else:
            status = Status.ALL
        ordered = tuple(sorted(carriers, key=lambda s: self.order.get(s, 0)))
        return SentenceView(sid, status, ordered, conflict, reworded)

    def links_of(self, sid: str) -> list[Link]:
        return self.cmp.links_of(sid)

    def claims_of(self, sid: str) -> list[Claim]:
        return self.cmp.claims_of(sid)

    def counterparts(self, sid: str) -> dict[str, tuple[str, ...]]:
        """Per other source (in source order), the sentences that state the same claim.

        Direct link partners when there are any; a source reached only through the claim
        (linked to a third outlet's sentence, not to this one) gives its claim sentences.
        """
        own = _source_of(sid)
        found: dict[str, set[str]] = defaultdict(set)
        for lk in self.links_of(sid):
            for other in other_side(lk, sid):
                found[_source_of(other)].add(other)
        direct = set(found)
        for claim in self.claims_of(sid):
            for other in claim.sentences:
                src = _source_of(other)
                if src != own and src not in direct:
                    found[src].add(other)
        return {
            src: tuple(sorted(found[src], key=_index))
            for src in sorted(found, key=lambda s: self.order.get(s, 0))
        }

    def matches(self, sid: str, flt: Filter) -> bool:
        view = self.sentences[sid]
        if flt is Filter.ALONE:
            return view.status is Status.ALONE
        if flt is Filter.CONFLICTS:
            return view.conflict
        if flt is Filter.REWORDED:
            return view.reworded
        return True

    def is_difference(self, sid: str) -> bool:
        """Anything an editor would want to look at: not the same words in every source."""
        return self.sentences[sid].status is not Status.ALL

    def cell(self, claim: Claim, source_id: str) -> Cell:
        here = {s for s in claim.sentences if _source_of(s) == source_id}
        return classify(claim, here, self.cmp.links_touching(here))

    def claim_matches(self, claim: Claim, flt: Filter) -> bool:
        if flt is Filter.ALL:
            return True
        if flt is Filter.ALONE:
            return len(claim.sources) == 1
        cells = {self.cell(claim, s.id) for s in self.cmp.sources}
        return (Cell.CONFLICT if flt is Filter.CONFLICTS else Cell.REWORDED) in cells

    def source_stats(self, source_id: str) -> dict[Status, int]:
        counts = dict.fromkeys(Status, 0)
        for s in self.cmp.source(source_id).sentences:
            counts[self.sentences[s.id].status] += 1
        return counts


def _source_of(sid: str) -> str:
    return sid.rsplit(":", 1)[0]


def _index(sid: str) -> int:
    return int(sid.rsplit(":", 1)[1])


def side_edits(link: Link, sid: str) -> list[SideEdit]:
    """The link's word edits oriented so that ``here`` is the side holding ``sid``.

    Links store edits from their a-side; seen from the b-side, words the a-side "dropped"
    are words this sentence lacks, i.e. the other outlet added them.
    """
    if sid in link.a:
        return [SideEdit(e.op, e.a, e.b) for e in link.edits]
    flip = {EditOp.ADDED: EditOp.DROPPED, EditOp.DROPPED: EditOp.ADDED}
    return [SideEdit(flip.get(e.op, e.op), e.b, e.a) for e in link.edits]


def other_side(link: Link, sid: str) -> tuple[str, ...]:
    return link.b if sid in link.a else link.a


def edit_counts(edits: list[SideEdit] | tuple[WordEdit, ...]) -> dict[EditOp, int]:
    counts = dict.fromkeys(EditOp, 0)
    for e in edits:
        counts[e.op] += 1
    return counts


def next_match(
    cmp: Comparison | None, query: str, *, after: str | None
) -> tuple[str, int, int] | None:
    """The first sentence after ``after`` (reading source by source) containing ``query``,
    case-insensitively, wrapping round; with its rank among the matches and their count."""
    if cmp is None or not query:
        return None
    needle = query.casefold()
    order = [s.id for src in cmp.sources for s in src.sentences]
    hits = [sid for sid in order if needle in cmp.sentence(sid).text.casefold()]
    if not hits:
        return None
    start = order.index(after) if after in order else -1
    rank = {sid: n for n, sid in enumerate(order)}
    found = next((h for h in hits if rank[h] > start), hits[0])
    return found, hits.index(found) + 1, len(hits)
