"""The HTML report: one self-contained page an editor can open, share, archive or print.

Guarantees:

- Self-contained: the style sheet is inline, fonts are the system's, there is no script,
  image, frame or external reference; a Content-Security-Policy meta tag (``default-src
  'none'``) makes the browser refuse any load even if a bug let markup through.
- Every piece of source text (sentences, labels, titles, sites, dates, URLs, conflict
  values) goes through `html.escape(..., quote=True)`; only plain ``http(s)`` URLs become
  links (``rel="noopener noreferrer"``), anything else is shown as text.
- Readable without JavaScript and without colour: each matrix cell and mark carries a
  symbol and a word or a distinct shape (underline, strike, dotted box); light and dark
  palettes follow ``prefers-color-scheme``; ``@media print`` drops backgrounds and spells
  out the replaced words.
- Deterministic: the same Comparison gives the same bytes (no clock, no paths of ours).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from covdiff.model import Claim, Comparison, EditOp, Link, Relation, Source
from covdiff.reports.html_css import CSS
from covdiff.reports.view import (
    COUNT_LABELS,
    SYMBOL,
    WORD,
    Cell,
    Piece,
    cell,
    claim_links,
    claim_text,
    conflict_sides,
    ordered_conflicts,
    printable,
    safe_url,
    shorten,
    side_by_side,
    source_url,
)

_CLOSERS = frozenset(".,;:!?)]}’”…")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def esc(text: str | None) -> str:
    """Untrusted text as HTML text or attribute value (control characters made visible)."""
    return html.escape(printable(text or ""), quote=True)


def page(title: str, body: str) -> str:
    """A complete, self-contained HTML document around ``body`` (already-escaped markup)."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="color-scheme" content="light dark">\n'
        '<meta name="generator" content="covdiff">\n'
        f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f"{body}</body>\n</html>\n"
    )


def link_or_text(url: str | None, *, text: str | None = None) -> str:
    """An ``<a>`` for a plain http(s) URL; any other string as escaped text."""
    shown = esc(text if text is not None else url)
    href = safe_url(url)
    if href is None:
        return shown
    return f'<a href="{esc(href)}" rel="noopener noreferrer">{shown}</a>'


def cell_html(c: Cell) -> str:
    # The symbol is decoration for sighted readers; the word is what a screen reader says.
    symbol = f'<span aria-hidden="true">{SYMBOL[c]}</span>'
    return f'<span class="cell {c.value}">{symbol} {WORD[c]}</span>'


def render_html(cmp: Comparison) -> str:
    """The whole report: sources and counts, matrix, claims side by side, only-here lists."""
    labels = ", ".join(s.label for s in cmp.sources)
    parts = [
        "<header>\n<h1>Coverage comparison</h1>\n",
        f'<p class="lede">{len(cmp.sources)} reports of one event, aligned claim by claim: '
        f"{esc(labels)}.</p>\n</header>\n<main>\n",
        _sources(cmp.sources),
        _counts(cmp),
        _warnings(cmp.warnings),
        _matrix(cmp),
        _claims(cmp),
        _only_here(cmp),
        "</main>\n<footer>Made by covdiff. Matching is automatic: check a conflict against "
        "the sources before you report it.</footer>\n",
    ]
    return page(f"Coverage comparison: {labels}", "".join(parts))


def _sources(sources: Sequence[Source]) -> str:
    # Title, site and date columns appear only when some source has them: plain-text
    # sources have none, and three columns of dashes would push the links off screen.
    meta = [
        (head, attr)
        for head, attr in (("Title", "title"), ("Site", "site"), ("Date", "published"))
        if any(getattr(s, attr) for s in sources)
    ]
    rows = []
    for s in sources:
        url = source_url(s)
        where = link_or_text(url) if url else esc(s.origin)
        cells = "".join(f"<td>{esc(getattr(s, attr)) or '—'}</td>" for _, attr in meta)
        rows.append(
            f'<tr id="src-{esc(s.id)}"><th scope="row">{esc(s.label)}</th>{cells}'
            f'<td>{len(s.sentences)}</td><td class="link">{where}</td></tr>\n'
        )
    heads = "".join(f"<th>{head}</th>" for head, _ in meta)
    return (
        '<section id="sources">\n<h2>Sources</h2>\n<div class="scroll"><table class="sources">\n'
        f"<thead><tr><th>Label</th>{heads}<th>Sentences</th><th>Link or file</th></tr></thead>\n"
        "<tbody>\n" + "".join(rows) + "</tbody></table></div>\n</section>\n"
    )


