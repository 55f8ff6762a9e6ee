"""Time-boxed fuzzing of covdiff's ingest and engine, outside CI.

Usage (from the repository root)::

    python benchmarks/fuzz.py --seconds 120              # every target, 120 s each
    python benchmarks/fuzz.py --seconds 600 --target align --seed 7

Targets, each driven by hypothesis strategies:

- ``extract``: random bytes and HTML tag soup (unclosed and stray tags, scripts, comments,
  entities, odd attributes, deep nesting, every script of Unicode) through
  `covdiff.decode.decode_bytes` and `covdiff.sources.read_document`: a Document whose text
  is one trimmed, whitespace-collapsed paragraph per line, or a `SourceError`.
- ``segment``: random text through `covdiff.sentences.split_sentences`: spans non-empty,
  trimmed, ordered, non-overlapping, covering every non-whitespace character.
- ``align``: 2-4 documents sharing perturbed sentences (numbers, names, quotes changed,
  words dropped), 2-4 documents of random text, or one document twice, through
  `covdiff.api.compare_documents`: the covdiff/1 invariants of ``tests/test_contract.py``
  (offsets, nothing dropped, links across sources), byte-identical output on a second run,
  a JSON round trip, and every report format rendering.

Everywhere the same input must give the same output, and no exception other than a
`CovdiffError` may escape. Each target runs hypothesis in batches until its time is up;
a failing example is shrunk, reported once per distinct error, and fuzzing goes on.
Prints executions, time and findings per target; exits 1 if anything was found.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from covdiff.api import compare_documents  # noqa: E402
from covdiff.decode import decode_bytes, looks_like_html  # noqa: E402
from covdiff.errors import CovdiffError  # noqa: E402
from covdiff.reports import FORMATS, render  # noqa: E402
from covdiff.sentences import split_sentences  # noqa: E402
from covdiff.serialize import from_dict, to_json  # noqa: E402
from covdiff.sources import Document, SourceSpec, read_document  # noqa: E402
from tests.test_contract import check_invariants  # noqa: E402

BATCH = 40
"""Examples per hypothesis run; the clock is checked between runs."""
SLOW_SECONDS = 5.0
"""One example taking longer than this is a finding (a hang or a super-linear path)."""

# --- strategies --------------------------------------------------------------------------

WORDS = (
    "Putin Kim Pyongyang Moscow treaty signed said the a of in on at and to was were "
    "Wednesday June 19 2024 24 years two decades 3.5 million hundreds children U.S. Mr. "
    "Dr. Gen. e.g. i.e. a.m. p.m. No. St. Inc. émigré naïve Zürich 北京 平壤 مرحبا שלום "
    "Москва 🙂 🇰🇵 a\u0301 ﬁ ẞ İ"
).split()
PUNCT = [".", "!", "?", "…", "...", "。", "！", "？", ",", ";", ":", "—", "-", "–", "(", ")",
         "[", "]", "“", "”", "‘", "’", '"', "'", "«", "»", "•", "*", "1.", "2)", "a)"]  # fmt: skip
SPACES = [" ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\u00a0", "\u2028", "\u3000",
          "\x0b", "\x0c", "\x85", "\u200b", ""]  # fmt: skip

tokens = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(PUNCT),
    st.sampled_from(SPACES),
    st.text(min_size=1, max_size=8),  # any Unicode (no surrogates)
    st.integers(-(10**6), 10**9).map(str),
)
texts = st.lists(tokens, min_size=0, max_size=120).map("".join)

TAGS = ["html", "head", "body", "title", "meta", "article", "main", "section", "div", "p", "span",
        "h1", "h2", "h3", "nav", "header", "footer", "aside", "ul", "ol", "li", "a", "b", "i",
        "br", "table", "tr", "td", "script", "style", "noscript", "template", "iframe", "svg",
        "math", "form", "textarea", "pre", "code", "blockquote", "figure", "figcaption",
        "x-widget", "font", "center"]  # fmt: skip
ATTRS = st.sampled_from([
    "", ' class="content"', ' class="article-body"', " class='nav menu'", ' id="main"',
    ' class="comment"', ' class="ad sponsored"', ' href="javascript:alert(1)"',
    ' href="/relative"', ' href="https://example.org/x"', " onerror=alert(1)",
    ' style="display:none"', ' hidden', ' itemprop="articleBody"', ' lang="ar" dir="rtl"',
    ' class="a', " data-x='>'", ' property="og:title" content="Headline"',
])  # fmt: skip
SPECIALS = st.sampled_from([
    "<!doctype html>", "<!-- comment -->", "<!--", "-->", "<![CDATA[x]]>", "<?xml?>",
    "&nbsp;", "&amp;", "&lt;script&gt;", "&#0;", "&#xD800;", "&bogus;", "&#128512;",
    "</div>", "</p></p>", "<br/>", "<p", ">", "<", "\x00", "\x1b[2J",
    "<meta charset='windows-1252'>", "<meta property='article:published_time' content='2024'>",
    '<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>',
])  # fmt: skip


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    def build(tag: str, attrs: str, inner: list[str], close: bool) -> str:
        return f"<{tag}{attrs}>" + "".join(inner) + (f"</{tag}>" if close else "")

    return st.builds(
        build, st.sampled_from(TAGS), ATTRS, st.lists(children, max_size=5), st.booleans()
    )


html_soup = st.recursive(st.one_of(texts, SPECIALS), _element, max_leaves=40)


@st.composite
def deep_html(draw: st.DrawFn) -> str:
    """A paragraph buried under many levels of one container tag."""
    depth = draw(st.integers(100, 3000))
    tag = draw(st.sampled_from(["div", "span", "x-box", "blockquote", "b"]))
    body = draw(texts)
    return f"<body>{f'<{tag}>' * depth}<p>{body}</p>{f'</{tag}>' * depth}</body>"


pages = st.one_of(
    html_soup.map(lambda s: "<html><body>" + s),
    html_soup,
    deep_html(),
)
encodings = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis"])


@st.composite
def encoded_pages(draw: st.DrawFn) -> bytes:
    choice = draw(st.integers(0, 4))
    if choice == 0:
        return draw(st.binary(max_size=400))
    page = draw(pages)
    return page.encode(draw(encodings), "replace")


NAMES = ["Putin", "Kim Jong Un", "Lavrov", "Shoigu", "Xi"]
SENTENCES = [
    "{n} arrived in Pyongyang on Wednesday for a {k}-day visit.",
    "The two leaders signed a treaty on {k} June, officials said.",
    "“We will help each other,” {n} told reporters.",
    "It was the first visit in {k} years.",
    "About {k},000 people lined the streets.",
    "{n} said the treaty was a breakthrough.",
    "Critics warned of {k} new risks.",
    "The visit ended on Thursday.",
]


@st.composite
def documents(draw: st.DrawFn) -> list[Document]:
    """2-4 reports drawing on shared sentences, each perturbed a little, plus noise."""
    n_docs = draw(st.integers(2, 4))
    docs = []
    for d in range(n_docs):
        lines = []
        for template in draw(st.lists(st.sampled_from(SENTENCES), max_size=8)):
            line = template.format(n=draw(st.sampled_from(NAMES)), k=draw(st.integers(1, 30)))
            if draw(st.booleans()):
                words = line.split()
                del words[draw(st.integers(0, len(words) - 1))]
                line = " ".join(words)
            lines.append(line)
        if draw(st.booleans()):
            lines.insert(draw(st.integers(0, len(lines))), draw(texts))
        sep = draw(st.sampled_from([" ", "\n", "\n\n"]))
        text = sep.join(lines)
        if text.strip():
            docs.append(Document(f"d{d}", f"d{d}", text))
    return docs


random_documents = st.lists(texts, min_size=2, max_size=4).map(
    lambda ts: [Document(f"r{i}", f"r{i}", t) for i, t in enumerate(ts) if t.strip()]
)
twins = documents().map(lambda docs: [*docs[:1], *docs[:1]] if docs else docs)
document_sets = st.one_of(documents(), random_documents, twins)


# --- properties --------------------------------------------------------------------------


def check_extract(data: bytes) -> None:
    try:
        text = decode_bytes(data, origin="fuzz")
    except CovdiffError:
        return
    assert isinstance(text, str) and "\r" not in text and not text.startswith("\ufeff")
    results: list[tuple[str | None, ...]] = []
    for _ in range(2):
        try:
            doc = read_document(SourceSpec("text", text))
        except CovdiffError as exc:
            results.append(("error", str(exc)))
            continue
        results.append(("doc", doc.text, doc.title, doc.published))
        assert doc.text.strip(), "a document without text"
        if looks_like_html(text):  # plain text is kept as it is; extracted text is cleaned
            for line in doc.text.split("\n"):
                assert line, "an empty line in the text"
                assert line == line.strip(), f"untrimmed line {line!r}"
                assert not re.search(r"\s\s", line), f"whitespace not collapsed in {line!r}"
        check_segmentation(doc.text)
    assert results[0] == results[1], "extraction is not deterministic"


def check_segmentation(text: str) -> None:
    started = time.perf_counter()
    spans = split_sentences(text)
    seconds = time.perf_counter() - started
    assert seconds < max(1.0, len(text) / 20_000), f"{seconds:.1f} s for {len(text)} chars"
    assert spans == split_sentences(text), "segmentation is not deterministic"
    covered = bytearray(len(text))
    previous_end = 0
    for span in spans:
        piece = text[span.start : span.end]
        assert piece, f"empty span {span}"
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        assert span.start >= previous_end, "spans overlap or go backwards"
        previous_end = span.end
        covered[span.start : span.end] = b"\x01" * len(piece)
    dropped = [c for i, c in enumerate(text) if not covered[i] and not c.isspace()]
    assert not dropped, f"characters dropped: {dropped[:10]!r}"


def check_alignment(docs: list[Document]) -> None:
    if len(docs) < 2:
        return
    try:
        cmp = compare_documents(docs)
    except CovdiffError:
        return
    check_invariants(cmp)
    first = to_json(cmp)
    assert to_json(compare_documents(docs)) == first, "alignment is not deterministic"
    assert to_json(from_dict(json.loads(first))) == first, "JSON round trip differs"
    for fmt in FORMATS:
        assert render(cmp, fmt) == render(cmp, fmt)


# --- the driver --------------------------------------------------------------------------


@dataclass
class Target:
    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    executions: int = 0
    seconds: float = 0.0
    findings: dict[str, str] = field(default_factory=dict)


def _key(exc: BaseException) -> str:
    """One finding per distinct error: its type and the covdiff (or fuzz) line raising it."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if "/covdiff/" in f.filename] or frames[-1:]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(exc).__name__} at {where}"


