"""Align N ≥ 2 segmented sources into links and N-way claims.

For every pair of sources: candidate sentence pairs and their evidence
(`covdiff.pairs`, blocking through `covdiff.postings`), the link model's confidence for
each (`covdiff.linkmodel`), then the matching itself (`covdiff.matching`: order-free
anchors, merges and splits, context and containment links). Each link is judged `same`,
`reworded` or `conflict` (`covdiff.facts`) and carries word-level edits
(`covdiff.edits`), its similarity (`covdiff.similarity`) and the model's confidence.
Claims are the groups of sentences that links join across all sources (`covdiff.claims`).

Guarantees: links only join sentences of two different sources; every sentence ends up in
at least one claim; the same input gives the same output."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from covdiff.claims import build_claims
from covdiff.edits import word_edits
from covdiff.errors import UsageError
from covdiff.facts import Facts, find_conflicts, merge_facts, sentence_facts
from covdiff.linkmodel import link_probability
from covdiff.matching import match_sentences
from covdiff.model import Comparison, Link, Relation, SentenceKind, Source
from covdiff.options import Options
from covdiff.pairs import candidates
from covdiff.postings import SourceIndex, build_indexes
from covdiff.similarity import (
    Features,
    combine,
    features,
    pair_score,
)

HEADLINE_BONUS = 15.0
"""Points added to the pair of two sources' headlines (first lines without a full stop)."""


@dataclass(frozen=True, slots=True)
class Prepared:
    """A source with each sentence's scoring features and facts, computed once."""

    source: Source
    feats: tuple[Features, ...]
    facts: tuple[Facts, ...]
    vectors: np.ndarray | None = None
    """Sentence embeddings (rows of unit length) when the semantic backend is used."""

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
    todo = [p for p in prep if p.vectors is None]
    texts = [s.text for p in todo for s in p.source.sentences]
    vectors = semantic.embed(texts) if texts else np.zeros((0, semantic.DIMENSIONS))
    out, at = [], 0
    for p in prep:
        if p.vectors is None:
            n = len(p.source.sentences)
            p = replace(p, vectors=vectors[at : at + n])
            at += n
        out.append(p)
    return out


def align(
    sources: Sequence[Source],
    *,
    options: Options | None = None,
    prepared: Sequence[Prepared] | None = None,
    warnings: Sequence[str] = (),
) -> Comparison:
    """Compare segmented sources; ``prepared`` lets a caller re-align without re-reading."""
    options = options or Options()
    prep = list(prepared) if prepared is not None else [prepare(s) for s in sources]
    if options.semantic:
        prep = with_vectors(prep)
    ref_year = options.reference_year or infer_reference_year([p.source for p in prep])
    indexes = build_indexes([p.feats for p in prep])
    links: list[Link] = []
    for (pa, xa), (pb, xb) in combinations(zip(prep, indexes, strict=True), 2):
        links.extend(align_pair(pa, pb, options=options, reference_year=ref_year, index=(xa, xb)))
    claims = build_claims([p.source for p in prep], links)
    return Comparison(
        sources=tuple(p.source for p in prep),
        claims=tuple(claims),
        links=tuple(links),
        threshold=options.threshold,
        warnings=tuple(warnings),
    )


def infer_reference_year(sources: Sequence[Source]) -> int | None:
    """The year the reports were written: from their dates, else None (no date arithmetic)."""
    years = [int(s.published[:4]) for s in sources if s.published and s.published[:4].isdigit()]
    return max(years) if years else None


