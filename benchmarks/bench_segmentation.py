"""Score and time covdiff's sentence segmenter.

Usage (from the repository root)::

    python benchmarks/bench_segmentation.py [BENCH_DIR] [--quiet] [--no-timing]

BENCH_DIR defaults to ``../shared/bench/segmentation`` relative to the repository root. It
must hold ``golden_rules_en.json`` (the 52 English Golden Rules) and
``pysbd_english_extended.json`` (pySBD's English test cases); the data is read in place and
never copied into the project.

Sentences are compared after stripping and collapsing runs of whitespace. covdiff returns
offsets into the unchanged text, so it cannot turn "a cold \\nnight" into "a cold night" as
the reference outputs (made by segmenters that rewrite their input) do; the rules that pass
only thanks to this collapsing are flagged. The extended set also contains cases that need
text cleaning (HTML tags, dot leaders removed), which no offset-preserving segmenter can pass.

If pysbd is importable it is scored and timed beside covdiff, for comparison only.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from covdiff.sentences import split_sentences  # noqa: E402

PUBLISHED = {"pragmatic_segmenter": 51, "pySBD": 48}
"""Golden Rules passed, as published by each project (out of 52)."""

Segmenter = Callable[[str], list[str]]
Case = dict[str, Any]


def covdiff_segment(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def _norm(sentence: str) -> str:
    return " ".join(sentence.split())


def score(cases: list[Case], segment: Segmenter) -> tuple[int, list[tuple[Case, list[str]]]]:
    """Count the cases *segment* gets right; return the count and the failures."""
    passed = 0
    failures = []
    for case in cases:
        got = [_norm(s) for s in segment(case["input"])]
        want = [_norm(s) for s in case["expected_sentences"]]
        if [s for s in got if s] == [s for s in want if s]:
            passed += 1
        else:
            failures.append((case, got))
    return passed, failures


def golden_rules(bench: Path, quiet: bool) -> None:
    rules = json.loads((bench / "golden_rules_en.json").read_text(encoding="utf-8"))
    print(f"== Golden Rules (English), {len(rules)} rules ==")
    passed = 0
    for rule in rules:
        text = rule["input"]
        spans = covdiff_segment(text)
        got = [_norm(s) for s in spans]
        want = [_norm(s) for s in rule["expected_sentences"]]
        ok = got == want
        strict = [s.strip() for s in spans] == [s.strip() for s in rule["expected_sentences"]]
        passed += ok
        note = "" if strict or not ok else "  (needs whitespace collapsing)"
        if not quiet or not ok:
            print(f"  {'PASS' if ok else 'FAIL'} {rule['id']:2d} {rule['title']}{note}")
        if not ok:
            print(f"       got:  {got}\n       want: {want}")
    print(f"covdiff: {passed}/{len(rules)}")
    for name, figure in PUBLISHED.items():
        print(f"{name} (published): {figure}/{len(rules)}")
    pysbd = _pysbd()
    if pysbd is not None:
        print(f"pysbd {pysbd[1]} (measured here, clean=False): {score(rules, pysbd[0])[0]}")


def extended(bench: Path, quiet: bool) -> None:
    data = json.loads((bench / "pysbd_english_extended.json").read_text(encoding="utf-8"))
    cases = data["TESTS_WITH_CLEAN"] + data["TESTS_WO_CLEAN"]
    passed, failures = score(cases, covdiff_segment)
    print(f"\n== pySBD English extended set, {len(cases)} cases ==")
    if not quiet:
        for case, got in failures:
            print(f"  FAIL {case['input'][:70]!r}\n       got:  {got}")
    print(f"covdiff: {passed}/{len(cases)} ({100 * passed / len(cases):.1f}%)")
    with_clean, without = _pysbd(clean=True), _pysbd(clean=False)
    if with_clean is not None and without is not None:
        figure = score(data["TESTS_WITH_CLEAN"], with_clean[0])[0]
        figure += score(data["TESTS_WO_CLEAN"], without[0])[0]
        print(f"pysbd {with_clean[1]} (measured here, clean as each case expects): ", end="")
        print(f"{figure}/{len(cases)}")


def _pysbd(clean: bool = False) -> tuple[Segmenter, str] | None:
    try:
        pysbd = importlib.import_module("pysbd")  # optional: only to compare against
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=clean)
    return segmenter.segment, getattr(pysbd, "__version__", "?")


def _timed(segment: Callable[[str], object], text: str) -> float:
    t0 = time.perf_counter()
    segment(text)
    return time.perf_counter() - t0


def timing() -> None:
    print("\n== Timing (pure Python, one core) ==")
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    seed = "\n".join(p.read_text(encoding="utf-8") for p in seeds)
    n_seed = len(split_sentences(seed))
    for target in (1_000_000, 10_000_000):
        text = (seed + "\n") * (target // (len(seed) + 1) + 1)
        seconds = _timed(split_sentences, text)
        count = len(split_sentences(text))
        print(
            f"seed text repeated to {len(text) / 1e6:.1f} MB: {seconds:.2f} s, "
            f"{count / seconds:,.0f} sentences/s, {len(text) / 1e6 / seconds:.1f} MB/s"
        )
    print(f"(the seed has {n_seed} spans)")
    hard = {
        "100,000-char sentence, no punctuation": "word " * 20_000,
        "100,000-char token, no spaces": "x" * 100_000,
        "50,000 'a. '": "a. " * 50_000,
        "100,000 dots": "." * 100_000,
        "50,000 spaced dots": ". " * 50_000,
        "50,000 unclosed quotes": "“a " * 50_000,
        "50,000 apostrophes": "'a " * 50_000,
        "30,000 list markers": " ".join(f"{i % 99 + 1}. x" for i in range(30_000)),
        "50,000 '@'": "a@b " * 50_000,
        "CJK 100,000 chars": "汉字。" * 33_000,
    }
    for name, text in hard.items():
        print(f"{name}: {_timed(split_sentences, text) * 1000:.0f} ms")
    pysbd = _pysbd()
    if pysbd is not None:
        sample = (seed + "\n") * 10
        ours = _timed(split_sentences, sample)
        theirs = _timed(pysbd[0], sample)
        print(
            f"pysbd on {len(sample) / 1e3:.0f} kB of seed text: {theirs:.2f} s "
            f"(covdiff {ours:.3f} s, {theirs / ours:.0f}x faster)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "bench", nargs="?", type=Path, default=REPO.parent / "shared" / "bench" / "segmentation"
    )
    parser.add_argument("--quiet", action="store_true", help="print failures only")
    parser.add_argument("--no-timing", action="store_true", help="skip the timing runs")
    args = parser.parse_args()
    golden_rules(args.bench, args.quiet)
    extended(args.bench, args.quiet)
    if not args.no_timing:
        timing()


if __name__ == "__main__":
    main()
