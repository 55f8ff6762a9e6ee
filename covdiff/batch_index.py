"""The index pages of a batch run: ``index.html`` and ``index.md`` in the output folder.

Both list every manifest event in manifest order with its sources, counts and links to
its reports, then the failed events with their line and one-line reason. Ids, labels and
reasons are untrusted and escaped like any source text (a hostile id is shown, never
linked: only ids that passed `covdiff.batch.check_id` have report files to link to). The
HTML page is self-contained under the same Content-Security-Policy as the reports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from covdiff.reports.html import esc, page
from covdiff.reports.markdown import md_text, table
from covdiff.reports.view import COUNT_LABELS

if TYPE_CHECKING:
    from covdiff.batch import EventResult

_STATUS = {"ok": "✓ compared", "skipped": "↺ kept from an earlier run", "failed": "✗ failed"}
_COUNT_KEYS = [key for key, _ in COUNT_LABELS]
_COUNT_HEADS = ["Claims", "All", "Some", "One only", "Conflicts", "Reworded"]


def _summary(events: Sequence[EventResult]) -> str:
    n = {s: sum(e.status == s for e in events) for s in ("ok", "skipped", "failed")}
    return (
        f"{len(events)} events: {n['ok']} compared, {n['skipped']} kept from an earlier run, "
        f"{n['failed']} failed."
    )


def _shown_id(e: EventResult) -> str:
    return e.id if e.id else f"(line {e.line})"


def index_html(events: Sequence[EventResult]) -> str:
    rows = []
    for e in events:
        counts = e.counts or {}
        cells = "".join(
            f"<td>{counts[k]}</td>" if k in counts else "<td>—</td>" for k in _COUNT_KEYS
        )
        links = " · ".join(
            f'<a href="{esc(name)}">{esc(name.rsplit(".", 1)[-1])}</a>' for name in e.files
        )
        cls = ' class="failed"' if e.status == "failed" else ""
        # The event name links its HTML report when there is one, else its first report.
        first = next((f for f in e.files if f.endswith(".html")), e.files[0] if e.files else None)
        name = f'<a href="{esc(first)}">{esc(e.id)}</a>' if first else esc(_shown_id(e))
        rows.append(
            f'<tr{cls}><th scope="row">{name}</th><td>{esc(_STATUS[e.status])}</td>'
            f"<td>{esc(', '.join(e.labels)) or '—'}</td>{cells}<td>{links or '—'}</td></tr>\n"
        )
    heads = "".join(f"<th>{h}</th>" for h in _COUNT_HEADS)
    failed = [e for e in events if e.status == "failed"]
    body = [
        "<header>\n<h1>Coverage comparisons</h1>\n",
        f'<p class="lede">{esc(_summary(events))}</p>\n</header>\n<main>\n',
        '<section id="events">\n<h2>Events</h2>\n<div class="scroll"><table class="events">\n',
        f"<thead><tr><th>Event</th><th>Status</th><th>Sources</th>{heads}<th>Reports</th>"
        "</tr></thead>\n<tbody>\n",
        *rows,
        "</tbody></table></div>\n</section>\n",
    ]
    if failed:
        items = "".join(
            f"<tr><td>{e.line}</td><td>{esc(_shown_id(e))}</td><td>{esc(e.reason)}</td></tr>\n"
            for e in failed
        )
        body += [
            '<section id="failed">\n<h2>Failed events</h2>\n<div class="scroll">'
            '<table class="failed">\n<thead><tr><th>Line</th><th>Event</th><th>Reason</th>'
            f"</tr></thead>\n<tbody>\n{items}</tbody></table></div>\n</section>\n"
        ]
    body.append("</main>\n")
    return page("Coverage comparisons", "".join(body))


def index_md(events: Sequence[EventResult]) -> str:
    lines = ["# Coverage comparisons", "", md_text(_summary(events)), "", "## Events", ""]
    rows = []
    for e in events:
        counts = e.counts or {}
        # File names are checked ids plus an extension: safe as relative link targets.
        links = ", ".join(f"[{name.rsplit('.', 1)[-1]}]({name})" for name in e.files)
        rows.append(
            [
                md_text(_shown_id(e)),
                md_text(_STATUS[e.status]),
                md_text(", ".join(e.labels)) or "—",
                *(str(counts[k]) if k in counts else "—" for k in _COUNT_KEYS),
                links or "—",
            ]
        )
    lines += table(["Event", "Status", "Sources", *_COUNT_HEADS, "Reports"], rows)
    failed = [e for e in events if e.status == "failed"]
    if failed:
        lines += ["", "## Failed events", ""]
        lines += table(
            ["Line", "Event", "Reason"],
            [[str(e.line), md_text(_shown_id(e)), md_text(e.reason)] for e in failed],
        )
    return "\n".join(lines) + "\n"
