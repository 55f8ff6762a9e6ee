"""Time the TUI: first paint of ``covdiff demo`` and re-alignment after a threshold change.

Usage (from the repository root)::

    python benchmarks/bench_tui.py [--runs N] [--no-tmux]

Figures, each the median of N runs (default 5), with its target:

* first paint, in process: from building the app on the demo's documents (read already)
  to the first screen with sentences on it, under Pilot; then to the first alignment's
  marks. Each run is a fresh interpreter, so the lazily imported engine counts.
* first paint, whole process: ``covdiff demo`` started under tmux until the captured pane
  shows the first sentence, then until the detail panel shows the first selection.
* re-align: 5 sources × 40 sentences drawn from fixtures/events/putin-pyongyang (each
  source a seeded sample of the event's sentences, so they overlap the way outlets do);
  `Session.with_threshold(t).align()` with the prepared sources reused, and the same in the
  app: from the ``+`` key to the new marks installed.

* ``--large``: large comparisons (8 × 80 and 20 × 300 sentences, generated as in
  ``bench_perf.py`` and aligned beforehand): from app start to the columns drawn, and the
  median of a few cursor keys, each until the screen has settled (Pilot's pause, which
  adds its own few milliseconds).

Targets: first paint ≤ 1 s; re-align ≤ 200 ms. The script prints and never fails: timing
on shared machines is too noisy to gate CI on.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

if TYPE_CHECKING:
    from covdiff.sources import Document

DEMO = REPO / "covdiff" / "demo"
EVENT = REPO / "fixtures" / "events" / "putin-pyongyang"
FIRST_SENTENCE = "As their relationship grows"
PAINT_TARGET = 1.0
REALIGN_TARGET = 0.200


def _in_process_once() -> dict[str, float]:
    """One cold run (called in a child interpreter): seconds to sentences, to marks."""
    t_start = time.perf_counter()
    import covdiff.tui.app  # noqa: F401 - textual and the widgets, timed on their own
    from covdiff.options import Options
    from covdiff.sources import load_documents
    from covdiff.tui import make_app
    from covdiff.tui.sentence_list import SentenceList

    t_imported = time.perf_counter()
    docs = load_documents([str(DEMO)])
    t0 = time.perf_counter()
    app = make_app(documents=docs, options=Options())
    out: dict[str, float] = {"imports": t_imported - t_start}

    def on_display(screen: Any, renderable: Any) -> None:
        # Headless, `_display` receives each screen update the terminal would be sent.
        now = time.perf_counter() - t0
        if "sentences" not in out and any(
            lst.region_of(0) is not None for lst in app.query(SentenceList)
        ):
            out["sentences"] = now
        if "marks" not in out and app.comparison is not None:
            out["marks"] = now
        display(screen, renderable)

    display = app._display
    app._display = on_display  # type: ignore[method-assign]

    async def drive() -> None:
        async with app.run_test(size=(160, 48)) as pilot:
            while "marks" not in out:
                await pilot.pause(0.01)

    asyncio.run(drive())
    return out


def in_process(runs: int) -> dict[str, float]:
    results = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, __file__, "--child"], capture_output=True, text=True, check=True
        )
        results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return {k: statistics.median(r[k] for r in results) for k in results[0]}


def whole_process(runs: int) -> dict[str, float] | None:
    tmux = shutil.which("tmux")
    covdiff = shutil.which("covdiff")
    if tmux is None or covdiff is None:
        return None
    firsts, details = [], []
    for _ in range(runs):
        base = [tmux, "-L", f"covdiff-bench-{uuid.uuid4().hex[:8]}"]
        t0 = time.perf_counter()
        subprocess.run(
            [*base, "new-session", "-d", "-x", "160", "-y", "48", f"{covdiff} demo"], check=True
        )
        first = detail = None
        try:
            while time.perf_counter() - t0 < 20 and detail is None:
                screen = subprocess.run(
                    [*base, "capture-pane", "-p"], capture_output=True, text=True
                ).stdout
                now = time.perf_counter() - t0
                if first is None and FIRST_SENTENCE in screen:
                    first = now
                if "Detail ·" in screen:
                    detail = now
                time.sleep(0.005)
        finally:
            subprocess.run([*base, "kill-server"], capture_output=True)
        if first is not None and detail is not None:
            firsts.append(first)
            details.append(detail)
    if not firsts:
        return None
    return {"sentences": statistics.median(firsts), "marks": statistics.median(details)}


def synthetic_documents(n_sources: int = 5, n_sentences: int = 40) -> list[Document]:
    """Sources of ``n_sentences`` each, seeded samples of one event's sentences in order."""
    from covdiff.sentences import split_sentences
    from covdiff.sources import Document

    pool: list[str] = []
    for path in sorted(EVENT.glob("*.txt")) + sorted(EVENT.glob("*.md")):
        text = path.read_text(encoding="utf-8")
        pool += [text[sp.start : sp.end] for sp in split_sentences(text)]
    docs = []
    for k in range(n_sources):
        rng = random.Random(k)
        picked = sorted(rng.sample(range(len(pool)), n_sentences))
        docs.append(
            Document(
                origin=f"synthetic:{k}",
                label=f"outlet{k + 1}",
                text="\n".join(pool[i] for i in picked),
            )
        )
    return docs