def align_pair(
    pa: Prepared,
    pb: Prepared,
    *,
    options: Options,
    reference_year: int | None,
    index: tuple[SourceIndex, SourceIndex] | None = None,
) -> list[Link]:
    """Links between the sentences of two sources."""
    na, nb = len(pa.feats), len(pb.feats)
    if not na or not nb:
        return []
    cands = candidates(
        pa.feats,
        pb.feats,
        index=index,
        headings_a=[s.kind is SentenceKind.HEADING for s in pa.source.sentences],
        headings_b=[s.kind is SentenceKind.HEADING for s in pb.source.sentences],
        workers=options.workers,
        blocking=options.blocking,
    )
    evidence = cands.evidence
    if pa.vectors is not None and pb.vectors is not None:
        cosine = (pa.vectors[cands.rows] * pb.vectors[cands.cols]).sum(axis=1)
        evidence = np.vstack([evidence, cosine[None, :]])
    # The matcher works on the link model's probability, as a 0-100 score. Near-identical
    # sentences always link: the model reads a tie between two copies of a repeated line as
    # ambiguity (no margin over the rival), but either copy is the right counterpart.
    prob = 100.0 * link_probability(evidence)
    prob = np.where(cands.blended >= IDENTICAL, np.maximum(prob, 99.0), prob)
    groups = match_sentences(
        pa.feats,
        pb.feats,
        cands,
        prob,
        threshold=options.threshold,
        subheads_a=pa.subheads,
        subheads_b=pb.subheads,
    )
    keys = list(zip(cands.rows.tolist(), cands.cols.tolist(), strict=True))
    prob_of = dict(zip(keys, prob.tolist(), strict=True))
    blend_of = dict(zip(keys, cands.blended.tolist(), strict=True))
    links = [
        _judge(
            pa,
            pb,
            ga,
            gb,
            options=options,
            reference_year=reference_year,
            # A group is as sure as its surest pair of sentences.
            confidence=max(prob_of.get((i, j), 0.0) for i in ga for j in gb),
            # One sentence a side: its similarity is already known from the candidates.
            lexical=blend_of.get((ga[0], gb[0])) if len(ga) == len(gb) == 1 else None,
        )
        for ga, gb in groups
    ]
    links.sort(key=lambda lk: (int(lk.a[0].rsplit(":", 1)[1]), int(lk.b[0].rsplit(":", 1)[1])))
    return links


IDENTICAL = 90.0
"""Similarity (0-100) from which two sentences link whatever the rest of the evidence."""
SEMANTIC_SHARE = 0.5
"""Share of the embedding cosine in the reported score when the semantic backend is on."""


def _link_score(
    pa: Prepared, pb: Prepared, ga: tuple[int, ...], gb: tuple[int, ...], lexical: float
) -> float:
    if pa.vectors is None or pb.vectors is None:
        return lexical
    va, vb = pa.vectors[list(ga)].sum(axis=0), pb.vectors[list(gb)].sum(axis=0)
    norm = float(np.linalg.norm(va) * np.linalg.norm(vb))
    cosine = float(va @ vb) / norm if norm else 0.0
    blended = (1 - SEMANTIC_SHARE) * lexical + SEMANTIC_SHARE * 100.0 * max(cosine, 0.0)
    return min(100.0, max(0.0, blended))


def _judge(
    pa: Prepared,
    pb: Prepared,
    ga: tuple[int, ...],
    gb: tuple[int, ...],
    *,
    options: Options,
    reference_year: int | None,
    confidence: float = 0.0,
    lexical: float | None = None,
) -> Link:
    fa = combine([pa.feats[i] for i in ga])
    fb = combine([pb.feats[j] for j in gb])
    conflicts = find_conflicts(
        merge_facts([pa.facts[i] for i in ga]),
        merge_facts([pb.facts[j] for j in gb]),
        reference_year=reference_year,
    )
    if conflicts:
        relation = Relation.CONFLICT
    elif fuzz.ratio(fa.full, fb.full) >= options.same_threshold:
        relation = Relation.SAME
    else:
        relation = Relation.REWORDED
    return Link(
        a=tuple(pa.source.sentences[i].id for i in ga),
        b=tuple(pb.source.sentences[j].id for j in gb),
        # The reported score is the similarity of the two sides as read together, whatever
        # evidence (headline position, context, containment) made the link.
        score=round(
            _link_score(pa, pb, ga, gb, pair_score(fa, fb) if lexical is None else lexical), 1
        ),
        confidence=round(confidence, 1),
        relation=relation,
        conflicts=tuple(conflicts),
        edits=word_edits(fa.tokens, fb.tokens),
    )
