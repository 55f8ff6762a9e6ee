"""Hostile URLs, odd sets of sources, broken batch manifests, and what reaches a real terminal.

Nothing here touches the real network: the resolver is patched so that only the loopback
server (`tests/loopback.py`) resolves, and every other host fails at once.
"""

from __future__ import annotations

import contextlib
import io
import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from covdiff.batch import run_batch
from covdiff.options import Options

from .conftest import ROOT, SEED_EVENT
from .hostile_support import GOOD, assert_one_line_error, assert_valid_comparison, run
from .loopback import LoopbackServer, loopback  # noqa: F401  (the fixture)

LOOPBACK_HOSTS = {"127.0.0.1", "localhost"}


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[str]]:
    """Only loopback resolves; yields the other host names covdiff tried to resolve."""
    real = socket.getaddrinfo
    asked: list[str] = []

    def resolve(host: object, *args: object, **kwargs: object) -> object:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in LOOPBACK_HOSTS:
            asked.append(name)
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    monkeypatch.setenv("COVDIFF_CACHE_DIR", str(tmp_path / "cache"))
    yield asked


URLS: list[tuple[str, str]] = [
    ("file:///etc/passwd", "unsupported URL scheme 'file'"),
    ("FILE:///etc/passwd", "unsupported URL scheme 'file'"),
    ("ftp://ftp.example.invalid/report.txt", "unsupported URL scheme 'ftp'"),
    ("javascript:alert(document.cookie)", "unsupported URL scheme 'javascript'"),
    ("data:text/html,<script>alert(1)</script>", "unsupported URL scheme 'data'"),
    ("http://", "no host name"),
    ("http:///etc/passwd", "no host name"),
    ("http://[::1", "not a valid URL"),
    ("http://news.example.invalid/story", "cannot resolve host 'news.example.invalid'"),
    ("https://" + "a" * 300 + ".invalid/", "a" * 300),
    ("http://127.0.0.1:99999/", "127.0.0.1:99999"),
    ("http://exa\x00mple.invalid/", "exa\\x00mple"),
]


