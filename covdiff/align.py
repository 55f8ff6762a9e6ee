"""Align N ≥ 2 segmented sources into links and N-way claims.

For every pair of sources: candidate sentence pairs and their evidence
(`covdiff.pairs`, blocking through `covdiff.postings`), the link model's confidence for
each (`covdiff.linkmodel`), then the matching itself (`covdiff.matching`: order-free
anchors, merges and splits, context and containment links). Each link is judged `same`,
`reworded` or `conflict` (`covdiff.conflicts`) and carries word-level edits
(`covdiff.edits`), its similarity (`covdiff.similarity`) and the model's confidence.
Claims are the groups of sentences that links join across all sources (`covdiff.claims`).
Two sentences of one claim that no link joins directly get a link of their own when the
link model finds them at least plausible (`CLAIM_FACTOR`): the claim is the evidence the
pair alone lacked.
On large comparisons the pairs of sources are shared out among forked processes
(`covdiff.parallel`), with the same output.

Guarantees: links only join sentences of two different sources; every sentence ends up in
at least one claim; the same input gives the same output."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from itertools import combinations

import numpy as np
from rapidfuzz import fuzz

from covdiff.claims import group_claims
from covdiff.conflicts import find_conflicts
from covdiff.edits import edits_between
from covdiff.facts import Facts, merge_facts
from covdiff.linkmodel import link_probability
from covdiff.matching import match_sentences
from covdiff.model import Claim, Comparison, Link, Relation, Source
from covdiff.options import Options
from covdiff.pairs import Candidates, candidates
from covdiff.parallel import PairResult, Spare, map_pairs, pack_pair, processes_for, unpack_pair
from covdiff.postings import SourceIndex, build_indexes
from covdiff.prepared import Prepared, SentenceWords, prepare, semantic_evidence, with_vectors
from covdiff.similarity import (
    Features,
    combine,
    pair_score,
)

CLAIM_FACTOR = 0.1
"""Share of the threshold at which two sentences of one claim, joined into it through
links to other sentences, are linked to each other too. Measured on the fixture gold
(`python -m covdiff.gold score fixtures/events/*`, link F1): 0.777 without such links;
at 0, 0.1, 0.2, 0.3, 0.45 and 0.6 of the threshold 0.780, 0.804, 0.804, 0.799, 0.795 and
0.792 on the first five events. On 2026-11-27, with four more events the link model never
saw, at 0.05, 0.1, 0.2 and 0.3: 0.806, 0.809, 0.809, 0.804 on the first five and 0.664,
0.662, 0.653, 0.650 on the four new ones; 0.1 it is (link precision on the generated
20 x 300 event of `benchmarks/bench_perf.py` is 0.941 at 0.1 and 0.2 alike). Every
candidate (0) lets chained errors in."""

HEADLINE_BONUS = 15.0
"""Points added to the pair of two sources' headlines (first lines without a full stop)."""


def align(
    sources: Sequence[Source],
    *,
    options: Options | None = None,
    prepared: Sequence[Prepared] | None = None,
    warnings: Sequence[str] = (),
) -> Comparison:
    """Compare segmented sources; ``prepared`` lets a caller re-align without re-reading."""
    with _gc_paused():
        return _align(sources, options or Options(), prepared, warnings)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Hold off Python's cycle collector while aligning.

    Alignment allocates hundreds of thousands of small objects (links, edits, conflicts)
    and no reference cycles; each allocation burst would trigger collections that walk
    every live object, which cost a third of the time on large inputs. Left as it was
    when the caller has turned it off.

    On the way out, everything allocated meanwhile is moved to the oldest generation
    (`gc.freeze` then `gc.unfreeze`, which scans nothing): otherwise the first allocation
    after re-enabling would scan all of it as young objects, a tenth of a second at 20
    sources of 300 sentences. Cyclic garbage among it is still collected, with the oldest
    generation."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.unfreeze()
        gc.enable()


