"""Group linked sentences of all sources into N-way claims.

One-to-one links join sentences into groups (union-find). A one-to-many link is read two
ways: when the sentences on its "many" side each belong to a claim that a third source
also carries, the single sentence *merges* those claims and belongs to each of them;
otherwise the "many" side is one claim *split* over adjacent sentences, and all join one
group. Every sentence belongs to at least one claim; a sentence no link reaches is a claim
of its source alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from covdiff.model import Claim, Link, Source


class _UnionFind:
    def __init__(self, items: Sequence[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:  # path compression
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, x: str, y: str) -> None:
        rx, ry = self.find(x), self.find(y)
        if rx != ry:
            # The smaller id wins so that roots do not depend on link order.
            self.parent[max(rx, ry)] = min(rx, ry)


def _source_of(sentence_id: str) -> str:
    return sentence_id.rsplit(":", 1)[0]


def build_claims(sources: Sequence[Source], links: Sequence[Link]) -> list[Claim]:
    order = {s.id: pos for pos, s in enumerate(sources)}
    ids = [s.id for src in sources for s in src.sentences]
    uf = _UnionFind(ids)
    multi: list[Link] = []
    for lk in links:
        if len(lk.a) == 1 and len(lk.b) == 1:
            uf.union(lk.a[0], lk.b[0])
        else:
            multi.append(lk)

    def members() -> dict[str, set[str]]:
        groups: dict[str, set[str]] = {}
        for x in ids:
            groups.setdefault(uf.find(x), set()).add(x)
        return groups

    groups = members()
    spans: list[tuple[str, list[str]]] = []  # (hub sentence, many-side sentences)
    for lk in multi:
        hub_side, many = (lk.a, lk.b) if len(lk.a) < len(lk.b) else (lk.b, lk.a)
        hub_src, many_src = _source_of(hub_side[0]), _source_of(many[0])
        supported = [
            y for y in many
            if any(_source_of(z) not in (hub_src, many_src) for z in groups[uf.find(y)])
        ]  # fmt: skip
        if len(hub_side) == 1 and len({uf.find(y) for y in supported}) >= 2:
            spans.append((hub_side[0], list(many)))
        else:
            for x in (*hub_side, *many):
                uf.union(hub_side[0], x)
    groups = members()
    # A merging sentence's group joins each group it spans; it forms no claim of its own
    # unless something else (a sentence of a third source) is in it alone.
    targets_of: dict[str, set[str]] = {}
    for hub, many in spans:
        hub_root = uf.find(hub)
        targets = {uf.find(y) for y in many} - {hub_root}
        if targets:
            targets_of.setdefault(hub_root, set()).update(targets)
    final, absorbed = _destinations(targets_of)
    extra: dict[str, set[str]] = {}
    for root, dests in final.items():
        for d in dests:
            extra.setdefault(d, set()).update(groups[root])
    claim_sets = [
        members | extra.get(root, set()) for root, members in groups.items() if root not in absorbed
    ]

    def key(sid: str) -> tuple[int, int]:
        src, idx = sid.rsplit(":", 1)
        return order[src], int(idx)

    claim_sets.sort(key=lambda m: min(key(x) for x in m))
    claims: list[Claim] = []
    for n, m in enumerate(claim_sets, start=1):
        sents = tuple(sorted(m, key=key))
        srcs = tuple(sorted({_source_of(x) for x in sents}, key=order.__getitem__))
        claims.append(Claim(id=f"c{n}", sentences=sents, sources=srcs))
    return claims


def _destinations(targets_of: dict[str, set[str]]) -> tuple[dict[str, set[str]], set[str]]:
    """Where each merging group's sentences go, and which groups stop being claims.

    A target may itself be a merging group absorbed elsewhere, so absorption is followed
    to the groups that stay claims. Groups that reach none (they merge into one another in
    a cycle) stay claims and also join the claims they merge: no sentence is lost, and
    every link's two sides share a claim.
    """

    def reach(root: str, absorbed: set[str], seen: set[str]) -> set[str]:
        if root not in absorbed:
            return {root}
        if root in seen:
            return set()
        seen.add(root)
        return set().union(*(reach(t, absorbed, seen) for t in sorted(targets_of[root])))

    absorbed = set(targets_of)
    absorbed -= {r for r in absorbed if not reach(r, absorbed, set())}
    final = {
        r: set().union(*(reach(t, absorbed, {r}) for t in sorted(targets))) - {r}
        for r, targets in sorted(targets_of.items())
    }
    return final, absorbed
