"""Time `covdiff batch` on generated events with one worker and with two.

Usage (from the repository root)::

    python benchmarks/bench_batch.py [--events 200] [--format html --format json]

Generates EVENTS small events (three outlets, five to seven sentences each, drawn from
varied sentence templates with shuffled names, places and numbers, so outlets agree,
reword, conflict and add claims of their own) as files in a temporary folder, writes a
manifest, then runs the batch once with ``--workers 1`` and once with ``--workers 2``
(into separate output folders, same formats) and prints events per second for each and the
ratio. The reports of both runs are checked to be byte-identical. Generation is seeded:
every run times the same input.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from covdiff.batch import run_batch  # noqa: E402
from covdiff.options import Options  # noqa: E402

PEOPLE = ["Maria Okafor", "Tomas Berg", "Ana Lima", "Kenji Sato", "Ruth Adeyemi", "Omar Haddad"]
ROLES = ["the mayor", "the fire chief", "the health minister", "the union leader", "a spokesperson"]
PLACES = ["Merrow Quay", "the old town", "Eastfield", "the river port", "North Bay", "Kettle Row"]
THINGS = ["bridge", "hospital wing", "tram line", "warehouse", "school", "stadium"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

# Each fact has three wordings: outlets pick one, so the same claim appears reworded.
FACTS = [
    (
        "{person}, {role}, opened the new {thing} in {place} on {day}.",
        "On {day}, {role} {person} opened the {thing} in {place}.",
        "The new {thing} in {place} was opened by {person} on {day}.",
    ),
    (
        "The project cost {n} million pounds and took {m} years to finish.",
        "Building it took {m} years and cost about {n} million pounds.",
        "At a cost of {n} million pounds, the work lasted {m} years.",
    ),
    (
        "About {k} people attended the ceremony despite the rain.",
        "Despite rain, roughly {k} people turned out for the ceremony.",
        "The ceremony drew around {k} people, who braved the rain.",
    ),
    (
        '{person} said the {thing} would "change the life of {place}".',
        'The {thing} will "change the life of {place}", {person} said.',
        'According to {person}, the {thing} is set to "change the life of {place}".',
    ),
    (
        "Critics say the budget rose by {p} per cent during construction.",
        "Opponents point out that costs climbed {p} per cent while it was built.",
        "The budget grew by {p} per cent, critics noted.",
    ),
    (
        "Police closed {place} to traffic for {h} hours.",
        "Roads around {place} were shut for {h} hours.",
        "Traffic was barred from {place} for {h} hours.",
    ),
]
EXTRAS = [
    "A second phase is planned for next year.",
    "Local shops reported a busy afternoon.",
    "The council will publish a full report in the spring.",
    "Residents had campaigned for the project for a decade.",
    "A brass band played before the speeches.",
    "Some commuters complained about delays on the way in.",
    "The opposition called for an inquiry into the delays.",
    "Engineers will monitor the structure for the first year.",
]


def make_event(rng: random.Random) -> list[str]:
    """Three outlets' texts about one invented event."""
    values: dict[str, str | int] = {
        "person": rng.choice(PEOPLE),
        "role": rng.choice(ROLES),
        "thing": rng.choice(THINGS),
        "place": rng.choice(PLACES),
        "day": rng.choice(DAYS),
        "n": rng.randint(5, 90),
        "m": rng.randint(2, 9),
        "k": rng.randrange(200, 5000, 100),
        "p": rng.randint(5, 60),
        "h": rng.randint(2, 12),
    }
    texts = []
    for _ in range(3):
        mine = dict(values)
        if rng.random() < 0.3:  # a conflicting fact in this outlet
            key = rng.choice(["n", "m", "k", "p", "h"])
            mine[key] = int(mine[key]) + rng.randint(1, 5)  # all numeric keys
        facts = rng.sample(FACTS, rng.randint(4, 6))
        sentences = [rng.choice(f).format(**mine) for f in facts]
        sentences += rng.sample(EXTRAS, rng.randint(1, 2))
        texts.append(
            f"{str(values['thing']).title()} opens in {values['place']}\n\n"
            + " ".join(sentences)
            + "\n"
        )
    return texts


def generate(folder: Path, events: int) -> Path:
    rng = random.Random(20240619)
    lines = []
    for n in range(events):
        event_dir = folder / f"event-{n:03d}"
        event_dir.mkdir(parents=True)
        sources = []
        for label, text in zip(("wire", "radio", "paper"), make_event(rng), strict=True):
            (event_dir / f"{label}.txt").write_text(text, encoding="utf-8")
            sources.append(f"event-{n:03d}/{label}.txt")
        lines.append(json.dumps({"id": f"event-{n:03d}", "sources": sources}))
    manifest = folder / "events.jsonl"
    manifest.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return manifest


def timed(manifest: Path, out: Path, workers: int, formats: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    res = run_batch(
        manifest,
        out_dir=out,
        formats=formats,
        workers=workers,
        force=True,
        options=Options(),
        progress=False,
        err=io.StringIO(),
    )
    took = time.perf_counter() - start
    if res.failed:
        raise SystemExit(f"{res.failed} events failed: {res.events[0].reason}")
    return took, res.ok


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--events", type=int, default=200)
    ap.add_argument(
        "--format", dest="formats", action="append", choices=["text", "json", "md", "html"]
    )
    args = ap.parse_args(argv)
    formats = args.formats or ["html", "json"]
    with tempfile.TemporaryDirectory(prefix="covdiff-bench-") as tmp:
        folder = Path(tmp)
        manifest = generate(folder / "in", args.events)
        print(f"{args.events} events x 3 sources, formats {', '.join(formats)}, "
              f"{os.cpu_count()} CPUs")  # fmt: skip
        rates = {}
        for workers in (1, 2):
            took, ok = timed(manifest, folder / f"out{workers}", workers, formats)
            rates[workers] = ok / took
            rate = rates[workers]
            print(f"  --workers {workers}: {ok} events in {took:6.2f} s = {rate:7.1f} events/s")
        print(f"  ratio (2 workers / 1): {rates[2] / rates[1]:.2f}x")
        for p in sorted((folder / "out1").iterdir()):
            if (folder / "out2" / p.name).read_bytes() != p.read_bytes():
                print(f"  MISMATCH between worker counts: {p.name}")
                return 1
        print("  outputs of both runs are byte-identical")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
