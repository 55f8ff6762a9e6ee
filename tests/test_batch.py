"""Batch mode: manifests with good and broken events, skipping, forcing, workers, the index.

Events are small inline texts and local files; nothing touches the network.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from covdiff.batch import EventError, _Progress, check_id, run_batch
from covdiff.cli import cli, main
from covdiff.options import Options

A = "The mayor opened the new bridge on Monday. It cost five million pounds. Crowds cheered."
B = "On Monday the mayor opened the bridge. It cost 5 million pounds. Rain kept crowds away."
RADIO = "reports/radio.txt"
C = "The new bridge was opened by the mayor on Tuesday. The cost was six million pounds."


def inline(event_id: str, *texts: str) -> dict:
    return {
        "id": event_id,
        "sources": [{"label": f"o{n}", "text": t} for n, t in enumerate(texts, 1)],
    }


def write_manifest(folder: Path, lines: list[object]) -> Path:
    path = folder / "events.jsonl"
    path.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def manifest(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "wire.txt").write_text(A, encoding="utf-8")
    (tmp_path / "reports" / "radio.txt").write_text(B, encoding="utf-8")
    return write_manifest(
        tmp_path,
        [
            inline("bridge", A, B, C),
            # SOURCE strings resolve against the manifest's folder, objects too.
            {"id": "files", "sources": ["reports/wire.txt", {"label": "R", "path": RADIO}]},
            {"id": "folder", "sources": ["reports"]},  # a directory holds two sources
            {"id": "broken", "sources": ["reports/wire.txt", "reports/missing.txt"]},
            '{"id": "half", "sources": [',
            {"id": "../x", "sources": [{"text": A}, {"text": B}]},
            {"id": "/abs", "sources": [{"text": A}, {"text": B}]},
            {"id": "", "sources": [{"text": A}, {"text": B}]},
            {"sources": [{"text": A}, {"text": B}]},
            inline("lonely", A),
            inline("pair.2", A, C),
        ],
    )  # fmt: skip


def batch(manifest: Path, out: Path, **kw: object):
    args = {
        "formats": ["html", "json", "md"],
        "workers": 1,
        "force": False,
        "options": Options(),
        "progress": False,
        "err": io.StringIO(),
    }
    args.update(kw)
    return run_batch(manifest, out_dir=out, **args)  # type: ignore[arg-type]


def test_good_events_written_bad_ones_reported(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    err = io.StringIO()
    res = batch(manifest, out, err=err)
    assert (res.ok, res.failed, res.skipped) == (4, 7, 0)
    by_line = {e.line: e for e in res.events}
    assert [e.status for e in res.events] == [
        "ok", "ok", "ok", "failed", "failed", "failed", "failed", "failed", "failed",
        "failed", "ok",
    ]  # fmt: skip
    assert "missing.txt: no such file" in by_line[4].reason
    assert by_line[5].reason.startswith("not valid JSON")
    assert "invalid id" in by_line[6].reason and "invalid id" in by_line[7].reason
    assert 'missing "id"' in by_line[8].reason and 'missing "id"' in by_line[9].reason
    assert by_line[10].reason == "needs at least two sources, got 1"
    names = sorted(p.name for p in out.iterdir())
    expected = {
        f"{i}.{x}" for i in ("bridge", "files", "folder", "pair.2") for x in ("html", "json", "md")
    }
    assert set(names) == expected | {"index.html", "index.md"}
    # Nothing escaped the output folder, and no temporary file was left behind.
    assert not (tmp_path / "x.html").exists() and not Path("/abs.html").exists()
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
    # Every failure got one line on stderr, naming the manifest line.
    lines = err.getvalue().splitlines()
    assert len(lines) == 7 and all(x.startswith("covdiff: error: line ") for x in lines)
    report = json.loads((out / "bridge.json").read_text(encoding="utf-8"))
    assert report["schema"] == "covdiff/1"
    assert [s["label"] for s in report["sources"]] == ["o1", "o2", "o3"]
    assert [s["label"] for s in json.loads((out / "files.json").read_text())["sources"]] == [
        "wire",
        "R",
    ]


def test_index_lists_events_counts_links_and_failures(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    res = batch(manifest, out)
    md = (out / "index.md").read_text(encoding="utf-8")
    html = (out / "index.html").read_text(encoding="utf-8")
    bridge = next(e for e in res.events if e.id == "bridge")
    assert bridge.counts is not None and bridge.files == ("bridge.json", "bridge.md", "bridge.html")
    row = next(line for line in md.splitlines() if line.startswith("| bridge |"))
    assert f"| {bridge.counts['claims']} | {bridge.counts['carried_by_all']} |" in row
    assert "[html](bridge.html)" in row and "[json](bridge.json)" in row
    assert "## Failed events" in md
    assert "missing.txt: no such file" in md and "not valid JSON" in md
    assert "| 6 | ../x | invalid id" in md
    assert '<a href="bridge.html">bridge</a>' in html and '<a href="bridge.json">json</a>' in html
    assert "Content-Security-Policy" in html
    # A hostile id is shown as text, never used as a link.
    assert "../x" in html and 'href="../x' not in html and 'href="/abs' not in html


def test_hostile_ids_rejected() -> None:
    for bad in ["../x", "/abs", "", "a/b", "a\\b", "..", ".hidden", "a..b", "x" * 101,
                "tab\there", "nl\n", "caf\u00e9", "index", "CON", "nul.txt", " lead"]:  # fmt: skip
        with pytest.raises(EventError):
            check_id(bad)
    for good in ["a", "event-2024.06.19", "A_b-c.d", "x" * 100, "indexes"]:
        check_id(good)


def test_existing_reports_are_skipped_unless_forced(manifest: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    batch(manifest, out)
    first = (out / "bridge.html").read_bytes()
    (out / "bridge.html").write_text("edited by hand", encoding="utf-8")
    (out / "files.md").unlink()
    res = batch(manifest, out)
    status = {e.id: e.status for e in res.events}
    assert status["bridge"] == "skipped" and status["folder"] == "skipped"
    assert status["files"] == "ok"  # one report was missing: compared again
    assert (res.ok, res.skipped) == (1, 3)
    assert (out / "bridge.html").read_text(encoding="utf-8") == "edited by hand"
    assert (out / "files.md").exists()
    # The index still shows the kept events' counts, read back from their JSON reports.
    skipped = next(e for e in res.events if e.id == "bridge")
    assert skipped.counts is not None and skipped.labels == ("o1", "o2", "o3")
    res = batch(manifest, out, force=True)
    assert (res.ok, res.skipped) == (4, 0)
    assert (out / "bridge.html").read_bytes() == first


def test_two_workers_give_the_same_bytes(manifest: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    r1 = batch(manifest, one, workers=1)
    r2 = batch(manifest, two, workers=2)
    assert (r1.ok, r1.failed) == (r2.ok, r2.failed)
    assert [(e.id, e.status, e.reason) for e in r1.events] == [
        (e.id, e.status, e.reason) for e in r2.events
    ]
    names = sorted(p.name for p in one.iterdir())
    assert names == sorted(p.name for p in two.iterdir())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_progress_bar_on_a_terminal_and_lines_otherwise() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty = Tty()
    bar = _Progress(200, tty, enabled=True)
    bar.update(12, 0)
    bar.message("covdiff: error: line 3: event 'x': broken")
    bar.update(200, 1)
    bar.close()
    text = tty.getvalue()
    assert "\r[#                             ] 12/200 events" in text
    assert "\r[##############################] 200/200 events (1 failed)\n" in text
    assert "covdiff: error: line 3" in text
    log = io.StringIO()
    bar = _Progress(200, log, enabled=True)
    for done in range(201):
        bar.update(done, 0)
    lines = log.getvalue().splitlines()
    assert lines[-1] == "covdiff: batch: 200/200 events" and 10 <= len(lines) <= 12
    assert "\r" not in log.getvalue()


# --- through the CLI --------------------------------------------------------------------


def test_cli_batch_writes_reports(tmp_path: Path) -> None:
    m = write_manifest(tmp_path, [inline("one", A, B), inline("two", B, C)])
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", str(m), "--out", str(out), "--format", "md", "--workers", "2"]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "index.md", "one.md", "two.md"]
    assert "2/2 events" in result.stderr


def test_cli_batch_default_formats_html_and_json(tmp_path: Path) -> None:
    m = write_manifest(tmp_path, [inline("one", A, B)])
    result = CliRunner().invoke(cli, ["batch", str(m), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "o" / "one.html").exists() and (tmp_path / "o" / "one.json").exists()


def test_cli_exit_code_2_when_an_event_failed(tmp_path: Path, capsys) -> None:
    m = write_manifest(tmp_path, [inline("good", A, B), "{oops", inline("../up", A, B)])
    out = tmp_path / "out"
    code = main(["batch", str(m), "--out", str(out), "--format", "json"])
    err = capsys.readouterr().err
    assert code == 2
    assert "line 2" in err and "not valid JSON" in err and "line 3" in err
    assert (out / "good.json").exists() and not (tmp_path / "up.json").exists()
    assert "Traceback" not in err


def test_cli_exit_code_0_and_force(tmp_path: Path, capsys) -> None:
    m = write_manifest(tmp_path, [inline("good", A, B)])
    out = tmp_path / "out"
    assert main(["batch", str(m), "--out", str(out), "--format", "json"]) == 0
    (out / "good.json").write_text("{}", encoding="utf-8")
    assert main(["batch", str(m), "--out", str(out), "--format", "json"]) == 0
    assert (out / "good.json").read_text(encoding="utf-8") == "{}"
    assert main(["batch", str(m), "--out", str(out), "--format", "json", "--force"]) == 0
    assert json.loads((out / "good.json").read_text(encoding="utf-8"))["schema"] == "covdiff/1"
    capsys.readouterr()


def test_cli_unreadable_manifest_is_one_line_exit_2(tmp_path: Path, capsys) -> None:
    code = main(["batch", str(tmp_path / "nope.jsonl"), "--out", str(tmp_path / "o")])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "nope.jsonl: no such file" in err


def test_bad_source_objects_are_failed_events(tmp_path: Path) -> None:
    m = write_manifest(
        tmp_path,
        [
            {"id": "both", "sources": [{"text": A, "path": "x.txt"}, {"text": B}]},
            {"id": "typo", "sources": [{"txt": A}, {"text": B}]},
            {"id": "js", "sources": [{"url": "javascript:alert(1)"}, {"text": B}]},
            {"id": "stdin", "sources": ["-", {"text": B}]},
            {"id": "notlist", "sources": "a.txt"},
            {"id": "emptytext", "sources": [{"text": "   "}, {"text": B}]},
            inline("fine", A, B),
        ],
    )
    res = batch(m, tmp_path / "out")
    reasons = {e.id: e.reason for e in res.events}
    assert res.ok == 1 and res.failed == 6
    assert "exactly one of" in reasons["both"] and "unknown key 'txt'" in reasons["typo"]
    assert "http" in reasons["js"] and "standard input" in reasons["stdin"]
    assert 'missing "sources"' in reasons["notlist"]
    assert "must be a non-empty string" in reasons["emptytext"]
