"""The row every covdiff modal ends with: an error line, then OK and Cancel buttons."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Label


def modal_footer(prefix: str, ok: str) -> ComposeResult:
    """``#<prefix>-error``, ``#<prefix>-ok`` and ``#<prefix>-cancel``; used inside compose."""
    yield Label("", id=f"{prefix}-error", classes="modal-error")
    with Horizontal(classes="modal-buttons"):
        yield Button(ok, variant="primary", id=f"{prefix}-ok")
        yield Button("Cancel", id=f"{prefix}-cancel")
