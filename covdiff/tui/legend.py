"""One line explaining the marks, always on screen above the footer."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from covdiff.tui.status import LABELS, MARKS, Status


class Legend(Static):
    """``= in every source  ◐ in some sources  + this source alone …`` in the status colours."""

    COMPONENT_CLASSES = {f"legend--{s.value}" for s in Status}

    def on_mount(self) -> None:
        self.update(self.legend_text())

    def legend_text(self) -> Text:
        text = Text()
        for status in (Status.ALL, Status.SOME, Status.ALONE, Status.REWORDED, Status.CONFLICT):
            text.append(MARKS[status], self.get_component_rich_style(f"legend--{status.value}"))
            text.append(f" {LABELS[status]}   ")
        text.append("▶ selected  ▷ counterpart  3/4 sources carrying  ")
        text.append("[-here-]{+there+} word changes")
        return text