def _align(
    sources: Sequence[Source],
    options: Options,
    prepared: Sequence[Prepared] | None,
    warnings: Sequence[str],
) -> Comparison:
    prep = list(prepared) if prepared is not None else [prepare(s) for s in sources]
    if options.semantic:
        prep = with_vectors(prep)
    ref_year = options.reference_year or infer_reference_year([p.source for p in prep])
    indexes = build_indexes([p.feats for p in prep])
    words = [SentenceWords.of(p) for p in prep]
    pairs = list(combinations(range(len(prep)), 2))

    costs = [len(prep[a].feats) * len(prep[b].feats) for a, b in pairs]
    processes = processes_for(sum(costs), options.workers)
    # With a process per core, rapidfuzz's own threads would only compete for the cores.
    pair_options = replace(options, workers=1) if processes > 1 else options

    def one_pair(pair: tuple[int, int]) -> PairResult:
        a, b = pair
        return align_pair(
            prep[a],
            prep[b],
            options=pair_options,
            reference_year=ref_year,
            index=(indexes[a], indexes[b]),
            words=(words[a], words[b]),
        )

    results = map_pairs(
        pairs, one_pair, costs=costs, processes=processes, pack=pack_pair, unpack=unpack_pair
    )
    claims, own = group_claims([p.source for p in prep], [lk for part, _ in results for lk in part])
    links = _through_claims(prep, pairs, results, claims, own, words, options, ref_year)
    return Comparison(
        sources=tuple(p.source for p in prep),
        claims=tuple(claims),
        links=tuple(links),
        threshold=options.threshold,
        warnings=tuple(warnings),
    )


def _through_claims(
    prep: Sequence[Prepared],
    pairs: Sequence[tuple[int, int]],
    results: Sequence[PairResult],
    claims: Sequence[Claim],
    own: dict[str, str],
    words: Sequence[SentenceWords],
    options: Options,
    ref_year: int | None,
) -> list[Link]:
    """Every pair of sources' links, with the links its sentences get through the claims
    they share (see `CLAIM_FACTOR`), in reading order."""
    links: list[Link] = []
    for (a, b), (part, spare) in zip(pairs, results, strict=True):
        extra = _claim_links(spare, part, own, words[a], words[b], options.threshold * CLAIM_FACTOR)
        if extra:
            part = part + [
                _judge(prep[a], prep[b], (i,), (j,), options=options, reference_year=ref_year,
                       confidence=conf, lexical=blend, words=(words[a], words[b]))
                for i, j, conf, blend in extra
            ]  # fmt: skip
            at_a, at_b = words[a].position, words[b].position
            part.sort(key=lambda lk: (at_a[lk.a[0]], at_b[lk.b[0]]))
        links += part
    return links


