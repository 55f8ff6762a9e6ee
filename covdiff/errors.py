"""Errors covdiff raises for bad input, and the exit codes they become.

The CLI maps exceptions to exit codes in one place (`covdiff.cli.main`); everything else
raises these types with a message that names the input and the reason.
"""

from __future__ import annotations

from enum import IntEnum


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
