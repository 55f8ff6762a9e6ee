"""Choosing which outlets' columns to show, and reading a long detail with the keyboard.

Driven with Textual's Pilot on the hand-made comparison of test_tui.py (three outlets:
wire, radio, tabloid).
"""

from __future__ import annotations

from typing import Any

from textual.widgets import SelectionList

from covdiff.tui import make_app
from covdiff.tui.columns_screen import ColumnsScreen
from covdiff.tui.detail_panel import DetailPanel
from tests.test_tui import SIZE, Recorder, col, comparison, pilot_test, text_of


async def in_chooser(pilot: Any, *keys: str) -> None:
    """Open the column chooser with v and press ``keys`` there."""
    await pilot.press("v")
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


@pilot_test
async def test_hidden_columns_are_skipped_but_still_counted() -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        marks_before = [item.view.status for item in col(app, "s1").items if item.view]
        await in_chooser(pilot)
        assert isinstance(app.screen, ColumnsScreen)
        chooser = app.screen.query_one(SelectionList)
        assert sorted(chooser.selected) == ["s1", "s2", "s3"]
        await pilot.press("down", "space", "enter")  # untick radio, apply
        await pilot.pause()
        assert not isinstance(app.screen, ColumnsScreen)
        assert [c.source.label for c in app.visible_columns] == ["wire", "tabloid"]
        assert not col(app, "s2").display
        # The comparison is untouched: the wire column's marks still count radio.
        assert [item.view.status for item in col(app, "s1").items if item.view] == marks_before
        assert any("Showing 2 of 3 outlets" in n for n in rec.notes())
        # Right from wire lands on tabloid, skipping the hidden radio column.
        await pilot.press("right")
        assert app.active_source == "s3"


@pilot_test
async def test_the_chooser_keeps_one_column_and_cancels_cleanly() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await in_chooser(pilot, "space", "down", "space", "down", "space", "enter")  # untick all
        assert isinstance(app.screen, ColumnsScreen), "nothing to show: the chooser stays"
        assert "Tick at least one outlet" in text_of(app.screen, "#columns-error")
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.visible_columns) == 3


@pilot_test
async def test_a_search_hit_in_a_hidden_column_shows_that_column() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await in_chooser(pilot, "down", "down", "space", "enter")  # hide tabloid
        assert not col(app, "s3").display
        await pilot.press("slash", *"smoke", "enter")  # only tabloid mentions the smoke
        await pilot.pause()
        assert app.selected == "s3:1"
        assert col(app, "s3").display


@pilot_test
async def test_shifted_keys_scroll_the_detail_panel() -> None:
    app = make_app(comparison())
    # A short terminal: the detail panel keeps its minimum of 8 rows, too few for the
    # conflicting crews' counterparts, edits and conflicts.
    async with app.run_test(size=(100, 20)) as pilot:
        await pilot.press("down")
        await pilot.pause()
        detail = app.query_one(DetailPanel)
        assert detail.max_scroll_y > 0, "the detail must overflow for this test to mean much"
        await pilot.press("J")
        await pilot.pause()
        assert detail.scroll_y > 0
        focused = app.focused
        await pilot.press("K")
        await pilot.pause()
        assert detail.scroll_y == 0
        assert app.focused is focused, "the column keeps the focus"
