"""What the screen shows, not what was compared: columns or matrix, which columns, the
detail panel.

A mixin of `covdiff.tui.app.CovdiffApp`, kept apart so that the app module stays about
installing comparisons and handling requests. Hidden columns are remembered by outlet
(origin and label), not by source id: ids are renumbered when a source is removed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import ContentSwitcher

from covdiff.model import Source
from covdiff.tui.columns_screen import ColumnsScreen
from covdiff.tui.detail_panel import DetailPanel
from covdiff.tui.matrix_view import CoverageMatrix
from covdiff.tui.source_column import SourceColumn

if TYPE_CHECKING:
    from covdiff.tui.app import CovdiffApp

ColumnKey = tuple[str, str]

DETAIL_STEP = 0.8
"""Share of the detail panel's height one scroll key moves (some context stays in view)."""


def column_key(source: Source) -> ColumnKey:
    return (source.origin, source.label)


class ViewActions:
    hidden_columns: set[ColumnKey]

    @property
    def visible_columns(self: CovdiffApp) -> list[SourceColumn]:
        return [c for c in self.columns if column_key(c.source) not in self.hidden_columns]

    def action_toggle_matrix(self: CovdiffApp) -> None:
        switcher = self.query_one("#views", ContentSwitcher)
        if self.mode == "columns":
            self.mode = "matrix"
            switcher.current = "matrix"
            self._show_matrix()
            matrix = self.query_one(CoverageMatrix)
            if self.selected and self.overview:
                claims = self.overview.claims_of(self.selected)
                if claims:
                    matrix.select_claim(claims[0].id)
            matrix.focus()
        else:
            self.mode = "columns"
            switcher.current = "columns"
            self._focus_active()
        self.refresh_bindings()

    def _show_matrix(self: CovdiffApp) -> None:
        if self.overview is not None:
            self.query_one(CoverageMatrix).show(self.overview, self.filter)

    def action_toggle_detail(self: CovdiffApp) -> None:
        detail = self.query_one(DetailPanel)
        detail.display = not detail.display

    def action_detail_scroll(self: CovdiffApp, direction: int) -> None:
        """Scroll the detail panel by most of its height, the columns keeping the focus."""
        detail = self.query_one(DetailPanel)
        if not detail.display:
            detail.display = True
        step = max(1, int(detail.scrollable_content_region.height * DETAIL_STEP))
        detail.scroll_relative(y=direction * step, animate=False)

    def action_choose_columns(self: CovdiffApp) -> None:
        if self.comparison is None:
            return
        hidden = frozenset(
            s.id for s in self.comparison.sources if column_key(s) in self.hidden_columns
        )
        self.push_screen(ColumnsScreen(self.comparison.sources, hidden), self._columns_chosen)

    def _columns_chosen(self: CovdiffApp, hidden: frozenset[str] | None) -> None:
        if hidden is None or self.comparison is None:
            return
        self.hidden_columns = {column_key(s) for s in self.comparison.sources if s.id in hidden}
        self.apply_hidden_columns()
        shown = len(self.comparison.sources) - len(hidden)
        self.notify(
            f"Showing {shown} of {len(self.comparison.sources)} outlets; every source still "
            "counts in the marks and the matrix.",
            timeout=4,
        )

    def apply_hidden_columns(self: CovdiffApp) -> None:
        """Show the chosen columns; the focus moves off a column that was just hidden."""
        visible = self.visible_columns
        for col in self.columns:
            col.display = col in visible
        active = self.column(self.active_source)
        if visible and (active is None or active not in visible):
            self.active_source = visible[0].source.id
            if self.mode == "columns":
                visible[0].focus()

    def reveal_column(self: CovdiffApp, source_id: str) -> None:
        """A selection in a hidden column (a search hit, a matrix jump) shows that column."""
        col = self.column(source_id)
        if col is not None and column_key(col.source) in self.hidden_columns:
            self.hidden_columns.discard(column_key(col.source))
            col.display = True
