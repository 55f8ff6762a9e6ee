"""The command line, through click's runner and through `main` for exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from covdiff.cli import cli, main

from .conftest import SEED, SEED_EVENT


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_compare_json_on_the_seed_event_is_covdiff_1(capsys) -> None:
    code, out, _ = run(["compare", str(SEED_EVENT), "--format", "json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["schema"] == "covdiff/1"
    assert [s["label"] for s in data["sources"]] == ["aljazeera", "feature", "liveblog", "wire"]


def test_json_flag_is_a_shorthand(capsys) -> None:
    code, out, _ = run(["compare", str(SEED_EVENT), "--json"], capsys)
    assert code == 0 and json.loads(out)["schema"] == "covdiff/1"


def test_text_report_names_every_source(capsys) -> None:
    code, out, _ = run(["compare", str(SEED_EVENT)], capsys)
    assert code == 0
    for label in ("aljazeera", "feature", "liveblog", "wire"):
        assert label in out


def test_sources_keep_the_order_given_and_labels_override(capsys) -> None:
    files = sorted(SEED_EVENT.glob("*.txt"))[::-1]
    code, out, _ = run(
        ["compare", *map(str, files), "--json", "--label", "first", "--label", "second"], capsys
    )
    assert code == 0
    labels = [s["label"] for s in json.loads(out)["sources"]]
    assert labels[:2] == ["first", "second"]
    assert labels[2] == files[2].stem


def test_standard_input_is_a_source(monkeypatch, capsys) -> None:
    import io
    import sys

    data = SEED.read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    code, out, _ = run(["compare", "-", str(SEED), "--json"], capsys)
    assert code == 0
    doc = json.loads(out)
    assert doc["sources"][0]["origin"] == "<stdin>"
    assert all(lk["relation"] == "same" for lk in doc["links"])


def test_output_file_is_written(tmp_path: Path, capsys) -> None:
    target = tmp_path / "report.json"
    code, out, _ = run(["compare", str(SEED_EVENT), "--json", "-o", str(target)], capsys)
    assert code == 0 and out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "covdiff/1"


def test_exit_code_flag_reports_differences(capsys) -> None:
    code, _, _ = run(["compare", str(SEED_EVENT), "--exit-code"], capsys)
    assert code == 1
    code, _, _ = run(["compare", str(SEED), str(SEED), "--exit-code"], capsys)
    assert code == 0


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["compare", "no/such/file.txt", "x.txt"], "no/such/file.txt: no such file"),
        (["compare", "ftp://example.org/a", "x"], "unsupported URL scheme"),
        (["compare", str(SEED)], "need at least two sources"),
        (["compare", str(SEED), str(SEED), "--format", "pdf"], "pdf"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args, needle, capsys) -> None:
    code, _, err = run(args, capsys)
    assert code == 2
    assert needle in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback() -> None:
    from covdiff.errors import SourceError

    with pytest.raises(SourceError):
        main(["--debug", "compare", "no/such/file.txt", "x.txt"])


def test_empty_directory_is_a_clear_error(tmp_path: Path, capsys) -> None:
    code, _, err = run(["compare", str(tmp_path), str(SEED)], capsys)
    assert code == 2 and "holds no .txt" in err


def test_extract_json_lists_sentences(capsys) -> None:
    code, out, _ = run(["extract", str(SEED), "--json"], capsys)
    assert code == 0
    rec = json.loads(out.splitlines()[0])
    assert rec["label"] == SEED.stem
    assert rec["sentences"][0]["text"].startswith("As their relationship grows")
    for s in rec["sentences"]:
        assert rec["text"][s["start"] : s["end"]] == s["text"]


def test_every_command_has_help_text() -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name, command in cli.commands.items():
        assert command.help, f"{name} has no help text"
        sub = runner.invoke(cli, [name, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output


def test_version_is_printed() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0 and "covdiff" in result.output


def test_writing_to_a_device_writes_into_it_and_keeps_it(tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "pipe"
    import os
    import threading

    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run(["compare", str(SEED), str(SEED), "--json", "-o", str(fifo)], capsys)
    reader.join(timeout=30)
    assert code == 0
    assert json.loads(got[0])["schema"] == "covdiff/1"
    assert not fifo.is_file() and fifo.exists()
