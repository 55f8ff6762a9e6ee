"""Long reports in the TUI: a column draws its sentences itself, however many there are.

A widget per sentence made every key press lay out every sentence on screen again (about 2 s
a key at 20 sources of 300 sentences); these tests hold the column to one widget for its
sentences and check that what it draws and scrolls to is what a widget per sentence did.
"""

from __future__ import annotations

from covdiff.api import compare_documents
from covdiff.model import Comparison
from covdiff.sources import Document
from covdiff.tui import make_app
from covdiff.tui.sentence_list import SentenceList
from covdiff.tui.source_column import SourceColumn

from .test_tui import col, pilot_test, settle

SIZE = (140, 45)
PLACES = "Arlen Bosk Calder Dunmore Essig Farrow Gault Hesketh Ivers Jessop".split()


def long_comparison(n_sentences: int) -> Comparison:
    """Three outlets of ``n_sentences`` each, every sentence about a different place, so
    that each has a counterpart in the others; one long sentence wraps over many lines."""

    def report(outlet: int) -> str:
        lines = [
            f"Officials in {PLACES[k % 10]}{k} said {k + outlet} homes were checked on Monday."
            for k in range(n_sentences)
        ]
        lines[3] = "A long sentence " + "that goes on and on " * 12 + "ends here."
        return " ".join(lines)

    docs = [Document(f"inline:{n}", f"outlet{n}", report(n)) for n in range(3)]
    return compare_documents(docs)


def in_view(body: SentenceList, index: int) -> bool:
    """Whether every line of an item is within the list's viewport."""
    where = body.region_of(index)
    top = body.scroll_offset.y
    return where is not None and top <= where.y and where.bottom <= top + body.size.height


@pilot_test
async def test_a_column_of_hundreds_of_sentences_is_a_handful_of_widgets() -> None:
    app = make_app(long_comparison(300))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        widgets = list(app.screen.query("*"))
        assert len(col(app, "s1").items) == 300
        # Three columns of 300 sentences: a widget each would be 900 and more.
        assert len(widgets) < 120
        assert len(col(app, "s1").query(SentenceList)) == 1


@pilot_test
async def test_the_cursor_at_the_end_of_a_long_report_is_scrolled_into_view() -> None:
    app = make_app(long_comparison(120))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = col(app, "s1")
        column.focus()
        await pilot.press("end")
        await pilot.pause()
        assert app.selected == "s1:119"
        assert column.body.scroll_offset.y > 0
        assert in_view(column.body, 119)


@pilot_test
async def test_a_long_sentence_takes_as_many_lines_as_it_wraps_to() -> None:
    app = make_app(long_comparison(12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = col(app, "s1").body
        long, after = body.region_of(3), body.region_of(4)
        assert long is not None and after is not None
        assert long.height > 3
        assert after.y == long.bottom  # the next sentence starts on the line below
        # Every line of the long sentence is drawn: its last words are on screen.
        lines = [
            body.render_line(y - body.scroll_offset.y).text for y in range(long.y, long.bottom)
        ]
        assert "ends here." in "".join(lines)


@pilot_test
async def test_clicking_a_wrapped_line_selects_its_sentence() -> None:
    app = make_app(long_comparison(12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        column = col(app, "s2")
        long = column.body.region_of(3)
        assert long is not None
        await pilot.click(column.body, offset=(20, long.y + 2 - column.body.scroll_offset.y))
        await pilot.pause()
        assert app.selected == "s2:3"
        assert isinstance(app.focused, SourceColumn) and app.focused is column


@pilot_test
async def test_the_sentence_under_the_mouse_is_marked_until_the_mouse_leaves() -> None:
    app = make_app(long_comparison(12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = col(app, "s3").body
        second = body.region_of(1)
        assert second is not None
        await pilot.hover(body, offset=(20, second.y - body.scroll_offset.y))
        await pilot.pause()
        assert body.hover == 1
        await pilot.hover(app.query_one("#detail"))
        await pilot.pause()
        assert body.hover is None


@pilot_test
async def test_a_scroll_asked_for_behind_the_matrix_waits_for_the_list_to_show_again() -> None:
    # A key that moves the cursor and one that opens the coverage matrix can both be
    # handled before the scroll runs; the hidden list must not scroll then (its viewport
    # reads as empty, which would put the sentence at the very top), but once it is back.
    app = make_app(long_comparison(120))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        body = col(app, "s1").body
        assert body.scroll_offset.y == 0
        await pilot.press("m")  # the matrix takes the columns' place
        await pilot.pause()
        body.show(1, center=False)  # already in view: no scroll is needed
        body.show(100, center=True)
        await pilot.pause()
        assert body.scroll_offset.y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert in_view(body, 100)


@pilot_test
async def test_a_scroll_left_over_from_a_replaced_column_does_nothing() -> None:
    # A re-alignment (here: a source removed) replaces every column; a scroll the old
    # column asked for just before may still run, and must not fail on a detached list.
    app = make_app(long_comparison(12))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        old = col(app, "s1").body
        await pilot.press("x")
        await settle(app, pilot)
        assert not old.is_attached
        old.show(5, center=True)  # raised NoScreen before
        await pilot.pause()
        assert len(app.columns) == 2
