"""The interactive comparison, driven with Textual's Pilot.

Assertions are on app state and on the messages the widgets post (recorded with
``run_test(message_hook=...)``), not on pixels; the few screenshots live in
test_tui_snapshots.py. The app is built from a small hand-made comparison whose alignment
is unambiguous (every status occurs once or twice), so these tests do not move when the
alignment engine gets better.

pytest-asyncio is not a dependency: each test is a coroutine run by `asyncio.run` (see
`pilot_test`).
"""

from __future__ import annotations

import asyncio
import functools
import io
import json
import subprocess
import sys
import threading
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.message import Message
from textual.notifications import Notify
from textual.widgets import Input, Static

from covdiff.api import compare_documents, segment_all
from covdiff.errors import SourceError, UsageError
from covdiff.model import Comparison
from covdiff.options import Options
from covdiff.reports import render
from covdiff.sources import Document
from covdiff.tui import make_app, run_app
from covdiff.tui.add_source_screen import AddSourceScreen
from covdiff.tui.app import CovdiffApp
from covdiff.tui.export_screen import ExportScreen
from covdiff.tui.keys import PALETTE
from covdiff.tui.matrix_view import CoverageMatrix, SortOrder
from covdiff.tui.session import Session, segment_documents
from covdiff.tui.source_column import SourceColumn
from covdiff.tui.status import Cell, Filter, Overview, Status, side_edits

SIZE = (140, 45)

DOCS = [
    Document(
        origin="inline:wire",
        label="wire",
        title="Fire destroys harbour warehouse",
        published="2024-03-04",
        text="A fire destroyed a warehouse at the city harbour on Monday night. "
        "Firefighters said 40 crews fought the blaze for six hours. "
        "No one was injured in the fire, the fire service said. "
        "The cause of the fire is not yet known.",
    ),
    Document(
        origin="inline:radio",
        label="radio",
        title="Harbour blaze",
        published="2024-03-04",
        text="A fire destroyed a warehouse at the city harbour on Monday night. "
        "Firefighters said 25 crews fought the blaze for six hours. "
        "The warehouse stored imported furniture and toys. "
        "Nobody was hurt in the fire, according to the fire service.",
    ),
    Document(
        origin="inline:tabloid",
        label="tabloid",
        title="Inferno at the docks",
        published="2024-03-05",
        text="A fire destroyed a warehouse at the city harbour on Monday night. "
        "Residents said thick smoke could be seen across the bay. "
        "The cause of the fire is not yet known.",
    ),
]
EXTRA = Document(
    origin="inline:council",
    label="council",
    text="A fire destroyed a warehouse at the city harbour on Monday night. "
    "The council will review safety rules for harbour buildings.",
)

# What the fixture means, sentence by sentence (checked in test_fixture_is_unambiguous).
EXPECTED = {
    "s1:0": Status.ALL,  # same words in all three
    "s1:1": Status.CONFLICT,  # 40 crews / 25 crews
    "s1:2": Status.REWORDED,  # "No one was injured" / "Nobody was hurt"
    "s1:3": Status.SOME,  # wire and tabloid only
    "s2:2": Status.ALONE,  # the furniture: radio alone
    "s3:1": Status.ALONE,  # the smoke: tabloid alone
}


def comparison(threshold: float | None = None) -> Comparison:
    options = Options() if threshold is None else Options(threshold=threshold)
    return compare_documents(DOCS, options=options)