def _counts(cmp: Comparison) -> str:
    counts = cmp.counts()
    items = []
    for key, label in COUNT_LABELS:
        extra = ' class="conflict"' if key == "conflicts" and counts[key] else ""
        items.append(f"<li{extra}><strong>{counts[key]}</strong> {label}</li>\n")
    return (
        '<section id="counts">\n<h2>At a glance</h2>\n<ul class="counts">\n'
        + "".join(items)
        + "</ul>\n</section>\n"
    )


def _warnings(warnings: Iterable[str]) -> str:
    items = "".join(f"<li>{esc(w)}</li>\n" for w in warnings)
    if not items:
        return ""
    head = '<section id="warnings">\n<h2>Warnings</h2>\n'
    return head + f'<ul class="note">\n{items}</ul>\n</section>\n'


def _matrix(cmp: Comparison) -> str:
    head = "".join(f'<th scope="col">{esc(s.label)}</th>' for s in cmp.sources)
    rows = []
    for c in cmp.claims:
        cells = "".join(f"<td>{cell_html(cell(cmp, c, s.id))}</td>" for s in cmp.sources)
        gist = esc(shorten(claim_text(cmp, c), 90))
        rows.append(
            f'<tr><th scope="row"><a href="#{esc(c.id)}">{esc(c.id)}</a>'
            f'<span class="gist">{gist}</span></th>{cells}</tr>\n'
        )
    legend = " · ".join(cell_html(k) for k in Cell)
    return (
        '<section id="matrix">\n<h2>Coverage matrix</h2>\n'
        f'<p class="legend">One row per claim, one column per source: {legend}</p>\n'
        '<div class="scroll"><table class="matrix">\n'
        f'<thead><tr><th scope="col">Claim</th>{head}</tr></thead>\n<tbody>\n'
        + "".join(rows)
        + "</tbody></table></div>\n</section>\n"
    )


def _claims(cmp: Comparison) -> str:
    shared = [c for c in cmp.claims if len(c.sources) > 1]
    if not shared:
        return (
            '<section id="claims">\n<h2>Claims side by side</h2>\n'
            '<p class="note">No claim is carried by more than one source.</p>\n</section>\n'
        )
    legend = (
        '<p class="legend">Each outlet\'s wording is set against the first outlet carrying the '
        "claim: <ins>added words</ins>, <del>words left out</del>, "
        '<mark data-was="the other words">replaced words</mark> (hover or print to see what '
        "they replace).</p>\n"
    )
    # A conflict link outside every claim should not happen; if it does, it is still shown.
    stray = [lk for claim, lk in ordered_conflicts(cmp) if claim is None]
    tail = (
        '<article class="claim has-conflict" id="other-conflicts">\n<h3>Other conflicts</h3>\n'
        + _facts(cmp, stray)
        + "</article>\n"
        if stray
        else ""
    )
    return (
        '<section id="claims">\n<h2>Claims side by side</h2>\n'
        + legend
        + "".join(_claim(cmp, c) for c in shared)
        + tail
        + "</section>\n"
    )


