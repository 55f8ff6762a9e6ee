"""extract_article on pages imitating common CMS layouts, and on hostile HTML.

The pages under tests/pages/ are written for these tests (no real site's markup): each has
a known article body, known metadata, and the boilerplate its kind of CMS surrounds an
article with. The assertions check that every paragraph comes through, in order, one per
line, and that the boilerplate does not.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

import covdiff.extract as extract_module
from covdiff.cleanup import clean_lines
from covdiff.errors import ExtractionError
from covdiff.extract import Article, extract_article

PAGES = Path(__file__).parent / "pages"


def _extract(name: str) -> Article:
    html = (PAGES / name).read_text(encoding="utf-8")
    return extract_article(html, origin=name)


def _assert_in_order(text: str, pieces: list[str]) -> None:
    lines = text.split("\n")
    positions = []
    for piece in pieces:
        found = [i for i, line in enumerate(lines) if piece in line]
        assert found, f"missing from the article text: {piece!r}\n---\n{text}"
        positions.append(found[0])
    assert positions == sorted(positions), "paragraphs out of order"


def _assert_absent(text: str, pieces: list[str]) -> None:
    for piece in pieces:
        assert piece not in text, f"boilerplate kept: {piece!r}\n---\n{text}"


def test_wordpress_with_sidebar_and_comments() -> None:
    art = _extract("wordpress.html")
    _assert_in_order(
        art.text,
        [
            "The island ferry returned to its regular timetable on Tuesday morning",
            "Harbour engineers worked through the weekend",
            "Repairs cost more than expected",
            "The council said the emergency repair had cost about 310,000 pounds",
            "A permanent replacement for the ramp will be built over the summer",
            "Regular passengers welcomed the news",
        ],
    )
    # The subhead stands on its own line.
    assert "Repairs cost more than expected" in art.text.split("\n")
    _assert_absent(
        art.text,
        [
            "Contact us",  # navigation
            "Recent Posts",  # sidebar
            "Library extends opening hours",
            "newsletter",
            "sleeping on her aunt's sofa",  # comments
            "Leave a Reply",
            "Share this",
            "Proudly powered by WordPress",
            "ajaxurl",  # script
        ],
    )
    assert art.title == "Ferry service resumes after storm damage repaired"
    assert art.site == "Northport Gazette"
    assert art.byline == "Morgan Hale"
    assert art.published == "2024-03-12"
    assert art.url == "https://gazette.example.org/2024/03/12/ferry-service-resumes/"
    assert art.warnings == ()


def test_news_site_with_json_ld_cookie_banner_and_related_links() -> None:
    art = _extract("news_jsonld.html")
    _assert_in_order(
        art.text,
        [
            "State inspectors have found a series of cracks",
            "The cracks were spotted during a routine inspection",
            "No danger to homes downstream",
            "Benning said there was no immediate danger",
            "Lowering the reservoir reduces the pressure",
            "Residents who fish and boat on the reservoir",
        ],
    )
    _assert_absent(
        art.text,
        [
            "We use cookies",
            "Accept all",
            "Advertisement",
            "Related coverage",
            "Reservoir levels fall to a ten-year low",
            "Sign up for our free newsletter",
            "Most read",
            "High school football",
            "All rights reserved",
            "dataLayer",
        ],
    )
    # The headline is metadata, not repeated as the first line of the body.
    assert not art.text.startswith("Dam inspectors find cracks")
    assert art.title == "Dam inspectors find cracks in Crane Valley spillway"
    assert art.site == "The Daily Ledger"
    assert art.byline == "Dana Whitlock, Luis Ortega"
    assert art.published == "2023-10-05"
    assert art.url == "https://ledger.example.com/news/2023/10/05/dam-inspectors-cracks"


def test_plain_div_soup_without_paragraph_tags() -> None:
    art = _extract("divsoup.html")
    _assert_in_order(
        art.text,
        [
            "The state highway department will close the Route 9 bridge",
            "Engineers found that the steel bearings",
            "Traffic will be sent along Orchard Road",
            "Business owners on Front Street asked the department",
        ],
    )
    assert len(art.text.split("\n")) == 4  # <br><br> breaks become paragraphs
    _assert_absent(
        art.text,
        ["Classifieds", "Church supper", "Place your ad here", "Copyright 2022", "Posted June"],
    )
    assert art.title == "Bridge on Route 9 to close for repairs"
    assert art.site == "Mill Creek Weekly"
    assert art.published == "2022-06-03"


def test_amp_page() -> None:
    art = _extract("amp.html")
    _assert_in_order(
        art.text,
        [
            "Apple growers across the valley are bringing in the largest harvest",
            "The cooperative expects its members to pick about 2.3 million bushels",
            "The large crop has pushed down prices paid to growers",
            "Becker said the cooperative had opened a second cold-storage building",
        ],
    )
    _assert_absent(
        art.text, ["Advertisement", "More from Valley News", "County fair", "Privacy", "Events"]
    )
    assert art.title == "Orchard growers report record apple harvest"
    assert art.byline == "Priya Raman"
    assert art.site == "Valley News"
    assert art.published == "2021-09-28"
    assert art.url == "https://www.valleynews.example.net/business/orchard-record-harvest.html"


def test_relative_canonical_resolves_against_the_page_url() -> None:
    html = (
        "<html><head><title>T</title><link rel=canonical href='/story/1'></head><body><article>"
        + "<p>A paragraph long enough to be taken as the article's own text, and no less.</p>" * 4
        + "</article></body></html>"
    )
    art = extract_article(html, origin="x", url="https://news.example.com/amp/story/1?x=1")
    assert art.url == "https://news.example.com/story/1"


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("<html></html>", "no visible text"),
        ("<html><head><title>x</title></head></html>", "no visible text"),
        ("<html><head><script>var a = 1;</script><style>p {}</style></head></html>", "no visible"),
        ("<html><body><script>document.write('hello world')</script></body></html>", "no visible"),
    ],
)
def test_pages_without_text_raise_extraction_error(html: str, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason) as info:
        extract_article(html, origin="page.html")
    assert str(info.value).startswith("page.html: ")


def test_malformed_html_still_yields_text() -> None:
    html = (
        "<html><body><div><p>First paragraph of a story with <b>unclosed bold and <i>italics"
        "<p>Second paragraph that keeps going without closing anything at all, as pages do."
        "</span></div></div></table><p>Third paragraph after stray closing tags, still text."
        "<div <p>broken tag</p>"
    )
    art = extract_article(html, origin="bad.html")
    assert "Second paragraph that keeps going" in art.text
    assert "Third paragraph after stray closing tags" in art.text


def test_body_without_markup() -> None:
    art = extract_article(
        "<html><body>Only a sentence of bare text in the body, no paragraphs at all.</body></html>",
        origin="bare.html",
    )
    assert art.text == "Only a sentence of bare text in the body, no paragraphs at all."


def test_deeply_nested_html_does_not_crash() -> None:
    paragraph = "<p>Deep inside the page, a paragraph says the council voted on the budget.</p>"
    html = "<html><body>" + "<div>" * 10_000 + paragraph * 3 + "</div>" * 10_000 + "</body></html>"
    art = extract_article(html, origin="deep.html")
    assert "the council voted on the budget" in art.text
    assert any("deeper than 255 levels" in w for w in art.warnings)


def test_deeply_nested_unknown_tags_raise_or_extract_cleanly() -> None:
    html = "<html><body>" + "<x-box>" * 10_000 + "text" + "</x-box>" * 10_000 + "</body></html>"
    try:
        art = extract_article(html, origin="deep.html")
    except ExtractionError as exc:
        assert "deep.html" in str(exc)
    else:
        assert art.warnings


def test_twenty_megabyte_page() -> None:
    article = "".join(
        f"<p>Paragraph {i} of the long report says the harbour board met and agreed item {i}.</p>"
        for i in range(40)
    )
    blob = "<script>var state = " + '"' + "x" * 13_000_000 + '";</script>'
    sidebar = "<aside>" + "<div><a href='/l'>Link to another story</a></div>" * 150_000 + "</aside>"
    html = f"<html><head>{blob}</head><body><article>{article}</article>{sidebar}</body></html>"
    assert len(html) > 20_000_000
    start = time.monotonic()
    art = extract_article(html, origin="big.html")
    assert time.monotonic() - start < 20
    assert "Paragraph 39 of the long report" in art.text
    assert "Link to another story" not in art.text


def test_table_layout_text_is_extracted() -> None:
    # Text held in <td> cells of a link-free table, the way some old sites still do it.
    rows = "".join(
        f"<tr><td>Line {i} of a report laid out as a table, the way some old sites still do it"
        f" with words enough to read as prose.</td></tr>"
        for i in range(30)
    )
    art = extract_article(f"<html><body><table>{rows}</table></body></html>", origin="t.html")
    assert "Line 29 of a report" in art.text


def test_guard_falls_back_when_the_main_extractor_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Simulate trafilatura failing on a page: the density extractor must rescue the text.
    monkeypatch.setattr(extract_module, "_trafilatura", lambda tree, **kw: "")
    art = _extract("news_jsonld.html")
    assert "State inspectors have found a series of cracks" in art.text
    assert "We use cookies" not in art.text
    assert any("paragraph-density extractor was used" in w for w in art.warnings)


def test_all_extractors_failing_is_an_extraction_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_module, "_trafilatura", lambda tree, **kw: "")
    monkeypatch.setattr(extract_module, "density_text", lambda tree: "")
    monkeypatch.setattr(extract_module, "_baseline", lambda tree: "")
    with pytest.raises(ExtractionError, match=r"no article text found among [\d,]+ visible"):
        _extract("wordpress.html")


def test_guard_warning_has_the_figures() -> None:
    menu = "".join(
        f"<li><a href='/{i}'>Menu entry number {i} of the site</a></li>" for i in range(400)
    )
    html = (
        f"<html><body><nav><ul>{menu}</ul></nav><article><p>A single short paragraph of news "
        f"that is all the article there is on this page.</p></article></body></html>"
    )
    art = extract_article(html, origin="short.html")
    assert art.text.startswith("A single short paragraph")
    assert art.warnings and "visible characters" in art.warnings[0]
    assert "%" in art.warnings[0]


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Read more: Alibaba poised to launch record-breaking listing",
        "Related: The 15 weirdest galaxies in our universe",
        "Follow us on Twitter and Facebook for the latest news.",
        "Sign up for our newsletter and get the top stories in your inbox.",
        "Like this story? Share it with a friend!",
        "China furious at Macron for jibe [INSIGHT]",
        "12 comments",
        "Posted June 3, 2022",
    ],
)
def test_boilerplate_lines_are_removed(line: str) -> None:
    text = f"The first paragraph of the story.\n{line}\nThe last paragraph of the story."
    assert (
        clean_lines(text) == "The first paragraph of the story.\nThe last paragraph of the story."
    )


def test_related_list_after_a_label_is_removed() -> None:
    text = "Body one.\nRelated:\n- Link one\n- Link two\nBody two.\n- a list item in the body"
    assert clean_lines(text) == "Body one.\nBody two.\n- a list item in the body"


def test_repeated_headline_is_dropped_but_body_sentences_are_kept() -> None:
    text = "Bridge to close\nBridge to close for six weeks, officials said.\nMore text."
    assert clean_lines(text, title="Bridge to close") == (
        "Bridge to close for six weeks, officials said.\nMore text."
    )


def test_article_prose_mentioning_boilerplate_words_is_kept() -> None:
    lines = [
        "Related research has shown that subscribers read more newsletters than ever.",
        "The minister said she would follow the advice of experts on Twitter policy.",
        "Share prices fell by 3% after the announcement.",
    ]
    assert clean_lines("\n".join(lines)) == "\n".join(lines)


def _body_part(start: int, count: int) -> str:
    return "".join(
        f"<p>Paragraph {i} of the split story explains one more detail of the harbour repairs"
        f" and what the council said about paying for them.</p>"
        for i in range(start, start + count)
    )


def test_body_split_into_twin_containers_is_rejoined() -> None:
    html = (
        "<html><head><title>Split story</title></head><body><article>"
        f"<div class='row'><div class='story__body'>{_body_part(0, 5)}</div>"
        "<div class='rail'><div class='ad'>Advertisement</div></div></div>"
        "<div class='ad-row'><span>Advertisement</span></div>"
        f"<div class='row'><div class='story__body'>{_body_part(5, 5)}</div></div>"
        "</article></body></html>"
    )
    art = extract_article(html, origin="split.html")
    _assert_in_order(art.text, [f"Paragraph {i} of the split story" for i in range(10)])
    assert "Advertisement" not in art.text


def test_many_cards_with_the_body_class_are_not_rejoined() -> None:
    cards = "".join(
        f"<div class='card'><p><a href='/s{i}'>Teaser {i} for another story about something"
        f" else entirely, a headline long enough to look like prose</a></p>"
        f"<p><a href='/s{i}'>Second teaser line {i} of the card, also long enough</a></p>"
        f"<p><a href='/s{i}'>Third line {i} with more words for three paragraphs</a></p></div>"
        for i in range(6)
    )
    html = (
        "<html><head><title>Card page</title></head><body>"
        f"<article><div class='card'>{_body_part(0, 6)}</div></article>"
        f"<section class='more'>{cards}</section></body></html>"
    )
    art = extract_article(html, origin="cards.html")
    assert "Paragraph 5 of the split story" in art.text
    assert "Teaser" not in art.text
