"""Helpers shared by the hostile-input suites (`test_hostile*.py`, `test_security.py`).

Every hostile input goes through `covdiff.cli.main`, the console entry point, so the tests
see exactly what a user sees: the exit code, stdout and the one stderr line.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from covdiff.serialize import from_dict

from .conftest import SEED
from .test_contract import check_invariants

GOOD = str(SEED)
"""A well-formed report, the second source wherever the input under test is the first."""


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """``covdiff ARGV`` in-process: (exit code, stdout, stderr)."""
    from covdiff.cli import main

    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def assert_one_line_error(err: str, *words: str) -> str:
    """stderr is one ``covdiff: error:`` line (no traceback) holding every one of ``words``."""
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if not line.startswith("covdiff: warning:")]
    assert len(lines) == 1, err
    line = lines[0]
    assert line.startswith("covdiff: error: "), line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    # Input names are chosen by whoever made the input: no control character gets through.
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in line), repr(line)
    return line


def assert_valid_comparison(out: str, *, sources: int | None = None) -> dict[str, Any]:
    """stdout is a covdiff/1 JSON document meeting every invariant of the contract."""
    data = json.loads(out)
    check_invariants(from_dict(data))
    if sources is not None:
        assert len(data["sources"]) == sources
    return data


def write_sparse(path: Path, size: int, head: bytes = b"") -> Path:
    """A file of ``size`` bytes that starts with ``head`` and takes almost no disk or time.

    The rest is a hole (reads as NULs), so a 100 MB input costs nothing to make; covdiff must
    refuse it by its size before reading anything.
    """
    with open(path, "wb") as fh:
        fh.write(head)
        fh.truncate(size)
    assert path.stat().st_size == size
    return path


def running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0
