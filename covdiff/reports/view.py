"""What every report shows, computed once so the text, Markdown and HTML writers agree.

The writers differ only in markup; which sources carry a claim, how each outlet's cell in
the coverage matrix is classed, which link a side-by-side view compares against and where
the word-level edits fall in the original sentence text are decided here. Everything is a
pure function of the `Comparison`, in the comparison's own order, so reports are
deterministic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from covdiff.model import Claim, Comparison, EditOp, Link, Relation, Sentence, Source, WordEdit


class Cell(StrEnum):
    """How one source carries one claim (a cell of the coverage matrix)."""

    SAME = "same"
    """Carried, in the same wording as the other outlets (or not linked to any)."""
    REWORDED = "reworded"
    """Carried in other words than at least one other outlet."""
    CONFLICT = "conflict"
    """Carried with a fact that differs from at least one other outlet."""
    ONLY = "only"
    """Carried by this source alone."""
    MISSING = "missing"
    """Not carried by this source."""


# A symbol AND a word per cell: colour is never the only signal (print, colour blindness).
SYMBOL = {
    Cell.SAME: "✓",
    Cell.REWORDED: "≈",
    Cell.CONFLICT: "≠",
    Cell.ONLY: "●",
    Cell.MISSING: "—",
}
WORD = {
    Cell.SAME: "same",
    Cell.REWORDED: "reworded",
    Cell.CONFLICT: "conflict",
    Cell.ONLY: "only here",
    Cell.MISSING: "missing",
}
COUNT_LABELS = (
    ("claims", "claims"),
    ("carried_by_all", "carried by all"),
    ("carried_by_some", "carried by some"),
    ("carried_by_one", "carried by one only"),
    ("conflicts", "conflicts"),
    ("reworded", "reworded"),
)


def sentences_of(cmp: Comparison, claim: Claim, source_id: str) -> tuple[str, ...]:
    """The claim's sentence ids that belong to ``source_id``, in reading order."""
    ids = [s for s in claim.sentences if cmp.sentence(s).source == source_id]
    return tuple(sorted(ids, key=lambda s: cmp.sentence(s).index))


def claim_links(cmp: Comparison, claim: Claim) -> list[Link]:
    """Links with sentences of this claim on both sides, in the comparison's order."""
    mine = set(claim.sentences)
    return [
        lk
        for lk in cmp.links_touching(claim.sentences)
        if mine.intersection(lk.a) and mine.intersection(lk.b)
    ]


def cell(cmp: Comparison, claim: Claim, source_id: str) -> Cell:
    """The matrix cell: the strongest relation of this source's links inside the claim."""
    here = set(sentences_of(cmp, claim, source_id))
    return classify(claim, here, cmp.links_touching(here))


def classify(claim: Claim, here: set[str], links: Iterable[Link]) -> Cell:
    """How the sentences ``here`` (one source's share of ``claim``) carry it.

    ``links`` may be any superset of the links touching ``here``: only those joining one of
    these sentences to another sentence of the claim count. The TUI passes its per-sentence
    link index, the reports every link of the claim; both class cells by this one rule.
    """
    if not here:
        return Cell.MISSING
    if len(claim.sources) == 1:
        return Cell.ONLY
    members = set(claim.sentences)
    relations = set()
    for lk in links:
        for side, other in ((lk.a, lk.b), (lk.b, lk.a)):
            if here.intersection(side) and members.intersection(other):
                relations.add(lk.relation)
    if Relation.CONFLICT in relations:
        return Cell.CONFLICT
    if Relation.REWORDED in relations:
        return Cell.REWORDED
    return Cell.SAME


def claim_text(cmp: Comparison, claim: Claim, source_id: str | None = None) -> str:
    """The claim as one source words it (`gist_source` when ``source_id`` is None)."""
    sid = source_id or gist_source(cmp, claim)
    return span_text(cmp, sentences_of(cmp, claim, sid))


def gist_source(cmp: Comparison, claim: Claim) -> str:
    """The source whose wording stands for the claim: the first carrier whose sentences
    here belong to this claim alone. A sentence that merges several claims (a lede summing
    them up) would show the same words for each of them."""
    for sid in claim.sources:
        ids = sentences_of(cmp, claim, sid)
        if all(len(cmp.claims_holding((x,))) == 1 for x in ids):
            return sid
    return claim.sources[0]


