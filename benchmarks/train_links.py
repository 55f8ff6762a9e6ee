"""Fit covdiff's link model on the fixture gold, with leave-one-event-out figures.

    python benchmarks/train_links.py            # print cross-validated figures
    python benchmarks/train_links.py --write    # also write covdiff/link_model.json

The model is a logistic regression over `covdiff.pairs.FEATURES`, fitted by Newton's
method with an L2 penalty (numpy only). Cross-validation holds out one whole event at a
time, so the figures say how the model does on an event it has never seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from itertools import combinations
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from covdiff.align import prepare, with_vectors  # noqa: E402
from covdiff.api import segment_all  # noqa: E402
from covdiff.gold import _cross_pairs, _locate, event_files, load_gold  # noqa: E402
from covdiff.linkmodel import SEMANTIC_FEATURES, model_path  # noqa: E402
from covdiff.model import Comparison, SentenceKind  # noqa: E402
from covdiff.options import Options  # noqa: E402
from covdiff.pairs import FEATURES, candidates  # noqa: E402
from covdiff.prepared import semantic_evidence  # noqa: E402
from covdiff.sources import load_documents  # noqa: E402

SEMANTIC = False
"""Set by --semantic: evidence gets the embedding cosine (the optional backend's model)."""


def _evidence(pa, pb, cands) -> np.ndarray:
    if not SEMANTIC:
        return cands.evidence
    return np.vstack([cands.evidence, semantic_evidence(pa, pb, cands.rows, cands.cols)])


def _width() -> int:
    """Rows of evidence per candidate pair: the semantic backend adds its own."""
    return len(SEMANTIC_FEATURES if SEMANTIC else FEATURES)


def event_data(event_dir: Path) -> tuple[np.ndarray, np.ndarray]:
    # Segment only: the training data must not depend on the model being trained.
    docs = load_documents([str(p) for p in event_files(event_dir)])
    cmp = Comparison(sources=tuple(segment_all(docs)), claims=(), links=())
    gold = load_gold(event_dir)
    found, _ = _locate(cmp, gold)
    gold_pairs: set[frozenset[str]] = set()
    for claim in gold.claims:
        ids = [found[(lb, t.strip())] for lb, ts in claim["sentences"].items() for t in ts
               if (lb, t.strip()) in found]  # fmt: skip
        gold_pairs |= _cross_pairs(ids)
    prep = [prepare(s) for s in cmp.sources]
    if SEMANTIC:
        prep = with_vectors(prep)
    xs, ys = [], []
    missed = 0
    for pa, pb in combinations(prep, 2):
        cands = candidates(
            pa.feats,
            pb.feats,
            headings_a=[s.kind is SentenceKind.HEADING for s in pa.source.sentences],
            headings_b=[s.kind is SentenceKind.HEADING for s in pb.source.sentences],
        )
        ids_a = [s.id for s in pa.source.sentences]
        ids_b = [s.id for s in pb.source.sentences]
        found_pairs = set()
        ev = _evidence(pa, pb, cands)
        for k, (i, j) in enumerate(zip(cands.rows.tolist(), cands.cols.tolist(), strict=True)):
            pair = frozenset((ids_a[i], ids_b[j]))
            found_pairs.add(pair)
            xs.append(ev[:, k])
            ys.append(pair in gold_pairs)
        both = {frozenset((x, y)) for x in ids_a for y in ids_b}
        missed += len((gold_pairs & both) - found_pairs)
    # Gold pairs that blocking never proposes are kept as positives with no evidence, so
    # the figures below count them as missed.
    if missed:
        print(f"{event_dir.name}: blocking never proposes {missed} gold pair(s)")
    xs.extend(np.zeros(_width()) for _ in range(missed))
    ys.extend(True for _ in range(missed))
    return np.array(xs), np.array(ys, dtype=float)


STS_TRAIN = ("2013.headlines.test.tsv", "2014.headlines.test.tsv", "2014.deft-news.test.tsv")
"""STS files the model learns lone pairs from; 2015 and 2016 headlines stay held out."""


def sts_data(bench: Path) -> tuple[np.ndarray, np.ndarray]:
    """Banded STS pairs as two one-sentence reports each: gold >= 4 links, gold <= 2 not.

    A pair that shares no word is never a candidate (and never linked); it is kept as a
    negative with no evidence only when it should not link, as blocking handles it.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from bench_sts import read_pairs

    from covdiff.api import segment
    from covdiff.sources import Document

    xs, ys = [], []
    for name in STS_TRAIN:
        pairs, _ = read_pairs(bench / name)
        for p in pairs:
            if 2 < p.gold < 4:
                continue
            sa, sb = (segment(Document("a", "a", t), "s") for t in (p.a, p.b))
            if len(sa.sentences) != 1 or len(sb.sentences) != 1:
                continue
            pair = [prepare(sa), prepare(sb)]
            if SEMANTIC:
                pair = with_vectors(pair)
            cands = candidates(
                pair[0].feats,
                pair[1].feats,
                headings_a=[sa.sentences[0].kind is SentenceKind.HEADING],
                headings_b=[sb.sentences[0].kind is SentenceKind.HEADING],
            )
            if len(cands.rows):
                xs.append(_evidence(pair[0], pair[1], cands)[:, 0])
                ys.append(p.gold >= 4)
    return np.array(xs), np.array(ys, dtype=float)


def fit(x: np.ndarray, y: np.ndarray, *, l2: float = 1.0, steps: int = 50) -> np.ndarray:
    """Logistic regression weights (last entry the bias) by Newton's method."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    reg = l2 * np.eye(xb.shape[1])
    reg[-1, -1] = 0.0  # the bias is not penalised
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + reg @ w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + reg
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(x @ w[:-1] + w[-1])))


