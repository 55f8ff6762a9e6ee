"""Plain-text summary for a terminal (placeholder: the reports work replaces it)."""

from __future__ import annotations

from covdiff.model import Comparison


def render_text(cmp: Comparison, *, color: bool = False) -> str:
    lines: list[str] = []
    labels = {s.id: s.label for s in cmp.sources}
    for c in cmp.claims:
        first = cmp.sentence(c.sentences[0])
        who = ", ".join(labels[s] for s in c.sources)
        lines.append(f"{c.id} [{who}] {first.text}")
    for lk in cmp.conflicts():
        for cf in lk.conflicts:
            lines.append(f"CONFLICT {cf.kind.value}: {cf.a!r} vs {cf.b!r}")
    return "\n".join(lines) + "\n"