def _claim_links(
    spare: Sequence[Spare],
    links: Sequence[Link],
    own: dict[str, str],
    wa: SentenceWords,
    wb: SentenceWords,
    least: float,
) -> list[Spare]:
    """The spare candidates of two sources whose sentences share their own claim (not one
    that either only joins as a merging sentence), no link joins, and the link model finds
    at least ``least`` likely.

    A merging sentence is left out: where outlets tell apart claims that read alike, the
    aligner's doubtful links between them end up as merges, and linking such a sentence to
    every sentence of the claim it merges would repeat one error many times (measured on
    the generated 20 x 300 event of `benchmarks/bench_perf.py`: link precision 0.92 this
    way, 0.82 with merging sentences)."""
    out: list[Spare] = []
    joined: set[tuple[str, str]] | None = None
    for i, j, conf, blend in spare:
        if conf < least:
            continue
        x, y = wa.ids[i], wb.ids[j]
        if x not in own or own[x] != own.get(y):
            continue
        if joined is None:  # built only for the few pairs of sources that need it
            joined = {(p, q) for lk in links for p in lk.a for q in lk.b}
        if (x, y) not in joined:
            out.append((i, j, conf, blend))
    return out


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
    words: tuple[SentenceWords, SentenceWords] | None = None,
) -> PairResult:
    """Links between the sentences of two sources, and the spare candidates: pairs no link
    took that the link model finds at least `CLAIM_FACTOR` of the threshold likely."""
    na, nb = len(pa.feats), len(pb.feats)
    if not na or not nb:
        return [], []
    wa, wb = words if words is not None else (SentenceWords.of(pa), SentenceWords.of(pb))
    cands = candidates(
        pa.feats,
        pb.feats,
        index=index,
        headings_a=wa.headings,
        headings_b=wb.headings,
        workers=options.workers,
        blocking=options.blocking,
    )
    evidence = cands.evidence
    if pa.vectors is not None and pb.vectors is not None:
        evidence = np.vstack([evidence, semantic_evidence(pa, pb, cands.rows, cands.cols)])
    # The matcher works on the link model's probability, as a 0-100 score. Near-identical
    # sentences always link: the model reads a tie between two copies of a repeated line as
    # ambiguity (no margin over the rival), but either copy is the right counterpart.
    prob = 100.0 * link_probability(evidence)
    prob = np.where(cands.blended >= IDENTICAL, np.maximum(prob, 99.0), prob)
    # A question, or a line that only dates a section, states no claim: it may match
    # another question or date line, never a statement.
    apart = wa.modes[cands.rows] != wb.modes[cands.cols]
    if apart.any():
        prob = np.where(apart, 0.0, prob)
    groups = match_sentences(
        pa.feats,
        pb.feats,
        cands,
        prob,
        threshold=options.threshold,
        subheads_a=wa.subheads,
        subheads_b=wb.subheads,
        headline_a=pa.headline,
        headline_b=pb.headline,
        within_a=wa.within,
        within_b=wb.within,
    )
    # Links come out ordered by their first sentence on each side; sorting the groups first
    # (stable, as sorting the links was) lets the lookups below run in one pass.
    # Containment links go by shared words alone; the same rule holds for them, on every
    # sentence a side holds.
    groups = [g for g in groups if _modes(wa, g[0]) == _modes(wb, g[1])]
    groups.sort(key=lambda g: (g[0][0], g[1][0]))
    prob_of, blend_of = _group_lookups(cands, prob, groups)
    taken = {(i, j) for ga, gb in groups for i in ga for j in gb}
    spare = [
        (i, j, p, b)
        for k in np.nonzero(prob >= options.threshold * CLAIM_FACTOR)[0].tolist()
        if (i := int(cands.rows[k]), j := int(cands.cols[k])) not in taken
        for p, b in [(float(prob[k]), float(cands.blended[k]))]
    ]
    links = [
        _judge(
            pa,
            pb,
            ga,
            gb,
            options=options,
            reference_year=reference_year,
            confidence=confidence,
            lexical=lexical,
            words=(wa, wb),
        )
        for (ga, gb), confidence, lexical in zip(groups, prob_of, blend_of, strict=True)
    ]
    return links, spare


def _modes(words: SentenceWords, side: Sequence[int]) -> frozenset[int]:
    """What the sentences of one side of a link do: state, ask, date, or a mix."""
    return frozenset(int(words.modes[i]) for i in side)


