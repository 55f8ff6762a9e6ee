"""Batch mode: compare many events listed in a JSON Lines manifest, one report set each.

Guarantees:

- One bad event never stops the others. A line that is not JSON, an event without a valid
  id, with fewer than two sources, or with a source that cannot be read is a failed event
  with a one-line reason, reported on stderr and in the index; every other event still runs.
- Nothing is written outside the output folder: event ids must match ``ID_PATTERN``
  (no separators, no ``..``, no leading dot, at most 100 characters, no control
  characters) and must not be a reserved name (``index``, Windows device names).
- Every file is written atomically (a temporary file in the same folder, then
  `os.replace`) as UTF-8 with ``\\n`` line ends: a crash leaves old or new files, never
  half of one.
- Deterministic: reports and the index depend only on the manifest and the sources, never
  on worker count, completion order or the clock; events keep manifest order.
- Existing reports are kept (the event is "skipped") unless ``force``; an event with some
  reports missing is compared again and only the missing ones are written.
- ``workers > 1`` runs events in separate processes; with 1 everything runs in-process.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import sys
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal, TextIO

from covdiff.errors import CovdiffError, SourceError, UsageError, one_line
from covdiff.options import Options
from covdiff.reports import EXTENSIONS, FORMATS, render
from covdiff.sources import SourceSpec, expand_specs, parse_spec

ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
# "index" would overwrite the index; the others are device names on Windows, where
# "con.html" cannot be created, so an archive copied there would break.
RESERVED_IDS = frozenset(
    {"index", "con", "prn", "aux", "nul"}
    | {f"com{n}" for n in range(10)}
    | {f"lpt{n}" for n in range(10)}
)
Status = Literal["ok", "skipped", "failed"]


@dataclass(frozen=True, slots=True)
class EventResult:
    """What happened to one manifest line."""

    id: str
    """The id as given (possibly invalid: shown escaped, never used as a path then)."""
    line: int
    status: Status
    reason: str = ""
    """For failed events: one line naming the input and what is wrong."""
    labels: tuple[str, ...] = ()
    counts: dict[str, int] | None = None
    """`Comparison.counts()`; for skipped events read back from their JSON report if any."""
    files: tuple[str, ...] = ()
    """Report file names (relative to the output folder) that exist for this event."""


@dataclass(slots=True)
class BatchResult:
    ok: int
    failed: int
    skipped: int
    events: list[EventResult] = field(default_factory=list)
    out_dir: Path = Path()
    seconds: float = 0.0
    """Wall-clock time of the run (for the caller; written nowhere)."""


@dataclass(frozen=True, slots=True)
class _Job:
    """One event to compare, as sent to a worker process (everything picklable)."""

    id: str
    line: int
    specs: tuple[SourceSpec, ...]
    outputs: tuple[tuple[str, str], ...]
    """(format, file name) pairs to write."""
    existing: tuple[str, ...]
    out_dir: str
    options: Options


class EventError(ValueError):
    """A manifest line that cannot become an event; the message is the reason."""


def run_batch(
    manifest: Path,
    *,
    out_dir: Path,
    formats: Sequence[str],
    workers: int,
    force: bool,
    options: Options,
    progress: bool,
    err: TextIO | None = None,
) -> BatchResult:
    """Compare every event of ``manifest`` and write ``out_dir/<id>.<ext>`` plus an index.

    Raises `CovdiffError` only for problems with the run as a whole (unreadable manifest,
    unknown format, output folder that cannot be made); per-event problems are results.
    ``err`` (default stderr) receives failure lines and, when ``progress``, the bar.
    """
    started = time.perf_counter()
    err = err if err is not None else sys.stderr
    formats = list(dict.fromkeys(formats))  # a format named twice is written once
    for fmt in formats:
        if fmt not in FORMATS:
            raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if not formats:
        raise UsageError("no report format given")
    lines = _read_manifest(manifest)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"{out_dir}: cannot create the output folder ({exc.strerror})") from None
    if workers > 1:
        # Each process already uses a core; rapidfuzz's own threads would only contend.
        options = replace(options, workers=1)

    results: dict[int, EventResult] = {}
    jobs: list[_Job] = []
    seen: dict[str, int] = {}
    bar = _Progress(len(lines), err, enabled=progress)
    for number, raw in lines:
        try:
            event_id, specs = _parse_line(raw, base=manifest.parent)
            first = seen.setdefault(event_id.casefold(), number)
            if first != number:
                # Case-folded: "Fire" and "fire" are one file on macOS and Windows.
                raise EventError(f"duplicate id (first used on line {first})")
        except (EventError, SourceError) as exc:
            results[number] = _failed(_id_of(raw), number, str(exc))
            bar.message(_failure_line(results[number]))
            continue
        except Exception as exc:  # a bug on one odd line must not take the batch down
            reason = f"internal error: {type(exc).__name__}: {exc}"
            results[number] = _failed(_id_of(raw), number, reason)
            bar.message(_failure_line(results[number]))
            continue
        names = [(fmt, f"{event_id}.{EXTENSIONS[fmt]}") for fmt in formats]
        existing = tuple(n for _, n in names if (out_dir / n).exists())
        todo = tuple((f, n) for f, n in names if force or n not in existing)
        if not todo:
            results[number] = _skipped(event_id, number, out_dir, existing)
            continue
        kept = tuple(n for n in existing if n not in {n2 for _, n2 in todo})
        jobs.append(_Job(event_id, number, specs, todo, kept, str(out_dir), options))
    bar.update(len(results), _count_failed(results))

    for res in _execute(jobs, workers):
        results[res.line] = res
        if res.status == "failed":
            bar.message(_failure_line(res))
        bar.update(len(results), _count_failed(results))
    bar.close()

    events = [results[n] for n, _ in lines]
    _write_index(out_dir, events)
    return BatchResult(
        ok=sum(e.status == "ok" for e in events),
        failed=sum(e.status == "failed" for e in events),
        skipped=sum(e.status == "skipped" for e in events),
        events=events,
        out_dir=out_dir,
        seconds=time.perf_counter() - started,
    )


def _execute(jobs: list[_Job], workers: int) -> Iterator[EventResult]:
    """Yield results as events finish: in-process for one worker, else in a process pool."""
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield run_event(job)
        return
    # Import the engine and the writers before the pool forks (Linux's default start
    # method): every worker then starts warm instead of paying ~0.5 s of imports itself.
    import covdiff.api
    import covdiff.reports.html
    import covdiff.reports.markdown
    import covdiff.reports.text
    import covdiff.serialize  # noqa: F401

    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        futures = {pool.submit(run_event, job): job for job in jobs}
        try:
            for fut in as_completed(futures):
                try:
                    yield fut.result()
                except Exception as exc:  # a worker died (killed, out of memory)
                    job = futures[fut]
                    yield _failed(job.id, job.line, f"worker failed: {type(exc).__name__}: {exc}")
        except BaseException:
            # Ctrl-C or a dead worker: drop what has not started rather than wait for it.
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def run_event(job: _Job) -> EventResult:
    """Compare one event and write its reports (runs in a worker process when parallel)."""
    from covdiff.api import compare  # imported here so the parent stays light

    try:
        cmp = compare(list(job.specs), options=job.options)
    except CovdiffError as exc:
        return _failed(job.id, job.line, str(exc))
    except Exception as exc:  # a bug in one event must not take the batch down
        return _failed(job.id, job.line, f"internal error: {type(exc).__name__}: {exc}")
    out = Path(job.out_dir)
    try:
        for fmt, name in job.outputs:
            write_atomic(out / name, render(cmp, fmt))
    except OSError as exc:
        return _failed(job.id, job.line, f"cannot write {exc.filename or out}: {exc.strerror}")
    except Exception as exc:
        return _failed(job.id, job.line, f"internal error: {type(exc).__name__}: {exc}")
    files = sorted({*job.existing, *(n for _, n in job.outputs)}, key=_by_format_order)
    return EventResult(
        job.id,
        job.line,
        "ok",
        labels=tuple(s.label for s in cmp.sources),
        counts=cmp.counts(),
        files=tuple(files),
    )


def write_atomic(path: Path, text: str) -> None:
    """Write UTF-8 text with ``\\n`` line ends to ``path`` via a temporary sibling file.

    The temporary name is random and created exclusively (``O_EXCL``: never through a
    file or symlink planted under a predictable name), and ``os.replace`` swaps the name
    itself: a symlink at ``path`` is replaced by the report, never followed out of the
    folder.
    """
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with open(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


# --- the manifest ------------------------------------------------------------------------


def _read_manifest(manifest: Path) -> list[tuple[int, str]]:
    """Non-blank lines with their 1-based line numbers."""
    try:
        data = manifest.read_bytes()
    except FileNotFoundError:
        raise SourceError(str(manifest), "no such file") from None
    except OSError as exc:
        raise SourceError(str(manifest), exc.strerror or str(exc)) from None
    try:
        text = data.decode("utf-8-sig")  # a BOM from a Windows editor is not an error
    except UnicodeDecodeError as exc:
        raise SourceError(str(manifest), f"not UTF-8 (byte {exc.start})") from None
    return [(n, line) for n, line in enumerate(text.splitlines(), start=1) if line.strip()]


def _parse_line(raw: str, *, base: Path) -> tuple[str, tuple[SourceSpec, ...]]:
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise EventError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    except RecursionError:
        raise EventError("not valid JSON (nested too deeply)") from None
    if not isinstance(obj, dict):
        raise EventError("not a JSON object")
    event_id = obj.get("id")
    if not isinstance(event_id, str) or not event_id:
        raise EventError('missing "id" (a non-empty string)')
    check_id(event_id)
    sources = obj.get("sources")
    if not isinstance(sources, list):
        raise EventError('missing "sources" (a list)')
    given = [_spec(item, n, base) for n, item in enumerate(sources, start=1)]
    # A directory stands for the files in it, so count after expanding (as the CLI does).
    specs = tuple(expand_specs(given))
    if len(specs) < 2:
        raise EventError(f"needs at least two sources, got {len(specs)}")
    return event_id, specs


def check_id(event_id: str) -> None:
    """Raise EventError unless ``event_id`` is safe to use as a file name in the output."""
    if not ID_PATTERN.fullmatch(event_id):
        raise EventError(
            "invalid id: use 1-100 letters, digits, '.', '_' or '-', starting with a "
            "letter or digit (no '/', '..', spaces or control characters)"
        )
    if ".." in event_id:
        raise EventError("invalid id: '..' is not allowed")
    if event_id.split(".")[0].casefold() in RESERVED_IDS:
        raise EventError(f"invalid id: {event_id!r} is a reserved name")


def _spec(item: object, n: int, base: Path) -> SourceSpec:
    where = f"source {n}"
    if isinstance(item, str):
        if not item.strip():
            raise EventError(f"{where}: empty")
        if item == "-":
            raise EventError(f"{where}: standard input cannot be a batch source")
        return parse_spec(item, base=base)
    if not isinstance(item, dict):
        raise EventError(f"{where}: expected a string or an object")
    label = item.get("label")
    if label is not None and (not isinstance(label, str) or not label.strip()):
        raise EventError(f'{where}: "label" must be a non-empty string')
    kinds = [k for k in ("text", "path", "url") if k in item]
    extra = sorted(set(item) - {"label", "text", "path", "url"})
    if len(kinds) != 1 or extra:
        raise EventError(
            f'{where}: give exactly one of "text", "path" or "url" (and optionally "label")'
            + (f"; unknown key {extra[0]!r}" if extra else "")
        )
    kind = kinds[0]
    value = item[kind]
    if not isinstance(value, str) or not value.strip():
        raise EventError(f'{where}: "{kind}" must be a non-empty string')
    if kind == "text":
        return SourceSpec("text", value, label)
    if kind == "path":
        path = Path(value)
        return SourceSpec("path", str(path if path.is_absolute() else base / path), label)
    spec = parse_spec(value)
    if spec.kind != "url":
        raise EventError(f'{where}: "url" must be an http:// or https:// URL')
    return replace(spec, label=label)


def _id_of(raw: str) -> str:
    # Best effort, for the failure report of a line that did not parse as an event.
    try:
        obj = json.loads(raw)
    except (ValueError, RecursionError):
        return ""
    value = obj.get("id") if isinstance(obj, dict) else None
    return value if isinstance(value, str) else ""


def _failed(event_id: str, line: int, reason: str) -> EventResult:
    return EventResult(event_id, line, "failed", reason=" ".join(reason.split()))


def _skipped(event_id: str, line: int, out_dir: Path, existing: tuple[str, ...]) -> EventResult:
    labels: tuple[str, ...] = ()
    counts = None
    report = out_dir / f"{event_id}.json"
    if report.exists():
        # The JSON report holds the counts: the index stays complete without recomputing.
        try:
            data = json.loads(report.read_text(encoding="utf-8"))
            counts = {k: int(v) for k, v in data["counts"].items()}
            labels = tuple(str(s["label"]) for s in data["sources"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            counts, labels = None, ()
    files = tuple(sorted(existing, key=_by_format_order))
    return EventResult(event_id, line, "skipped", labels=labels, counts=counts, files=files)


def _by_format_order(name: str) -> int:
    ext = name.rsplit(".", 1)[-1]
    order = [EXTENSIONS[f] for f in FORMATS]
    return order.index(ext) if ext in order else len(order)


def _count_failed(results: dict[int, EventResult]) -> int:
    return sum(r.status == "failed" for r in results.values())


def _failure_line(res: EventResult) -> str:
    name = f"event {res.id!r}" if res.id else "event"
    return one_line(f"covdiff: error: line {res.line}: {name}: {res.reason}")


# --- progress ----------------------------------------------------------------------------


class _Progress:
    """``\\r[####    ] 12/200 events`` on a terminal; a line every tenth of the run otherwise."""

    WIDTH = 30

    def __init__(self, total: int, stream: TextIO, *, enabled: bool) -> None:
        self.total = total
        self.stream = stream
        self.enabled = enabled and total > 0
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = ""
        self.next_line_at = 0

    def update(self, done: int, failed: int) -> None:
        if not self.enabled:
            return
        tail = f" ({failed} failed)" if failed else ""
        if self.tty:
            filled = self.WIDTH * done // self.total
            bar = "#" * filled + " " * (self.WIDTH - filled)
            self.shown = f"[{bar}] {done}/{self.total} events{tail}"
            self.stream.write("\r" + self.shown)
            self.stream.flush()
        elif done >= self.next_line_at or done == self.total:
            # Logs get a line per tenth, not per event: 200 events make 11 lines, not 200.
            self.stream.write(f"covdiff: batch: {done}/{self.total} events{tail}\n")
            self.stream.flush()
            step = max(1, self.total // 10)
            self.next_line_at = (done // step + 1) * step

    def message(self, text: str) -> None:
        if self.tty and self.shown:
            self.stream.write("\r" + " " * len(self.shown) + "\r")
        self.stream.write(text + "\n")
        if self.tty and self.shown:
            self.stream.write(self.shown)
        self.stream.flush()

    def close(self) -> None:
        if self.enabled and self.tty and self.shown:
            self.stream.write("\n")
            self.stream.flush()


# --- the index ---------------------------------------------------------------------------


def _write_index(out_dir: Path, events: list[EventResult]) -> None:
    from covdiff.batch_index import index_html, index_md

    write_atomic(out_dir / "index.html", index_html(events))
    write_atomic(out_dir / "index.md", index_md(events))
