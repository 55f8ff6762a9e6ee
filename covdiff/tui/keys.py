"""The app's keys and command-palette entries, in one place.

Every key has a description for the footer and the help screen; alias keys (``=`` for
``+``, ``h``/``l`` for the arrows) are hidden with ``show=False``. The palette names each
action by the same action string a key runs (`App.run_action`), so keys and palette
cannot drift apart; a test checks every bound action has an entry.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

from covdiff.tui.status import Filter

THRESHOLD_STEP = 5.0
THRESHOLD_RANGE = (5.0, 95.0)

COLUMN_ACTIONS = frozenset(
    ("next_difference", "previous_difference", "column", "remove_source", "search")
)
"""Actions on the columns, dimmed in the footer while the matrix hides them."""

FILTER_KEYS = {
    "only_here": Filter.ALONE,
    "conflicts": Filter.CONFLICTS,
    "reworded": Filter.REWORDED,
    "all": Filter.ALL,
}


APP_BINDINGS: list[BindingType] = [
    Binding("q", "quit", "Quit"),
    Binding("question_mark", "help", "Help"),
    Binding("n", "next_difference", "Next diff", group=Binding.Group("Diff")),
    Binding("p", "previous_difference", "Prev diff", group=Binding.Group("Diff")),
    Binding("slash", "search", "Search"),
    Binding("o", "filter('only_here')", "Only here", group=Binding.Group("Filter")),
    Binding("c", "filter('conflicts')", "Conflicts", group=Binding.Group("Filter")),
    Binding("r", "filter('reworded')", "Reworded", group=Binding.Group("Filter")),
    Binding("f", "cycle_filter", "Cycle filters", show=False),
    Binding("escape", "escape", "Close / show all", show=False),
    Binding("m", "toggle_matrix", "Matrix"),
    Binding("plus", "threshold(1)", "Stricter", group=Binding.Group("Threshold")),
    Binding("minus", "threshold(-1)", "Looser", group=Binding.Group("Threshold")),
    Binding("equals_sign", "threshold(1)", "Stricter", show=False),
    Binding("underscore", "threshold(-1)", "Looser", show=False),
    Binding("a", "add_source", "Add"),
    Binding("x", "remove_source", "Remove"),
    Binding("e", "export", "Export"),
    Binding("d", "toggle_detail", "Detail", show=False),  # in help and palette; saves width
    Binding("v", "choose_columns", "Columns"),
    Binding("J", "detail_scroll(1)", "Detail down", show=False),
    Binding("K", "detail_scroll(-1)", "Detail up", show=False),
    Binding("shift+down", "detail_scroll(1)", "Detail down", show=False),
    Binding("shift+up", "detail_scroll(-1)", "Detail up", show=False),
    Binding("left", "column(-1)", "Column left", show=False),
    Binding("h", "column(-1)", "Column left", show=False),
    Binding("right", "column(1)", "Column right", show=False),
    Binding("l", "column(1)", "Column right", show=False),
]
"""Bindings of `covdiff.tui.app.CovdiffApp`; the columns and the matrix add their own."""

PALETTE: tuple[tuple[str, str, str], ...] = (
    (
        "Next difference",
        "Jump to the next sentence not carried alike everywhere",
        "next_difference",
    ),
    ("Previous difference", "Jump to the previous difference", "previous_difference"),
    ("Search", "Find words in every source", "search"),
    ("Filter: only here", "Show sentences no other source carries", "filter('only_here')"),
    ("Filter: conflicts", "Show sentences whose facts conflict", "filter('conflicts')"),
    ("Filter: reworded", "Show sentences reworded elsewhere", "filter('reworded')"),
    ("Filter: all", "Show every sentence", "filter('all')"),
    ("Coverage matrix", "Toggle the claims × sources matrix", "toggle_matrix"),
    ("Raise threshold", "Stricter matching: fewer, surer links", "threshold(1)"),
    ("Lower threshold", "Looser matching: more links", "threshold(-1)"),
    ("Add source", "Add a file, folder or URL to the comparison", "add_source"),
    ("Remove source", "Remove the focused column's source", "remove_source"),
    ("Export", "Write the comparison as HTML, Markdown or JSON", "export"),
    ("Toggle detail", "Show or hide the detail panel", "toggle_detail"),
    ("Scroll detail down", "Read further in the detail panel", "detail_scroll(1)"),
    ("Scroll detail up", "Back up in the detail panel", "detail_scroll(-1)"),
    ("Choose columns", "Pick which outlets' columns to show", "choose_columns"),
    ("Help", "Keys and marks", "help"),
)
"""(title, help, action) for each entry, in the order the palette lists them."""