def span_text(cmp: Comparison, sentence_ids: tuple[str, ...]) -> str:
    """Sentences as they stand in their source, spacing included; where the sentences are
    not next to each other (a claim a source states in two places), " … " marks the gap
    rather than the text between them being shown as part of the claim."""
    if not sentence_ids:
        return ""
    sentences = [cmp.sentence(s) for s in sentence_ids]
    if len({s.source for s in sentences}) > 1:
        return " ".join(s.text for s in sentences)
    runs: list[list[Sentence]] = []
    for s in sentences:
        if runs and s.index == runs[-1][-1].index + 1:
            runs[-1].append(s)
        else:
            runs.append([s])
    text = cmp.source(sentences[0].source).text
    return " … ".join(text[run[0].start : run[-1].end] for run in runs)


def source_of_side(cmp: Comparison, side: tuple[str, ...]) -> Source:
    return cmp.source(cmp.sentence(side[0]).source)


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one passage: ``op`` None for untouched text between marked words."""

    text: str
    op: EditOp | None = None
    was: str = ""
    """For ``replaced``: the words it replaces (``dropped`` pieces hold theirs in ``text``)."""


@dataclass(frozen=True, slots=True)
class Passage:
    """Adjacent sentences of one source, marked against ``ref``'s wording when linked."""

    pieces: tuple[Piece, ...]
    ref: Source | None = None


@dataclass(frozen=True, slots=True)
class Versus:
    """One source's wording of a claim, passage by passage, in reading order."""

    source: Source
    passages: tuple[Passage, ...]
    reference: bool = False
    """The first carrier: the wording the others are set against, shown unmarked."""


def side_by_side(cmp: Comparison, claim: Claim) -> list[Versus]:
    """Each carrier's wording of the claim, set against the first carrier's.

    For every other carrier its sentences are covered greedily by its links inside the
    claim: links to the reference first, then links to any other carrier (a claim may be
    joined through a third outlet), each group by best score. Covered groups carry that
    link's word edits; sentences no link covers are shown plain.
    """
    inside = {id(lk) for lk in claim_links(cmp, claim)}
    ref_id = claim.sources[0]
    out: list[Versus] = []
    for sid in claim.sources:
        mine = sentences_of(cmp, claim, sid)
        if sid == ref_id:
            out.append(Versus(cmp.source(sid), _plain(cmp, mine), reference=True))
            continue
        # This carrier's links inside the claim, in the comparison's order.
        oriented = [_orient(cmp, lk, sid) for lk in cmp.links_touching(mine) if id(lk) in inside]
        # Preference: to the reference, then higher score; order in the comparison breaks ties.
        ranked = sorted(enumerate(oriented), key=lambda it: (it[1][0] != ref_id, -it[1][3], it[0]))
        covered: set[str] = set()
        groups: list[tuple[int, Passage]] = []
        for _, (other, own, edits_of, _score) in ranked:
            if covered.intersection(own) or not set(own) <= set(mine):
                continue
            covered.update(own)
            text = span_text(cmp, own)
            pieces = pieces_for(text, edits_of()) or (Piece(text),)
            groups.append((cmp.sentence(own[0]).index, Passage(pieces, cmp.source(other))))
        rest = tuple(s for s in mine if s not in covered)
        groups += [(cmp.sentence(p_ids[0]).index, p) for p_ids, p in _plain_groups(cmp, rest)]
        groups.sort(key=lambda g: g[0])
        out.append(Versus(cmp.source(sid), tuple(p for _, p in groups)))
    return out


def _plain(cmp: Comparison, ids: tuple[str, ...]) -> tuple[Passage, ...]:
    return tuple(p for _, p in _plain_groups(cmp, ids))


def _plain_groups(cmp: Comparison, ids: tuple[str, ...]) -> list[tuple[tuple[str, ...], Passage]]:
    # Adjacent sentences read as one passage; a gap between them starts a new one.
    groups: list[list[str]] = []
    for s in ids:
        if groups and cmp.sentence(s).index == cmp.sentence(groups[-1][-1]).index + 1:
            groups[-1].append(s)
        else:
            groups.append([s])
    return [(tuple(g), Passage((Piece(span_text(cmp, tuple(g))),))) for g in groups]


def _orient(
    cmp: Comparison, lk: Link, source_id: str
) -> tuple[str, tuple[str, ...], Callable[[], tuple[WordEdit, ...]], float]:
    """(other source id, own side, edits with this source's words on ``b``, score); the
    edits are made on demand, since most links of a large claim are never shown."""
    if cmp.sentence(lk.a[0]).source == source_id:
        # This source is the a-side: swap the sides, so its additions are the other's drops.
        def flipped() -> tuple[WordEdit, ...]:
            return tuple(WordEdit(_FLIP.get(e.op, e.op), e.b, e.a) for e in lk.edits)

        return cmp.sentence(lk.b[0]).source, lk.a, flipped, lk.score
    return cmp.sentence(lk.a[0]).source, lk.b, lambda: lk.edits, lk.score


