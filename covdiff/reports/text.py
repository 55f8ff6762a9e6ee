"""The plain-text report: a terminal summary of one comparison.

Guarantees:

- Sections in a fixed order: sources and counts, claims carried by more than one source
  (who carries each, who misses it), every conflict spelled out (kind, each side's words
  and sentences), then per source what only it says.
- ``color=False`` gives plain text with no escape sequences at all; ``color=True`` adds
  ANSI colours (SGR codes only) on top of the same words, so the text reads the same
  either way — each status also has a symbol and a word, never colour alone.
- Source text is untrusted: control characters (an ESC could drive the terminal) are
  shown as ``\\xNN`` escapes. Lines are wrapped at a fixed width, so the output is
  deterministic and does not depend on the terminal it is written to.
- No rich, no textual: this is core code (the CLI decides on colour, not this module).
"""

from __future__ import annotations

import textwrap

from covdiff.model import Comparison
from covdiff.normalize import fold
from covdiff.reports.view import (
    COUNT_LABELS,
    SYMBOL,
    WORD,
    Cell,
    cell,
    claim_text,
    conflict_sides,
    gist_source,
    ordered_conflicts,
    printable,
    source_url,
    span_text,
)

WIDTH = 88
_SGR = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "cyan": "36",
}
_CELL_STYLE = {
    Cell.SAME: "green",
    Cell.REWORDED: "yellow",
    Cell.CONFLICT: "red",
    Cell.ONLY: "blue",
    Cell.MISSING: "dim",
}


class _Painter:
    """Wraps words in SGR codes when colour is on; the identity otherwise."""

    def __init__(self, color: bool) -> None:
        self.color = color

    def __call__(self, text: str, *styles: str) -> str:
        if not self.color or not styles or not text:
            return text
        codes = ";".join(_SGR[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"


def _wrap(text: str, indent: str) -> list[str]:
    # Wrapped before colouring so escape codes never count towards the width.
    return textwrap.wrap(
        " ".join(printable(text).split()),
        width=WIDTH,
        initial_indent=indent,
        subsequent_indent=indent,
        break_long_words=False,
        break_on_hyphens=False,
    ) or [indent.rstrip()]


def render_text(cmp: Comparison, *, color: bool = False) -> str:
    """The summary as lines of text ending in a newline; ANSI colours when ``color``."""
    p = _Painter(color)
    n = len(cmp.sources)
    labels = {s.id: printable(s.label) for s in cmp.sources}
    width = max(len(x) for x in labels.values()) if labels else 0
    out: list[str] = [p(f"Coverage comparison of {n} sources", "bold"), ""]

    for s in cmp.sources:
        meta = [printable(x) for x in (s.title, s.site, s.published) if x]
        where = source_url(s) or s.origin
        meta.append(printable(where))
        pad = " " * (width - len(labels[s.id]))
        out.append(f"  {s.id:<4} {p(labels[s.id], 'cyan')}{pad}  " + " · ".join(meta))
    counts = cmp.counts()
    out.append("")
    out.append(
        "  "
        + " · ".join(
            p(f"{counts[key]} {label}", "red", "bold")
            if key == "conflicts" and counts[key]
            else f"{counts[key]} {label}"
            for key, label in COUNT_LABELS
        )
    )
    for w in cmp.warnings:
        out.append(p(f"  warning: {printable(w)}", "yellow"))

    shared = [c for c in cmp.claims if len(c.sources) > 1]
    out += ["", p(f"Claims carried by more than one source ({len(shared)})", "bold")]
    if not shared:
        out.append("  none")
    for c in shared:
        who = "all" if len(c.sources) == n else f"{len(c.sources)} of {n}"
        marks = []
        for s in cmp.sources:
            st = cell(cmp, c, s.id)
            mark = f"{SYMBOL[st]} {labels[s.id]}"
            marks.append(p(mark, _CELL_STYLE[st]))
        out.append("")
        out.append(f"  {p(c.id, 'bold')}  carried by {who}:  " + "  ".join(marks))
        gist = gist_source(cmp, c)
        out += _wrap(f"{_quoted(claim_text(cmp, c, gist))} ({labels[gist]})", "      ")
        # The quoted source is the wording the others are read against: it rewords nothing.
        reworded = [labels[s] for s in c.sources if s != gist and cell(cmp, c, s) is Cell.REWORDED]
        if reworded:
            out.append(f"      {p('reworded by', 'yellow')} " + ", ".join(reworded))
        missing = [labels[s.id] for s in cmp.sources if s.id not in c.sources]
        if missing:
            out.append(f"      {p('missing from', 'dim')} " + ", ".join(missing))

    conflicts = ordered_conflicts(cmp)
    out += ["", p(f"Conflicts ({len(conflicts)})", "bold", "red" if conflicts else "green")]
    if not conflicts:
        out.append("  none")
    for claim, lk in conflicts:
        sa, sb = conflict_sides(cmp, lk)
        where = f"{claim.id}  " if claim else ""
        out.append("")
        for cf in lk.conflicts or ():
            line = (
                f"  {where}{p(SYMBOL[Cell.CONFLICT] + ' ' + cf.kind.value, 'red', 'bold')}: "
                f"{labels[sa.id]} says “{printable(cf.a)}”, {labels[sb.id]} says "
                f"“{printable(cf.b)}”"
            )
            out.append(line)
        if not lk.conflicts:
            out.append(f"  {where}{p(WORD[Cell.CONFLICT], 'red', 'bold')} (no detail recorded)")
        out += _wrap(f"{sa.label}: {span_text(cmp, lk.a)}", "      ")
        out += _wrap(f"{sb.label}: {span_text(cmp, lk.b)}", "      ")

    out += ["", p("Only here", "bold")]
    for s in cmp.sources:
        unique = cmp.unique_claims(s.id)
        noun = "claim" if len(unique) == 1 else "claims"
        out.append("")
        who = p(labels[s.id], "cyan", "bold")
        out.append(f"  {who}: {len(unique)} {noun} no other source carries")
        for c in unique:
            text = claim_text(cmp, c, s.id)
            out += _wrap(f"{SYMBOL[Cell.ONLY]} {c.id}  {text}", "    ")
    return "\n".join(out) + "\n"


def _quoted(text: str) -> str:
    """A claim's words in quotation marks, unless they open or close with their own (a
    sentence that is all quotation would read ““…”)."""
    if {fold(text[:1]), fold(text[-1:])} & {'"', "'"}:
        return text
    return f"“{text}”"
