"""One outlet's report as a column: a header, then its marked sentences.

The column owns a cursor over its visible sentences and says so upwards with
`SourceColumn.SentenceSelected`; everything else (which sentences are counterparts, which
filter applies, what the search matches) is set on it by the app. The sentences are drawn
by one `covdiff.tui.sentence_list.SentenceList`, however long the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Static

from covdiff.model import Source
from covdiff.tui.sentence_list import SentenceItem, SentenceList
from covdiff.tui.status import MARKS, Filter, Overview, Status

STYLE_NAMES = (
    *(f"sentence-item--{s.value}" for s in Status),
    "sentence-item--match",
    "sentence-item--coverage",
    "sentence-item--cursor",
    "sentence-item--counterpart",
    "sentence-item--hover",
    "sentence-item--empty",
)


class ColumnHeader(Static):
    """Label, title, date and a count of each status for one source."""

    def show(self, source: Source, overview: Overview | None) -> None:
        text = Text()
        text.append(source.label, "bold")
        text.append(f"  {len(source.sentences)} sentences\n", "dim")
        # Without a title (plain text has none), where the report came from says which it is.
        where = source.origin.rstrip("/").rsplit("/", 1)[-1] or source.origin
        text.append((source.title or where) + "\n", "" if source.title else "dim italic")
        text.append(source.published or "undated", "" if source.published else "dim italic")
        if overview is None:
            text.append("  aligning…", "dim italic")
        else:
            stats = overview.source_stats(source.id)
            summary = "  ".join(
                f"{MARKS[s]}{stats[s]}" for s in (Status.ALONE, Status.REWORDED, Status.CONFLICT)
            )
            text.append(f"  {summary}")
        self.update(text)


class SourceColumn(Vertical, can_focus=True):
    """A focusable column: header, then the source's sentences."""

    COMPONENT_CLASSES: ClassVar[set[str]] = set(STYLE_NAMES)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "cursor(1)", "Next sentence", show=False),
        Binding("j", "cursor(1)", "Next sentence", show=False),
        Binding("up", "cursor(-1)", "Previous sentence", show=False),
        Binding("k", "cursor(-1)", "Previous sentence", show=False),
        Binding("pagedown", "cursor(10)", "Page down", show=False),
        Binding("pageup", "cursor(-10)", "Page up", show=False),
        Binding("home", "cursor_edge(0)", "First sentence", show=False),
        Binding("end", "cursor_edge(1)", "Last sentence", show=False),
    ]

    class SentenceSelected(Message):
        """The user put the cursor on a sentence (keys or mouse)."""

        def __init__(self, column: SourceColumn, sentence_id: str) -> None:
            super().__init__()
            self.column = column
            self.sentence_id = sentence_id

        @property
        def control(self) -> SourceColumn:
            return self.column

    def __init__(
        self, source: Source, overview: Overview | None, *, flt: Filter = Filter.ALL
    ) -> None:
        super().__init__(id=f"col-{source.id}")
        self.source = source
        self.overview = overview
        self.filter = flt
        self.items = [
            SentenceItem(
                s,
                overview.sentences[s.id] if overview else None,
                total=overview.total if overview else 0,
            )
            for s in source.sentences
        ]
        self._position = {item.sentence_id: n for n, item in enumerate(self.items)}
        self.cursor: int | None = None
        self._counterparts: list[SentenceItem] = []
        # Held, not queried: a re-alignment can remove the column's children while the
        # app still talks to the column.
        self._body = SentenceList(self.items, self.sentence_style, classes="column-body")

    def compose(self) -> ComposeResult:
        yield ColumnHeader(classes="column-header")
        yield self._body

    def on_mount(self) -> None:
        self.query_one(ColumnHeader).show(self.source, self.overview)
        self._apply_filter()

    def sentence_style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    @property
    def body(self) -> SentenceList:
        return self._body

    def on_focus(self, event: events.Focus) -> None:
        self.body.restyle()  # the cursor is brighter in the focused column

    def on_blur(self, event: events.Blur) -> None:
        self.body.restyle()

    @property
    def selected_id(self) -> str | None:
        return None if self.cursor is None else self.items[self.cursor].sentence_id

    @property
    def counterpart_ids(self) -> list[str]:
        return [item.sentence_id for item in self._counterparts]

    def visible_ids(self) -> list[str]:
        return [it.sentence_id for it in self.items if self.overview_match(it.sentence_id)]

    def overview_match(self, sid: str) -> bool:
        return self.overview is None or self.overview.matches(sid, self.filter)

    # Attributes down: the app sets these.

    def set_overview(self, overview: Overview, source: Source | None = None) -> None:
        """New marks for the same sentences (after a re-alignment)."""
        self.overview = overview
        if source is not None:
            self.source = source
        for item in self.items:
            item.view, item.total = overview.sentences[item.sentence_id], overview.total
        if self.is_mounted:
            self.query_one(ColumnHeader).show(self.source, overview)
            self._apply_filter()

    def set_filter(self, flt: Filter) -> None:
        self.filter = flt
        if self.is_mounted:
            self._apply_filter()

    def _apply_filter(self) -> None:
        for item in self.items:
            item.display = self.overview_match(item.sentence_id)
        self.body.empty_text = f"Nothing here under the filter “{self.filter.value}”."
        self.body.relayout()

    def set_query(self, query: str) -> None:
        for item in self.items:
            item.query_text = query
        if self.is_mounted:
            self.body.restyle()

    def highlight(self, sentence_ids: Iterable[str], *, scroll: bool = True) -> None:
        """Mark counterparts of the selection made elsewhere and bring the first into view."""
        before = [self._position[item.sentence_id] for item in self._counterparts]
        for item in self._counterparts:
            item.counterpart = False
        self._counterparts = [
            self.items[self._position[s]] for s in sentence_ids if s in self._position
        ]
        for item in self._counterparts:
            item.counterpart = True
        after = [self._position[item.sentence_id] for item in self._counterparts]
        if self.is_mounted:
            self.body.redraw(*before, *after)
            if scroll and after:
                self.call_after_refresh(self._show, after[0], True)

    def _show(self, index: int, center: bool) -> None:
        # Deferred until after a refresh, by which time a re-alignment may have replaced
        # this column: scroll only what is still on screen.
        if self.is_attached and self.items[index].display:
            self.body.show(index, center=center)

    def move_to(self, sentence_id: str, *, post: bool = True) -> bool:
        """Put the cursor on a sentence; with ``post`` tell the app it was selected."""
        n = self._position.get(sentence_id)
        if n is None:
            return False
        if not self.items[n].display:
            # Jumping to a sentence the filter hides would leave the cursor invisible.
            self.items[n].display = True
            if self.is_mounted:
                self.body.relayout()
        self._set_cursor(n, post=post)
        return True

    def clear_cursor(self) -> None:
        if self.cursor is not None:
            self.items[self.cursor].cursor = False
            if self.is_mounted:
                self.body.redraw(self.cursor)
        self.cursor = None

    def _set_cursor(self, n: int, *, post: bool) -> None:
        self.clear_cursor()
        self.cursor = n
        item = self.items[n]
        item.cursor = True
        if self.is_mounted:
            self.body.redraw(n)
            self.call_after_refresh(self._show, n, False)
        if post:
            self.post_message(self.SentenceSelected(self, item.sentence_id))

    def _step(self, start: int, delta: int) -> int | None:
        """The index ``delta`` visible sentences away from ``start``, clamped to the ends."""
        visible = [n for n, it in enumerate(self.items) if it.display]
        if not visible:
            return None
        if start not in visible:
            after = [n for n in visible if (n > start if delta > 0 else n < start)]
            if not after:
                return visible[-1] if delta > 0 else visible[0]
            return after[0] if delta > 0 else after[-1]
        pos = visible.index(start) + delta
        return visible[max(0, min(len(visible) - 1, pos))]

    def action_cursor(self, delta: int) -> None:
        if self.cursor is None:
            start = self._counterparts[0] if self._counterparts else None
            n = self._position[start.sentence_id] if start else self._step(-1, 1)
        else:
            n = self._step(self.cursor, delta)
        if n is not None:
            self._set_cursor(n, post=True)

    def action_cursor_edge(self, end: int) -> None:
        visible = [n for n, it in enumerate(self.items) if it.display]
        if visible:
            self._set_cursor(visible[-1] if end else visible[0], post=True)

    def find(
        self, *, after: int | None, forward: bool, predicate: Callable[[str], bool]
    ) -> int | None:
        """Index of the next visible sentence satisfying ``predicate``, or None."""
        order = range(len(self.items)) if forward else range(len(self.items) - 1, -1, -1)
        for n in order:
            if after is not None and (n <= after if forward else n >= after):
                continue
            item = self.items[n]
            if item.display and predicate(item.sentence_id):
                return n
        return None

    def select_index(self, n: int) -> None:
        self._set_cursor(n, post=True)

    @on(SentenceList.Clicked)
    def _clicked(self, event: SentenceList.Clicked) -> None:
        event.stop()
        self.focus()
        self._set_cursor(event.index, post=True)
