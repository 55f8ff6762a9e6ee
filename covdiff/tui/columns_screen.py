"""The modal that chooses which outlets' columns to show.

Hiding a column only hides it: the comparison, the marks ("3/4") and the matrix still count
every source, so an editor can put two outlets side by side out of twelve without changing
what covdiff found. Removing a source (`x`) is the way to leave it out of the alignment.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, SelectionList

from covdiff.model import Source
from covdiff.tui.modal import modal_footer


class ColumnsScreen(ModalScreen[frozenset[str] | None]):
    """Dismissed with the ids of the sources to hide, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Cancel"),
        # Enter applies (space toggles), whichever widget has focus.
        Binding("enter", "apply", "Show these", priority=True),
    ]
    AUTO_FOCUS = "#columns-list"

    def __init__(self, sources: Sequence[Source], hidden: frozenset[str]) -> None:
        super().__init__()
        self.sources = list(sources)
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        with Vertical(id="columns-box", classes="modal-box"):
            yield Label("Columns to show", classes="modal-title")
            yield Label("Space toggles an outlet; Enter shows the ticked ones.")
            yield SelectionList[str](
                *(
                    (f"{s.label}  ({len(s.sentences)} sentences)", s.id, s.id not in self.hidden)
                    for s in self.sources
                ),
                id="columns-list",
            )
            yield from modal_footer("columns", "Show")

    @on(Button.Pressed, "#columns-ok")
    def action_apply(self) -> None:
        shown = set(self.query_one("#columns-list", SelectionList).selected)
        if not shown:
            self.query_one("#columns-error", Label).update("Tick at least one outlet.")
            return
        self.dismiss(frozenset(s.id for s in self.sources if s.id not in shown))

    @on(Button.Pressed, "#columns-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
