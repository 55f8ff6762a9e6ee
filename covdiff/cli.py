"""The command line: a thin layer over `covdiff.api`, the report writers and the TUI.

Errors become exit codes here and only here (`main`): a `CovdiffError` is one line on
stderr naming the input and the reason, exit 2; Ctrl-C is 130; ``--debug`` re-raises so a
developer sees the traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from covdiff import __version__
from covdiff.errors import CovdiffError, ExitCode, UsageError, one_line
from covdiff.options import Options

COMMANDS = ("demo", "tui", "compare", "batch", "extract")


class _DefaultToTui(click.Group):
    """`covdiff SOURCE...` means `covdiff tui SOURCE...`."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        first = next((a for a in args if not a.startswith("-") or a == "-"), None)
        if first is not None and first not in self.commands:
            idx = args.index(first)
            args = [*args[:idx], "tui", *args[idx:]]
        return super().parse_args(ctx, args)


def options_from_args(**kw: Any) -> Options:
    """The one place CLI arguments become an `Options` (unknown keys are ignored)."""
    fields = {k: v for k, v in kw.items() if v is not None and k in Options.__dataclass_fields__}
    if "cache_dir" in fields:
        fields["cache_dir"] = Path(fields["cache_dir"])
    try:
        return Options(**fields)
    except TypeError as exc:  # pragma: no cover - a programming error, not user input
        raise UsageError(str(exc)) from None


def _ingest_options(f: Any) -> Any:
    for opt in reversed(
        [
            click.option(
                "--label",
                "labels",
                multiple=True,
                help="Label for the next source, in order (repeatable).",
            ),
            click.option(
                "--threshold",
                type=click.FloatRange(0, 100),
                help="Least link confidence, 0-100 (default 35).",
            ),
            click.option(
                "--reference-year",
                type=int,
                help="Year the reports were written, for date arithmetic.",
            ),
            click.option(
                "--offline",
                is_flag=True,
                default=None,
                help="Never touch the network; URLs come from the cache.",
            ),
            click.option(
                "--refresh", is_flag=True, default=None, help="Refetch URLs even when cached."
            ),
            click.option(
                "--cache-dir",
                type=click.Path(file_okay=False),
                help="Where fetched pages are cached.",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0.1),
                help="Network timeout in seconds (default 15).",
            ),
            click.option(
                "--semantic",
                is_flag=True,
                default=None,
                help="Also weigh sentence embeddings (the optional semantic extra; slower).",
            ),
        ]
    ):
        f = opt(f)
    return f


@click.group(cls=_DefaultToTui, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="covdiff")
@click.option("--debug", is_flag=True, help="Show tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """Compare several outlets' reports of one event, claim by claim.

    \b
    covdiff demo                      the interactive view on a shipped example
    covdiff SOURCE...                 the interactive view on your sources
    covdiff compare SOURCE... --format text|json|md|html [-o FILE]
    covdiff batch MANIFEST --out DIR  many events at once
    covdiff extract SOURCE...         what covdiff read from each source

    A SOURCE is a .txt/.md/.html file, a directory, an http(s) URL, or - for stdin.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug


@cli.command()
@click.option("--threshold", type=click.FloatRange(0, 100), help="Least link score, 0-100.")
def demo(threshold: float | None) -> None:
    """Open the interactive view on the example event shipped with covdiff (offline)."""
    from covdiff.tui import run_app

    raise SystemExit(run_app([str(demo_dir())], options=options_from_args(threshold=threshold)))


def demo_dir() -> Path:
    return Path(__file__).parent / "demo"


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@_ingest_options
def tui(sources: Sequence[str], labels: Sequence[str], **kw: Any) -> None:
    """Open the interactive view on SOURCES (files, directories, URLs, -)."""
    from covdiff.tui import run_app

    raise SystemExit(run_app(list(sources), options=options_from_args(**kw), labels=list(labels)))


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "md", "html"]),
    default=None,
    help="Report format (default text).",
)
@click.option("--json", "as_json", is_flag=True, help="Shorthand for --format json.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    help="Write to FILE instead of stdout.",
)
@click.option(
    "--exit-code",
    is_flag=True,
    help="Exit 1 when a claim is missing somewhere or a conflict is found.",
)
@click.option(
    "--color/--no-color",
    default=None,
    help="Colour the text report (default: when stdout is a terminal).",
)
@_ingest_options
def compare(
    sources: Sequence[str],
    labels: Sequence[str],
    fmt: str | None,
    as_json: bool,
    output: str | None,
    exit_code: bool,
    color: bool | None,
    **kw: Any,
) -> None:
    """Compare SOURCES and write one report (text, json, md or html)."""
    from covdiff.api import compare as run_compare
    from covdiff.reports import render

    if as_json and fmt not in (None, "json"):
        raise UsageError("--json contradicts --format " + str(fmt))
    fmt = "json" if as_json else (fmt or "text")
    options = options_from_args(**kw)
    cmp = run_compare(list(sources), options=options, labels=list(labels))
    for w in cmp.warnings:
        click.echo(f"covdiff: warning: {one_line(w)}", err=True)
    if color is None:
        color = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = render(cmp, fmt, color=bool(color) and fmt == "text")
    _write(text, output)
    if exit_code:
        n = len(cmp.sources)
        if cmp.conflicts() or any(len(c.sources) < n for c in cmp.claims):
            raise SystemExit(ExitCode.DIFFERENCES)


