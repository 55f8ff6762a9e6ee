"""Group linked sentences of all sources into N-way claims.

A claim holds, from each source that carries it, one sentence or a short run of adjacent
ones (a claim one outlet splits over two sentences). Links join groups surest first, as
long as the joined group stays so: a link that would put two sentences of one source that
are not next to each other into one claim does not chain the groups together. Chaining
them would let a lede that sums up three facts, or one doubtful link, pull a dozen claims
into one. Such a link's sentences still share a claim: the sentence of its shorter side
(the one that says more, usually a summing-up sentence) joins the other side's claim as
well (or, when that claim already holds a sentence of its source, the other way round),
and so belongs to several claims, as the contract allows. A sentence that belongs
to other claims this way and to nothing else of its own forms no claim alone. Every
sentence belongs to at least one claim; a sentence no link reaches is a claim of its
source alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from operator import attrgetter

from covdiff.model import Claim, Link, Source

MAX_RUN = 3
"""Most adjacent sentences of one source in one claim (the matcher's longest split)."""

Runs = dict[str, tuple[int, int]]
"""Per source, the first and last sentence index a group holds."""


class _Groups:
    """Union-find over sentences that keeps, per group, the run each source contributes."""

    def __init__(self, where: dict[str, tuple[str, int]]) -> None:
        self.where = where
        """Sentence id -> its source and its index there."""
        self.parent = {x: x for x in where}
        self.runs: dict[str, Runs] = {x: {src: (i, i)} for x, (src, i) in where.items()}
        self.extra: dict[str, set[str]] = {}
        """Root -> sentences of other groups that also state this group's claim."""

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def joined(self, roots: Sequence[str]) -> Runs | None:
        """The runs of the groups taken together; None if some source's would not be one
        short run of adjacent sentences."""
        # The largest group's runs are copied, the others' added to them: on a comparison
        # of many sources this runs once per link.
        parts = sorted((self.runs[r] for r in roots), key=len, reverse=True)
        out: Runs = dict(parts[0])
        for part in parts[1:]:
            for src, (lo, hi) in part.items():
                have = out.get(src)
                if have is None:
                    out[src] = (lo, hi)
                    continue
                first, last = have
                if lo > last + 1 or first > hi + 1:
                    return None
                first, last = min(lo, first), max(hi, last)
                if last - first + 1 > MAX_RUN:
                    return None
                out[src] = (first, last)
        return out

    def share(self, x: str, y: str) -> None:
        """Put ``x`` in ``y``'s claim too, or else ``y`` in ``x``'s: whichever claim has no
        sentence of the newcomer's source yet, so that a claim holds one run per source
        where it can (``x`` first: it is the side that states more)."""
        rx, ry = self.find(x), self.find(y)
        if rx == ry:
            return
        if self.where[x][0] in self.runs[ry] and self.where[y][0] not in self.runs[rx]:
            self.extra.setdefault(rx, set()).add(y)
        else:
            self.extra.setdefault(ry, set()).add(x)

    def union(self, roots: Sequence[str], runs: Runs) -> None:
        # The smallest id is the root, so that roots do not depend on link order.
        top = min(roots)
        for r in roots:
            if r != top:
                self.parent[r] = top
                self.extra.setdefault(top, set()).update(self.extra.pop(r, set()))
                del self.runs[r]
        self.runs[top] = runs


def build_claims(sources: Sequence[Source], links: Sequence[Link]) -> list[Claim]:
    return group_claims(sources, links)[0]


def group_claims(
    sources: Sequence[Source], links: Sequence[Link]
) -> tuple[list[Claim], dict[str, str]]:
    """The claims, and for each sentence the claim that is its own (the one the links
    joined it into, not one it joins as a merging sentence; none for a sentence that
    only merges others)."""
    order = {s.id: pos for pos, s in enumerate(sources)}
    where = {s.id: (s.source, s.index) for src in sources for s in src.sentences}
    ids = list(where)
    length = {s.id: len(s.text) for src in sources for s in src.sentences}
    groups = _Groups(where)
    # Surest links first; ties in the order the links come (a stable sort), which the
    # aligner fixes, so the same links give the same claims.
    for lk in sorted(links, key=attrgetter("confidence"), reverse=True):
        if len(lk.a) == 1 and len(lk.b) == 1:  # most links: no set of roots to build
            rx, ry = groups.find(lk.a[0]), groups.find(lk.b[0])
            if rx == ry:
                continue
            roots = [rx, ry]
        else:
            roots = sorted({groups.find(x) for x in (*lk.a, *lk.b)})
        runs = groups.joined(roots)
        if runs is not None:
            groups.union(roots, runs)
            continue
        hub, other = _hub(lk, length)
        for y in other:
            for x in hub:
                groups.share(x, y)
    members: dict[str, set[str]] = {}
    for x in ids:
        members.setdefault(groups.find(x), set()).add(x)
    elsewhere = set().union(*groups.extra.values())
    claim_sets = [
        (own, own | groups.extra.get(root, set()))
        for root, own in members.items()
        # A merging sentence with nothing else in its group is no claim of its own.
        if not (own <= elsewhere and len(own) == 1 and not groups.extra.get(root))
    ]

    def key(sid: str) -> tuple[int, int]:
        src, idx = where[sid]
        return order[src], idx

    claim_sets.sort(key=lambda own_all: min(key(x) for x in own_all[1]))
    claims: list[Claim] = []
    own_claim: dict[str, str] = {}
    for n, (own, m) in enumerate(claim_sets, start=1):
        sents = tuple(sorted(m, key=key))
        srcs = tuple(sorted({where[x][0] for x in sents}, key=order.__getitem__))
        claims.append(Claim(id=f"c{n}", sentences=sents, sources=srcs))
        own_claim.update(dict.fromkeys(own, f"c{n}"))
    return claims, own_claim


def _hub(lk: Link, length: dict[str, int]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The side that joins the other's claim: fewer sentences (one sentence merging two),
    else more words (a summing-up sentence states more than one claim)."""
    size_a, size_b = len(lk.a), len(lk.b)
    if size_a != size_b:
        return (lk.a, lk.b) if size_a < size_b else (lk.b, lk.a)
    text_a = sum(length[x] for x in lk.a)
    text_b = sum(length[x] for x in lk.b)
    return (lk.a, lk.b) if text_a >= text_b else (lk.b, lk.a)
