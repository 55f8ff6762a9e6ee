"""The one place a Comparison becomes the "covdiff/1" JSON document, and back.

Key order and number formatting are fixed so that the same input gives byte-identical
output. Word-level edits are an extension of the contract (``links[].edits``); readers of
covdiff/1 ignore keys they do not know.
"""

from __future__ import annotations

import json
from typing import Any

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

SCHEMA = "covdiff/1"


def to_dict(cmp: Comparison) -> dict[str, Any]:
    return {
        "schema": SCHEMA,
        "threshold": cmp.threshold,
        "sources": [_source(s) for s in cmp.sources],
        "claims": [
            {"id": c.id, "sentences": list(c.sentences), "sources": list(c.sources)}
            for c in cmp.claims
        ],
        "links": [_link(lk) for lk in cmp.links],
        "counts": cmp.counts(),
        "warnings": list(cmp.warnings),
    }


def _source(s: Source) -> dict[str, Any]:
    return {
        "id": s.id,
        "label": s.label,
        "origin": s.origin,
        "title": s.title,
        "published": s.published,
        "site": s.site,
        "byline": s.byline,
        "url": s.url,
        "text": s.text,
        "sentences": [
            {"id": x.id, "text": x.text, "start": x.start, "end": x.end, "kind": x.kind.value}
            for x in s.sentences
        ],
    }


def _link(lk: Link) -> dict[str, Any]:
    return {
        "a": list(lk.a),
        "b": list(lk.b),
        "score": lk.score,
        "confidence": lk.confidence,
        "relation": lk.relation.value,
        "conflicts": [{"kind": c.kind.value, "a": c.a, "b": c.b} for c in lk.conflicts],
        "edits": [{"op": e.op.value, "a": e.a, "b": e.b} for e in lk.edits],
    }


def to_json(cmp: Comparison) -> str:
    return json.dumps(to_dict(cmp), ensure_ascii=False, indent=2) + "\n"


def from_dict(data: dict[str, Any]) -> Comparison:
    """Read a covdiff/1 document back (for tools that post-process saved comparisons)."""
    if data.get("schema") != SCHEMA:
        raise ValueError(f"not a {SCHEMA} document (schema={data.get('schema')!r})")
    sources = tuple(
        Source(
            id=s["id"],
            label=s["label"],
            origin=s["origin"],
            text=s["text"],
            sentences=tuple(
                Sentence(
                    id=x["id"],
                    source=s["id"],
                    index=int(x["id"].rsplit(":", 1)[1]),
                    text=x["text"],
                    start=x["start"],
                    end=x["end"],
                    kind=SentenceKind(x.get("kind", "sentence")),
                )
                for x in s["sentences"]
            ),
            title=s.get("title"),
            published=s.get("published"),
            site=s.get("site"),
            byline=s.get("byline"),
            url=s.get("url"),
        )
        for s in data["sources"]
    )
    return Comparison(
        sources=sources,
        claims=tuple(
            Claim(c["id"], tuple(c["sentences"]), tuple(c["sources"])) for c in data["claims"]
        ),
        links=tuple(
            Link(
                a=tuple(lk["a"]),
                b=tuple(lk["b"]),
                score=lk["score"],
                relation=Relation(lk["relation"]),
                conflicts=tuple(
                    Conflict(ConflictKind(c["kind"]), c["a"], c["b"]) for c in lk["conflicts"]
                ),
                edits=tuple(_edit(e) for e in lk.get("edits", [])),
                confidence=lk.get("confidence", 0.0),
            )
            for lk in data["links"]
        ),
        threshold=data.get("threshold", 0.0),
        warnings=tuple(data.get("warnings", [])),
    )


def _edit(e: dict[str, str]) -> WordEdit:
    return WordEdit(EditOp(e["op"]), e["a"], e["b"])
