"""The modal that asks where to export the comparison, and in which format."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select

from covdiff.tui.modal import modal_footer

EXPORT_FORMATS: dict[str, str] = {"html": "HTML", "md": "Markdown", "json": "JSON"}
SUFFIXES = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md", ".json": "json"}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    path: Path
    fmt: str


class ExportScreen(ModalScreen[ExportRequest | None]):
    """Dismissed with an `ExportRequest`; the format follows the file's suffix when it has one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss", "Cancel")]
    AUTO_FOCUS = "#export-path"

    def __init__(self, default_path: str = "covdiff-report.html") -> None:
        super().__init__()
        self.default_path = default_path

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="modal-box"):
            yield Label("Export the comparison", classes="modal-title")
            yield Label("File:")
            yield Input(value=self.default_path, id="export-path")
            yield Label("Format:")
            yield Select(
                [(name, key) for key, name in EXPORT_FORMATS.items()],
                value=SUFFIXES.get(Path(self.default_path).suffix.lower(), "html"),
                allow_blank=False,
                id="export-format",
            )
            yield from modal_footer("export", "Export")

    @on(Input.Changed, "#export-path")
    def _follow_suffix(self, event: Input.Changed) -> None:
        fmt = SUFFIXES.get(Path(event.value.strip()).suffix.lower())
        if fmt is not None:
            self.query_one("#export-format", Select).value = fmt

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-ok")
    def _submit(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        fmt = str(self.query_one("#export-format", Select).value)
        if not raw:
            self.query_one("#export-error", Label).update("Type a file name first.")
            return
        path = Path(raw).expanduser()
        if not path.suffix:
            path = path.with_suffix(f".{fmt}")
        self.dismiss(ExportRequest(path, fmt))

    @on(Button.Pressed, "#export-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


def write_report(path: Path, text: str) -> None:
    """Write UTF-8, atomically for a regular file: a half-written report never replaces a
    good one. Anything else (/dev/stdout, a FIFO, /dev/null) is written in place, because
    renaming over it would replace the device with a regular file."""
    if path.exists() and not path.is_file():
        with path.open("w", encoding="utf-8") as fh:
            fh.write(text)
        return
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def display_path(path: Path) -> str:
    """The path relative to the working folder when it is inside it (shorter to read)."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
