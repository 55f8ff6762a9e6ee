"""Hostile local input: nothing crashes, nothing is lost, nothing hangs, memory stays bounded.

Each case below is one bad input and the outcome covdiff owes the user, run through the
console entry point (`covdiff compare BAD GOOD --json`, GOOD a well-formed report):

- ``error=...``: exit 2 and one stderr line ``covdiff: error: <input>: <reason>`` naming the
  input and holding those words, no traceback;
- no ``error``: exit 0 and a covdiff/1 document meeting every contract invariant, plus the
  case's own ``check`` on what was read.

HTML pages, URLs, source counts and batch manifests are in ``test_hostile_html.py`` and
``test_hostile_sources.py``; injection and path escapes in ``test_security.py``.
"""

from __future__ import annotations

import io
import os
import socket
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from covdiff.errors import SourceError

from .hostile_support import (
    GOOD,
    assert_one_line_error,
    assert_valid_comparison,
    run,
    running_as_root,
    write_sparse,
)

LIMIT = "over the 20,971,520-byte limit"
"""The default `Options.max_bytes` as the error message spells it."""


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[Path], str]
    """Writes the input under the given folder; returns the SOURCE argument."""
    error: str | None = None
    """Words of the expected one-line error; None when the comparison must succeed."""
    check: Callable[[dict[str, Any]], None] | None = None
    """Further checks on the hostile source's entry in the JSON output."""


def file(name: str, data: bytes | str) -> Callable[[Path], str]:
    def make(folder: Path) -> str:
        path = folder / name
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8", newline="")
        else:
            path.write_bytes(data)
        return str(path)

    return make


def sentences_are(n: int) -> Callable[[dict[str, Any]], None]:
    def check(src: dict[str, Any]) -> None:
        assert len(src["sentences"]) == n, [s["text"] for s in src["sentences"]]

    return check


def text_is(expected: str) -> Callable[[dict[str, Any]], None]:
    def check(src: dict[str, Any]) -> None:
        assert src["text"] == expected

    return check


def text_has(*pieces: str) -> Callable[[dict[str, Any]], None]:
    def check(src: dict[str, Any]) -> None:
        for piece in pieces:
            assert piece in src["text"]

    return check


def _empty_dir(folder: Path) -> str:
    (folder / "d").mkdir()
    (folder / "d" / "report.pdf").write_bytes(b"%PDF-1.7\n")
    (folder / "d" / "notes.docx").write_bytes(b"PK\x03\x04")
    return str(folder / "d")


def _fifo(folder: Path) -> str:
    # Nobody writes to it: covdiff must not wait forever for a writer.
    os.mkfifo(folder / "pipe.txt")
    return str(folder / "pipe.txt")


def _socket(folder: Path) -> str:
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "s.txt"))
    sock.close()  # the socket file stays
    return str(folder / "s.txt")


def _symlink_loop(folder: Path) -> str:
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    return str(folder / "loop.txt")


def _big_sparse(folder: Path) -> str:
    return str(write_sparse(folder / "big.txt", 100 * 1024 * 1024, b"Putin landed. " * 100))


SENTENCE_100K = ("word " * 20_000).strip()  # 99,999 characters, no punctuation at all
CJK = "普京周三抵达平壤金正恩在机场迎接他两国签署了全面战略伙伴关系条约" * 40
CJK_MARKED = "普京周三抵达平壤。金正恩在机场迎接他！两国签署了全面战略伙伴关系条约？"
ARABIC = "وصل بوتين إلى بيونغ يانغ يوم الأربعاء. واستقبله كيم في المطار. ووقعا معاهدة."
HEBREW = "פוטין נחת בפיונגיאנג ביום רביעי. קים קיבל את פניו בשדה התעופה."
EMOJI = (
    "Putin 🙂 landed in Pyongyang 🇰🇵 on Wednesday. Kim a\u0301 me\u0308t him 👨‍👩‍👧 there. "
    "Z\u0335\u0321a\u0337l\u0336g\u0334o text, skin tones 👍🏽, keycaps 1️⃣ and a variation ☃︎."
)
ACCENTED = "Café crème, naïve façade: the mayor paid €5 for a coffee."