def _write(text: str, output: str | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from covdiff.batch import write_atomic

    path = Path(output)
    try:
        if path.exists() and not path.is_file() and not path.is_dir():
            # A device or pipe (/dev/null, a FIFO): write into it; replacing it would turn
            # /dev/null into a regular file for every program on the machine.
            with path.open("w", encoding="utf-8") as fh:
                fh.write(text)
            return
        write_atomic(path, text)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror or exc})") from None


@cli.command()
@click.argument("manifest", type=click.Path(dir_okay=False))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    default="covdiff-out",
    show_default=True,
    help="Folder for the reports and the index.",
)
@click.option(
    "--format",
    "formats",
    type=click.Choice(["json", "md", "html", "text"]),
    multiple=True,
    help="Report format(s), repeatable (default html and json).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Events compared in parallel (processes).",
)
@click.option("--force", is_flag=True, help="Rewrite reports that already exist.")
@_ingest_options
def batch(
    manifest: str,
    out_dir: str,
    formats: Sequence[str],
    workers: int,
    force: bool,
    labels: Sequence[str],
    **kw: Any,
) -> None:
    """Compare many events listed in MANIFEST (JSON Lines) and write one report each."""
    from covdiff.batch import run_batch

    if labels:
        raise UsageError("--label does not apply to batch; give labels in the manifest")
    result = run_batch(
        Path(manifest),
        out_dir=Path(out_dir),
        formats=list(formats) or ["html", "json"],
        workers=workers,
        force=force,
        options=options_from_args(**kw),
        progress=True,
    )
    if result.failed:
        raise SystemExit(ExitCode.BAD_INPUT)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per source and line.")
@_ingest_options
def extract(sources: Sequence[str], labels: Sequence[str], as_json: bool, **kw: Any) -> None:
    """Show the article text covdiff reads from each SOURCE."""
    import json

    from covdiff.api import segment
    from covdiff.sources import load_documents

    docs = load_documents(list(sources), options=options_from_args(**kw), labels=list(labels))
    for n, doc in enumerate(docs, start=1):
        for w in doc.warnings:
            click.echo(f"covdiff: warning: {one_line(f'{doc.label}: {w}')}", err=True)
        if as_json:
            src = segment(doc, f"s{n}")
            record = {
                "origin": doc.origin,
                "label": doc.label,
                "title": doc.title,
                "published": doc.published,
                "text": doc.text,
                "sentences": [
                    {"text": s.text, "start": s.start, "end": s.end, "kind": s.kind.value}
                    for s in src.sentences
                ],
            }
            sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if len(docs) > 1:
                sys.stdout.write(f"==> {doc.label} ({doc.origin}) <==\n")
            sys.stdout.write(doc.text.rstrip("\n") + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Console entry point: run the CLI and map every failure to an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        cli.main(args=args, prog_name="covdiff", standalone_mode=False)
    except CovdiffError as exc:
        if debug:
            raise
        click.echo(f"covdiff: error: {one_line(str(exc))}", err=True)
        return int(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("covdiff: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except KeyboardInterrupt:
        if debug:
            raise
        click.echo("covdiff: interrupted", err=True)
        return int(ExitCode.INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        return int(ExitCode.BAD_INPUT)
    except SystemExit as exc:
        return int(exc.code or 0) if not isinstance(exc.code, str) else 2
    except BrokenPipeError:
        # stdout closed early (`covdiff compare ... | head`): not an error of covdiff's.
        sys.stderr.close()
        return int(ExitCode.OK)
    return int(ExitCode.OK)


if __name__ == "__main__":
    raise SystemExit(main())
