"""The modal that asks for one more source: a path, a folder or an http(s) URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label

from covdiff.tui.modal import modal_footer


@dataclass(frozen=True, slots=True)
class SourceRequest:
    spec: str
    label: str | None = None


class AddSourceScreen(ModalScreen[SourceRequest | None]):
    """Dismissed with a `SourceRequest`, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Cancel")]
    AUTO_FOCUS = "#add-spec"

    def compose(self) -> ComposeResult:
        with Vertical(id="add-box", classes="modal-box"):
            yield Label("Add a source", classes="modal-title")
            yield Label("File, folder or http(s) URL:")
            yield Input(placeholder="reports/outlet.html or https://…", id="add-spec")
            yield Label("Label (optional):")
            yield Input(placeholder="defaults to the file name or the site", id="add-label")
            yield from modal_footer("add", "Add")

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-ok")
    def _submit(self) -> None:
        spec = self.query_one("#add-spec", Input).value.strip()
        label = self.query_one("#add-label", Input).value.strip() or None
        if not spec:
            self.query_one("#add-error", Label).update("Type a path or a URL first.")
            self.query_one("#add-spec", Input).focus()
            return
        self.dismiss(SourceRequest(spec, label))

    @on(Button.Pressed, "#add-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
