"""Article-extraction benchmark: covdiff's extractor against published extractors.

Reads the article-extraction-benchmark data (``html/<id>.html.gz`` and
``ground-truth.json``, see ``../shared/bench/README.md``), extracts every page with
covdiff's `extract_article`, plain trafilatura (its defaults, as in the published table)
and BeautifulSoup ``get_text``, and prints precision, recall, F1 and time per page beside
the published figures. The data are read in place, never copied into the project.

Metric (written from the README's description): tokens are ``\\w+`` (Unicode); 4-gram
shingles of tokens with multiplicity; per document TP = sum of min(count_true,
count_pred), FP and FN the excesses; each document's (TP, FP, FN) is normalised to sum 1;
precision and recall are macro-averaged over documents (a document with TP+FP=0 is
skipped for precision, TP+FN=0 for recall; empty prediction and empty gold count as 1.0);
F1 = 2PR/(P+R) of the averaged P and R.

    python benchmarks/bench_extraction.py [DATA_DIR] [--limit N] [--jobs N] [--worst N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "bench" / "extraction"
PUBLISHED = {
    "rs_trafilatura": 0.970,
    "go_trafilatura": 0.960,
    "trafilatura 2.0.0": 0.958,
    "newspaper4k": 0.949,
    "news-please": 0.948,
    "readability.js": 0.947,
    "readability-lxml": 0.922,
    "goose3": 0.896,
    "justext": 0.804,
    "BeautifulSoup get_text": 0.665,
}
_TOKEN = re.compile(r"\w+")
Triple = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    # A text shorter than n tokens is one (short) shingle, so it still counts.
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def document_triple(true: str, pred: str) -> Triple:
    """(TP, FP, FN) of one document, normalised to sum 1."""
    gold, got = shingles(true), shingles(pred)
    if not gold and not got:
        return (1.0, 0.0, 0.0)
    tp = sum((gold & got).values())
    fp = sum((got - gold).values())
    fn = sum((gold - got).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total)


def score(triples: list[Triple]) -> tuple[float, float, float]:
    """Macro-averaged precision and recall, and F1 of the two averages."""
    precisions = [tp / (tp + fp) for tp, fp, _ in triples if tp + fp > 0]
    recalls = [tp / (tp + fn) for tp, _, fn in triples if tp + fn > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _covdiff(html: str, url: str) -> str:
    from covdiff.errors import ExtractionError
    from covdiff.extract import extract_article

    try:
        return extract_article(html, origin=url, url=url).text
    except ExtractionError:
        return ""


def _trafilatura(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html) or ""


def _get_text(html: str, url: str) -> str:
    from bs4 import BeautifulSoup

    return BeautifulSoup(html, "lxml").get_text()


SYSTEMS: dict[str, Callable[[str, str], str]] = {
    "covdiff": _covdiff,
    "trafilatura 2.3.1 (this run)": _trafilatura,
    "BeautifulSoup get_text (this run)": _get_text,
}


def _run_page(job: tuple[Path, str, str]) -> tuple[str, dict[str, tuple[str, float]]]:
    path, key, url = job
    html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
    out: dict[str, tuple[str, float]] = {}
    for name, system in SYSTEMS.items():
        start = time.perf_counter()
        text = system(html, url)
        out[name] = (text, time.perf_counter() - start)
    return key, out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", nargs="?", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=0, help="only the first N pages")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--worst", type=int, default=0, help="list covdiff's N worst pages")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    truth = json.loads((args.data / "ground-truth.json").read_text(encoding="utf-8"))
    keys = sorted(truth)[: args.limit or None]
    jobs = [(args.data / "html" / f"{k}.html.gz", k, truth[k].get("url", "")) for k in keys]
    if args.jobs > 1:
        with ProcessPoolExecutor(args.jobs) as pool:
            results = dict(pool.map(_run_page, jobs, chunksize=4))
    else:
        results = dict(map(_run_page, jobs))

    print(f"{len(keys)} pages from {args.data}")
    print(f"{'system':36} {'precision':>9} {'recall':>7} {'F1':>6} {'ms/page':>8}")
    for name in SYSTEMS:
        triples = [document_triple(truth[k]["articleBody"], results[k][name][0]) for k in keys]
        p, r, f1 = score(triples)
        ms = 1000 * sum(results[k][name][1] for k in keys) / len(keys)
        print(f"{name:36} {p:9.3f} {r:7.3f} {f1:6.3f} {ms:8.1f}")
    print("published (same 181 pages, F1):")
    for name, f1 in PUBLISHED.items():
        print(f"{name:36} {'':9} {'':7} {f1:6.3f}")
    if args.worst:
        triples = {
            k: document_triple(truth[k]["articleBody"], results[k]["covdiff"][0]) for k in keys
        }
        print(f"covdiff's {args.worst} worst pages (TP FP FN):")
        for k in sorted(keys, key=lambda k: triples[k][0])[: args.worst]:
            tp, fp, fn = triples[k]
            print(f"  {k[:12]} {tp:.2f} {fp:.2f} {fn:.2f} {truth[k].get('url', '')[:70]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
