"""A column's sentences drawn line by line, however many there are.

One widget per sentence made every key press lay out every sentence of every column again
(Textual lays out the whole screen when any widget changes size): 1.9-2.8 s a key at 20
sources of 300 sentences. `SentenceList` is one widget that knows where each shown
sentence starts and draws only the lines on screen (Textual's line API), so a key costs
about as much at 20 x 300 as at 8 x 80 (164 and 141 ms, `python benchmarks/bench_tui.py
--large`).

Each sentence is drawn as two columns so that wrapped lines hang under the text, not under
the mark: ``▶≈ 3/4  The Russian president is in North Korea…``. The pointer says selected
(▶) or counterpart of the selection (▷); the mark says the status (see
`covdiff.tui.status.MARKS`); the fraction says how many sources carry the claim. Styles
come from the column's component classes (`SourceColumn`), so the stylesheet and themes
apply as they do to any widget.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from covdiff.model import Sentence, SentenceKind
from covdiff.tui.status import MARKS, SentenceView

POINTER_SELECTED = "▶"
POINTER_COUNTERPART = "▷"
RIGHT_PAD = 1
"""Blank cells right of the text, clear of the scrollbar."""


class SentenceItem:
    """One sentence of a column and how it is shown: a plain object, not a widget."""

    __slots__ = ("counterpart", "cursor", "display", "query_text", "sentence", "total", "view")

    def __init__(self, sentence: Sentence, view: SentenceView | None, *, total: int) -> None:
        self.sentence = sentence
        self.view = view
        """None until the first alignment is in: the text is drawn at once, marks later."""
        self.total = total
        self.query_text = ""
        self.display = True
        """False while the column's filter hides it."""
        self.cursor = False
        self.counterpart = False

    @property
    def sentence_id(self) -> str:
        return self.sentence.id

    @property
    def heading(self) -> bool:
        return self.sentence.kind is SentenceKind.HEADING


StyleOf = Callable[[str], Style]