def _group_lookups(
    cands: Candidates, prob: np.ndarray, groups: Sequence[tuple[tuple[int, ...], tuple[int, ...]]]
) -> tuple[list[float], list[float | None]]:
    """Per group: its confidence (as sure as its surest pair of sentences; 0 for pairs that
    are no candidate) and, for one sentence a side, the pair's similarity from the
    candidates (None when it is no candidate).

    One sorted search over every pair of every group: a dictionary of all candidates would
    cost more to build than the few hundred look-ups it serves.
    """
    nb = cands.nb
    sizes = [len(ga) * len(gb) for ga, gb in groups]
    keys = np.array([i * nb + j for ga, gb in groups for i in ga for j in gb], dtype=np.int64)
    flat = cands.rows * nb + cands.cols  # sorted: candidates are by row, then column
    if len(flat) and len(keys):
        pos = np.minimum(np.searchsorted(flat, keys), len(flat) - 1)
        hit = (flat[pos] == keys).tolist()
        pos_l = pos.tolist()
    else:
        hit, pos_l = [False] * len(keys), [0] * len(keys)
    probs, blends = prob.tolist(), cands.blended.tolist()
    conf: list[float] = []
    lexical: list[float | None] = []
    at = 0
    for (ga, gb), n in zip(groups, sizes, strict=True):
        conf.append(max(probs[pos_l[k]] if hit[k] else 0.0 for k in range(at, at + n)))
        if len(ga) == len(gb) == 1:
            lexical.append(blends[pos_l[at]] if hit[at] else None)
        else:
            lexical.append(None)
        at += n
    return conf, lexical


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
    words: tuple[SentenceWords, SentenceWords] | None = None,
) -> Link:
    wa, wb = words if words is not None else (SentenceWords.of(pa), SentenceWords.of(pb))
    fa, facts_a, norms_a, surf_a, ids_a = _side(pa, wa, ga)
    fb, facts_b, norms_b, surf_b, ids_b = _side(pb, wb, gb)
    conflicts = find_conflicts(facts_a, facts_b, reference_year=reference_year)
    if conflicts:
        relation = Relation.CONFLICT
    elif (
        fuzz.ratio(fa.full, fb.full) >= options.same_threshold
        and _same_facts(facts_a, facts_b)
        # A live blog's entry head read with its entry adds a line the other side lacks.
        and not _merges_heading(ga, wa)
        and not _merges_heading(gb, wb)
    ):
        relation = Relation.SAME
    else:
        relation = Relation.REWORDED
    return Link(
        a=ids_a,
        b=ids_b,
        # The reported score is the similarity of the two sides as read together, whatever
        # evidence (headline position, context, containment) made the link.
        score=round(
            _link_score(pa, pb, ga, gb, pair_score(fa, fb) if lexical is None else lexical), 1
        ),
        confidence=round(confidence, 1),
        relation=relation,
        conflicts=tuple(conflicts),
        edits=edits_between(norms_a, surf_a, norms_b, surf_b),
    )


def _merges_heading(group: tuple[int, ...], words: SentenceWords) -> bool:
    return len(group) > 1 and any(words.headings[i] for i in group)


def _same_facts(a: Facts, b: Facts) -> bool:
    """Both sides state the same numbers, dates and names: a fact one of them drops ("Castell,
    44, …", "on Monday, May 18") makes the pair reworded, however alike the rest reads."""
    # A word capitalised on one side only ("Health Minister" / "Health minister") is the
    # same word: each side's name words must appear on the other.
    if not (a.name_norms <= b.norms and b.name_norms <= a.norms):
        return False
    for xs, ys in (
        (a.numbers, b.numbers),
        (a.weekdays, b.weekdays),
        (a.monthdays, b.monthdays),
        (a.months, b.months),
        (a.years, b.years),
    ):
        # Most sentences state few facts: the sets are built only where there are some.
        if (xs or ys) and {f.value for f in xs} != {f.value for f in ys}:
            return False
    return True


def _side(
    prep: Prepared, words: SentenceWords, group: tuple[int, ...]
) -> tuple[Features, Facts, list[str], list[str], tuple[str, ...]]:
    """One side of a link: features, facts, normalised and original words, sentence ids."""
    if len(group) == 1:
        # One sentence a side is most links: its own features and facts serve as they are.
        i = group[0]
        return prep.feats[i], prep.facts[i], words.norms[i], words.surfaces[i], (words.ids[i],)
    return (
        combine([prep.feats[i] for i in group]),
        merge_facts([prep.facts[i] for i in group]),
        [w for i in group for w in words.norms[i]],
        [w for i in group for w in words.surfaces[i]],
        tuple(words.ids[i] for i in group),
    )