def _claim(cmp: Comparison, c: Claim) -> str:
    n = len(cmp.sources)
    conflicts = [lk for lk in claim_links(cmp, c) if lk.relation is Relation.CONFLICT]
    badge = f" {cell_html(Cell.CONFLICT)}" if conflicts else ""
    cls = "claim has-conflict" if conflicts else "claim"
    out = [
        f'<article class="{cls}" id="{esc(c.id)}">\n'
        f'<h3>{esc(c.id)}<span class="carried">carried by {len(c.sources)} of {n}</span>'
        f"{badge}</h3>\n"
    ]
    if conflicts:
        out.append(_facts(cmp, conflicts))
    out.append('<div class="sides">\n')
    for v in side_by_side(cmp, c):
        status = cell_html(cell(cmp, c, v.source.id))
        body = "".join(f"<p>{_pieces(p.pieces, p.ref)}</p>" for p in v.passages)
        refs = sorted({p.ref.label for p in v.passages if p.ref is not None})
        if v.reference:
            note = "reference wording"
        elif refs:
            note = "marked against " + esc(", ".join(refs))
        else:
            note = "no word-level link"
        out.append(
            f'<div class="side">\n<h4>{esc(v.source.label)} {status}</h4>\n{body}\n'
            f'<p class="vs">{note}</p>\n</div>\n'
        )
    out.append("</div>\n")
    missing = [s.label for s in cmp.sources if s.id not in c.sources]
    if missing:
        out.append(f'<p class="missing-from">Missing from: {esc(", ".join(missing))}</p>\n')
    out.append("</article>\n")
    return "".join(out)


def _facts(cmp: Comparison, links: Iterable[Link]) -> str:
    """The box naming every differing fact: kind, and what each side says."""
    items = []
    for lk in links:
        sa, sb = conflict_sides(cmp, lk)
        for cf in lk.conflicts:
            items.append(
                f'<li><span class="kind">{esc(cf.kind.value)}</span>: '
                f"{esc(sa.label)} says <q>{esc(cf.a)}</q>, "
                f"{esc(sb.label)} says <q>{esc(cf.b)}</q></li>\n"
            )
        if not lk.conflicts:
            items.append(f"<li>{esc(sa.label)} and {esc(sb.label)} differ on a fact</li>\n")
    return (
        '<div class="facts">\n<strong><span aria-hidden="true">⚠</span> Facts differ'
        f"</strong>\n<ul>\n{''.join(items)}</ul>\n</div>\n"
    )


def _pieces(pieces: tuple[Piece, ...], ref: Source | None) -> str:
    who = f"{ref.label}: " if ref is not None else ""
    out: list[str] = []
    for i, p in enumerate(pieces):
        text = esc(p.text)
        if p.op is EditOp.ADDED:
            out.append(f"<ins>{text}</ins>")
        elif p.op is EditOp.DROPPED:
            # Words only the reference has, struck where they would have stood; spaced
            # apart from the neighbouring words, which the edits carry without spacing.
            before = pieces[i - 1].text if i else ""
            after = pieces[i + 1].text if i + 1 < len(pieces) else ""
            lead = " " if before and not before[-1].isspace() else ""
            trail = " " if after and not after[0].isspace() and after[0] not in _CLOSERS else ""
            out.append(f'{lead}<del title="{esc(who)}left out here">{text}</del>{trail}')
        elif p.op is EditOp.REPLACED:
            was = esc(p.was)
            out.append(f'<mark title="{esc(who)}{was}" data-was="{was}">{text}</mark>')
        else:
            out.append(text)
    return "".join(out)


def _only_here(cmp: Comparison) -> str:
    out = ['<section id="only">\n<h2>Only here</h2>\n']
    out.append('<p class="legend">What one outlet says and no other carries.</p>\n')
    for s in cmp.sources:
        claims = cmp.unique_claims(s.id)
        noun = "claim" if len(claims) == 1 else "claims"
        out.append(
            f'<section class="only-src" id="only-{esc(s.id)}">\n<h3>{esc(s.label)}'
            f'<span class="carried">{len(claims)} {noun} only here</span></h3>\n'
        )
        if claims:
            out.append("<ol>\n")
            for c in claims:
                out.append(
                    f'<li id="{esc(c.id)}"><span class="cid">{esc(c.id)}</span>'
                    f"{esc(claim_text(cmp, c, s.id))}</li>\n"
                )
            out.append("</ol>\n")
        else:
            out.append('<p class="note">Nothing that no other source carries.</p>\n')
        out.append("</section>\n")
    out.append("</section>\n")
    return "".join(out)