class SentenceList(ScrollView, can_focus=False):
    """The scrolling body of a column (the column takes focus, so Tab goes column by column)."""

    DEFAULT_CSS = """
    SentenceList { overflow-x: hidden; }
    """

    class Clicked(Message):
        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, items: list[SentenceItem], style_of: StyleOf, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.items = items
        self._style_of = style_of
        self.empty_text = ""
        """Shown when the filter hides every sentence."""
        self.hover: int | None = None
        self._shown: list[int] = []
        """Indices of the shown items, in order."""
        self._tops: list[int] = []
        """First line of each shown item."""
        self._heights: list[int] = []
        self._width = 0
        self._lines: dict[int, list[Strip]] = {}
        """Drawn lines of an item, until it or the width or the styles change."""
        self._relayout_pending = False
        self._pending_show: tuple[int, bool] | None = None
        """An item to scroll to once the list is on screen again."""

    # Layout: where each shown sentence starts, at the current width.

    @property
    def _text_width(self) -> int:
        return max(1, self._width - self._gutter_width - 1 - RIGHT_PAD)

    @property
    def _gutter_width(self) -> int:
        total = self.items[0].total if self.items else 0
        return len(f"{total}/{total}") + 3

    def on_mount(self) -> None:
        self.relayout()

    def relayout(self) -> None:
        """Measure the shown sentences again (after a filter, width or marks change)."""
        if not self.is_attached:
            return  # measured when mounted
        self._relayout_pending = False
        self._width = self.scrollable_content_region.width or self.size.width
        self._lines.clear()
        self._shown, self._tops, self._heights = [], [], []
        top = 0
        console, width = self.app.console, self._text_width
        for n, item in enumerate(self.items):
            if not item.display:
                continue
            # Before the first layout there is no width yet: wrapping at one cell would cut
            # every sentence into a line per character, most of the time a large report took
            # to open. A line per character is what that gives, without the wrapping: the
            # list is as tall as before, so the layout that brings the width comes as soon.
            height = (
                len(_text(item).wrap(console, width, justify="left", overflow="fold"))
                if self._width
                else len(item.sentence.text)
            )
            self._shown.append(n)
            self._tops.append(top)
            self._heights.append(max(1, height))
            top += max(1, height)
        height = top if self._shown else 4
        self.virtual_size = Size(self._width, height)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        if (self.scrollable_content_region.width or self.size.width) != self._width:
            self.relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.restyle()

    def restyle(self) -> None:
        """Draw every line again: a style changed (focus, theme, query)."""
        self._lines.clear()
        self.refresh()

    def redraw(self, *indices: int) -> None:
        """Draw these items again (their marks, pointer or highlight changed)."""
        for n in indices:
            self._lines.pop(n, None)
        self.refresh()

    def region_of(self, index: int) -> Region | None:
        """Where an item sits in the whole list (not the screen); None if hidden."""
        k = self._slot(index)
        if k is None:
            return None
        return Region(0, self._tops[k], self._width, self._heights[k])

    def _slot(self, index: int) -> int | None:
        k = bisect_right(self._shown, index) - 1
        return k if k >= 0 and self._shown[k] == index else None

    def item_at(self, y: int) -> int | None:
        """The item on line ``y`` of the whole list, if any."""
        k = self._slot_at(y)
        return None if k is None else self._shown[k]

    def _slot_at(self, y: int) -> int | None:
        """Which shown item (its place among the shown) covers line ``y``, if any."""
        k = bisect_right(self._tops, y) - 1
        if k < 0 or y >= self._tops[k] + self._heights[k]:
            return None
        return k

    def show(self, index: int, *, center: bool) -> None:
        """Scroll so that an item is in view (centred, or as little as it takes)."""
        if not self.is_attached:
            return  # replaced by a re-alignment since this was asked for
        if not self.screen.is_current or not self.scrollable_content_region.height:
            # Under another screen (a key opened the matrix before this ran) the viewport
            # reads as empty, and scrolling to it would put the item at the very top:
            # done when the list is drawn again instead.
            self._pending_show = (index, center)
            return
        self._pending_show = None
        region = self.region_of(index)
        if region is not None:
            self.scroll_to_region(region, animate=False, center=center, immediate=True)

    # Drawing.

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width or self.size.width
        if width != self._width and not self._relayout_pending:
            # A scrollbar came or went since the last measure: the size did not change,
            # so no resize event says so.
            self._relayout_pending = True
            self.call_later(self.relayout)
        if self._pending_show is not None and self.screen.is_current:
            index, center = self._pending_show
            self._pending_show = None
            self.call_later(self.show, index, center=center)
        base = self.rich_style
        line = y + self.scroll_offset.y
        if not self._shown:
            return self._empty_line(line - 1, width, base)
        k = self._slot_at(line)
        if k is None:
            return Strip.blank(width, base)
        n = self._shown[k]
        lines = self._lines.get(n)
        if lines is None:
            lines = self._lines[n] = self._draw(self.items[n], n)
        return lines[line - self._tops[k]].crop_extend(0, width, base)

    def _empty_line(self, row: int, width: int, base: Style) -> Strip:
        """Line ``row`` of the note that the filter hides everything (below a blank line,
        one cell in from each side, wrapped)."""
        if row < 0 or not self.empty_text:
            return Strip.blank(width, base)
        console = self.app.console
        note = Text(self.empty_text, style=self._style_of("sentence-item--empty"))
        options = console.options.update(width=max(1, width - 2), height=None)
        lines = console.render_lines(note, options, style=base, pad=True)
        if row >= len(lines):
            return Strip.blank(width, base)
        pad = [Segment(" ", base)]
        return Strip([*pad, *lines[row], *pad]).crop_extend(0, width, base)

    def _draw(self, item: SentenceItem, index: int) -> list[Strip]:
        style_of, console = self._style_of, self.app.console
        background = (
            style_of("sentence-item--cursor")
            if item.cursor
            else style_of("sentence-item--counterpart")
            if item.counterpart
            else style_of("sentence-item--hover")
            if index == self.hover
            else Style()
        )
        base = self.rich_style + background
        gutter_width, text_width = self._gutter_width, self._text_width
        fraction = len(f"{item.total}/{item.total}")
        gutter = Text(
            POINTER_SELECTED if item.cursor else POINTER_COUNTERPART if item.counterpart else " "
        )
        muted = style_of("sentence-item--coverage")
        if item.view is None:
            gutter.append("·", muted)
        else:
            status = item.view.status
            gutter.append(MARKS[status], style_of(f"sentence-item--{status}"))
            gutter.append(" ")
            gutter.append(f"{item.view.coverage}/{item.total}".rjust(fraction), muted)
        text = _text(item)
        if item.query_text:
            text.highlight_words(
                [item.query_text], style_of("sentence-item--match"), case_sensitive=False
            )
        options = console.options.update(justify="left", overflow="fold", height=None)
        head = console.render_lines(
            gutter, options.update(width=gutter_width, no_wrap=True), style=base, pad=True
        )[0]
        body = console.render_lines(text, options.update(width=text_width), style=base, pad=True)
        blank = [Segment(" " * gutter_width, base)]
        gap = [Segment(" ", base)]
        right = [Segment(" " * RIGHT_PAD, base)]
        return [
            Strip([*(head if row == 0 else blank), *gap, *segments, *right])
            for row, segments in enumerate(body or [[Segment(" " * text_width, base)]])
        ]

    # Mouse.

    def on_click(self, event: events.Click) -> None:
        n = self.item_at(event.y + self.scroll_offset.y)
        if n is not None:
            event.stop()
            self.post_message(self.Clicked(n))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover(self.item_at(event.y + self.scroll_offset.y))

    def on_leave(self, event: events.Leave) -> None:
        self._hover(None)

    def _hover(self, n: int | None) -> None:
        if n != self.hover:
            before, self.hover = self.hover, n
            self.redraw(*(x for x in (before, n) if x is not None))


def _text(item: SentenceItem) -> Text:
    return Text(item.sentence.text, style="bold" if item.heading else "")