def realign(runs: int) -> dict[str, float]:
    from covdiff.options import Options
    from covdiff.tui.session import Session

    docs = synthetic_documents()
    session = Session.from_documents(docs, options=Options())
    t = time.perf_counter()
    session.align()  # prepares every source once, as the app's first alignment does
    first = time.perf_counter() - t
    times = []
    for step in range(runs * 2):
        new = session.with_threshold(session.threshold + 5 * (1 + step % 3))
        t = time.perf_counter()
        new.align()
        times.append(time.perf_counter() - t)
    return {
        "first": first,
        "median": statistics.median(times),
        "max": max(times),
        "in_app": realign_in_app(docs, runs),
    }


def realign_in_app(docs: list[Document], runs: int) -> float:
    """From the ``+`` key to the new marks installed, in the running app."""
    from covdiff.options import Options
    from covdiff.tui import make_app

    app = make_app(documents=docs, options=Options())
    times: list[float] = []
    pending: dict[str, object] = {}

    def on_display(screen: Any, renderable: Any) -> None:
        # The first screen update showing the new comparison is the new marks painted.
        if pending and app.comparison is not pending["before"]:
            times.append(time.perf_counter() - pending.pop("t"))  # type: ignore[operator]
            pending.clear()
        display(screen, renderable)

    display = app._display
    app._display = on_display  # type: ignore[method-assign]

    async def drive() -> None:
        async with app.run_test(size=(200, 48)) as pilot:
            while app.comparison is None:
                await pilot.pause(0.01)
            for n in range(runs):
                await pilot.pause(0.05)
                pending.update(before=app.comparison, t=time.perf_counter())
                app.action_threshold(1 if n % 2 == 0 else -1)  # what the + / - keys call
                while pending:
                    await asyncio.sleep(0.001)

    asyncio.run(drive())
    return statistics.median(times)


def large(runs: int) -> None:
    """Open and browse large comparisons (see ``--large``)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from bench_perf import _prepared

    from covdiff.align import align
    from covdiff.tui import make_app

    print("large comparisons (Pilot 200×50; open = app start → columns drawn):")
    for n_sources, n_sentences in ((8, 80), (20, 300)):
        sources, prep = _prepared(n_sources, n_sentences)
        cmp = align(sources, prepared=prep)
        app = make_app(cmp)
        out: dict[str, Any] = {}

        async def drive(app: Any = app, out: dict[str, Any] = out) -> None:
            t = time.perf_counter()
            async with app.run_test(size=(200, 50)) as pilot:
                await pilot.pause()
                out["open"] = time.perf_counter() - t
                keys = []
                for _ in range(max(3, runs)):
                    t = time.perf_counter()
                    await pilot.press("down")
                    await pilot.pause()
                    keys.append(time.perf_counter() - t)
                out["key"] = statistics.median(keys)

        asyncio.run(drive())
        print(
            f"  {n_sources} × {n_sentences}: open {out['open']:6.2f} s   "
            f"key {out['key'] * 1000:5.0f} ms"
        )


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "OVER TARGET"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-tmux", action="store_true", help="skip the whole-process run")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--large", action="store_true", help="open and browse 8×80 and 20×300")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_in_process_once()))
        return
    if args.large:
        large(args.runs)
        return

    print(f"covdiff TUI benchmark (median of {args.runs} runs)")
    ip = in_process(args.runs)
    print("first paint, in process (demo, 4 sources, Pilot 160×48):")
    print(
        f"  imports (textual, covdiff.tui)  {ip['imports'] * 1000:7.0f} ms   "
        "(engine imported later, in the worker)"
    )
    print(
        f"  app start → sentences drawn     {ip['sentences'] * 1000:7.0f} ms   "
        f"target ≤ {PAINT_TARGET * 1000:.0f} ms  {_verdict(ip['sentences'], PAINT_TARGET)}"
    )
    print(f"  app start → alignment marks     {ip['marks'] * 1000:7.0f} ms")
    wp = None if args.no_tmux else whole_process(args.runs)
    if wp is None:
        print("first paint, whole process: skipped (needs tmux and the covdiff script)")
    else:
        print("first paint, whole process (`covdiff demo` under tmux 160×48):")
        print(
            f"  start → first sentence on screen {wp['sentences'] * 1000:6.0f} ms   "
            f"target ≤ {PAINT_TARGET * 1000:.0f} ms  {_verdict(wp['sentences'], PAINT_TARGET)}"
        )
        print(f"  start → marks and detail         {wp['marks'] * 1000:6.0f} ms")
    ra = realign(args.runs)
    print("re-align after a threshold change (5 sources × 40 sentences):")
    print(f"  first alignment (with prepare)  {ra['first'] * 1000:7.0f} ms")
    print(
        f"  re-align, prepared reused       {ra['median'] * 1000:7.0f} ms   "
        f"target ≤ {REALIGN_TARGET * 1000:.0f} ms  {_verdict(ra['median'], REALIGN_TARGET)}"
        f"  (max {ra['max'] * 1000:.0f} ms)"
    )
    print(
        f"  in the app, key → marks painted {ra['in_app'] * 1000:7.0f} ms   "
        f"target ≤ {REALIGN_TARGET * 1000:.0f} ms  {_verdict(ra['in_app'], REALIGN_TARGET)}"
    )


if __name__ == "__main__":
    main()