@pytest.mark.parametrize(("url", "words"), URLS, ids=[u[:40] for u, _ in URLS])
def test_hostile_url_is_a_clear_error(
    url: str, words: str, no_network: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.perf_counter()
    code, out, err = run(["compare", url, GOOD], capsys)
    assert time.perf_counter() - started < 2, "must fail fast, not wait on a resolver"
    assert code == 2 and out == ""
    assert_one_line_error(err, words)
    # Schemes other than http(s) are refused before any name is looked up.
    if not url.lower().startswith("http"):
        assert no_network == []


def test_gzip_bomb_from_a_server_stops_at_the_cap(
    loopback: LoopbackServer,  # noqa: F811
    no_network: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = loopback.url("/gzip-bomb")
    started = time.perf_counter()
    code, _, err = run(["compare", url, GOOD], capsys)
    assert code == 2
    assert time.perf_counter() - started < 10
    assert_one_line_error(err, url, "over the 20,971,520-byte limit")


def test_a_server_sending_a_pdf_is_refused(
    loopback: LoopbackServer,  # noqa: F811
    no_network: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(["compare", loopback.url("/pdf"), GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "/pdf", "a PDF document")


def test_url_with_undecodable_bytes_is_fetched_and_reported(
    loopback: LoopbackServer,  # noqa: F811
    no_network: list[str],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # A non-UTF-8 byte in a command-line URL arrives as a lone surrogate: the page is
    # fetched, the cache skips what it cannot write, and the report is valid UTF-8.
    code, out, err = run(["compare", loopback.url("/article?\udcff"), GOOD, "--json"], capsys)
    assert code == 0, err
    out.encode("utf-8")  # strict: no surrogate reached the output
    assert_valid_comparison(out, sources=2)


# --- how many sources, and which -------------------------------------------------------------


def test_no_source_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["compare"], capsys)
    assert code == 2 and out == ""
    assert "Missing argument" in err and "Traceback" not in err


def test_one_source_is_not_a_comparison(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["compare", GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "need at least two sources", "got 1")


def test_a_directory_holding_one_report_is_one_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "only.txt").write_text("Putin landed in Pyongyang.", encoding="utf-8")
    code, _, err = run(["compare", str(tmp_path)], capsys)
    assert code == 2
    assert_one_line_error(err, "need at least two sources")


def test_identical_sources_carry_every_claim(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(Path(GOOD).read_bytes())
    code, out, err = run(["compare", GOOD, str(copy), "--json"], capsys)
    assert code == 0, err
    data = assert_valid_comparison(out, sources=2)
    assert all(c["sources"] == ["s1", "s2"] for c in data["claims"])
    assert data["links"] and all(lk["relation"] == "same" for lk in data["links"])


def test_the_same_source_twice(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["compare", GOOD, GOOD, "--json", "--exit-code"], capsys)
    assert code == 0, err  # nothing missing, nothing in conflict
    data = assert_valid_comparison(out, sources=2)
    assert [s["label"] for s in data["sources"]] == [Path(GOOD).stem] * 2


def test_thirty_sources(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    reports = sorted(SEED_EVENT.glob("*.txt"))
    for n in range(30):
        text = reports[n % len(reports)].read_text(encoding="utf-8")
        paragraphs = text.split("\n")
        # Each outlet keeps a different slice of its model report, so claims differ.
        kept = paragraphs[n % 3 :: 1 + n % 2]
        (tmp_path / f"outlet{n:02d}.txt").write_text("\n".join(kept), encoding="utf-8")
    code, out, err = run(["compare", str(tmp_path), "--json"], capsys)
    assert code == 0, err
    data = assert_valid_comparison(out, sources=30)
    assert [s["label"] for s in data["sources"]] == [f"outlet{n:02d}" for n in range(30)]


def test_more_labels_than_sources_and_hostile_labels(capsys: pytest.CaptureFixture[str]) -> None:
    labels = ["a\nb", "\x1b[2J", "extra"]
    code, out, err = run(
        ["compare", GOOD, GOOD, "--json", *(x for lb in labels for x in ("--label", lb))], capsys
    )
    assert code == 0, err
    data = assert_valid_comparison(out, sources=2)
    assert [s["label"] for s in data["sources"]] == labels[:2]  # kept verbatim in JSON


def test_output_to_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "no" / "such" / "report.json"
    code, _, err = run(["compare", GOOD, GOOD, "-o", str(target)], capsys)
    assert code == 2
    assert_one_line_error(err, "report.json", "cannot write")


# --- batch: one bad event is reported, the others go on -------------------------------------

GOOD_EVENT = {"id": "good", "sources": [GOOD, {"label": "copy", "path": GOOD}]}
BAD_LINES: list[tuple[object, str]] = [
    ('{"id": "truncated", "sources": [', "not valid JSON"),
    ("[" * 100_000, "nested too deeply"),
    ('["a list"]', "not a JSON object"),
    ({"id": "../escape", "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": "/etc/passwd", "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": "..", "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": ".hidden", "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": "a\x00b", "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": "x" * 101, "sources": [GOOD, GOOD]}, "invalid id"),
    ({"id": "index", "sources": [GOOD, GOOD]}, "reserved name"),
    ({"id": "CON.txt", "sources": [GOOD, GOOD]}, "reserved name"),
    ({"id": "GOOD", "sources": [GOOD, GOOD]}, "duplicate id"),
    ({"id": 7, "sources": [GOOD, GOOD]}, 'missing "id"'),
    ({"id": "nosources"}, 'missing "sources"'),
    ({"id": "lonely", "sources": [GOOD]}, "at least two sources"),
    ({"id": "stdin", "sources": ["-", GOOD]}, "standard input"),
    ({"id": "missing", "sources": ["nowhere.txt", GOOD]}, "no such file"),
    ({"id": "device", "sources": ["/dev/zero", GOOD]}, "is a device"),
    ({"id": "nulpath", "sources": [{"path": "a\x00b"}, GOOD]}, "NUL character"),
    ({"id": "longpath", "sources": [{"path": "y" * 5000}, GOOD]}, "too long"),
    ({"id": "badurl", "sources": [{"url": "file:///etc/passwd"}, GOOD]}, "scheme 'file'"),
    ({"id": "ipv6", "sources": ["http://[::1", GOOD]}, "not a valid URL"),
    ({"id": "emptytext", "sources": [{"text": " "}, GOOD]}, "must be a non-empty string"),
    ({"id": "binary", "sources": [{"text": "<p>\x00</p>"}, GOOD]}, "no visible text"),
]


def test_batch_reports_each_bad_event_and_runs_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [GOOD_EVENT, *(line for line, _ in BAD_LINES)]
    manifest = tmp_path / "events.jsonl"
    manifest.write_text(
        "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    code, _, err = run(["batch", str(manifest), "--out", str(out_dir)], capsys)
    assert code == 2  # some event failed
    assert "Traceback" not in err
    # The good event is written; the bad ones are reported one line each, by line number.
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "good.html",
        "good.json",
        "index.html",
        "index.md",
    ]
    assert_valid_comparison((out_dir / "good.json").read_text(encoding="utf-8"))
    failures = [line for line in err.splitlines() if line.startswith("covdiff: error:")]
    assert len(failures) == len(BAD_LINES)
    for number, (_, words) in enumerate(BAD_LINES, start=2):
        line = next(f for f in failures if f.startswith(f"covdiff: error: line {number}:"))
        assert words in line, line
        assert_one_line_error(line, words)
    index = (out_dir / "index.md").read_text(encoding="utf-8")
    assert f"{len(BAD_LINES)} failed" in index
    # Nothing was written anywhere but the output folder.
    after = {p for p in tmp_path.rglob("*")}
    assert {p for p in after - before if out_dir not in p.parents and p != out_dir} == set()


def test_batch_event_with_escaped_surrogates_is_compared(tmp_path: Path) -> None:
    manifest = tmp_path / "events.jsonl"
    # JSON allows "\\ud800" escapes that decode to lone surrogates, which UTF-8 cannot hold.
    manifest.write_text(
        '{"id": "odd", "sources": [{"label": "\\ud800", "text": "A met B \\udfff."}, '
        + json.dumps(GOOD)
        + "]}\n",
        encoding="utf-8",
    )
    out_dir = tmp_path / "out"
    log = io.StringIO()
    result = run_batch(
        manifest, out_dir=out_dir, formats=["json", "html"], workers=1, force=False,
        options=Options(), progress=False, err=log,
    )  # fmt: skip
    assert (result.ok, result.failed) == (1, 0), log.getvalue()
    data = assert_valid_comparison((out_dir / "odd.json").read_text(encoding="utf-8"))
    assert data["sources"][0]["label"] == "\ufffd"


# --- through a real terminal process ---------------------------------------------------------


def covdiff_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "covdiff.cli", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_a_real_process_shows_one_line_and_no_traceback(tmp_path: Path) -> None:
    missing = str(tmp_path / "nowhere.txt")
    proc = covdiff_process("compare", missing, GOOD)
    assert proc.returncode == 2 and proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert err == f"covdiff: error: {missing}: no such file or directory\n"


def test_a_real_process_with_debug_shows_the_traceback(tmp_path: Path) -> None:
    proc = covdiff_process("--debug", "compare", str(tmp_path / "nowhere.txt"), GOOD)
    assert proc.returncode != 0
    err = proc.stderr.decode("utf-8")
    assert "Traceback (most recent call last)" in err and "SourceError" in err


def test_a_real_process_fed_100_mb_on_stdin_stops_at_the_cap() -> None:
    block = b"Putin landed in Pyongyang. " * 40_000  # about 1 MB
    proc = subprocess.Popen(
        [sys.executable, "-m", "covdiff.cli", "compare", "-", GOOD],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=ROOT,
    )
    assert proc.stdin is not None
    sent = 0
    # A broken pipe is what we want: covdiff stopped reading at its cap and exited.
    with contextlib.suppress(BrokenPipeError):
        for _ in range(100):
            proc.stdin.write(block)
            sent += len(block)
    with contextlib.suppress(BrokenPipeError):
        proc.stdin.close()
    assert proc.stdout is not None and proc.stderr is not None
    err = proc.stderr.read()
    proc.stdout.close()
    proc.stderr.close()
    assert proc.wait(timeout=60) == 2
    assert err.decode("utf-8") == (
        "covdiff: error: <stdin>: input is over the 20,971,520-byte limit\n"
    )
    assert sent < 100 * len(block), "covdiff should stop reading long before 100 MB"


def test_a_real_process_escapes_a_hostile_file_name(tmp_path: Path) -> None:
    name = str(tmp_path / "x\x1b]0;pwned\x07\ny.txt")
    proc = covdiff_process("compare", name, GOOD)
    assert proc.returncode == 2
    err = proc.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "\x1b" not in err and "\\x1b]0;pwned\\x07\\x0ay.txt" in err
