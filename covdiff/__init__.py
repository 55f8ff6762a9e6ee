"""covdiff: align several outlets' reports of one event, claim by claim.

The core (sources, sentences, alignment, model, reports) imports neither textual nor rich;
the terminal UI lives in `covdiff.tui` and is imported only when it runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Options", "__version__", "compare"]

if TYPE_CHECKING:
    from covdiff.api import compare
    from covdiff.options import Options


def __getattr__(name: str) -> Any:
    # Lazy: `import covdiff` stays cheap for the CLI's --help and --version.
    if name == "compare":
        from covdiff.api import compare

        return compare
    if name == "Options":
        from covdiff.options import Options

        return Options
    raise AttributeError(name)
