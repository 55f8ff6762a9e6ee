"""The interactive comparison (Textual). Only this package imports textual.

`run_app` is what `covdiff demo`, `covdiff tui` and `covdiff SOURCE...` call: it reads the
sources first, so unreadable input is a one-line error and exit 2 before the screen is
taken over, then opens the app, which aligns in a worker behind a loading indicator.
`make_app` builds the app from a domain object, for tests and embedding.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from covdiff.errors import SourceError, UsageError
from covdiff.model import Comparison
from covdiff.options import Options
from covdiff.sources import Document, SourceSpec, load_documents

if TYPE_CHECKING:
    from covdiff.tui.app import CovdiffApp, Loader

__all__ = ["make_app", "run_app"]


def make_app(
    comparison: Comparison | None = None,
    *,
    options: Options | None = None,
    loader: Loader | None = None,
    documents: Sequence[Document] | None = None,
    notices: Iterable[str] = (),
) -> CovdiffApp:
    """The app showing ``comparison`` (or aligning ``documents`` once it is running).

    ``loader`` reads sources added from inside the app; it has the signature of
    `covdiff.sources.load_documents` (the default, with ``options``).
    """
    from covdiff.tui.app import CovdiffApp

    return CovdiffApp(
        comparison, documents=documents, options=options, loader=loader, notices=notices
    )


def run_app(sources: list[str], *, options: Options, labels: list[str] | None = None) -> int:
    """Read ``sources``, open the app, return the exit status.

    Sources that cannot be read become notifications in the app; with fewer than two
    readable sources there is nothing to compare, and `UsageError` (exit 2) names the
    failures instead.
    """
    failures: list[SourceError] = []

    def on_loaded(spec: SourceSpec, result: Document | SourceError) -> None:
        if isinstance(result, SourceError):
            failures.append(result)

    docs = load_documents(sources, options=options, labels=labels or None, on_loaded=on_loaded)
    if len(docs) < 2:
        why = "; ".join(str(f) for f in failures)
        raise UsageError(
            f"need at least two readable sources to compare, got {len(docs)}"
            + (f" ({why})" if why else "")
        )
    if "-" in sources:
        _keyboard_from_terminal()
    app = make_app(
        documents=docs,
        options=options,
        notices=[f"Skipped a source: {f}" for f in failures],
    )
    app.run()
    return app.return_code or 0


def _keyboard_from_terminal() -> None:
    """After ``-`` read a pipe, take keys from the terminal instead of the spent pipe.

    Textual reads keys from file descriptor 0; ``cat report.txt | covdiff tui - b.txt``
    leaves it at end of file, so the app would start deaf. Point it at the controlling
    terminal, as pagers do.
    """
    if os.isatty(0):
        return
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        raise UsageError(
            "the interactive view needs a terminal; use `covdiff compare` on piped input"
        ) from None
    os.dup2(fd, 0)
    os.close(fd)
