"""The detail of one selected sentence: who carries it, in which words, what conflicts.

For each link of the selection the panel shows the relation, the score, the other outlet's
sentence and the word edits read as "how this sentence becomes that one", in the
wdiff convention ``[-words here-]{+words there+}`` so the difference survives without
colour (and copy-pasted into an e-mail). Conflicts are spelled out one per line.
"""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from covdiff.model import EditOp, Link, Relation
from covdiff.tui.status import LABELS, MARKS, Overview, Status, other_side, side_edits

RELATION_MARKS = {Relation.SAME: "=", Relation.REWORDED: "≈", Relation.CONFLICT: "!"}


class DetailPanel(VerticalScroll, can_focus=False):
    """Scrollable panel below the columns; `show` replaces its content."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail-panel--added",
        "detail-panel--dropped",
        "detail-panel--conflict",
        "detail-panel--heading",
        "detail-panel--muted",
    }

    def compose(self) -> ComposeResult:
        yield Static(id="detail-body")

    def on_mount(self) -> None:
        self.show(None, None)

    def show(self, overview: Overview | None, sentence_id: str | None) -> None:
        body = self.query_one("#detail-body", Static)
        if overview is None or sentence_id is None:
            self.border_title = "Detail"
            body.update(
                Text(
                    "Select a sentence (arrows, click, n for the next difference) to see "
                    "its counterparts, word changes and conflicts here.",
                    style=self._style("muted"),
                )
            )
            return
        body.update(self.render_detail(overview, sentence_id))
        self.scroll_home(animate=False)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(f"detail-panel--{name}")

    def render_detail(self, ov: Overview, sid: str) -> RenderableType:
        cmp = ov.cmp
        sentence = cmp.sentence(sid)
        source = cmp.source(sentence.source)
        view = ov.sentences[sid]
        labels = {s.id: s.label for s in cmp.sources}
        self.border_title = f"Detail · {source.label} · sentence {sentence.index + 1}"
        parts: list[RenderableType] = []

        head = Text()
        head.append(f"{MARKS[view.status]} {LABELS[view.status]}", self._style("heading"))
        claims = ", ".join(c.id for c in ov.claims_of(sid))
        head.append(f"  · claim {claims}  · carried by {view.coverage} of {ov.total}: ")
        head.append(", ".join(labels[s] for s in view.carriers))
        missing = [s.label for s in cmp.sources if s.id not in view.carriers]
        if missing:
            head.append("  · missing from: ", self._style("muted"))
            head.append(", ".join(missing))
        parts.append(head)
        parts.append(_indented(Text(sentence.text)))

        links = sorted(
            ov.links_of(sid),
            key=lambda lk: (ov.order[other_side(lk, sid)[0].rsplit(":", 1)[0]], -lk.score),
        )
        for lk in links:
            parts.append(Text(""))
            parts.extend(self._link(ov, lk, sid, labels))
        linked = {o.rsplit(":", 1)[0] for lk in links for o in other_side(lk, sid)}
        for src_id, ids in ov.counterparts(sid).items():
            if src_id in linked:
                continue
            parts.append(Text(""))
            line = Text(
                f"◐ same claim via another outlet · {labels[src_id]}", self._style("heading")
            )
            parts.append(line)
            parts.append(_indented(Text(" ".join(cmp.sentence(i).text for i in ids))))
        if view.status is Status.ALONE:
            parts.append(Text(""))
            parts.append(Text("No other source carries this claim.", self._style("muted")))
        return Group(*parts)

    def _link(
        self, ov: Overview, lk: Link, sid: str, labels: dict[str, str]
    ) -> list[RenderableType]:
        others = other_side(lk, sid)
        src = labels[others[0].rsplit(":", 1)[0]]
        title = Text()
        style = (
            self._style("conflict") if lk.relation is Relation.CONFLICT else self._style("heading")
        )
        title.append(f"{RELATION_MARKS[lk.relation]} {lk.relation.value} · {src}", style)
        title.append(f" · score {lk.score:.1f}")
        if lk.confidence:  # what the threshold is compared with (absent in older JSON)
            title.append(f" · confidence {lk.confidence:.0f}")
        if len(others) > 1 or len(lk.a if sid in lk.a else lk.b) > 1:
            title.append(" · split/merged sentences", self._style("muted"))
        lines: list[RenderableType] = [
            title,
            _indented(Text(" ".join(ov.cmp.sentence(o).text for o in others))),
        ]
        words = Text("words: ", self._style("muted"))
        words.append_text(self.word_diff(lk, sid))
        lines.append(_indented(words))
        for cf in lk.conflicts:
            here, there = (cf.a, cf.b) if sid in lk.a else (cf.b, cf.a)
            line = Text("! ", self._style("conflict"))
            line.append(f"{cf.kind.value}: ", self._style("conflict"))
            line.append(f"“{here}” here, “{there}” in {src}")
            lines.append(_indented(line))
        return lines

    def word_diff(self, lk: Link, sid: str) -> Text:
        """The edits as one line: kept words plain, ``[-here-]`` dropped, ``{+there+}`` added.

        Neighbouring changes are read as one ("Nobody" → "No one" rather than a replaced
        word next to an added one), which is how an editor reads a rewording.
        """
        out = Text()
        dropped, added = self._style("dropped"), self._style("added")
        here: list[str] = []
        there: list[str] = []

        def flush() -> None:
            if here:
                out.append(" " if out else "")
                out.append(f"[-{' '.join(here)}-]", dropped)
            if there:
                out.append(" " if out and not here else "")
                out.append(f"{{+{' '.join(there)}+}}", added)
            here.clear()
            there.clear()

        for e in side_edits(lk, sid):
            if e.op is EditOp.KEPT:
                flush()
                out.append(" " if out else "")
                out.append(e.here)
                continue
            if e.here:
                here.append(e.here)
            if e.there:
                there.append(e.there)
        flush()
        return out


def _indented(text: Text) -> Padding:
    """Two spaces in front of every wrapped line, so a long sentence reads as one block."""
    return Padding(text, (0, 0, 0, 2))
