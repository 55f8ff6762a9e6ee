"""The top line: what is compared, the counts, the threshold and the active filter."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.widgets import Static

from covdiff.model import Comparison
from covdiff.tui.status import MARKS, Filter, Status


class StatusBar(Static):
    COMPONENT_CLASSES: ClassVar[set[str]] = {"status-bar--busy"}

    def show(
        self,
        cmp: Comparison | None,
        *,
        threshold: float,
        pending: float | None,
        flt: Filter,
        busy: str = "",
    ) -> None:
        text = Text()
        if cmp is None:
            text.append("covdiff", "bold")
            text.append(" │ aligning the sources… (the marks follow in a moment)")
            self.update(text)
            return
        c = cmp.counts()
        # What changes while one works (threshold, filter, progress) comes first, so a
        # narrow terminal cuts the counts, never those.
        text.append("covdiff", "bold")
        text.append(" │ threshold ")
        text.append(f"{threshold:g}", "bold")
        if pending is not None and pending != threshold:
            text.append(f" → {pending:g}", "bold")
        text.append(" │ filter: ")
        text.append(flt.value, "bold")
        if busy:
            text.append(f" │ {busy}", self.get_component_rich_style("status-bar--busy"))
        text.append(f" │ {len(cmp.sources)} sources, {c['claims']} claims: ")
        text.append(f"{MARKS[Status.ALL]} {c['carried_by_all']} in all, ")
        text.append(f"{MARKS[Status.SOME]} {c['carried_by_some']} in some, ")
        text.append(f"{MARKS[Status.ALONE]} {c['carried_by_one']} in one │ ")
        text.append(f"{MARKS[Status.REWORDED]} {c['reworded']} reworded, ")
        text.append(f"{MARKS[Status.CONFLICT]} {c['conflicts']} in conflict")
        self.update(text)
