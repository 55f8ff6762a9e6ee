"""The `?` screen: every key, the marks and how to read a word diff."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown

from covdiff.tui.status import CELL_MARKS, LABELS, MARKS, Cell, Status

KEYS = """\
| Key | Action |
|---|---|
| ↑ ↓ · j k · PgUp PgDn · Home End | move in a column (the selection follows) |
| ← → · h l · Tab | move to the neighbouring column, onto the counterpart |
| click | select a sentence |
| n · p | next / previous difference in this column |
| o · c · r | show only: this source alone · conflicts · reworded (again: all) |
| f · Esc | cycle the filters · show all |
| / | search (Enter: next match, Esc: close) |
| m | coverage matrix (claims × sources); there: s sorts, Enter jumps to the claim |
| + · - | raise / lower the match threshold (re-aligns in the background) |
| a · x | add a source (path or URL) · remove the focused column's source |
| e | export the comparison as HTML, Markdown or JSON |
| d · J K (Shift+↓ ↑) | show / hide the detail panel · scroll it |
| v | choose which outlets' columns to show (all still count in the marks) |
| Ctrl+P | command palette: every action by name |
| ? · q | this help · quit |
"""


def help_markdown() -> str:
    marks = "\n".join(f"| `{MARKS[s]}` | {LABELS[s]} |" for s in Status)
    cells = "\n".join(f"| `{CELL_MARKS[c]}` | {c.value} |" for c in Cell)
    return (
        "# covdiff\n\n"
        "One column per outlet; each sentence is marked with how the other outlets carry "
        "its claim. Select a sentence and the other columns scroll to its counterparts.\n\n"
        f"## Keys\n\n{KEYS}\n"
        f"## Sentence marks\n\n| Mark | Meaning |\n|---|---|\n{marks}\n\n"
        "`▶` is the selected sentence, `▷` its counterparts; `3/4` counts the sources "
        "carrying the claim.\n\n"
        f"## Matrix cells\n\n| Cell | Meaning |\n|---|---|\n{cells}\n\n"
        "## Word changes (detail panel)\n\n"
        "Read as how the selected sentence becomes the other one: `[-words-]` are only "
        "here, `{+words+}` only there; a replacement shows both.\n"
    )


class HelpScreen(ModalScreen[None]):
    AUTO_FOCUS = "#help-box"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", "Close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Markdown(help_markdown())
