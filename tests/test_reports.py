"""Report writers on a hand-built Comparison: golden files, escaping, colour.

The golden files under ``tests/golden/`` are compared byte for byte; after a deliberate
change to a writer, regenerate them with ``COVDIFF_UPDATE_GOLDEN=1 pytest tests/test_reports.py``
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import covdiff
from covdiff.model import Comparison, Conflict, ConflictKind, EditOp, Link, Relation, WordEdit
from covdiff.reports import EXTENSIONS, render
from covdiff.reports.html import CSP, render_html
from covdiff.reports.markdown import md_text, render_markdown
from covdiff.reports.text import render_text
from covdiff.reports.view import (
    Cell,
    cell,
    claim_text,
    gist_source,
    pieces_for,
    printable,
    safe_url,
    side_by_side,
    span_text,
)
from covdiff.serialize import from_dict, to_dict
from tests.conftest import SEED_EVENT
from tests.report_sample import CLAIMS, LINKS, RADIO, TABLOID, WIRE, Outlet, build, sample

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("COVDIFF_UPDATE_GOLDEN") == "1"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_golden(fmt: str) -> None:
    path = GOLDEN / f"sample.{EXTENSIONS[fmt]}"
    got = render(sample(), fmt, color=False).encode("utf-8")
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(got)
    assert path.exists(), f"{path} missing: run with COVDIFF_UPDATE_GOLDEN=1"
    assert got == path.read_bytes(), f"{fmt} report changed; see {path}"


@pytest.mark.parametrize("fmt", ["text", "json", "md", "html"])
def test_deterministic(fmt: str) -> None:
    assert render(sample(), fmt) == render(sample(), fmt)


def test_json_round_trips() -> None:
    cmp = sample()
    assert from_dict(json.loads(render(cmp, "json"))) == cmp
    assert to_dict(cmp)["counts"] == {
        "claims": 7,
        "carried_by_all": 2,
        "carried_by_some": 1,
        "carried_by_one": 4,
        "conflicts": 2,
        "reworded": 3,
    }


# --- what the reports show --------------------------------------------------------------


def test_matrix_cells() -> None:
    cmp = sample()
    c = {x.id: x for x in cmp.claims}
    assert [cell(cmp, c["c2"], s) for s in ("s1", "s2", "s3")] == [
        Cell.REWORDED,  # the tabloid rewords the wire
        Cell.SAME,  # radio has the wire's words
        Cell.REWORDED,
    ]
    assert [cell(cmp, c["c3"], s) for s in ("s1", "s2", "s3")] == [
        Cell.CONFLICT,
        Cell.REWORDED,
        Cell.CONFLICT,
    ]
    assert [cell(cmp, c["c4"], s) for s in ("s1", "s2", "s3")] == [
        Cell.CONFLICT,
        Cell.CONFLICT,
        Cell.MISSING,
    ]
    assert cell(cmp, c["c6"], "s2") is Cell.ONLY


def test_side_by_side_marks_words_in_the_original_text() -> None:
    cmp = sample()
    c3 = next(c for c in cmp.claims if c.id == "c3")
    views = {v.source.label: v for v in side_by_side(cmp, c3)}
    assert views["wire"].reference
    tabloid = views["tabloid"].passages[0]
    assert tabloid.ref is not None and tabloid.ref.label == "wire"
    # The punctuation of the sentence survives although the edits hold words only.
    assert "".join(p.text for p in tabloid.pieces) == TABLOID.sentences[1]
    marked = [(p.op.value, p.text, p.was) for p in tabloid.pieces if p.op and p.op.value != "kept"]
    assert marked == [("replaced", "fire", "flame"), ("replaced", "nine", "seven")]


def test_edits_that_do_not_fit_the_text_are_not_shown() -> None:
    edits = (WordEdit(EditOp.KEPT, "Short", "Short"), WordEdit(EditOp.ADDED, "", "absent"))
    assert pieces_for("Short text.", edits) is None


def test_html_structure() -> None:
    out = render_html(sample())
    assert out.startswith("<!doctype html>")
    assert f'content="{CSP}"' in out
    assert "@media print" in out and "prefers-color-scheme: dark" in out
    # Order: sources and counts, matrix, claims side by side, only here.
    marks = ['id="sources"', 'id="counts"', 'id="matrix"', 'id="claims"', 'id="only"']
    assert [out.index(m) for m in marks] == sorted(out.index(m) for m in marks)
    assert '<a href="https://wire.example/harbour-fire" rel="noopener noreferrer">' in out
    assert "radio/fire.txt" in out  # no URL: the file is named as text
    assert "<ins>inferno at</ins>" in out
    assert '<mark title="wire: flame" data-was="flame">fire</mark>' in out
    assert '<del title="wire: left out here">a wall of flame</del>' in out
    assert "wire says <q>seven hours</q>, tabloid says <q>nine hours</q>" in out
    assert "wire says <q>a wall of flame</q>, tabloid says <q>a wall of fire</q>" in out
    # Colour is never the only signal: every cell has its symbol and its word.
    assert '<span aria-hidden="true">≠</span> conflict' in out
    assert '<span aria-hidden="true">—</span> missing' in out


# --- HTML escaping ----------------------------------------------------------------------

INJECT_TEXT = (
    "Officials said <script>document.title='pwned'</script> the fire "
    "<img src=x onerror=alert(1)> was out \"quoted\" & 'single' </p></div><b>bold</b>."
)


def hostile(url: str | None = "javascript:alert(1)") -> list[Outlet]:
    evil = Outlet(
        '"><img src=x onerror=alert(1)>',
        [INJECT_TEXT, "The fire was out by dawn."],
        title="<script>alert('title')</script>",
        site="<iframe src=//evil.example>",
        published='2024"><svg onload=alert(1)>',
        url=url,
        origin="javascript:alert(2)",
    )
    plain = Outlet("plain", ["Officials said the fire was out.", "The fire was out by dawn."])
    return [evil, plain]


def hostile_cmp(url: str | None = "javascript:alert(1)") -> Comparison:
    return build(
        hostile(url),
        [["s1:0", "s2:0"], ["s1:1", "s2:1"]],
        [
            Link(
                ("s1:0",),
                ("s2:0",),
                60.0,
                Relation.CONFLICT,
                conflicts=(Conflict(ConflictKind.QUOTE, "<script>x</script>", "<b>y</b>"),),
                edits=(
                    WordEdit(EditOp.KEPT, "Officials said", "Officials said"),
                    WordEdit(EditOp.DROPPED, "script document title pwned script", ""),
                ),
            ),
            Link(("s1:1",), ("s2:1",), 100.0, Relation.SAME),
        ],
        warnings=("<script>warn</script>",),
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.data.append(data)


def parse(html_text: str) -> _Tags:
    p = _Tags()
    p.feed(html_text)
    p.close()
    return p


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "header", "main", "footer", "section",
    "article", "h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "table", "thead", "tbody", "tr",
    "th", "td", "div", "span", "strong", "a", "q", "ins", "del", "mark",
}  # fmt: skip


@pytest.mark.parametrize("url", ["javascript:alert(1)", " javascript:alert(1)", "data:text/html,x",
                                 "http://ok.example/\"onmouseover=alert(1)", None])  # fmt: skip
def test_html_escapes_every_source_field(url: str | None) -> None:
    out = render_html(hostile_cmp(url))
    tree = parse(out)
    tags = {t for t, _ in tree.tags}
    assert tags <= ALLOWED_TAGS, tags - ALLOWED_TAGS
    for tag, attrs in tree.tags:
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name == "href":
                assert value is not None
                assert value.startswith(("#", "https://", "http://")), value
                assert "javascript" not in value.lower()
    text = "".join(tree.data)
    # The hostile strings are still there, as text a reader can see.
    assert "<script>document.title='pwned'</script>" in text
    assert "<img src=x onerror=alert(1)>" in text
    assert '"><img src=x onerror=alert(1)>' in text
    assert "<iframe src=//evil.example>" in text
    assert "<script>x</script>" in text
    if url is not None and url.strip().startswith(("javascript", "data")):
        assert url.strip() in text
    assert "<script" not in out.lower().replace("&lt;script", "")


def test_html_links_only_plain_http_urls() -> None:
    assert safe_url("https://example.com/a?b=1#c") == "https://example.com/a?b=1#c"
    assert safe_url("HTTP://EXAMPLE.COM") == "HTTP://EXAMPLE.COM"
    bad_urls = [
        *("javascript:alert(1)", "JaVaScRiPt:alert(1)", " https://x", "data:text/html,x"),
        *("//evil.example", 'https://x/"onclick', "https://x y", "ftp://x", "", None),
    ]
    for bad in bad_urls:
        assert safe_url(bad) is None, bad
    out = render_html(hostile_cmp("https://ok.example/article"))
    assert '<a href="https://ok.example/article" rel="noopener noreferrer">' in out


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_order_and_tables() -> None:
    out = render_markdown(sample())
    heads = [line for line in out.splitlines() if line.startswith("## ")]
    assert heads == [
        "## Sources",
        "## Counts",
        "## Coverage matrix",
        "## Conflicts",
        "## Only here",
    ]
    rows = [line for line in out.splitlines() if line.startswith("| c")]
    assert rows[1].startswith("| c2 | ≈ reworded | ✓ same | ≈ reworded |")
    assert "| c3 | number | wire | seven hours | tabloid | nine hours |" in out
    assert "| c3 | quote | wire | a wall of flame | tabloid | a wall of fire |" in out
    assert "<https://wire.example/harbour-fire>" in out


def _cells(row: str) -> list[str]:
    # Split a GFM row on unescaped pipes, as GitHub does.
    return re.split(r"(?<!\\)\|", row.strip())[1:-1]


def test_markdown_escapes_cells() -> None:
    evil = Outlet(
        "a|b\nc",
        ["Pipes | in | text *and* _emphasis_ [link](javascript:x) <script>s</script>.", "Same."],
        title="Line one\nline two | more",
        url="javascript:alert(1)",
    )
    plain = Outlet("plain", ["Pipes in text and emphasis.", "Same."])
    cmp = build(
        [evil, plain],
        [["s1:0"], ["s2:0"], ["s1:1", "s2:1"]],
        [Link(("s1:1",), ("s2:1",), 100.0, Relation.SAME)],
    )
    out = render_markdown(cmp)
    table_rows = [line for line in out.splitlines() if line.startswith("|")]
    sources_rows = [r for r in table_rows if r.startswith("| s")]
    assert all(len(_cells(r)) == 7 for r in sources_rows)
    matrix = [r for r in table_rows if r.startswith("| c")]
    assert all(len(_cells(r)) == 4 for r in matrix)
    assert "a\\|b<br>c" in out
    assert "Line one<br>line two \\| more" in out
    assert "&lt;script&gt;" in out and "<script>" not in out
    assert "\\[link\\](javascript:x)" in out
    assert "<javascript" not in out and not re.search(r"(?<!\\)\]\(javascript", out)
    assert md_text("# not a heading") == "\\# not a heading"
    assert md_text("1. not a list") == "1\\. not a list"


# --- text -------------------------------------------------------------------------------


def test_text_plain_has_no_escape_codes() -> None:
    out = render_text(sample(), color=False)
    assert "\x1b" not in out
    assert "c3  ≠ number: wire says “seven hours”, tabloid says “nine hours”" in out
    assert "c3  ≠ quote: wire says “a wall of flame”, tabloid says “a wall of fire”" in out
    assert "c4  ≠ date: wire says “Thursday”, radio says “Friday”" in out
    assert "missing from tabloid" in out
    assert "● c6 A vigil will be held on Friday evening." in out


def test_text_colour_adds_only_sgr_codes() -> None:
    plain = render_text(sample(), color=False)
    coloured = render_text(sample(), color=True)
    assert coloured != plain
    assert "\x1b[31;1m" in coloured  # conflicts in bold red
    assert ANSI.sub("", coloured) == plain


def test_text_neutralises_terminal_escapes_in_sources() -> None:
    evil = Outlet("evil\x1b[2J", ["Clear \x1b[2Jscreen\x07 now.", "Same."])
    plain = Outlet("plain", ["Clear screen now.", "Same."])
    cmp = build(
        [evil, plain],
        [["s1:0", "s2:0"], ["s1:1", "s2:1"]],
        [
            Link(("s1:0",), ("s2:0",), 90.0, Relation.REWORDED),
            Link(("s1:1",), ("s2:1",), 100.0, Relation.SAME),
        ],
    )
    for color in (False, True):
        out = ANSI.sub("", render_text(cmp, color=color))
        assert "\x1b" not in out and "\x07" not in out
        assert "\\x1b[2J" in out


def test_sample_is_consistent() -> None:
    # The hand-built sample obeys the contract's invariants, so the goldens test real shapes.
    cmp = sample()
    for src in cmp.sources:
        for s in src.sentences:
            assert src.text[s.start : s.end] == s.text
    claimed = {s for c in cmp.claims for s in c.sentences}
    assert claimed == {s.id for src in cmp.sources for s in src.sentences}
    assert len(CLAIMS) == len(cmp.claims) and len(LINKS) == len(cmp.links)
    assert [o.label for o in (WIRE, RADIO, TABLOID)] == [s.label for s in cmp.sources]


def test_conflict_without_detail_is_still_reported() -> None:
    cmp = build(
        [Outlet("a", ["The bridge cost 5 million."]), Outlet("b", ["The bridge cost 6 million."])],
        [["s1:0", "s2:0"]],
        [Link(("s1:0",), ("s2:0",), 70.0, Relation.CONFLICT)],
    )
    assert "a and b differ on a fact" in render_html(cmp)
    assert "| c1 | fact | a | — | b | — |" in render_markdown(cmp)
    assert "c1  conflict (no detail recorded)" in render_text(cmp)


def test_writers_import_neither_rich_nor_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, covdiff.reports.html, covdiff.reports.markdown, covdiff.reports.text, "
        "covdiff.batch, covdiff.batch_index; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'textual')); "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("fmt", ["text", "md", "html", "json"])
def test_cli_compare_writes_each_format(tmp_path: Path, fmt: str) -> None:
    from click.testing import CliRunner

    from covdiff.cli import cli

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The mayor opened the bridge on Monday. It cost five million.", encoding="utf-8")
    b.write_text("On Monday the mayor opened the bridge. It cost six million.", encoding="utf-8")
    out = tmp_path / f"report.{EXTENSIONS[fmt]}"
    result = CliRunner().invoke(cli, ["compare", str(a), str(b), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "\x1b" not in text
    expected = {
        "text": "Coverage comparison of 2 sources",
        "md": "## Coverage matrix",
        "html": "<h2>Coverage matrix</h2>",
        "json": '"schema": "covdiff/1"',
    }
    assert expected[fmt] in text


def test_a_subhead_and_its_sentence_read_apart_on_one_line() -> None:
    # A claim may span a subhead and the sentence under it; on one line they must not run
    # together as "Cause not yet known The cause ...".
    assert printable("Cause not yet known\nThe cause is not known.") == (
        "Cause not yet known / The cause is not known."
    )
    assert printable("First sentence.\nSecond sentence.") == "First sentence. Second sentence."
    assert printable("ESC\x1b[2J here") == "ESC\\x1b[2J here"


def test_the_link_index_finds_what_a_scan_of_every_link_finds() -> None:
    # Reports look links up by sentence (a scan per claim and cell was quadratic on large
    # comparisons); the index must answer exactly as the scan did, in the same order.
    cmp = covdiff.compare([str(SEED_EVENT)])
    for claim in cmp.claims:
        scan = [lk for lk in cmp.links if set(claim.sentences) & {*lk.a, *lk.b}]
        assert cmp.links_touching(claim.sentences) == scan
    sid = cmp.sources[0].sentences[0].id
    assert cmp.links_of(sid) == [lk for lk in cmp.links if sid in lk.a or sid in lk.b]


def test_a_claim_a_source_states_in_two_places_is_quoted_without_the_text_between() -> None:
    cmp = covdiff.compare([str(SEED_EVENT)])
    src = cmp.sources[0]
    first, third = src.sentences[0], src.sentences[2]
    text = span_text(cmp, (first.id, third.id))
    assert text == f"{first.text} … {third.text}"
    assert src.sentences[1].text not in text


def test_a_claim_is_quoted_in_words_of_its_own_not_a_lede_that_merges_several() -> None:
    # The court-ruling explainer's "On March 18, the High Court of Ardenia rejected a
    # challenge ..." belongs to two claims. Quoting the first carrier of each would show
    # that same sentence twice; each claim is quoted from a sentence of its own instead.
    cmp = covdiff.compare([str(SEED_EVENT.parent / "court-ruling")])
    lede = next(s for s in cmp.sources[0].sentences if s.text.startswith("On March 18"))
    holding = cmp.claims_holding((lede.id,))
    assert len(holding) == 2
    gists = [claim_text(cmp, c) for c in holding]
    assert gists[0] != gists[1]
    for claim in holding:
        source = gist_source(cmp, claim)
        assert (
            all(
                cmp.claims_holding((x,)) == [claim]
                for x in claim.sentences
                if cmp.sentence(x).source == source
            )
            or source == claim.sources[0]
        )


def test_text_report_never_lists_the_quoted_source_as_rewording_itself() -> None:
    text = render_text(covdiff.compare([str(SEED_EVENT)]), color=False)
    lines = text.splitlines()
    checked = 0
    for at, line in enumerate(lines):
        if line.strip().startswith("reworded by"):
            quoted = re.search(r"\((\w+)\)\s*$", lines[at - 1])
            assert quoted, lines[at - 1]
            assert quoted.group(1) not in line.split("reworded by", 1)[1].split(", ")
            checked += 1
    assert checked >= 3


def test_text_report_does_not_double_the_quotation_marks_of_a_quoted_sentence(tmp_path) -> None:
    for name in ("a", "b"):
        (tmp_path / f"{name}.txt").write_text(
            "“The harbour will reopen on Thursday,” the harbour master said.\n", encoding="utf-8"
        )
    text = render_text(covdiff.compare([str(tmp_path)]), color=False)
    assert "“The harbour will reopen" in text
    assert "““" not in text
