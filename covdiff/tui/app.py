"""The covdiff app: columns side by side, a detail panel, a coverage matrix.

Attributes down, messages up: the app owns the `Session` (the sources and their prepared
features), the current `Comparison` and its `Overview`, and sets what each widget shows.
Widgets report what the user did with messages (`SourceColumn.SentenceSelected`,
`CoverageMatrix.ClaimChosen`); selections the app makes itself (n/p, search, matrix
jumps) are applied directly, so no message ever bounces back and forth.

Slow work runs in thread workers: the first alignment, re-alignment after a threshold
change (``exclusive=True``: only the latest request is installed), loading an added
source and exporting. Requests chain on ``_pending`` (the session most recently asked
for), so a threshold change made while a source is still being added keeps the source.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import ClassVar

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import BindingType
from textual.containers import Container, HorizontalScroll
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Input
from textual.worker import get_current_worker

from covdiff.errors import CovdiffError, SourceError
from covdiff.model import Comparison, Source
from covdiff.options import Options
from covdiff.sources import Document, SourceSpec, load_documents
from covdiff.tui.add_source_screen import AddSourceScreen, SourceRequest
from covdiff.tui.detail_panel import DetailPanel
from covdiff.tui.export_screen import ExportRequest, ExportScreen, display_path, write_report
from covdiff.tui.keys import (
    APP_BINDINGS,
    COLUMN_ACTIONS,
    FILTER_KEYS,
    PALETTE,
    THRESHOLD_RANGE,
    THRESHOLD_STEP,
)
from covdiff.tui.legend import Legend
from covdiff.tui.matrix_view import CoverageMatrix
from covdiff.tui.session import MIN_SOURCES, Session, same_sources, segment_documents
from covdiff.tui.source_column import SourceColumn
from covdiff.tui.status import Filter, Overview, next_match
from covdiff.tui.status_bar import StatusBar
from covdiff.tui.view_actions import ViewActions, column_key

Loader = Callable[..., list[Document]]
"""``loader(specs, *, labels=None, on_loaded=None) -> documents``, as
`covdiff.sources.load_documents`; tests pass a fake that never touches the disk."""


class ColumnStrip(HorizontalScroll, can_focus=False, inherit_bindings=False):
    """The row of columns. Without HorizontalScroll's arrow keys: left and right move
    between columns (`CovdiffApp.action_column`), and focus scrolls the strip."""


class CovdiffApp(ViewActions, App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "covdiff"
    ENABLE_COMMAND_PALETTE = True
    AUTO_FOCUS = None
    """Focus is given explicitly to a column once the comparison is in (not to the hidden
    matrix or search box, which come first in the DOM while loading)."""

    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(
        self,
        comparison: Comparison | None = None,
        *,
        documents: Sequence[Document] | None = None,
        options: Options | None = None,
        loader: Loader | None = None,
        notices: Iterable[str] = (),
    ) -> None:
        super().__init__()
        if comparison is None and documents is None:
            raise ValueError("give a comparison or the documents to compare")
        self.options = options or Options()
        self.loader: Loader = loader or partial(load_documents, options=self.options)
        self.comparison = comparison
        self.session: Session | None = (
            Session.from_comparison(comparison, options=self.options) if comparison else None
        )
        self._documents = list(documents or [])
        self._notices = list(notices)
        self._pending: Session | None = None
        self.overview: Overview | None = Overview(comparison) if comparison else None
        self.selected: str | None = None
        self.active_source: str | None = None
        self.filter = Filter.ALL
        self.mode = "columns"
        self.query_text = ""
        self.busy = ""
        self._installed = False
        self.hidden_columns: set[tuple[str, str]] = set()

    # Layout

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Container(id="main"), ContentSwitcher(initial="columns", id="views"):
            yield ColumnStrip(id="columns")
            yield CoverageMatrix(id="matrix")
        yield DetailPanel(id="detail")
        yield Legend(id="legend")
        yield Input(placeholder="Search every source (Enter: next match, Esc: close)", id="search")
        yield Footer()

    async def on_mount(self) -> None:
        for notice in self._notices:
            self.notify(notice, severity="error", timeout=10, markup=False)
        if self.comparison is not None and self.session is not None:
            await self._install(self.session, self.comparison)
        else:
            # Draw the sentences now; the marks follow from the worker's first alignment,
            # started once they are on screen: importing the engine holds the GIL for long
            # stretches and would otherwise delay the first paint.
            await self._build_columns(segment_documents(self._documents), None)
            self.query_one(DetailPanel).loading = True
            self._refresh_status()
            self.call_after_refresh(self._first_alignment, self._documents)

    @property
    def columns(self) -> list[SourceColumn]:
        return list(self.query(SourceColumn))

    def column(self, source_id: str | None) -> SourceColumn | None:
        return next((c for c in self.columns if c.source.id == source_id), None)

    @property
    def active_column(self) -> SourceColumn | None:
        col = self.column(self.active_source)
        if col is not None and column_key(col.source) not in self.hidden_columns:
            return col
        return next(iter(self.visible_columns), None)

    # Installing a comparison (main thread only)

    async def _install(self, session: Session, cmp: Comparison, *, note: str = "") -> None:
        first = not self._installed
        self._installed = True
        if self._pending is session:
            self._pending = None
        self.session, self.comparison = session, cmp
        self.overview = ov = Overview(cmp)
        self.query_one(DetailPanel).loading = False
        columns = self.columns
        if same_sources([c.source for c in columns], cmp.sources):
            # A new threshold: same sentences, new marks; scroll positions stay put.
            for col, src in zip(columns, cmp.sources, strict=True):
                col.set_overview(ov, src)
        else:
            await self._build_columns(cmp.sources, ov)
        if self.mode == "matrix":
            self._show_matrix()
        self.busy = "" if self._pending is None else self.busy
        self._refresh_status()
        if self.selected is not None and self.selected in ov.sentences:
            self._select(self.selected)
        else:
            self.selected = None
            self.query_one(DetailPanel).show(None, None)
            if first and cmp.sources and cmp.sources[0].sentences:
                # A first-time user sees the idea at once: a selection, its counterparts
                # highlighted in the other columns, the detail filled in.
                self._select(cmp.sources[0].sentences[0].id)
        self.refresh_bindings()
        if note:
            self.notify(note, timeout=4, markup=False)

    async def _build_columns(self, sources: Sequence[Source], ov: Overview | None) -> None:
        box = self.query_one("#columns", ColumnStrip)
        # Keep the user where they are (typing a search); otherwise a column has focus.
        typing = isinstance(self.focused, Input)
        # Awaited: the new columns reuse the old ids (col-s1...), which must be gone first.
        await box.remove_children()
        columns = [SourceColumn(src, ov, flt=self.filter) for src in sources]
        await box.mount_all(columns)
        for col in columns:
            col.set_query(self.query_text)
        if self.active_source not in {s.id for s in sources}:
            self.active_source = sources[0].id if sources else None
        if self.selected is not None and (ov is None or self.selected not in ov.sentences):
            self.selected = None
        self.apply_hidden_columns()
        if not typing and self.mode == "columns":
            self._focus_active()

    def _focus_active(self) -> None:
        col = self.active_column
        if col is not None and self.mode == "columns":
            col.focus()

    def _refresh_status(self) -> None:
        pending = self._pending.threshold if self._pending else None
        threshold = self.session.threshold if self.session else self.options.threshold
        self.query_one(StatusBar).show(
            self.comparison, threshold=threshold, pending=pending, flt=self.filter, busy=self.busy
        )

    # Selection: the one place that decides what every column shows

    def _select(self, sid: str, *, from_column: SourceColumn | None = None) -> None:
        ov = self.overview
        if ov is None or sid not in ov.sentences:
            return
        self.selected = sid
        own = sid.rsplit(":", 1)[0]
        self.reveal_column(own)
        self.active_source = own
        counterparts = ov.counterparts(sid)
        for col in self.columns:
            if col.source.id == own:
                if from_column is not col:
                    col.move_to(sid, post=False)
                col.highlight(())
            else:
                col.clear_cursor()
                col.highlight(counterparts.get(col.source.id, ()))
        self.query_one(DetailPanel).show(ov, sid)

    @on(SourceColumn.SentenceSelected)
    def _sentence_selected(self, event: SourceColumn.SentenceSelected) -> None:
        self._select(event.sentence_id, from_column=event.column)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Tab and clicks focus a column without going through `action_column`.
        if isinstance(event.widget, SourceColumn):
            self._enter_column(event.widget)

    def _enter_column(self, col: SourceColumn) -> None:
        self.active_source = col.source.id
        if self.overview is None:
            return
        if self.selected is not None and self.selected.rsplit(":", 1)[0] == col.source.id:
            return
        # Entering a column follows the claim: land on the selection's counterpart.
        target = next(iter(col.counterpart_ids), None) or col.selected_id
        if target is None:
            visible = col.visible_ids()
            target = visible[0] if visible else None
        if target is not None:
            self._select(target)

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.comparison is None and action not in ("quit", "help", "command_palette"):
            return False
        if self.mode == "matrix" and action in COLUMN_ACTIONS:
            return None  # shown dimmed: they act on the columns, hidden behind the matrix
        return True

    def action_help(self) -> None:
        # Imported on demand: the Markdown widget costs a tenth of a second at start-up.
        from covdiff.tui.help_screen import HelpScreen

        self.push_screen(HelpScreen())

    def action_column(self, delta: int) -> None:
        cols = self.visible_columns
        current = self.active_column
        if not cols or current is None:
            return
        n = max(0, min(len(cols) - 1, cols.index(current) + delta))
        if cols[n] is not current:
            self._enter_column(cols[n])
        cols[n].focus()

    def action_next_difference(self) -> None:
        self._difference(forward=True)

    def action_previous_difference(self) -> None:
        self._difference(forward=False)

    def _difference(self, *, forward: bool) -> None:
        col, ov = self.active_column, self.overview
        if col is None or ov is None:
            return
        n = col.find(after=col.cursor, forward=forward, predicate=ov.is_difference)
        if n is None:
            n = col.find(after=None, forward=forward, predicate=ov.is_difference)
            if n is None:
                self.notify(f"No differences in {col.source.label}.", markup=False)
                return
            if col.cursor is not None:
                end = "top" if forward else "bottom"
                self.notify(f"Wrapped to the {end} of {col.source.label}.", timeout=2, markup=False)
        col.focus()
        self._select(col.items[n].sentence_id)

    def action_filter(self, name: str) -> None:
        flt = FILTER_KEYS[name]
        self._set_filter(Filter.ALL if flt is self.filter else flt)

    def action_cycle_filter(self) -> None:
        order = list(Filter)
        self._set_filter(order[(order.index(self.filter) + 1) % len(order)])

    def _set_filter(self, flt: Filter) -> None:
        self.filter = flt
        for col in self.columns:
            col.set_filter(flt)
        if self.mode == "matrix":
            self._show_matrix()
        self._refresh_status()
        # A filter is a question ("where are the conflicts?"): answer it by moving the
        # selection onto the first match when the current one is now hidden.
        col, ov = self.active_column, self.overview
        if col is None or ov is None or self.mode != "columns":
            return
        if self.selected is None or not ov.matches(self.selected, flt):
            visible = col.visible_ids()
            if visible:
                self._select(visible[0])

    def action_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.display = False
            self._focus_active()
        elif self.mode == "matrix":
            self.action_toggle_matrix()
        elif self.filter is not Filter.ALL:
            self._set_filter(Filter.ALL)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.value = self.query_text
        # Focus once it is laid out: a widget that was display:none cannot take focus yet.
        self.call_after_refresh(search.focus)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.query_text = event.value.strip()
        for col in self.columns:
            col.set_query(self.query_text)

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        query = event.value.strip()
        found = next_match(self.comparison, query, after=self.selected) if query else None
        if found is None:
            if query and self.comparison is not None:
                self.notify(f"No sentence contains “{query}”.", severity="warning", markup=False)
            return
        sid, n, total = found
        self._select(sid)
        self.busy = f"match {n} of {total}"
        self._refresh_status()

    @on(CoverageMatrix.ClaimChosen)
    def _claim_chosen(self, event: CoverageMatrix.ClaimChosen) -> None:
        ov = self.overview
        if ov is None:
            return
        claim = next(c for c in ov.cmp.claims if c.id == event.claim_id)
        shown = {c.source.id for c in self.visible_columns}
        here = [s for s in claim.sentences if s.rsplit(":", 1)[0] == self.active_source]
        there = [s for s in claim.sentences if s.rsplit(":", 1)[0] in shown]
        sid = (here or there or list(claim.sentences))[0]
        self.action_toggle_matrix()
        col = self.column(sid.rsplit(":", 1)[0])
        self._select(sid)
        if col is not None:
            self.active_source = col.source.id
            col.focus()

    # Threshold, sources, export: each a request handled in a worker

    def action_threshold(self, direction: int) -> None:
        base = self._pending or self.session
        if base is None:
            return
        low, high = THRESHOLD_RANGE
        new = max(low, min(high, base.threshold + direction * THRESHOLD_STEP))
        if new == base.threshold:
            self.notify(f"The threshold stays between {low:g} and {high:g}.", timeout=2)
            return
        self._request(base.with_threshold(new), busy=f"re-aligning at {new:g}…")

    def _request(self, session: Session, *, busy: str, note: str = "") -> None:
        self._pending = session
        self.busy = busy
        self._refresh_status()
        self._align(session, note)

    @work(thread=True, exclusive=True, group="align")
    def _align(self, session: Session, note: str) -> None:
        cmp = session.align()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._install, session, cmp, note=note)

    @work(thread=True, exclusive=True, group="align")
    def _first_alignment(self, docs: list[Document]) -> None:
        session = Session.from_documents(docs, options=self.options)
        cmp = session.align()
        if not get_current_worker().is_cancelled:
            self.call_from_thread(self._install, session, cmp)

    def action_add_source(self) -> None:
        self.push_screen(AddSourceScreen(), self._add_requested)

    def _add_requested(self, request: SourceRequest | None) -> None:
        if request is None:
            return
        self.notify(f"Loading {request.spec}…", timeout=3, markup=False)
        self._load_source(request)

    @work(thread=True, group="load")
    def _load_source(self, request: SourceRequest) -> None:
        errors: list[str] = []

        def report(spec: SourceSpec, result: Document | SourceError) -> None:
            if isinstance(result, SourceError):
                errors.append(str(result))

        try:
            docs = self.loader(
                [request.spec],
                labels=[request.label] if request.label else None,
                on_loaded=report,
            )
        except CovdiffError as exc:
            docs, errors = [], [str(exc)]
        for err in errors:
            self.notify(f"Could not add a source: {err}", severity="error", timeout=8, markup=False)
        if docs:
            self.call_from_thread(self._sources_loaded, docs)

    def _sources_loaded(self, docs: list[Document]) -> None:
        base = self._pending or self.session
        if base is None:
            return
        names = ", ".join(f"{d.label}" for d in docs)
        session = base.with_added(docs)
        self._request(session, busy=f"aligning {names}…", note=f"Added {names}.")

    def action_remove_source(self) -> None:
        base = self._pending or self.session
        col = self.active_column
        if base is None or col is None:
            return
        if len(base.sources) <= MIN_SOURCES:
            self.notify(
                "A comparison needs at least two sources; add one before removing.",
                severity="warning",
            )
            return
        label = col.source.label
        self.selected = None
        self._request(
            base.without(col.source.id), busy=f"removing {label}…", note=f"Removed {label}."
        )

    def action_export(self) -> None:
        self.push_screen(ExportScreen(), self._export_requested)

    def _export_requested(self, request: ExportRequest | None) -> None:
        if request is not None and self.comparison is not None:
            self._export(self.comparison, request)

    @work(thread=True, group="export")
    def _export(self, cmp: Comparison, request: ExportRequest) -> None:
        from covdiff.reports import render

        try:
            text = render(cmp, request.fmt)
            write_report(request.path, text)
        except (OSError, ImportError, ValueError) as exc:
            self.notify(f"Export failed: {exc}", severity="error", timeout=8, markup=False)
            return
        self.notify(
            f"Exported {request.fmt.upper()} to {display_path(request.path)} "
            f"({len(text.encode('utf-8')):,} bytes).",
            timeout=5,
            markup=False,
        )

    # Command palette: every action by name

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        for title, help_text, action in PALETTE:
            yield SystemCommand(title, help_text, partial(self.run_action, action))