_FLIP = {EditOp.ADDED: EditOp.DROPPED, EditOp.DROPPED: EditOp.ADDED}


def pieces_for(text: str, edits: tuple[WordEdit, ...]) -> tuple[Piece, ...] | None:
    """Lay the b-side words of ``edits`` over ``text``, keeping its punctuation and spacing.

    Edits carry words only (the tokenizer drops punctuation), so each word is found in the
    text in order; a word that cannot be found means the edits do not describe this text
    and None is returned, so the caller shows the text unmarked rather than wrongly.
    """
    if not edits:
        return None
    out: list[Piece] = []
    cursor = 0
    for e in edits:
        if e.op is EditOp.DROPPED:
            if e.a:
                out.append(Piece(e.a, EditOp.DROPPED))
            continue
        words = e.b.split()
        if not words:
            continue
        start = end = -1
        for w in words:
            at = text.find(w, cursor if end < 0 else end)
            if at < 0:
                return None
            if start < 0:
                start = at
                if at > cursor:
                    out.append(Piece(text[cursor:at]))
            end = at + len(w)
        out.append(Piece(text[start:end], e.op, e.a if e.op is EditOp.REPLACED else ""))
        cursor = end
    if cursor < len(text):
        out.append(Piece(text[cursor:]))
    return tuple(_coalesce(out))


def _coalesce(pieces: list[Piece]) -> list[Piece]:
    # Adjacent runs of the same kind read as one mark, e.g. "kept", gap, "kept".
    out: list[Piece] = []
    for p in pieces:
        if out and p.op is None and out[-1].op is None:
            out[-1] = Piece(out[-1].text + p.text)
        else:
            out.append(p)
    return out


def conflict_sides(cmp: Comparison, lk: Link) -> tuple[Source, Source]:
    """The sources on the a-side and the b-side of a link."""
    return source_of_side(cmp, lk.a), source_of_side(cmp, lk.b)


def claim_of_link(cmp: Comparison, lk: Link) -> Claim | None:
    """The first claim holding sentences of both sides of the link."""
    for c in cmp.claims_holding(lk.a):
        if set(c.sentences).intersection(lk.b):
            return c
    return None


def ordered_conflicts(cmp: Comparison) -> list[tuple[Claim | None, Link]]:
    """Every conflict link with its claim, in claim order (then the links' own order)."""
    rank = {c.id: n for n, c in enumerate(cmp.claims)}
    pairs = [(claim_of_link(cmp, lk), lk) for lk in cmp.conflicts()]
    order = sorted(
        range(len(pairs)),
        key=lambda i: (rank[pairs[i][0].id] if pairs[i][0] else len(rank), i),  # type: ignore[union-attr]
    )
    return [pairs[i] for i in order]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


def printable(text: str) -> str:
    """Text with control characters shown as escapes, on one line.

    Source text is untrusted: an ESC byte in a report could otherwise drive the reader's
    terminal, and a newline inside a table cell would break the table. A line break after
    a line without final punctuation (a subhead and the sentence under it, one claim)
    becomes " / ", so the two do not run together as one garbled sentence; other line
    breaks and tabs become spaces.
    """
    text = _HEADING_BREAK.sub(" / ", text)
    text = text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


_HEADING_BREAK = re.compile(r"(?<=[^\s.!?:;\"'”’)\]])[ \t]*(?:\r\n|\r|\n)\s*")


_SAFE_URL = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`]+", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """The URL when it is a plain http(s) URL a report may link to, else None.

    Anything else (``javascript:``, ``data:``, relative paths, a URL with spaces or quotes
    that could break out of an attribute) is shown as text, never made a link.
    """
    if url and _SAFE_URL.fullmatch(url):
        return url
    return None


def source_url(src: Source) -> str | None:
    """Where a reader can see the original: its URL, or an origin that is a URL."""
    if src.url:
        return src.url
    return src.origin if src.origin.lower().startswith(("http://", "https://")) else None


def shorten(text: str, width: int) -> str:
    """One line of at most ``width`` characters, cut at a word boundary with an ellipsis."""
    text = " ".join(printable(text).split())
    if len(text) <= width:
        return text
    cut = text[: width - 1].rsplit(" ", 1)[0] if " " in text[: width - 1] else text[: width - 1]
    return cut.rstrip(",;:") + "…"
