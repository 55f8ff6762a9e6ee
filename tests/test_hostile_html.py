"""Hostile HTML pages through `covdiff compare PAGE GOOD --json`: each yields the article (with
a warning where something was odd) or one clear error line naming the page.

Large pages are written to tmp_path piece by piece, never built whole in the test's memory.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from .hostile_support import GOOD, assert_one_line_error, assert_valid_comparison, run

ARTICLE = (
    "<article><h1>Harbour budget agreed</h1>"
    + "".join(
        f"<p>Paragraph {i}: the committee met on Tuesday and agreed the budget for the harbour "
        f"repairs, about {i}000 pounds.</p>"
        for i in range(1, 6)
    )
    + "</article>"
)
FIRST_PARAGRAPH = "Paragraph 1: the committee met on Tuesday and agreed the budget"


def write_page(path: Path, *parts: str | tuple[str, int]) -> str:
    """Write a page from parts; ``(piece, n)`` writes ``piece`` n times, streamed to disk."""
    with open(path, "w", encoding="utf-8") as fh:
        for part in parts:
            if isinstance(part, tuple):
                piece, times = part
                for _ in range(times):
                    fh.write(piece)
            else:
                fh.write(part)
    return str(path)


def compare_page(path: str, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    started = time.perf_counter()
    result = run(["compare", path, GOOD, "--json"], capsys)
    assert time.perf_counter() - started < 15, "a hostile page must not stall covdiff"
    return result


def article_read(out: str) -> str:
    data = assert_valid_comparison(out, sources=2)
    text = data["sources"][0]["text"]
    assert FIRST_PARAGRAPH in text
    return text


PAGES_WITHOUT_TEXT: list[tuple[str, str, str]] = [
    ("head only, no body", "<html><head><title>T</title></head></html>", "no visible text"),
    ("script only", "<html><body><script>alert(1)</script></body></html>", "no visible text"),
    ("style only", "<html><body><style>p{color:red}</style></body></html>", "no visible text"),
    ("comments only", "<html><!-- nothing --><body><!-- here --></body></html>", "no visible text"),
    ("empty tags", "<html><body><div><span></span></div></body></html>", "no visible text"),
    ("whitespace and entities only", "<body>&nbsp; &#32;\n<p> </p></body>", "no visible text"),
]


@pytest.mark.parametrize(("name", "html", "words"), PAGES_WITHOUT_TEXT, ids=lambda x: str(x)[:30])
def test_page_without_text_is_a_clear_error(
    name: str, html: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(tmp_path / "page.html", html)
    code, out, err = compare_page(page, capsys)
    assert code == 2 and out == ""
    assert_one_line_error(err, "page.html", words)


MESSY_PAGES: list[tuple[str, str]] = [
    ("unclosed and stray tags", "<html><body><p>Unclosed <b>bold <i>text</p></div></span>"
     "<<<>>> </table>" + ARTICLE),
    ("no html, head or body tags", ARTICLE),
    ("body inside a comment trick", "<!-- <body> -->" + ARTICLE + "<!-- </body>"),
    ("control bytes in markup", ARTICLE.replace("<p>", "<p>\x01\x1b\x7f", 2)),
    ("unterminated script before the article", "<html><body>" + ARTICLE + "<script>var x = '"),
    ("unterminated comment after the article", ARTICLE + "<!-- never closed"),
    ("broken attributes", "<body><div class=a\"b'c onclick=x =y>" + ARTICLE + "</div></body>"),
    ("CDATA and processing instructions", "<?xml version='1.0'?><![CDATA[x]]>" + ARTICLE),
    ("frameset page", "<html><frameset><frame src='x'></frameset><body>" + ARTICLE),
    ("entities galore", ARTICLE.replace("Paragraph 2:", "&nbsp;&#x200b;&bogus;&#0;&#xD800;", 1)),
]  # fmt: skip


@pytest.mark.parametrize(("name", "html"), MESSY_PAGES, ids=[n for n, _ in MESSY_PAGES])
def test_malformed_page_still_yields_its_article(
    name: str, html: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(tmp_path / "page.html", html)
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    article_read(out)


def test_html_nested_10000_levels_deep(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(
        tmp_path / "deep.html", "<html><body>", ("<div>", 10_000), ARTICLE, ("</div>", 10_000)
    )
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    article_read(out)
    assert "covdiff: warning: deep: the page nests elements deeper than 255 levels" in err


def test_unknown_tags_nested_10000_levels_deep(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Tags the flattening rescue does not know: the text below level 255 may be lost, but
    # covdiff must still end cleanly, with the article or a clear error.
    page = write_page(tmp_path / "deep.html", ("<x-box>", 10_000), ARTICLE, ("</x-box>", 10_000))
    code, out, err = compare_page(page, capsys)
    if code == 0:
        assert_valid_comparison(out, sources=2)
    else:
        assert code == 2
        assert_one_line_error(err, "deep.html")


def test_twenty_megabyte_page_with_a_huge_inline_script(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The common shape of a very large page: app state or tracking blobs inline, a small article.
    page = write_page(
        tmp_path / "big.html",
        '<html><head><title>Big</title><script>window.__STATE__={"k":"',
        ("0123456789abcdef" * 4096, 306),  # 306 * 64 KiB = 20.05 MB, under the 20 MiB cap
        '"}</script></head><body>',
        ARTICLE,
        "</body></html>",
    )
    assert 20_000_000 < Path(page).stat().st_size < 20 * 1024 * 1024
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    assert "0123456789abcdef" not in article_read(out)


def test_page_of_a_hundred_thousand_elements_uses_the_linear_extractor(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(
        tmp_path / "many.html",
        "<html><body>",
        ("<div class='ad'><span>ad</span></div>", 50_000),
        ARTICLE,
        "</body></html>",
    )
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    article_read(out)
    assert "the page is very large" in err


def test_page_over_the_size_limit_is_refused_at_once(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(tmp_path / "huge.html", "<html><body>", ("<p>x</p>" * 8192, 330), ARTICLE)
    started = time.perf_counter()
    code, _, err = compare_page(page, capsys)
    assert code == 2
    assert time.perf_counter() - started < 2
    assert_one_line_error(err, "huge.html", "over the 20,971,520-byte limit")


def test_nul_bytes_make_a_page_binary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As for git and grep, a NUL in the first 4 KB means binary: refused with the reason,
    # rather than guessed at (a text file with NULs is almost always a mis-saved binary).
    page = write_page(tmp_path / "page.html", ARTICLE.replace("<p>", "<p>\x00", 1))
    code, _, err = compare_page(page, capsys)
    assert code == 2
    assert_one_line_error(err, "page.html", "NUL bytes")


def test_html_detected_by_content_under_a_txt_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = write_page(tmp_path / "saved.txt", "<!doctype html><html><body>" + ARTICLE)
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    assert "<p>" not in article_read(out)


def test_plain_text_under_an_html_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = write_page(tmp_path / "notes.html", "Putin landed in Pyongyang. Kim met him.")
    code, out, err = compare_page(page, capsys)
    assert code == 0, err
    data = assert_valid_comparison(out, sources=2)
    assert "Putin landed in Pyongyang." in data["sources"][0]["text"]
