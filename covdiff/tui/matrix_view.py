"""The coverage matrix: one row per claim, one column per source.

Each cell reads ``✓ present``, ``≈ reworded``, ``! conflict`` or ``· missing`` (symbol and
word, so it reads the same without colour). Rows can be sorted by how many sources carry
the claim; choosing a row says so with `CoverageMatrix.ClaimChosen` and the app jumps to
the claim in the side-by-side view.
"""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable

from covdiff.reports.view import claim_text
from covdiff.tui.status import CELL_MARKS, Cell, Filter, Overview

SNIPPET = 60
"""Characters of the claim's wording (`covdiff.reports.view.claim_text`) in the last column."""


class SortOrder(StrEnum):
    CLAIM = "claim order"
    FEWEST = "fewest sources first"
    MOST = "most sources first"


class CoverageMatrix(DataTable[Text]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", "Sort by coverage"),
        Binding("enter", "select_cursor", "Go to claim", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"coverage-matrix--{c.value}" for c in Cell}

    class ClaimChosen(Message):
        """The user chose a claim (Enter or click on its row)."""

        def __init__(self, matrix: CoverageMatrix, claim_id: str) -> None:
            super().__init__()
            self.matrix = matrix
            self.claim_id = claim_id

        @property
        def control(self) -> CoverageMatrix:
            return self.matrix

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.overview: Overview | None = None
        self.filter = Filter.ALL
        self.order = SortOrder.CLAIM

    def show(self, overview: Overview, flt: Filter) -> None:
        """Fill the table from scratch (cheap: one row per claim)."""
        self.overview, self.filter = overview, flt
        keep = self._cursor_claim()
        self.clear(columns=True)
        self.add_column("claim", key="claim")
        self.add_column("carried", key="carried")
        for src in overview.cmp.sources:
            self.add_column(src.label, key=src.id)
        self.add_column("first words", key="text")
        for claim in overview.cmp.claims:
            if not overview.claim_matches(claim, flt):
                continue
            cells = [self._cell(overview.cell(claim, s.id)) for s in overview.cmp.sources]
            first = claim_text(overview.cmp, claim)
            snippet = first if len(first) <= SNIPPET else first[: SNIPPET - 1] + "…"
            self.add_row(
                Text(claim.id),
                Text(f"{len(claim.sources)}/{overview.total}", justify="right"),
                *cells,
                Text(snippet),
                key=claim.id,
            )
        self._sort()
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)

    def _cell(self, cell: Cell) -> Text:
        return Text(
            f"{CELL_MARKS[cell]} {cell.value}",
            style=self.get_component_rich_style(f"coverage-matrix--{cell.value}"),
        )

    def _cursor_claim(self) -> str | None:
        if not self.row_count:
            return None
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key
        return key.value

    @property
    def claim_ids(self) -> list[str]:
        """Claim ids in displayed order."""
        return [str(row.key.value) for row in self.ordered_rows]

    def _sort(self) -> None:
        if self.order is SortOrder.CLAIM:
            self.sort("claim", key=lambda t: int(t.plain[1:]))
        else:
            sign = -1 if self.order is SortOrder.MOST else 1
            # Ties keep claim order in both directions, so the sort is stable to read.
            self.sort(
                "carried",
                "claim",
                key=lambda ts: (sign * int(ts[0].plain.split("/")[0]), int(ts[1].plain[1:])),
            )

    def action_cycle_sort(self) -> None:
        orders = list(SortOrder)
        self.order = orders[(orders.index(self.order) + 1) % len(orders)]
        keep = self._cursor_claim()
        self._sort()
        if keep is not None:
            self.move_cursor(row=self.get_row_index(keep), animate=False)
        self.notify(f"Claims sorted: {self.order.value}", timeout=2)

    def select_claim(self, claim_id: str) -> None:
        if claim_id in self.rows:
            self.move_cursor(row=self.get_row_index(claim_id), animate=False)

    @on(DataTable.HeaderSelected)
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        # Clicking "carried" sorts like the s key; other headers keep claim order.
        event.stop()
        if event.column_key.value == "carried":
            self.action_cycle_sort()

    @on(DataTable.RowSelected)
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.ClaimChosen(self, str(event.row_key.value)))