CASES = [
    # --- what is not a readable file -----------------------------------------------------
    Case("missing path", lambda d: str(d / "nowhere.txt"), "no such file or directory"),
    Case("directory with no supported files", _empty_dir, "holds no .txt, .md, .html or .htm"),
    Case("named pipe nobody writes to", _fifo, "no text to compare"),
    Case("unix socket", _socket, "is a socket, not a file"),
    Case("endless device", lambda d: "/dev/zero", "is a device, not a file"),
    Case("symlink loop", _symlink_loop, "symbolic links"),
    Case("name too long", lambda d: str(d / ("x" * 5000 + ".txt")), "too long"),
    Case("path holding a NUL", lambda d: str(d / "a\x00b.txt"), "contains a NUL character"),
    Case("name with newline and ESC", lambda d: str(d / "a\nb\x1b]0;pwned\a.txt"), "a\\x0ab"),
    # --- what is not text -----------------------------------------------------------------
    Case("PNG image", file("x.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "a PNG image"),
    Case("random binary", file("x.txt", bytes(range(256)) * 64), "binary file"),
    Case("gzip data", file("x.txt", b"\x1f\x8b\x08\x00" + bytes(64)), "gzip-compressed"),
    Case("NUL bytes inside text", file("x.txt", b"Putin landed.\x00 Kim met him.\x00"), "NUL"),
    Case("empty file", file("x.txt", b""), "no text to compare"),
    Case("whitespace only", file("x.txt", " \n\t\r\n \u3000\n"), "no text to compare"),
    Case("100 MB text file", _big_sparse, LIMIT),
    # --- odd but valid text: read in full, nothing dropped -----------------------------------
    Case("single sentence", file("x.txt", "One sentence only."), check=sentences_are(1)),
    Case(
        "100,000 characters, no punctuation", file("x.txt", SENTENCE_100K), check=sentences_are(1)
    ),
    Case("a million characters, no space", file("x.txt", "a" * 1_000_000), check=sentences_are(1)),
    Case("punctuation only", file("x.txt", "?!" * 50_000), check=sentences_are(1)),
    Case("CJK without spaces or marks", file("x.txt", CJK), check=text_is(CJK)),
    Case("CJK with full-width marks", file("x.txt", CJK_MARKED), check=sentences_are(3)),
    Case("right-to-left Arabic", file("x.txt", ARABIC), check=sentences_are(3)),
    Case("right-to-left Hebrew", file("x.txt", HEBREW), check=sentences_are(2)),
    Case("emoji, ZWJ, flags and combining marks", file("x.txt", EMOJI), check=text_is(EMOJI)),
    Case(
        "invalid UTF-8",
        file("x.txt", b"Putin landed \xff\xfe\xc3 in Pyongyang. Kim met him \x80 there."),
        check=text_has("Putin landed", "Kim met him"),
    ),
    Case(
        "UTF-16 little-endian without BOM",
        file("x.txt", "Putin landed in Pyongyang. Kim met him.".encode("utf-16-le")),
        check=text_is("Putin landed in Pyongyang. Kim met him."),
    ),
    Case(
        "UTF-16 big-endian without BOM",
        file("x.txt", "Putin landed in Pyongyang. Kim met him.".encode("utf-16-be")),
        check=text_is("Putin landed in Pyongyang. Kim met him."),
    ),
    Case(
        "UTF-8 with BOM",
        file("x.txt", "\ufeffPutin landed. Kim met him."),
        check=text_is("Putin landed. Kim met him."),
    ),
    Case("legacy windows-1252", file("x.txt", ACCENTED.encode("cp1252")), check=text_is(ACCENTED)),
    Case(
        "CRLF and lone CR line ends",
        file("x.txt", b"Putin landed.\r\nKim met him.\rThey signed."),
        check=sentences_are(3),
    ),
    Case(
        "terminal escapes and controls in text",
        file("x.txt", "Putin \x1b[31mlanded\x07 in Pyongyang.\x0b Kim\x0c met him."),
        check=text_has("\x1b[31mlanded"),  # kept verbatim in JSON; reports neutralise it
    ),
    Case(
        "zero-width spaces instead of spaces",
        file("x.txt", "Putin\u200blanded\u200bin\u200bPyongyang.\u200bKim\u200bmet\u200bhim."),
        check=sentences_are(1),
    ),
    Case(
        "100,000 blank lines",
        file("x.txt", "\n" * 100_000 + "Putin landed."),
        check=sentences_are(1),
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_file(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = case.make(tmp_path)
    started = time.perf_counter()
    code, out, err = run(["compare", source, GOOD, "--json"], capsys)
    assert time.perf_counter() - started < 10, "a hostile input must not stall covdiff"
    if case.error is not None:
        assert code == 2 and out == ""
        line = assert_one_line_error(err, case.error)
        # The message names the input (escaped where the name holds control characters).
        assert Path(source).name.split("\x00")[0].split("\n")[0] in line
    else:
        assert code == 0, err
        data = assert_valid_comparison(out, sources=2)
        if case.check is not None:
            case.check(data["sources"][0])


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if running_as_root():
        pytest.skip("root reads a chmod 000 file; the FIFO, socket and device cases stand in")
    path = tmp_path / "secret.txt"
    path.write_text("Putin landed.", encoding="utf-8")
    path.chmod(0)
    code, _, err = run(["compare", str(path), GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "secret.txt", "Permission denied")


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs Linux /proc")
def test_a_file_that_fails_mid_read(capsys: pytest.CaptureFixture[str]) -> None:
    # Reading /proc/self/mem from offset 0 is an I/O error even for root: the read itself fails.
    code, _, err = run(["compare", "/proc/self/mem", GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "/proc/self/mem", "Input/output error")


def test_100_mb_file_is_refused_by_its_size_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = _big_sparse(tmp_path)
    tracemalloc.start()
    try:
        started = time.perf_counter()
        code, _, err = run(["compare", big, GOOD], capsys)
        seconds = time.perf_counter() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert code == 2
    assert_one_line_error(err, "big.txt", "104,857,600 bytes", LIMIT)
    assert seconds < 2
    assert peak < 5 * 1024 * 1024, f"{peak:,} bytes allocated for a refused file"


class EndlessText(io.RawIOBase):
    """A stream of sentences that never ends, like ``yes "Putin landed." | covdiff ...``."""

    def __init__(self) -> None:
        self.served = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        line = b"Putin landed in Pyongyang. "
        chunk = (line * (len(buffer) // len(line) + 1))[: len(buffer)]
        buffer[: len(chunk)] = chunk
        self.served += len(chunk)
        return len(chunk)


def test_endless_standard_input_stops_at_the_cap(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    endless = EndlessText()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    code, _, err = run(["compare", "-", GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "<stdin>", LIMIT)
    assert endless.served <= 22 * 1024 * 1024  # read up to the cap, then stopped


def test_empty_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    code, _, err = run(["compare", "-", GOOD], capsys)
    assert code == 2
    assert_one_line_error(err, "<stdin>", "no text to compare")


@pytest.fixture
def writer_pipe(tmp_path: Path) -> Iterator[Path]:
    """A named pipe with a writer already attached, as ``<(command)`` gives."""
    path = tmp_path / "fed.txt"
    os.mkfifo(path)
    reader_guard = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # lets the writer open at once
    writer = os.open(path, os.O_WRONLY)
    os.write(writer, b"Putin landed in Pyongyang. Kim met him.")
    os.close(writer)  # end of data: the reader sees EOF after the text
    try:
        yield path
    finally:
        os.close(reader_guard)


def test_a_pipe_with_a_writer_is_read(writer_pipe: Path, capsys) -> None:
    code, out, err = run(["compare", str(writer_pipe), GOOD, "--json"], capsys)
    assert code == 0, err
    data = assert_valid_comparison(out, sources=2)
    assert data["sources"][0]["text"] == "Putin landed in Pyongyang. Kim met him."


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from covdiff.cli import main

    with pytest.raises(SourceError, match="no such file"):
        main(["--debug", "compare", str(tmp_path / "nowhere.txt"), GOOD])


def test_undecodable_file_name_is_read_and_written_as_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Bytes that are not UTF-8 in a file name reach Python as lone surrogates; no writer
    # can encode those, so the label and origin show U+FFFD instead.
    name = os.fsdecode(os.fsencode(tmp_path) + b"/\xff\xfe.txt")
    Path(name).write_text("Putin landed in Pyongyang. Kim met him.", encoding="utf-8")
    report = tmp_path / "report.json"
    code, _, err = run(["compare", name, GOOD, "--json", "-o", str(report)], capsys)
    assert code == 0, err
    data = assert_valid_comparison(report.read_text(encoding="utf-8"), sources=2)
    assert data["sources"][0]["label"] == "\ufffd\ufffd"


REPEATED = "The committee met on Tuesday and agreed on the budget for the harbour repairs.\n"


def test_a_sentence_repeated_a_thousand_times_keeps_memory_small() -> None:
    from covdiff.api import compare_documents
    from covdiff.sources import Document

    docs = [Document("a", "a", REPEATED * 1000), Document("b", "b", REPEATED * 1000)]
    tracemalloc.start()
    try:
        compare_documents(docs)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # A thousand distinct sentences take about 12 MB; repetition must not cost more than 3x.
    assert peak < 40 * 1024 * 1024, f"{peak / 1e6:.0f} MB"


def test_identical_sources_with_a_repeated_line_carry_every_claim() -> None:
    from covdiff.api import compare_documents
    from covdiff.sources import Document

    text = REPEATED * 30
    cmp = compare_documents([Document("a", "a", text), Document("b", "b", text)])
    assert cmp.counts()["carried_by_one"] == 0
