"""Errors covdiff raises for bad input, and the exit codes they become.

The CLI maps exceptions to exit codes in one place (`covdiff.cli.main`); everything else
raises these types with a message that names the input and the reason.
"""

from __future__ import annotations

import re
from enum import IntEnum

# Characters that would break a one-line message or drive the terminal showing it: C0/C1
# controls (newline, ESC, NUL...), DEL, line/paragraph separators and bidi overrides.
_UNSHOWABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def one_line(message: str) -> str:
    """``message`` safe to print as one terminal line: controls shown as ``\\xNN`` escapes.

    Messages name inputs, and input names (file names, URLs, manifest ids) are chosen by
    whoever made the input: a newline would forge a second message, an ESC sequence would
    retitle or clear the user's terminal.
    """
    return _UNSHOWABLE.sub(_escape, message)


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


class ExitCode(IntEnum):
    OK = 0
    """covdiff ran (whatever it found)."""
    DIFFERENCES = 1
    """Only with ``--exit-code``: a claim missing from some source, or a conflict."""
    BAD_INPUT = 2
    """Bad usage, or an input that cannot be read."""
    INTERRUPTED = 130
    """Interrupted by the user (Ctrl-C)."""


class CovdiffError(Exception):
    """Base of every error a user can cause; the message is shown as one line."""

    exit_code: ExitCode = ExitCode.BAD_INPUT


class UsageError(CovdiffError):
    """Bad options or arguments."""


class SourceError(CovdiffError):
    """A source cannot be read; ``origin`` names it."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class FetchError(SourceError):
    """A URL could not be fetched (network, HTTP status, size, type)."""


class ExtractionError(SourceError):
    """A page was read but no article text could be found in it."""