def f1(pred: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & (y > 0)).sum())
    fp = float((pred & (y == 0)).sum())
    fn = float((~pred & (y > 0)).sum())
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def held_out_pipeline(dirs: list[Path], data: dict, extra: tuple, *, l2: float) -> None:
    """Gold scores of the full alignment per event, with weights that never saw it."""
    import covdiff.linkmodel as lm
    from covdiff.gold import EventScores, compare_event, score

    total = EventScores()
    saved = lm._weights
    try:
        for d in dirs:
            x = np.vstack([extra[0], *(v[0] for k, v in data.items() if k != d.name)])
            y = np.concatenate([extra[1], *(v[1] for k, v in data.items() if k != d.name)])
            w = fit(x, y, l2=l2)
            lm._weights = lambda semantic=False, w=w: w  # type: ignore[assignment]
            es = score(compare_event(d, options=Options(semantic=SEMANTIC)), load_gold(d))
            total.merge(es)
            print(
                f"held out {d.name:<18} links F1 {es.links.f1:.3f}  unique F1 {es.unique.f1:.3f}"
                f"  conflicts P {es.conflicts.precision:.3f} R {es.conflicts.recall:.3f}"
            )
    finally:
        lm._weights = saved
    print(
        f"held out, pooled       links P {total.links.precision:.3f} R {total.links.recall:.3f}"
        f" F1 {total.links.f1:.3f}  unique F1 {total.unique.f1:.3f}"
        f"  conflicts P {total.conflicts.precision:.3f} R {total.conflicts.recall:.3f}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--events", type=Path, default=ROOT / "fixtures" / "events")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--l2", type=float, default=0.03)
    ap.add_argument(
        "--pipeline",
        action="store_true",
        help="also score the whole alignment on each held-out event with weights fitted "
        "on the other events (the honest figure for unseen events)",
    )
    ap.add_argument(
        "--sts",
        type=Path,
        nargs="?",
        const=ROOT.parent / "shared" / "bench" / "sts-news",
        help="also learn from STS 2013/2014 headlines and deft-news pairs (read in place)",
    )
    ap.add_argument(
        "--semantic",
        action="store_true",
        help="fit the model that also weighs embeddings (needs the semantic extra); "
        "--write then writes covdiff/link_model_semantic.json",
    )
    args = ap.parse_args()
    global SEMANTIC
    SEMANTIC = args.semantic
    dirs = sorted(p for p in args.events.iterdir() if (p / "gold.json").exists())
    data = {d.name: event_data(d) for d in dirs}
    width = _width()
    extra = sts_data(args.sts) if args.sts else (np.zeros((0, width)), np.zeros(0))
    if args.sts:
        print(f"STS pairs: {len(extra[1])} ({int(extra[1].sum())} should link)")
    print(
        f"{len(FEATURES)} features; pairs per event: "
        + ", ".join(f"{k} {len(v[1])} ({int(v[1].sum())} gold)" for k, v in data.items())
    )
    for cut in (0.3, 0.4, 0.5, 0.6):
        rows = []
        for held in data:
            x = np.vstack([extra[0], *(v[0] for k, v in data.items() if k != held)])
            y = np.concatenate([extra[1], *(v[1] for k, v in data.items() if k != held)])
            w = fit(x, y, l2=args.l2)
            xh, yh = data[held]
            rows.append((held, *f1(predict(w, xh) >= cut, yh)))
        mean = np.mean([r[3] for r in rows])
        print(
            f"cut {cut}: held-out pair F1 mean {mean:.3f}  "
            + "  ".join(f"{r[0]} P{r[1]:.2f} R{r[2]:.2f} F{r[3]:.3f}" for r in rows)
        )
    if args.pipeline:
        held_out_pipeline(dirs, data, extra, l2=args.l2)
    x = np.vstack([extra[0], *(v[0] for v in data.values())])
    y = np.concatenate([extra[1], *(v[1] for v in data.values())])
    w = fit(x, y, l2=args.l2)
    names = SEMANTIC_FEATURES if SEMANTIC else FEATURES
    for name, wi in zip((*names, "bias"), w, strict=True):
        print(f"  {name:<16} {wi:+.3f}")
    if args.write:
        out = model_path(semantic=SEMANTIC)
        out.write_text(
            json.dumps({"features": list(names), "weights": [round(v, 4) for v in w]},
                       indent=2) + "\n", encoding="utf-8")  # fmt: skip
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
