"""Sources made ready to align: each sentence's scoring features and facts, computed once
per source and reused for each of the ``N - 1`` other sources it is paired with (and, in the
TUI, for every re-alignment at a new threshold)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from covdiff.errors import UsageError
from covdiff.facts import Facts, sentence_facts
from covdiff.model import SentenceKind, Source
from covdiff.questions import mode
from covdiff.similarity import Features, features


@dataclass(frozen=True, slots=True)
class Prepared:
    """A source with each sentence's scoring features and facts, computed once."""

    source: Source
    feats: tuple[Features, ...]
    facts: tuple[Facts, ...]
    vectors: np.ndarray | None = None
    """Sentence embeddings (rows of unit length) when the semantic backend is used."""
    pieces: tuple[np.ndarray, ...] | None = None
    """Each sentence's word-piece states, with `vectors` (`covdiff.semantic.embed_pieces`)."""

    @property
    def headline(self) -> bool:
        return bool(self.source.sentences) and self.source.sentences[0].kind is SentenceKind.HEADING

    @property
    def subheads(self) -> frozenset[int]:
        return frozenset(
            s.index for s in self.source.sentences[1:] if s.kind is SentenceKind.HEADING
        )


def prepare(source: Source) -> Prepared:
    feats = tuple(features(s.text) for s in source.sentences)
    facts = tuple(
        sentence_facts(s.text, f.tokens) for s, f in zip(source.sentences, feats, strict=True)
    )
    return Prepared(source, feats, facts)


def with_vectors(prep: Sequence[Prepared]) -> list[Prepared]:
    """Embed every sentence once (the optional semantic backend); raises if it is missing."""
    from covdiff import semantic

    if not semantic.available():
        raise UsageError(f"--semantic needs the semantic extra: {semantic.install_hint()}")
    todo = [p for p in prep if p.vectors is None or p.pieces is None]
    texts = [s.text for p in todo for s in p.source.sentences]
    if texts:
        vectors, pieces = semantic.embed_pieces(texts)
    else:
        vectors, pieces = np.zeros((0, semantic.DIMENSIONS)), []
    out, at = [], 0
    for p in prep:
        if p.vectors is None or p.pieces is None:
            n = len(p.source.sentences)
            p = replace(p, vectors=vectors[at : at + n], pieces=tuple(pieces[at : at + n]))
            at += n
        out.append(p)
    return out


def semantic_evidence(pa: Prepared, pb: Prepared, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The semantic backend's rows of evidence for candidate pairs ``(rows[k], cols[k])``:
    the embeddings' cosine, and how much of each sentence the other covers word piece by
    word piece, the larger share first (`covdiff.semantic.coverage`): a short sentence
    inside a long one that states several claims is covered, though their cosine is low."""
    from covdiff import semantic

    assert pa.vectors is not None and pb.vectors is not None, "embed with with_vectors first"
    cosine = (pa.vectors[rows] * pb.vectors[cols]).sum(axis=1)
    cover = np.zeros((2, len(rows)), dtype=np.float64)
    if pa.pieces is not None and pb.pieces is not None:
        # Each sentence meets many candidates: widen its float16 pieces once, not per pair.
        wide_a = {i: pa.pieces[i].astype(np.float32) for i in set(rows.tolist())}
        wide_b = {j: pb.pieces[j].astype(np.float32) for j in set(cols.tolist())}
        for k, (i, j) in enumerate(zip(rows.tolist(), cols.tolist(), strict=True)):
            x, y = semantic.coverage(wide_a[i], wide_b[j])
            cover[0, k], cover[1, k] = max(x, y), min(x, y)
    return np.vstack([cosine[None, :], cover])


@dataclass(frozen=True, slots=True)
class SentenceWords:
    """Per-source lists every source pair reads: built once per comparison, not once for
    each of the ``N - 1`` other sources."""

    ids: tuple[str, ...]
    norms: tuple[list[str], ...]
    surfaces: tuple[list[str], ...]
    position: dict[str, int]
    """Sentence id -> its index in the source."""
    headings: list[bool]
    subheads: frozenset[int]
    modes: np.ndarray
    """What each sentence does: states a claim, asks, or only dates a section
    (`covdiff.questions.mode`); links join only sentences that do the same."""
    within: dict[tuple[int, int], bool]
    """Which of the source's sentences holds another of its sentences, as the matcher
    finds out (`covdiff.matching.match_sentences`)."""

    @classmethod
    def of(cls, prep: Prepared) -> SentenceWords:
        sentences = prep.source.sentences
        ids = tuple(s.id for s in sentences)
        return cls(
            ids=ids,
            norms=tuple([t.norm for t in f.tokens] for f in prep.feats),
            surfaces=tuple([t.surface for t in f.tokens] for f in prep.feats),
            position={sid: n for n, sid in enumerate(ids)},
            headings=[s.kind is SentenceKind.HEADING for s in sentences],
            subheads=prep.subheads,
            modes=np.array(
                [mode(s.text, heading=s.kind is SentenceKind.HEADING) for s in sentences],
                dtype=np.int8,
            ),
            within={},
        )
