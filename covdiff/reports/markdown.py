"""The Markdown report, for pasting into newsroom tools (GitHub-flavoured Markdown).

Guarantees:

- A fixed order: sources, counts, coverage matrix, conflicts, per-source unique claims;
  within each, the comparison's own order. The same Comparison gives the same bytes.
- Source text cannot break the layout or smuggle markup: in every cell ``|`` is escaped,
  newlines become ``<br>``, Markdown punctuation is backslash-escaped and ``<``/``>`` become
  entities, so a ``<script>`` in a source renders as text wherever raw HTML is allowed.
- Only plain ``http(s)`` URLs become links (as ``<autolinks>``); anything else is text.
- Matrix cells carry a symbol and a word, never colour alone (Markdown has none anyway).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from covdiff.model import Comparison
from covdiff.reports.view import (
    COUNT_LABELS,
    SYMBOL,
    WORD,
    Cell,
    cell,
    claim_text,
    conflict_sides,
    ordered_conflicts,
    printable,
    safe_url,
    shorten,
    source_url,
)

# Punctuation that would start emphasis, code, links or strike-through, or split a table
# cell, anywhere in a line (CommonMark allows a backslash before any ASCII punctuation).
# Parentheses and "!" need none once brackets are escaped: no link can form.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_ENTITY_LIKE = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def md_text(text: str | None) -> str:
    """Untrusted text as inline Markdown that shows exactly that text."""
    if not text:
        return ""
    lines = [printable(line) for line in text.replace("\r\n", "\n").split("\n")]
    out = []
    for line in lines:
        line = _ENTITY_LIKE.sub("&amp;", line)
        line = line.replace("<", "&lt;").replace(">", "&gt;")
        line = _MD_SPECIAL.sub(r"\\\1", line)
        # At the start of a line "#", "+", "-", "=" or "1." would make a heading or list.
        line = re.sub(r"^(\s*)(\d+)([.)])", r"\1\2\\\3", line)
        line = re.sub(r"^(\s*)([-+=#])", r"\1\\\2", line)
        out.append(line)
    # A newline inside a table cell would end the row; <br> keeps it one cell.
    return "<br>".join(out)


def md_link(url: str | None) -> str:
    """An autolink for a plain http(s) URL, escaped text for anything else."""
    href = safe_url(url)
    if href is None:
        return md_text(url)
    # GFM splits table cells on "|" before reading autolinks, so it is escaped here too.
    return "<" + href.replace("|", "\\|") + ">"


def table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """A GitHub table from cells already escaped with `md_text`."""
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(c or " " for c in row) + " |" for row in rows]
    return out


def _one_line(text: str) -> str:
    # A heading and its first sentence may form one claim; in a list they read as one line.
    return " ".join(text.split())


def cell_md(c: Cell) -> str:
    return f"{SYMBOL[c]} {WORD[c]}"


def render_markdown(cmp: Comparison) -> str:
    labels = [s.label for s in cmp.sources]
    lines = [
        "# Coverage comparison",
        "",
        f"{len(cmp.sources)} reports of one event, aligned claim by claim: "
        + ", ".join(md_text(x) for x in labels)
        + ".",
        "",
        "## Sources",
        "",
    ]
    rows = []
    for s in cmp.sources:
        url = source_url(s)
        rows.append(
            [
                md_text(s.id),
                md_text(s.label),
                md_text(s.title) or "—",
                md_text(s.site) or "—",
                md_text(s.published) or "—",
                str(len(s.sentences)),
                md_link(url) if url else md_text(s.origin),
            ]
        )
    lines += table(["Id", "Label", "Title", "Site", "Date", "Sentences", "Link or file"], rows)

    counts = cmp.counts()
    lines += ["", "## Counts", ""]
    lines += table([label.capitalize() for _, label in COUNT_LABELS],
                   [[str(counts[key]) for key, _ in COUNT_LABELS]])  # fmt: skip
    for w in cmp.warnings:
        lines.append(f"\n> Warning: {md_text(w)}")

    lines += ["", "## Coverage matrix", ""]
    lines.append("Legend: " + ", ".join(cell_md(c) for c in Cell) + ".")
    lines.append("")
    rows = [
        [
            md_text(c.id),
            *(cell_md(cell(cmp, c, s.id)) for s in cmp.sources),
            md_text(shorten(claim_text(cmp, c), 100)),
        ]
        for c in cmp.claims
    ]
    lines += table(["Claim", *(md_text(x) for x in labels), "First wording"], rows)

    lines += ["", "## Conflicts", ""]
    conflict_rows = []
    for claim, lk in ordered_conflicts(cmp):
        sa, sb = conflict_sides(cmp, lk)
        # A conflict link without recorded detail still gets its row.
        facts = [(cf.kind.value, cf.a, cf.b) for cf in lk.conflicts] or [("fact", "—", "—")]
        for kind, a, b in facts:
            conflict_rows.append(
                [
                    md_text(claim.id if claim else "—"),
                    md_text(kind),
                    md_text(sa.label),
                    md_text(a),
                    md_text(sb.label),
                    md_text(b),
                ]
            )
    if conflict_rows:
        lines += table(["Claim", "Kind", "Source", "Says", "Other source", "Says"], conflict_rows)
    else:
        lines.append("No conflicting facts found.")

    lines += ["", "## Only here", ""]
    for s in cmp.sources:
        unique = cmp.unique_claims(s.id)
        noun = "claim" if len(unique) == 1 else "claims"
        lines += [f"### {md_text(s.label)} ({len(unique)} {noun} only here)", ""]
        if not unique:
            lines += ["Nothing that no other source carries.", ""]
            continue
        lines += [
            f"- **{md_text(c.id)}** {md_text(_one_line(claim_text(cmp, c, s.id)))}" for c in unique
        ]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
