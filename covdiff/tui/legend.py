"""One line explaining the marks, always on screen above the footer."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from covdiff.tui.status import MARKS, Status

LEGEND = {
    Status.ALL: "in every source",
    Status.SOME: "in some",
    Status.ALONE: "only here",
    Status.REWORDED: "reworded",
    Status.CONFLICT: "conflict",
}
"""Short forms of `covdiff.tui.status.LABELS`, so the legend fits one line at 120 columns."""


class Legend(Static):
    """``= in every source  ◐ in some sources  + this source alone …`` in the status colours."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"legend--{s.value}" for s in Status}

    def on_mount(self) -> None:
        self.update(self.legend_text())

    def legend_text(self) -> Text:
        text = Text()
        for status in (Status.ALL, Status.SOME, Status.ALONE, Status.REWORDED, Status.CONFLICT):
            text.append(MARKS[status], self.get_component_rich_style(f"legend--{status.value}"))
            text.append(f" {LEGEND[status]}  ")
        text.append("│ ▶ selected  ▷ counterpart  k/n: k sources of n │ ")
        text.append("[-only here-]{+only there+}")
        return text
