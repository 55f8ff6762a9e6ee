"""Judgment quality on public data: covdiff's link score and link decision on SemEval STS news.

Usage (from the repository root)::

    python benchmarks/bench_sts.py [BENCH_DIR] [--no-semantic] [--via-batch] [--limit N]

BENCH_DIR defaults to ``../shared/bench/sts-news`` relative to the repository root and is read
in place. Each file holds ``gold \\t sentence1 \\t sentence2`` rows, gold 0-5; rows with an
empty gold are unscored and skipped. Quirks handled here: the 2015 headlines carry UTF-8 that
was once decoded as Mac Roman (``Egypt‚Äôs`` for ``Egypt’s``), repaired cell by cell;
deft-news sentences are lower-cased and end in ``". "`` (cells are stripped); no file uses
quoting or extra columns (checked: any other column count is an error).

For each file it prints

* **Pearson** with gold of covdiff's default link score,
  ``similarity.pair_score(features(s1), features(s2))``, and of plain token Jaccard (the
  baseline of the STS papers, computed here), the semantic cosine (`covdiff.semantic`, when
  installed) and a 0.5/0.5 blend of the default score and the cosine;
* **decision accuracy** on banded pairs: gold ≥ 4 should link (`same` or `reworded`), gold ≤ 2
  should not, 2-4 is left out. covdiff's decision is its real one:
  `covdiff.api.compare_documents` on two one-sentence Documents with the default Options,
  linked as one claim or not; a `conflict` link says the facts differ, so it counts as "not
  the same claim" (the row "any link" counts it as a link, for comparison). Headlines have no final
  full stop, so covdiff reads each one as a heading; ``--full-stop`` appends one to see the
  same pairs read as sentences. Score-based rows give the accuracy at a threshold chosen on
  the *other* files (leave-one-file-out, so it is not fitted to the file it is shown for);
  the best in-file threshold is printed separately for calibration.

``--via-batch`` also runs the pairs as inline-text events through `covdiff.batch.run_batch`
(JSON Lines manifest, json reports) and reads the decisions back from the reports, when that
module exists.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from covdiff.api import compare_documents  # noqa: E402
from covdiff.model import Relation  # noqa: E402
from covdiff.options import Options  # noqa: E402
from covdiff.similarity import features, pair_score  # noqa: E402
from covdiff.sources import Document  # noqa: E402

DEFAULT_BENCH = REPO.parent / "shared" / "bench" / "sts-news"
FILES = (
    "2013.headlines.test.tsv",
    "2014.headlines.test.tsv",
    "2015.headlines.test.tsv",
    "2016.headlines.test.tsv",
    "2014.deft-news.test.tsv",
)
PUBLISHED = {
    "2015.headlines.test.tsv": {"plain token Jaccard": 0.70, "TF-IDF": 0.726, "2015 winner": 0.825}
}
"""Published Pearson figures (shared/bench/README.md); none are given for the other files."""
LINK_GOLD = 4.0
"""Gold at or above which a pair states one claim ("mostly equivalent")."""
NOLINK_GOLD = 2.0
"""Gold at or below which a pair does not ("shares some details" or less)."""
ALIGNMENT = "covdiff alignment"
"""covdiff's decision as the issue defines it: linked as one claim, `same` or `reworded`. A
pair linked as `conflict` ("kill 9" against "kill 19") is covdiff saying the facts differ,
which is what graders mean by 2 or less; "any link" shows the decision counting it too."""
UNSEEN = ("2015.headlines.test.tsv", "2016.headlines.test.tsv")
"""Files the link model is not fitted on (benchmarks/train_links.py, STS_TRAIN)."""
TARGET_PEARSON = 0.78
TARGET_ACCURACY = 0.88
BLEND = 0.5
"""Share of the default score in the blend; the rest is the semantic cosine."""

# UTF-8 read as Mac Roman / Mac Central European and saved again: "’" became "‚Äô".
_MOJIBAKE = re.compile("‚Ä|‚Ç|â€")
_TOKEN = re.compile(r"\w+")


@dataclass
class Pair:
    gold: float
    a: str
    b: str


@dataclass
class FileResult:
    name: str
    pairs: list[Pair]
    repaired: int
    scores: dict[str, np.ndarray] = field(default_factory=dict)
    """Scorer name -> one score per pair (0-100)."""
    decisions: dict[str, np.ndarray] = field(default_factory=dict)
    """covdiff run name -> linked or not, per pair."""
    seconds: dict[str, float] = field(default_factory=dict)
    multi_sentence: int = 0

    @property
    def gold(self) -> np.ndarray:
        return np.array([p.gold for p in self.pairs])

    @property
    def banded(self) -> np.ndarray:
        g = self.gold
        return (g >= LINK_GOLD) | (g <= NOLINK_GOLD)

    @property
    def should_link(self) -> np.ndarray:
        return self.gold >= LINK_GOLD


def repair(cell: str) -> str:
    """Undo a UTF-8 → Mac Roman (or Mac Central European, or cp1252) mix-up, if that is what
    the cell shows; anything else is returned unchanged."""
    if not _MOJIBAKE.search(cell):
        return cell
    for codec in ("mac_roman", "mac_latin2", "cp1252"):
        try:
            return cell.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    return cell


def read_pairs(path: Path) -> tuple[list[Pair], int]:
    """Scored pairs of one file and the number of sentences whose encoding was repaired."""
    pairs: list[Pair] = []
    repaired = 0
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise SystemExit(f"{path.name}:{n}: expected 3 tab-separated columns, got {len(cells)}")
        gold, a, b = cells
        if not gold.strip():
            continue  # unscored pair
        fixed = [repair(c).strip() for c in (a, b)]
        repaired += sum(f != c.strip() for f, c in zip(fixed, (a, b), strict=True))
        pairs.append(Pair(float(gold), *fixed))
    return pairs, repaired


def jaccard(a: str, b: str) -> float:
    """Plain token Jaccard on lower-cased ``\\w+`` tokens, 0-100."""
    ta, tb = set(_TOKEN.findall(a.lower())), set(_TOKEN.findall(b.lower()))
    return 100.0 * len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def pearson(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) < 2 or np.std(x) == 0 or np.std(y) == 0:
        return float("nan")
    return float(np.corrcoef(x, y)[0, 1])


def accuracy_at(scores: np.ndarray, should_link: np.ndarray, threshold: float) -> float:
    return float(np.mean((scores >= threshold) == should_link)) if len(scores) else float("nan")


def best_threshold(scores: np.ndarray, should_link: np.ndarray) -> tuple[float, float]:
    """The threshold that maximises accuracy of ``score >= t`` and that accuracy.

    Candidates are midpoints between consecutive distinct scores (and both ends), so the
    threshold found does not sit on a pair's score; ties go to the lowest threshold.
    """
    if not len(scores):
        return float("nan"), float("nan")
    values = np.unique(scores)
    cands = np.concatenate(([values[0] - 1.0], (values[:-1] + values[1:]) / 2, [values[-1] + 1.0]))
    order = np.argsort(scores)
    s, y = scores[order], should_link[order]
    # For t between s[k-1] and s[k]: the k lowest are "no link", the rest "link".
    below = np.searchsorted(s, cands, side="left")
    neg_below = np.concatenate(([0], np.cumsum(~y)))[below]
    pos_above = y.sum() - np.concatenate(([0], np.cumsum(y)))[below]
    acc = (neg_below + pos_above) / len(s)
    k = int(np.argmax(acc))
    return float(cands[k]), float(acc[k])


def covdiff_links(a: str, b: str, options: Options) -> tuple[bool, bool, bool]:
    """Whether covdiff links two one-sentence documents at all, whether it links them as one
    claim (`same` or `reworded`, not `conflict`), and whether either split in two."""
    cmp = compare_documents([Document("a", "a", a), Document("b", "b", b)], options=options)
    multi = any(len(s.sentences) != 1 for s in cmp.sources)
    agree = any(link.relation is not Relation.CONFLICT for link in cmp.links)
    return bool(cmp.links), agree, multi


def with_full_stop(text: str) -> str:
    return text if text[-1:] in ".!?\"'’”" else text + "."


def run_file(path: Path, *, semantic: bool, full_stop: bool, limit: int | None) -> FileResult:
    pairs, repaired = read_pairs(path)
    pairs = pairs[:limit] if limit else pairs
    res = FileResult(path.name, pairs, repaired)
    options = Options()

    t = time.perf_counter()
    res.scores["covdiff pair_score"] = np.array(
        [pair_score(features(p.a), features(p.b)) for p in pairs]
    )
    res.seconds["pair_score"] = time.perf_counter() - t
    res.scores["token Jaccard"] = np.array([jaccard(p.a, p.b) for p in pairs])

    t = time.perf_counter()
    links, agree, multi = zip(*(covdiff_links(p.a, p.b, options) for p in pairs), strict=True)
    res.seconds["compare_documents"] = time.perf_counter() - t
    res.decisions[ALIGNMENT] = np.array(agree)
    res.decisions["covdiff alignment, any link"] = np.array(links)
    res.multi_sentence = sum(multi)
    if full_stop:
        stopped = [
            covdiff_links(with_full_stop(p.a), with_full_stop(p.b), options)[1] for p in pairs
        ]
        res.decisions["covdiff alignment, full stop added"] = np.array(stopped)

    if semantic:
        from covdiff import semantic as sem

        texts = list(dict.fromkeys(s for p in pairs for s in (p.a, p.b)))
        t = time.perf_counter()
        emb = sem.embed(texts)
        res.seconds["semantic"] = time.perf_counter() - t
        res.seconds["semantic_sentences"] = len(texts)
        row = {s: n for n, s in enumerate(texts)}
        cos = np.array([float(emb[row[p.a]] @ emb[row[p.b]]) for p in pairs])
        res.scores["semantic cosine"] = 100.0 * cos
        # Negative cosines (rare, "unrelated") count as 0 so the blend stays on 0-100.
        res.scores[f"blend {BLEND:.1f}/{1 - BLEND:.1f}"] = BLEND * res.scores[
            "covdiff pair_score"
        ] + (1 - BLEND) * 100.0 * np.clip(cos, 0, 1)
    return res


def via_batch(res: FileResult, out_root: Path) -> np.ndarray | None:
    """Run the pairs as inline-text events through `covdiff.batch.run_batch`; read links back."""
    if importlib.util.find_spec("covdiff.batch") is None:
        return None
    from covdiff.batch import run_batch

    folder = out_root / res.name.removesuffix(".tsv")
    folder.mkdir(parents=True, exist_ok=True)
    manifest = folder / "events.jsonl"
    with manifest.open("w", encoding="utf-8") as fh:
        for n, p in enumerate(res.pairs):
            sources = [{"label": "a", "text": p.a}, {"label": "b", "text": p.b}]
            event = {"id": f"p{n}", "sources": sources}
            fh.write(json.dumps(event, ensure_ascii=False) + "\n")
    t = time.perf_counter()
    run_batch(
        manifest,
        out_dir=folder / "out",
        formats=["json"],
        workers=1,
        force=True,
        options=Options(),
        progress=False,
    )
    res.seconds["batch"] = time.perf_counter() - t
    linked = []
    for n in range(len(res.pairs)):
        report = folder / "out" / f"p{n}.json"
        # A missing report is an event batch refused; count it as "no link" and say so.
        links = json.loads(report.read_text(encoding="utf-8"))["links"] if report.exists() else []
        # The decision read as compare_documents' is (ALIGNMENT): linked as one claim.
        linked.append(any(lk["relation"] != "conflict" for lk in links))
    res.seconds["batch_missing"] = sum(
        not (folder / "out" / f"p{n}.json").exists() for n in range(len(res.pairs))
    )
    return np.array(linked)


def fmt(x: float, width: int = 6) -> str:
    return f"{x:{width}.3f}" if x == x else f"{'—':>{width}}"


def lofo_threshold(results: Sequence[FileResult], skip: str, scorer: str) -> float:
    """Best threshold for ``scorer`` on the banded pairs of every file but ``skip``."""
    others = [r for r in results if r.name != skip and scorer in r.scores]
    if not others:
        return float("nan")
    s = np.concatenate([r.scores[scorer][r.banded] for r in others])
    y = np.concatenate([r.should_link[r.banded] for r in others])
    return best_threshold(s, y)[0]


def report(results: Sequence[FileResult]) -> list[dict[str, object]]:
    default_t = Options().threshold
    rows: list[dict[str, object]] = []
    for r in results:
        band, y = r.banded, r.should_link[r.banded]
        print(
            f"\n== {r.name}: {len(r.pairs)} scored pairs, {int(band.sum())} banded "
            f"({int(y.sum())} should link, {int((~y).sum())} should not)"
            + (f"; {r.repaired} sentences' encoding repaired" if r.repaired else "")
            + (f"; {r.multi_sentence} pairs split into >1 sentence" if r.multi_sentence else "")
        )
        print(f"  {'scorer':32} {'Pearson':>7}  {'banded acc':>10}  {'(threshold)':>12}")
        for name, decided in r.decisions.items():
            acc = float(np.mean(decided[band] == y))
            rows.append({"file": r.name, "scorer": name, "accuracy": acc})
            print(f"  {name:32} {'':>7}  {fmt(acc, 10)}  {'(its own)':>12}")
        for name, s in r.scores.items():
            p = pearson(s, r.gold)
            t, how = lofo_threshold(results, r.name, name), "LOFO"
            if t != t:  # a single file: nothing else to choose the threshold on
                t, how = best_threshold(s[band], y)[0], "in-file"
            acc = accuracy_at(s[band], y, t)
            rows.append({"file": r.name, "scorer": name, "pearson": p, "accuracy": acc, "t": t})
            print(f"  {name:32} {fmt(p, 7)}  {fmt(acc, 10)}  {f'({how} {t:.1f})':>12}")
        s = r.scores["covdiff pair_score"][band]
        bt, bacc = best_threshold(s, y)
        print(
            f"  default score calibration: at Options().threshold={default_t:g} accuracy "
            f"{accuracy_at(s, y, default_t):.3f}; best in-file threshold {bt:.1f} → {bacc:.3f}"
        )
        for name, pub in PUBLISHED.get(r.name, {}).items():
            print(f"  published {name:22} {fmt(pub, 7)}")
    return rows


def summary(results: Sequence[FileResult], rows: list[dict[str, object]]) -> None:
    print(
        "\n== Summary (Pearson / banded accuracy; targets: Pearson ≥ "
        f"{TARGET_PEARSON} on each headlines year, accuracy ≥ {TARGET_ACCURACY}) =="
    )
    names = list(dict.fromkeys(str(row["scorer"]) for row in rows))
    short = [r.name.removesuffix(".test.tsv") for r in results]
    print(f"  {'scorer':32} " + " ".join(f"{s:>15}" for s in short))
    for name in names:
        cells = []
        for r in results:
            row = next((x for x in rows if x["file"] == r.name and x["scorer"] == name), None)
            if row is None:
                cells.append(f"{'':>15}")
                continue
            p = row.get("pearson", float("nan"))
            cells.append(f"{fmt(float(p), 6)} / {fmt(float(row['accuracy']), 5)}")  # type: ignore[arg-type]
        print(f"  {name:32} " + " ".join(cells))
    for r in results:
        if r.name in PUBLISHED:
            figures = ", ".join(f"{k} {v}" for k, v in PUBLISHED[r.name].items())
            print(f"  published Pearson, {r.name}: {figures}")

    # covdiff's decision pooled over files: every headlines year, and the two years the
    # link model never saw (benchmarks/train_links.py --sts learns from 2013, 2014, deft).
    for label, group in (
        ("every headlines year", [r for r in results if "headlines" in r.name]),
        ("2015 + 2016 headlines (never trained on)", [r for r in results if r.name in UNSEEN]),
    ):
        if group:
            hits = np.concatenate(
                [r.decisions[ALIGNMENT][r.banded] == r.should_link[r.banded] for r in group]
            )
            print(
                f"  {ALIGNMENT}, pooled over {label}: accuracy {hits.mean():.3f} "
                f"on {len(hits)} banded pairs"
            )

    # Calibration of the default score over every banded pair of every file.
    s = np.concatenate([r.scores["covdiff pair_score"][r.banded] for r in results])
    y = np.concatenate([r.should_link[r.banded] for r in results])
    bt, bacc = best_threshold(s, y)
    dt = Options().threshold
    print(
        f"\n  default score over all files ({len(s)} banded pairs): best threshold {bt:.1f} → "
        f"accuracy {bacc:.3f}; Options().threshold={dt:g} → {accuracy_at(s, y, dt):.3f}"
    )
    heads = [r for r in results if "headlines" in r.name]
    if heads:
        s = np.concatenate([r.scores["covdiff pair_score"][r.banded] for r in heads])
        y = np.concatenate([r.should_link[r.banded] for r in heads])
        bt, bacc = best_threshold(s, y)
        print(
            f"  headlines only ({len(s)} banded pairs): best threshold {bt:.1f} → {bacc:.3f}; "
            f"Options().threshold={dt:g} → {accuracy_at(s, y, dt):.3f}"
        )


def timing(results: Sequence[FileResult]) -> None:
    n = sum(len(r.pairs) for r in results)
    print(f"\n== Time per pair ({n} pairs) ==")

    def total(key: str) -> float:
        return sum(r.seconds.get(key, 0.0) for r in results)

    for key, label in (
        ("pair_score", "pair_score(features, features)"),
        ("compare_documents", "compare_documents, two 1-sentence docs"),
        ("batch", "covdiff batch (run_batch), per event"),
    ):
        if total(key):
            print(f"  {label:42} {1000 * total(key) / n:8.2f} ms")
    if total("semantic"):
        sents = total("semantic_sentences")
        print(
            f"  {'semantic embed (distinct sentences)':42} {1000 * total('semantic') / n:8.2f} ms"
            f"   ({sents / total('semantic'):.0f} sentences/s)"
        )


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("bench", nargs="?", type=Path, default=DEFAULT_BENCH)
    ap.add_argument("--files", nargs="*", default=list(FILES), help="file names to score")
    ap.add_argument("--no-semantic", action="store_true", help="skip the semantic backend")
    ap.add_argument(
        "--full-stop",
        action="store_true",
        help="also decide with a full stop added to each sentence",
    )
    ap.add_argument(
        "--via-batch",
        action="store_true",
        help="also run the pairs through covdiff.batch.run_batch",
    )
    ap.add_argument("--limit", type=int, help="first N scored pairs of each file (quick runs)")
    ap.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = ap.parse_args(argv)

    semantic = False
    if not args.no_semantic:
        from covdiff import semantic as sem

        semantic = sem.available()
        if not semantic:
            print(f"semantic backend not installed ({', '.join(sem.missing())}): skipped")
    results = []
    for name in args.files:
        path = args.bench / name
        if not path.exists():
            print(f"{path}: missing, skipped", file=sys.stderr)
            continue
        results.append(
            run_file(path, semantic=semantic, full_stop=args.full_stop, limit=args.limit)
        )
    if not results:
        print(f"no STS files found in {args.bench}", file=sys.stderr)
        return 2
    if args.via_batch:
        if importlib.util.find_spec("covdiff.batch") is None:
            print("--via-batch: covdiff.batch is not there yet (no run_batch); skipped")
        else:
            with tempfile.TemporaryDirectory(prefix="covdiff-sts-") as tmp:
                for r in results:
                    linked = via_batch(r, Path(tmp))
                    if linked is not None:
                        r.decisions["covdiff batch (json reports)"] = linked
                        agree = float(np.mean(linked == r.decisions[ALIGNMENT]))
                        missing = int(r.seconds.get("batch_missing", 0))
                        print(
                            f"{r.name}: batch decisions agree with compare_documents on "
                            f"{agree:.1%} of pairs; {missing} reports missing"
                        )
    rows = report(results)
    summary(results, rows)
    timing(results)
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