def pilot_test(fn: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test with `asyncio.run` (no pytest-asyncio needed)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        asyncio.run(fn(*args, **kwargs))

    return wrapper


class Recorder:
    """Every message posted in the app, for assertions on what widgets said."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    def __call__(self, message: Message) -> None:
        self.messages.append(message)

    def of(self, kind: type[Message]) -> list[Any]:
        # A bubbling message is seen once per node it reaches: count it once.
        unique = {id(m): m for m in self.messages if isinstance(m, kind)}
        return list(unique.values())

    def notes(self, severity: str | None = None) -> list[str]:
        return [
            n.notification.message
            for n in self.of(Notify)
            if severity is None or n.notification.severity == severity
        ]


def fake_loader(docs: dict[str, Document]) -> Callable[..., list[Document]]:
    """A loader with `load_documents`' signature that serves inline documents."""

    def load(
        specs: list[str],
        *,
        labels: list[str] | None = None,
        on_loaded: Callable[[str, Document | SourceError], None] | None = None,
    ) -> list[Document]:
        out = []
        for spec in specs:
            if spec in docs:
                out.append(docs[spec])
                continue
            err = SourceError(spec, "no such file")
            if on_loaded is None:
                raise err
            on_loaded(spec, err)
        return out

    return load


async def settle(app: CovdiffApp, pilot: Any) -> None:
    """Let workers finish and their results land on screen."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def col(app: CovdiffApp, source_id: str) -> SourceColumn:
    column = app.column(source_id)
    assert column is not None
    return column


def text_of(app: CovdiffApp, selector: str) -> str:
    """What a Static shows, as plain text on unwrapped lines."""
    console = Console(width=2000, file=io.StringIO(), record=True, color_system=None)
    console.print(app.query_one(selector, Static).content)
    return console.export_text()


def detail_text(app: CovdiffApp) -> str:
    return text_of(app, "#detail-body")


# The fixture and the pure layers under the widgets


def test_fixture_is_unambiguous() -> None:
    ov = Overview(comparison())
    for sid, status in EXPECTED.items():
        assert ov.sentences[sid].status is status, sid


def test_overview_counterparts_cells_and_edit_sides() -> None:
    cmp = comparison()
    ov = Overview(cmp)
    assert ov.counterparts("s1:1") == {"s2": ("s2:1",)}
    assert ov.counterparts("s1:0") == {"s2": ("s2:0",), "s3": ("s3:0",)}
    c2 = next(c for c in cmp.claims if "s1:1" in c.sentences)
    assert [ov.cell(c2, s.id) for s in cmp.sources] == [Cell.CONFLICT, Cell.CONFLICT, Cell.MISSING]
    link = cmp.links_of("s1:1")[0]
    here = [(e.op.value, e.here, e.there) for e in side_edits(link, "s1:1") if e.here != e.there]
    there = [(e.op.value, e.here, e.there) for e in side_edits(link, "s2:1") if e.here != e.there]
    assert ("replaced", "40", "25") in here and ("replaced", "25", "40") in there


def test_segment_documents_matches_the_api() -> None:
    assert segment_documents(DOCS) == tuple(segment_all(DOCS))


def test_session_realigns_with_reused_features_and_renumbers_on_removal() -> None:
    session = Session.from_documents(DOCS, options=Options())
    first = session.align()
    prepared = session.prepared()
    stricter = session.with_threshold(70)
    assert [p is q for p, q in zip(stricter.prepared(), prepared, strict=True)] == [True] * 3
    assert stricter.align() == compare_documents(DOCS, options=Options(threshold=70))
    assert first == compare_documents(DOCS)
    smaller = session.without("s2")
    assert [s.id for s in smaller.sources] == ["s1", "s2"]
    assert [s.label for s in smaller.sources] == ["wire", "tabloid"]
    assert smaller.sources[1].sentences[0].id == "s2:0"
    assert smaller.align().sources[1].label == "tabloid"
    bigger = session.with_added([EXTRA])
    assert [s.id for s in bigger.sources] == ["s1", "s2", "s3", "s4"]


def test_core_modules_do_not_import_textual_or_rich() -> None:
    code = (
        "import sys\n"
        "import covdiff, covdiff.api, covdiff.align, covdiff.model, covdiff.sources\n"
        "import covdiff.options, covdiff.reports, covdiff.cli, covdiff.tui.session\n"
        "import covdiff.tui.status\n"
        "bad = [m for m in ('textual', 'rich') if m in sys.modules]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# Side by side


@pilot_test
async def test_columns_show_each_source_with_header_and_marks() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE):
        columns = app.columns
        assert [c.source.label for c in columns] == ["wire", "radio", "tabloid"]
        header = columns[0].query_one(".column-header", Static).content.plain
        assert "wire" in header and "Fire destroys harbour warehouse" in header
        assert "2024-03-04" in header
        for sid, status in EXPECTED.items():
            item = col(app, sid.split(":")[0]).items[int(sid.split(":")[1])]
            assert item.view is not None and item.view.status is status
        legend = text_of(app, "#legend")
        for mark in ("= in every source", "◐", "+ only here", "≈ reworded", "! conflict"):
            assert mark in legend
        # The first sentence is selected from the start, so the idea is visible at once.
        assert app.selected == "s1:0"
        assert isinstance(app.focused, SourceColumn)


@pilot_test
async def test_a_source_without_a_title_is_named_by_where_it_came_from() -> None:
    docs = [Document(origin=f"reports/desk{n}/story.txt", label=f"d{n}", text=d.text)
            for n, d in enumerate(DOCS)]  # fmt: skip
    app = make_app(compare_documents(docs))
    async with app.run_test(size=SIZE):
        header = app.columns[0].query_one(".column-header", Static).content.plain
        assert "story.txt" in header and "untitled" not in header


@pilot_test
async def test_many_sources_scroll_horizontally() -> None:
    docs = [
        *DOCS,
        *(
            Document(origin=f"inline:{n}", label=f"extra{n}", text=d.text)
            for n, d in enumerate(DOCS)
        ),
    ]
    app = make_app(compare_documents(docs))
    async with app.run_test(size=(100, 40)) as pilot:
        box = app.query_one("#columns")
        assert len(app.columns) == 6
        assert box.max_scroll_x > 0
        for _ in range(5):
            await pilot.press("right")
        await pilot.pause()
        assert app.active_source == "s6"
        assert box.scroll_x > 0


# Following a claim


@pilot_test
async def test_moving_the_cursor_selects_and_highlights_counterparts() -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.press("down")
        await pilot.pause()
        sent = rec.of(SourceColumn.SentenceSelected)
        assert [m.sentence_id for m in sent] == ["s1:1"]
        assert sent[0].column is col(app, "s1")
        assert app.selected == "s1:1"
        assert col(app, "s2").counterpart_ids == ["s2:1"]
        assert col(app, "s3").counterpart_ids == []
        text = detail_text(app)
        assert "conflict · radio · score" in text
        assert "number: “40 crews” here, “25 crews” in radio" in text
        assert "[-40-]{+25+}" in text
        assert "missing from: tabloid" in text


@pilot_test
async def test_detail_shows_reworded_words_from_the_selected_side() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("right")  # radio, onto the counterpart of s1:0
        await pilot.pause()
        assert app.selected == "s2:0"
        for _ in range(3):
            await pilot.press("down")
        await pilot.pause()
        assert app.selected == "s2:3"
        text = detail_text(app)
        assert "reworded · wire" in text
        # Seen from radio: "Nobody was hurt" here, "No one was injured" in the wire.
        assert "[-Nobody-]{+No one+}" in text


@pilot_test
async def test_click_selects_a_sentence() -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        body = col(app, "s3").body
        where = body.region_of(1)
        assert where is not None
        assert await pilot.click(body, offset=(8, where.y - body.scroll_offset.y))
        await pilot.pause()
        assert app.selected == "s3:1"
        assert app.focused is col(app, "s3")
        assert rec.of(SourceColumn.SentenceSelected)[-1].sentence_id == "s3:1"
        assert "No other source carries this claim." in detail_text(app)


@pilot_test
async def test_left_and_right_land_on_the_counterpart() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "down")  # s1:2, reworded in radio as s2:3
        await pilot.press("right")
        await pilot.pause()
        assert app.focused is col(app, "s2")
        assert app.selected == "s2:3"
        assert col(app, "s1").counterpart_ids == ["s1:2"]
        await pilot.press("left")
        await pilot.pause()
        assert app.selected == "s1:2"


# Moving through differences, filters, search, help


@pilot_test
async def test_next_and_previous_difference() -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        seen = []
        for _ in range(4):
            await pilot.press("n")
            seen.append(app.selected)
        # s1:0 is carried alike everywhere: not a difference, skipped on the wrap.
        assert seen == ["s1:1", "s1:2", "s1:3", "s1:1"]
        assert any("Wrapped" in n for n in rec.notes())
        await pilot.press("p")
        assert app.selected == "s1:3"


@pilot_test
async def test_filters_hide_and_show_sentences() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        assert app.filter is Filter.CONFLICTS
        assert col(app, "s1").visible_ids() == ["s1:1"]
        assert app.selected == "s1:1"  # the selection moves onto the first match
        assert col(app, "s3").visible_ids() == []
        await pilot.press("c")
        assert app.filter is Filter.ALL
        await pilot.press("o")
        assert col(app, "s2").visible_ids() == ["s2:2"]
        await pilot.press("r")
        assert app.filter is Filter.REWORDED
        assert col(app, "s2").visible_ids() == ["s2:3"]
        await pilot.press("escape")
        assert app.filter is Filter.ALL
        assert len(col(app, "s1").visible_ids()) == 4
        await pilot.press("f")
        assert app.filter is Filter.ALONE
        assert "filter: only here" in text_of(app, "#status")


@pilot_test
async def test_search_jumps_to_matches_and_highlights_them() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        search = app.query_one("#search", Input)
        assert search.display and app.focused is search
        await pilot.press(*"cause")
        assert all(item.query_text == "cause" for item in col(app, "s3").items)
        await pilot.press("enter")
        assert app.selected == "s1:3"
        assert "match 1 of 2" in text_of(app, "#status")
        await pilot.press("enter")
        assert app.selected == "s3:2"
        await pilot.press("escape")
        await pilot.pause()
        assert not search.display
        assert app.focused is col(app, "s3")


@pilot_test
async def test_help_screen_opens_and_closes() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert type(app.screen).__name__ == "HelpScreen"
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "Screen"


def test_bindings_have_descriptions_and_aliases_are_hidden() -> None:
    shown: dict[str, str] = {}
    for binding in CovdiffApp.BINDINGS + SourceColumn.BINDINGS + CoverageMatrix.BINDINGS:
        assert binding.description, binding.key
        if binding.show:
            # One visible key per action (per parameter): the others are aliases.
            assert binding.action not in shown, (binding.key, shown.get(binding.action))
            shown[binding.action] = binding.key
    for alias in ("equals_sign", "underscore", "h", "l", "j", "k"):
        binding = next(b for b in CovdiffApp.BINDINGS + SourceColumn.BINDINGS if b.key == alias)
        assert not binding.show


@pilot_test
async def test_footer_shows_the_main_keys() -> None:
    app = make_app(comparison())
    want = {"q", "question_mark", "n", "p", "slash", "m", "a", "x", "e"}
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(50):  # the footer fills in after the first frames, later under load
            await pilot.pause()
            keys = {key.key for key in app.query("FooterKey")}
            if want <= keys:
                break
        assert want <= keys


def test_command_palette_has_an_entry_for_every_bound_action() -> None:
    # Movement keys, Escape and the filter cycle have direct palette equivalents or none
    # is useful; Quit is one of Textual's own entries.
    skip = {"column", "escape", "cycle_filter", "quit"}
    actions = {action for _, _, action in PALETTE}
    for binding in CovdiffApp.BINDINGS:
        if binding.action.split("(")[0] not in skip:
            assert binding.action in actions, binding.action
    assert len({title for title, _, _ in PALETTE}) == len(PALETTE)


@pilot_test
async def test_command_palette_runs_an_action() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        titles = {cmd.title for cmd in app.get_system_commands(app.screen)}
        assert {"Coverage matrix", "Filter: conflicts", "Raise threshold", "Quit"} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"matrix")
        # The palette searches in the background: wait for the match, not a fixed time.
        for _ in range(100):
            found = app.screen.query("CommandList")
            if found and found.first().option_count:
                break
            await pilot.pause(0.05)
        await pilot.press("enter")
        for _ in range(40):
            if app.mode == "matrix":
                break
            await pilot.pause(0.05)
        assert app.mode == "matrix"


# Coverage matrix


@pilot_test
async def test_matrix_cells_sorting_and_jump_to_claim() -> None:
    rec = Recorder()
    cmp = comparison()
    app = make_app(cmp)
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.press("m")
        matrix = app.query_one(CoverageMatrix)
        assert app.mode == "matrix" and app.focused is matrix
        assert matrix.row_count == len(cmp.claims)
        c2 = next(c for c in cmp.claims if "s1:1" in c.sentences)
        cells = [t.plain for t in matrix.get_row(c2.id)]
        assert cells[1] == "2/3"
        assert cells[2:5] == ["! conflict", "! conflict", "· missing"]
        await pilot.press("s")
        assert matrix.order is SortOrder.FEWEST
        first = matrix.claim_ids[0]
        assert len(next(c for c in cmp.claims if c.id == first).sources) == 1
        await pilot.press("s")
        assert matrix.order is SortOrder.MOST
        assert matrix.claim_ids[0] == "c1"
        matrix.select_claim(c2.id)
        await pilot.press("enter")
        await pilot.pause()
        chosen = rec.of(CoverageMatrix.ClaimChosen)
        assert [m.claim_id for m in chosen] == [c2.id]
        assert app.mode == "columns"
        assert app.selected == "s1:1"
        assert col(app, "s2").counterpart_ids == ["s2:1"]


@pilot_test
async def test_matrix_follows_the_filter() -> None:
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m", "o")
        matrix = app.query_one(CoverageMatrix)
        assert matrix.row_count == 2  # the furniture and the smoke
        await pilot.press("m")
        assert app.mode == "columns"


# Tuning and extending


@pilot_test
async def test_threshold_change_realigns_in_a_worker() -> None:
    # Which links a threshold keeps is the engine's business (and changes as it improves);
    # the app must show exactly what the engine gives for the new threshold.
    app = make_app(comparison(threshold=15), options=Options(threshold=15))
    async with app.run_test(size=SIZE) as pilot:
        before = app.comparison
        await pilot.press("plus")
        await settle(app, pilot)
        expected = comparison(threshold=20)
        assert app.session is not None and app.session.threshold == 20
        assert app.comparison == expected and app.comparison is not before
        assert "threshold 20 │" in text_of(app, "#status")
        ov = Overview(expected)
        for column in app.columns:
            assert [i.view for i in column.items] == [
                ov.sentences[s.id] for s in column.source.sentences
            ]
        await pilot.press("minus", "minus")
        await settle(app, pilot)
        assert app.comparison == comparison(threshold=10)


@pilot_test
async def test_realignment_does_not_freeze_the_interface(monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real_align = Session.align

    def slow_align(self: Session) -> Comparison:
        release.wait(5)
        return real_align(self)

    monkeypatch.setattr(Session, "align", slow_align)
    app = make_app(comparison())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("plus")
        await pilot.press("n", "n")  # handled while the worker is still aligning
        assert app.selected == "s1:2"
        assert app.session is not None and app.session.threshold == Options().threshold
        workers = [w for w in app.workers if w.group == "align"]
        assert workers and all(w.is_running for w in workers)
        start = Options().threshold
        assert f"threshold {start:g} → {start + 5:g} │" in text_of(app, "#status")
        assert f"re-aligning at {start + 5:g}" in text_of(app, "#status")
        await pilot.press("plus")  # a newer request replaces the running one
        release.set()
        await settle(app, pilot)
        assert app.session.threshold == Options().threshold + 10


@pilot_test
async def test_add_source_from_a_modal() -> None:
    rec = Recorder()
    loader = fake_loader({"c.txt": EXTRA})
    app = make_app(comparison(), loader=loader)
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, AddSourceScreen)
        await pilot.press(*"c.txt", "enter")
        await settle(app, pilot)
        assert [c.source.label for c in app.columns] == ["wire", "radio", "tabloid", "council"]
        assert app.overview is not None and app.overview.total == 4
        assert any("Loading c.txt" in n for n in rec.notes())
        assert any("Added council" in n for n in rec.notes())
        # A source that cannot be read is a notification; the comparison stays.
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#add-spec", Input).value = "missing.txt"
        await pilot.press("enter")
        await settle(app, pilot)
        assert len(app.columns) == 4
        assert any("missing.txt: no such file" in n for n in rec.notes("error"))


@pilot_test
async def test_remove_the_focused_source() -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.press("right")  # focus radio
        await pilot.press("x")
        await settle(app, pilot)
        assert [c.source.label for c in app.columns] == ["wire", "tabloid"]
        assert [c.source.id for c in app.columns] == ["s1", "s2"]
        assert any("Removed radio" in n for n in rec.notes())
        await pilot.press("x")
        await settle(app, pilot)
        assert len(app.columns) == 2
        assert any("at least two sources" in n for n in rec.notes("warning"))


@pilot_test
async def test_export_writes_the_current_comparison(tmp_path: Path) -> None:
    rec = Recorder()
    app = make_app(comparison())
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.press("x")  # export what is on screen: two sources after this
        await settle(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        path_input = app.screen.query_one("#export-path", Input)
        path_input.value = str(tmp_path / "report.json")
        await pilot.pause()
        assert app.screen.query_one("#export-format").value == "json"
        await pilot.press("enter")
        await settle(app, pilot)
        data = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
        assert data["schema"] == "covdiff/1"
        assert [s["id"] for s in data["sources"]] == ["s1", "s2"]
        assert any("Exported JSON" in n for n in rec.notes())
        for name, fmt in (("report.md", "md"), ("report.html", "html")):
            await pilot.press("e")
            await pilot.pause()
            app.screen.query_one("#export-path", Input).value = str(tmp_path / name)
            await pilot.pause()
            assert app.screen.query_one("#export-format").value == fmt
            await pilot.press("enter")
            await settle(app, pilot)
            written = (tmp_path / name).read_text(encoding="utf-8")
            assert written == render(app.comparison, fmt)
        # A path that cannot be written is an error notification, not a crash.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(tmp_path / "no" / "x.json")
        await pilot.press("enter")
        await settle(app, pilot)
        assert any("Export failed" in n for n in rec.notes("error"))


# Starting up


@pilot_test
async def test_sentences_are_drawn_before_the_first_alignment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    real_align = Session.align

    def gated_align(self: Session) -> Comparison:
        release.wait(5)
        return real_align(self)

    monkeypatch.setattr(Session, "align", gated_align)
    app = make_app(documents=DOCS, notices=["Skipped a source: gone.txt: no such file"])
    rec = Recorder()
    async with app.run_test(size=SIZE, message_hook=rec) as pilot:
        await pilot.pause()
        assert app.comparison is None
        assert [c.source.label for c in app.columns] == ["wire", "radio", "tabloid"]
        assert all(item.view is None for item in col(app, "s1").items)
        assert "aligning" in text_of(app, "#status")
        assert any("gone.txt" in n for n in rec.notes("error"))
        release.set()
        await settle(app, pilot)
        assert app.comparison is not None
        assert app.selected == "s1:0"
        assert col(app, "s1").items[1].view.status is Status.CONFLICT
        assert "carried by 3 of 3" in detail_text(app)


def test_run_app_needs_two_readable_sources(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("One report of the event.", encoding="utf-8")
    with pytest.raises(UsageError, match=r"at least two readable sources.*missing\.txt"):
        run_app([str(good), str(tmp_path / "missing.txt")], options=Options())


def test_cli_reports_unreadable_sources_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from covdiff.cli import main

    good = tmp_path / "good.txt"
    good.write_text("One report of the event.", encoding="utf-8")
    assert main([str(good), str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("covdiff: error: need at least two readable sources")
    assert "Traceback" not in err


def test_run_app_turns_failed_sources_into_notices(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for doc in DOCS[:2]:
        (tmp_path / f"{doc.label}.txt").write_text(doc.text, encoding="utf-8")
    started: list[CovdiffApp] = []
    monkeypatch.setattr(CovdiffApp, "run", lambda self, **kw: started.append(self))
    code = run_app(
        [str(tmp_path / "wire.txt"), str(tmp_path / "gone.txt"), str(tmp_path / "radio.txt")],
        options=Options(),
    )
    assert code == 0
    (app,) = started
    assert [d.label for d in app._documents] == ["wire", "radio"]
    assert len(app._notices) == 1 and "gone.txt" in app._notices[0]