def _leaves(exc: BaseException) -> list[BaseException]:
    """Hypothesis reports several distinct failures as one ExceptionGroup."""
    if isinstance(exc, BaseExceptionGroup):
        return [leaf for sub in exc.exceptions for leaf in _leaves(sub)]
    return [exc]


def fuzz(target: Target, seconds: float, seed: int | None) -> None:
    def run_one(value: Any) -> None:
        target.executions += 1
        started = time.perf_counter()
        target.check(value)
        took = time.perf_counter() - started
        assert took < SLOW_SECONDS, f"one example took {took:.1f} s"

    deadline = time.monotonic() + seconds
    started = time.monotonic()
    round_no = 0
    while time.monotonic() < deadline:
        round_no += 1
        test = settings(
            max_examples=BATCH,
            deadline=None,
            database=None,
            derandomize=seed is not None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            print_blob=False,
        )(given(target.strategy)(run_one))
        if seed is not None:
            from hypothesis import seed as hypothesis_seed

            test = hypothesis_seed(seed + round_no)(test)
        try:
            test()
        except Exception as group:  # findings: hypothesis has shrunk them already
            for exc in _leaves(group):
                key = _key(exc)
                if key in target.findings:
                    continue
                notes = "\n".join(getattr(exc, "__notes__", []))
                target.findings[key] = f"{type(exc).__name__}: {exc}\n{notes}"[:3000]
                print(f"  [{target.name}] FINDING {key}: {exc}\n{notes[:1500]}", flush=True)
    target.seconds = time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=120.0, help="time per target")
    parser.add_argument("--target", choices=["extract", "segment", "align", "all"], default="all")
    parser.add_argument("--seed", type=int, default=None, help="reproducible runs")
    args = parser.parse_args(argv)
    targets = [
        Target("extract", encoded_pages(), check_extract),
        Target("segment", texts, check_segmentation),
        Target("align", document_sets, check_alignment),
    ]
    chosen = [t for t in targets if args.target in ("all", t.name)]
    for target in chosen:
        print(f"fuzzing {target.name} for {args.seconds:g} s ...", flush=True)
        fuzz(target, args.seconds, args.seed)
    print()
    print(f"{'target':<10}{'executions':>12}{'seconds':>10}{'exec/s':>9}{'findings':>10}")
    for t in chosen:
        rate = t.executions / t.seconds if t.seconds else 0.0
        print(f"{t.name:<10}{t.executions:>12,}{t.seconds:>10.1f}{rate:>9.1f}{len(t.findings):>10}")
    for t in chosen:
        for key, notes in t.findings.items():
            print(f"\n[{t.name}] {key}\n{notes}")
    return 1 if any(t.findings for t in chosen) else 0


if __name__ == "__main__":
    raise SystemExit(main())
