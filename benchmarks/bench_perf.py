"""covdiff's speed and memory at every size, side by side with two references.

    python benchmarks/bench_perf.py            # every row (a few minutes)
    python benchmarks/bench_perf.py --quick    # skip 10 x 2,000

Rows: alignment (in-process, sources already read and segmented) on generated events of
5 x 40, 50 x 40, 20 x 300 and 10 x 2,000 sentences, with peak memory (each size in its own
process, ru_maxrss; "child MB" is the largest process the alignment forked to share the
work, 0 when it ran in one process, see `covdiff.parallel`); the floor, rapidfuzz
``cdist`` of all cross-source pairs with covdiff's character scorer (``ratio`` on sorted
normalised words, i.e. ``token_sort_ratio``) and nothing else; the naive baseline, difflib
``SequenceMatcher.ratio`` over all cross-source pairs (timed on a sample of pairs and
scaled up when all pairs would take more than a minute — the table says so); ``covdiff
compare`` as a whole process on the seed event; and batch events per second with 1 and 2
workers.

Events are generated from the fixture reports: each source samples sentences of a shared
pool of claims and perturbs them (word swaps, dropped words, changed numbers), so that the
sources have real counterparts and no two sentences are identical.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGETS = {"5x40": 0.020, "20x300": 1.0, "10x2000": 5.0}
_NAMES = """Arlen Bosk Calder Dunmore Essig Farrow Gault Hesketh Ivers Jessop Kettering Lorne
    Mabry Nuttall Orsk Pell Quill Rusk""".split()
_SWAPS = {"said": "stated", "big": "large", "soldiers": "troops", "children": "kids",
          "agreement": "deal", "fire": "blaze", "began": "started", "told": "informed"}  # fmt: skip


def _pool() -> list[str]:
    from covdiff.api import segment_all
    from covdiff.sources import load_documents

    texts = []
    for event in sorted((ROOT / "fixtures" / "events").iterdir()):
        for src in segment_all(load_documents([str(event)])):
            texts += [s.text for s in src.sentences if len(s.text.split()) > 5]
    return texts


def _variant(sentence: str, rng: random.Random, tag: int) -> str:
    words = sentence.split()
    out = []
    for w in words:
        r = rng.random()
        if r < 0.05:
            continue  # a dropped word
        if w.lower() in _SWAPS and r < 0.5:
            w = _SWAPS[w.lower()]
        elif w.isdigit() and r < 0.2:
            w = str(int(w) + 1)
        out.append(w)
    # A made-up name keeps generated claims distinct from each other.
    return f"{_NAMES[tag % len(_NAMES)]}{tag} " + " ".join(out)


def make_event(n_sources: int, n_sentences: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = _pool()
    claims = [(rng.choice(pool), k) for k in range(int(n_sentences * 1.4))]
    docs = []
    for _ in range(n_sources):
        picked = rng.sample(claims, n_sentences)
        picked.sort(key=lambda c: c[1] + rng.gauss(0, 3))  # roughly the same order
        docs.append("\n".join(_variant(s, rng, k) for s, k in picked) + "\n")
    return docs


def _prepared(n_sources: int, n_sentences: int):
    from covdiff.align import prepare
    from covdiff.api import segment_all
    from covdiff.sources import Document

    docs = [Document(f"g{i}", f"g{i}", t) for i, t in enumerate(make_event(n_sources, n_sentences))]
    sources = segment_all(docs)
    return sources, [prepare(s) for s in sources]


def run_size(label: str) -> dict:
    """One size in this process: alignment time (best of a few), floor, peak memory."""
    import numpy as np
    from rapidfuzz import fuzz, process

    from covdiff.align import align

    n_sources, n_sentences = map(int, label.split("x"))
    sources, prep = _prepared(n_sources, n_sentences)
    from covdiff.align import prepare

    # Per-sentence features (tokens, stems, weights, facts) are made once per source before
    # aligning, as the TUI keeps them across re-alignments and as the floor below compares
    # the same normalised strings; their cost is shown beside, not hidden.
    prepare_s = _timed(lambda: [prepare(s) for s in sources])
    align(sources, prepared=prep)  # warm caches (stemmer, word table)
    reps = 5 if n_sources * n_sentences <= 2000 else 1
    best = min(_timed(lambda: align(sources, prepared=prep)) for _ in range(reps))
    # Peak memory of reading, preparing and aligning, before the references run.
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    # Writing the reports must not be the slow part: each format once, from one comparison.
    from covdiff.reports import render

    cmp = align(sources, prepared=prep)
    reports = {f: _timed(lambda f=f: render(cmp, f)) for f in ("text", "md", "html", "json")}
    contents = [[f.content for f in p.feats] for p in prep]
    floor = min(
        _timed(
            lambda: [
                process.cdist(
                    contents[a], contents[b], scorer=fuzz.ratio, dtype=np.uint8, workers=-1
                )
                for a, b in combinations(range(len(contents)), 2)
            ]
        )
        for _ in range(reps)
    )
    texts = [[s.text for s in src.sentences] for src in sources]
    pair_ids = list(combinations(range(len(texts)), 2))
    n_pairs = sum(len(texts[a]) * len(texts[b]) for a, b in pair_ids)
    rng = random.Random(1)
    if n_pairs <= 20_000:
        sample = [(x, y) for a, b in pair_ids for x in texts[a] for y in texts[b]]
    else:  # sampled without building every pair, which alone would take gigabytes
        sample = []
        for _ in range(20_000):
            a, b = rng.choice(pair_ids)
            sample.append((rng.choice(texts[a]), rng.choice(texts[b])))
    t = _timed(lambda: [difflib.SequenceMatcher(None, x, y).ratio() for x, y in sample])
    naive = t * n_pairs / len(sample)
    return {
        "size": label,
        "sentences": n_sources * n_sentences,
        "align_s": best,
        "floor_s": floor,
        "naive_s": naive,
        "naive_scaled": len(sample) < n_pairs,
        "peak_mb": peak_mb,
        "child_mb": child_mb,
        "reports_s": reports,
        "prepare_s": prepare_s,
    }


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _process_row() -> dict:
    seed_event = str(ROOT / "fixtures/events/putin-pyongyang")
    cmd = [sys.executable, "-m", "covdiff.cli", "compare", seed_event, "--json", "-o", "/dev/null"]
    subprocess.run(cmd, check=True)  # warm the file cache
    times = [_timed(lambda: subprocess.run(cmd, check=True)) for _ in range(5)]
    probe = subprocess.run(
        [sys.executable, "-c", "import sys, covdiff.cli, covdiff.api, covdiff.reports;"
         "print(any(m.split('.')[0] in ('textual','rich') for m in sys.modules))"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return {"compare_s": min(times), "ui_imported": probe.stdout.strip() == "True"}


def _batch_rows(n_events: int = 200) -> dict:
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "events.jsonl"
        rng = random.Random(3)
        pool = _pool()
        with manifest.open("w", encoding="utf-8") as fh:
            for e in range(n_events):
                claims = rng.sample(pool, 8)
                sources = [{"label": f"s{k}", "text": " ".join(_variant(c, rng, e) for c in
                            rng.sample(claims, 6))} for k in range(3)]  # fmt: skip
                fh.write(json.dumps({"id": f"e{e}", "sources": sources}) + "\n")
        for workers in (1, 2):
            out = Path(tmp) / f"out{workers}"
            cmd = [sys.executable, "-m", "covdiff.cli", "batch", str(manifest), "--out", str(out),
                   "--format", "json", "--workers", str(workers)]  # fmt: skip
            t = _timed(lambda cmd=cmd: subprocess.run(cmd, check=True, stderr=subprocess.DEVNULL))
            rows[workers] = n_events / t
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="skip the 10 x 2,000 row")
    ap.add_argument("--size", help=argparse.SUPPRESS)  # internal: one size, JSON on stdout
    args = ap.parse_args()
    if args.size:
        print(json.dumps(run_size(args.size)))
        return 0
    sizes = ["5x40", "50x40", "20x300"] + ([] if args.quick else ["10x2000"])
    print(
        f"{'size':>8} {'align':>9} {'floor':>9} {'ratio':>6} {'difflib':>10} {'speedup':>8}"
        f" {'peak MB':>8} {'child MB':>8}  target"
    )
    rows: list[dict] = []
    for label in sizes:
        out = subprocess.run([sys.executable, __file__, "--size", label], capture_output=True,
                             text=True, check=True)  # fmt: skip
        r = json.loads(out.stdout)
        rows.append(r)
        target = TARGETS.get(label)
        verdict = (
            ""
            if target is None
            else (f"<= {target:g} s: {'met' if r['align_s'] <= target else 'NOT met'}")
        )
        naive = f"{r['naive_s']:9.2f}s" + ("*" if r["naive_scaled"] else " ")
        ratio = r["align_s"] / r["floor_s"]
        print(
            f"{label:>8} {r['align_s']:8.3f}s {r['floor_s']:8.3f}s {ratio:5.2f}x"
            f" {naive} {r['naive_s'] / r['align_s']:7.0f}x {r['peak_mb']:8.0f}"
            f" {r['child_mb']:8.0f}  {verdict}"
        )
    print("* difflib timed on 20,000 sampled pairs and scaled to all pairs")
    print("per-sentence features made before aligning (not in 'align'), and the reports")
    print("written from the aligned comparison (text / md / html / json):")
    for r in rows:
        times = " / ".join(f"{v:.2f}" for v in r["reports_s"].values())
        print(f"{r['size']:>8} features {r['prepare_s']:.3f} s; reports {times} s")
    p = _process_row()
    print(
        f"covdiff compare (whole process, seed event): {p['compare_s']:.3f} s (target <= 0.5 s:"
        f" {'met' if p['compare_s'] <= 0.5 else 'NOT met'});"
        f" textual/rich imported: {p['ui_imported']}"
    )
    try:
        b = _batch_rows()
        print(
            f"batch, 200 small events: {b[1]:.1f} events/s with 1 worker, {b[2]:.1f} with 2 "
            f"({b[2] / b[1]:.2f}x)"
        )
    except subprocess.CalledProcessError as exc:
        print(f"batch: failed ({exc})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
