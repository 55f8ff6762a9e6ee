"""One outlet's report as a column of marked sentences.

The column owns a cursor over its visible sentences and says so upwards with
`SourceColumn.SentenceSelected`; everything else (which sentences are counterparts, which
filter applies, what the search matches) is set on it by the app.

Each sentence is drawn as a two-column grid so that wrapped lines hang under the text, not
under the mark: ``▶≈ 3/4  The Russian president is in North Korea…``. The pointer says
selected (▶) or counterpart of the selection (▷); the mark says the status (see
`covdiff.tui.status.MARKS`); the fraction says how many sources carry the claim.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import ClassVar

from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

from covdiff.model import Sentence, SentenceKind, Source
from covdiff.tui.status import MARKS, Filter, Overview, SentenceView, Status

POINTER_SELECTED = "▶"
POINTER_COUNTERPART = "▷"


STYLE_NAMES = (
    *(f"sentence-item--{s.value}" for s in Status),
    "sentence-item--match",
    "sentence-item--coverage",
)


class SentenceItem(Widget):
    """One sentence with its pointer, status mark and coverage.

    Its styles come from the column's component classes (`SourceColumn.sentence_style`):
    component classes on every sentence would be matched against the stylesheet once per
    sentence, the largest cost of drawing a long report.
    """

    class Clicked(Message):
        def __init__(self, item: SentenceItem) -> None:
            super().__init__()
            self.item = item

    def __init__(self, sentence: Sentence, view: SentenceView | None, *, total: int) -> None:
        # ``view`` is None until the first alignment is in: the text is drawn at once.
        # The status is drawn through component classes, not CSS classes on the widget:
        # changing a class restyles the node (~2 ms each), too slow for 200 sentences
        # after every re-alignment.
        super().__init__()
        self.sentence = sentence
        self.view = view
        self.total = total
        self.query_text = ""

    @property
    def sentence_id(self) -> str:
        return self.sentence.id

    def set_view(self, view: SentenceView | None, total: int) -> None:
        if view != self.view or total != self.total:
            self.view, self.total = view, total
            self.refresh()

    def set_query(self, query: str) -> None:
        if query != self.query_text:
            self.query_text = query
            self.refresh()

    def render(self) -> Table:
        width = len(f"{self.total}/{self.total}")
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=width + 3, no_wrap=True)
        grid.add_column(ratio=1)
        pointer = (
            POINTER_SELECTED
            if self.has_class("-cursor")
            else POINTER_COUNTERPART
            if self.has_class("-counterpart")
            else " "
        )
        gutter = Text(pointer)
        style = self._column.sentence_style
        muted = style("sentence-item--coverage")
        if self.view is None:
            gutter.append("·", muted)
        else:
            status = self.view.status
            gutter.append(MARKS[status], style(f"sentence-item--{status}"))
            gutter.append(" ")
            gutter.append(f"{self.view.coverage}/{self.total}".rjust(width), muted)
        text = Text(self.sentence.text, style="bold" if self._heading else "")
        if self.query_text:
            text.highlight_words(
                [self.query_text],
                style("sentence-item--match"),
                case_sensitive=False,
            )
        grid.add_row(gutter, text)
        return grid

    @property
    def _column(self) -> SourceColumn:
        column = self.parent.parent if self.parent else None
        assert isinstance(column, SourceColumn)
        return column

    @property
    def _heading(self) -> bool:
        return self.sentence.kind is SentenceKind.HEADING

    def on_click(self) -> None:
        self.post_message(self.Clicked(self))


class ColumnHeader(Static):
    """Label, title, date and a count of each status for one source."""

    def show(self, source: Source, overview: Overview | None) -> None:
        text = Text()
        text.append(source.label, "bold")
        text.append(f"  {len(source.sentences)} sentences\n", "dim")
        text.append((source.title or "untitled") + "\n", "" if source.title else "dim italic")
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


class _Body(VerticalScroll, can_focus=False):
    """The scrolling list; the column itself takes focus so Tab moves column to column."""


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

    def compose(self) -> ComposeResult:
        yield ColumnHeader(classes="column-header")
        with _Body(classes="column-body"):
            yield from self.items
            yield Static("", classes="column-empty")

    def on_mount(self) -> None:
        self.query_one(ColumnHeader).show(self.source, self.overview)
        self._apply_filter()

    def sentence_style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    @property
    def body(self) -> VerticalScroll:
        return self.query_one(_Body)

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
            item.set_view(overview.sentences[item.sentence_id], overview.total)
        if self.is_mounted:
            self.query_one(ColumnHeader).show(self.source, overview)
            self._apply_filter()

    def set_filter(self, flt: Filter) -> None:
        self.filter = flt
        if self.is_mounted:
            self._apply_filter()

    def _apply_filter(self) -> None:
        shown = 0
        for item in self.items:
            item.display = self.overview_match(item.sentence_id)
            shown += item.display
        empty = self.query_one(".column-empty", Static)
        empty.display = not shown
        empty.update(f"Nothing here under the filter “{self.filter.value}”.")

    def set_query(self, query: str) -> None:
        for item in self.items:
            item.set_query(query)

    def highlight(self, sentence_ids: Iterable[str], *, scroll: bool = True) -> None:
        """Mark counterparts of the selection made elsewhere and bring the first into view."""
        for item in self._counterparts:
            item.remove_class("-counterpart")
            item.refresh()
        self._counterparts = [
            self.items[self._position[s]] for s in sentence_ids if s in self._position
        ]
        for item in self._counterparts:
            item.add_class("-counterpart")
            item.refresh()
        if scroll and self._counterparts:
            first = self._counterparts[0]
            self.call_after_refresh(self._scroll_center, first)

    def _scroll_center(self, item: SentenceItem) -> None:
        # Deferred until after a refresh, by which time a re-alignment may have replaced
        # this column: scroll only what is still on screen.
        if item.display and item.is_attached and self.is_attached:
            self.body.scroll_to_center(item, animate=False, immediate=True)

    def move_to(self, sentence_id: str, *, post: bool = True) -> bool:
        """Put the cursor on a sentence; with ``post`` tell the app it was selected."""
        n = self._position.get(sentence_id)
        if n is None:
            return False
        if not self.items[n].display:
            # Jumping to a sentence the filter hides would leave the cursor invisible.
            self.items[n].display = True
        self._set_cursor(n, post=post)
        return True

    def clear_cursor(self) -> None:
        if self.cursor is not None:
            self.items[self.cursor].remove_class("-cursor")
            self.items[self.cursor].refresh()
        self.cursor = None

    def _set_cursor(self, n: int, *, post: bool) -> None:
        self.clear_cursor()
        self.cursor = n
        item = self.items[n]
        item.add_class("-cursor")
        item.refresh()
        self.call_after_refresh(self._scroll_visible, item)
        if post:
            self.post_message(self.SentenceSelected(self, item.sentence_id))

    def _scroll_visible(self, item: SentenceItem) -> None:
        if item.is_attached and self.is_attached:
            self.body.scroll_to_widget(item, animate=False, immediate=True)

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

    @on(SentenceItem.Clicked)
    def _clicked(self, event: SentenceItem.Clicked) -> None:
        event.stop()
        self.focus()
        self._set_cursor(self._position[event.item.sentence_id], post=True)
