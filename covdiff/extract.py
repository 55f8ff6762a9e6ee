"""HTML page to article: the body text in reading order plus the page's metadata.

What this stage guarantees:
- ``Article.text`` holds the article body, one paragraph (or subhead, list item, table
  row) per line, whitespace collapsed, no empty lines; navigation, ads, related links,
  newsletter and cookie boxes, comments, scripts and styles are left out.
- It never crashes on hostile HTML (empty, script-only, malformed, huge, nested thousands
  of levels deep): such pages either yield text, with a warning where something was
  odd, or raise `ExtractionError` naming the page and the reason.
- The extraction guard: when the text found is short against the page's visible text,
  other candidates are tried and a warning with the figures is kept in ``warnings``.

How: trafilatura in precision mode (comments off) is the main extractor; its balanced mode
replaces it when precision kept only a fragment (unless balanced mode's text is a link
list); a body the page split into twin containers is rejoined; the line-level boilerplate
rules of `covdiff.cleanup` run last. A paragraph-density extractor of our own, trafilatura's
recall mode and its baseline are the guard's fallbacks. Pages over HUGE_ELEMENTS elements
go straight to the density extractor, which is linear. On the 181-page extraction
benchmark (benchmarks/bench_extraction.py) this scores F1 0.976 against plain trafilatura's
0.953.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from copy import deepcopy
from dataclasses import dataclass

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from covdiff.cleanup import clean_lines, density_text, one_line, visible_text
from covdiff.errors import ExtractionError
from covdiff.metadata import Metadata, read_metadata

# Precision mode sometimes keeps only a fragment (a teaser box) of a long article; when its
# output is under this share of balanced mode's, balanced mode saw the article and wins.
PRECISION_FLOOR = 0.25
# The guard warns when the text is under this share of the visible text AND under
# GUARD_CHARS characters: long pages with short articles are normal, so both must hold.
GUARD_SHARE = 0.05
GUARD_CHARS = 1000
# Fallbacks are tried only below RESCUE_CHARS: on the benchmark every fallback taken for a
# longer (but still short) extraction replaced a correct short article by page chrome.
RESCUE_CHARS = 250
# A fallback replaces a short extraction only if it is clearly longer.
FALLBACK_GAIN = 2.0
# At most this many other containers may share the body container's class.
MAX_TWINS = 3
# A candidate with at least this share of its text in lines that are link texts is a
# menu or a link list, not an article, however long it is.
LINKY = 0.5
# Above this many elements trafilatura's cascade grows slow (minutes on a 20 MB page of
# paragraphs); such pages go straight to the linear paragraph-density extractor.
HUGE_ELEMENTS = 30_000
# Inline <script>/<style> bodies longer than this are emptied before parsing.
RAW_TEXT_LIMIT = 1_000_000
_RAW_OPEN = re.compile(r"<(script|style)\b[^>]*>")
# libxml2 stops nesting at 255 levels and drops what lies deeper.
_DEPTH_ERROR = "Excessive depth"
# Container tags removed (tags only, text kept) to rescue pages nested too deep to parse.
_CONTAINERS = re.compile(
    r"</?(?:div|span|section|font|center|table|tbody|thead|tr|td|th|b|i|em|strong|u|small"
    r"|big|a|li|ul|ol|dl|dd|dt|main|article|aside|header|footer|nav|figure|blockquote)\b[^>]*>",
    re.I,
)

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Article:
    """The article read from one HTML page."""

    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    byline: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = ()


def extract_article(html: str, *, origin: str, url: str | None = None) -> Article:
    """Extract the article body and metadata from ``html``; ``origin`` names it in errors."""
    warnings: list[str] = []
    tree = parse_html(html, origin=origin, warnings=warnings)
    elements = sum(1 for _ in tree.iter())
    huge = elements > HUGE_ELEMENTS
    try:
        meta = read_metadata(tree, url=url, thorough=not huge)
    except Exception:  # metadata is a bonus: never lose the text over it
        meta = Metadata(url=url)
    visible = len(visible_text(tree))
    if huge:
        warnings.append(
            f"the page is very large ({elements:,} elements); used the fast"
            " paragraph-density extractor"
        )
        text = clean_lines(density_text(tree), title=meta.title)
    else:
        text = _best_text(tree, url=url, title=meta.title, visible=visible, warnings=warnings)
    if not text:
        if visible == 0:
            reason = "the page has no visible text (empty, or only scripts and styles)"
        else:
            reason = f"no article text found among {visible:,} visible characters"
        raise ExtractionError(origin, reason)
    return Article(
        text=text,
        title=meta.title,
        published=meta.published,
        site=meta.site,
        byline=meta.byline,
        url=meta.url,
        warnings=tuple(warnings),
    )


def parse_html(html: str, *, origin: str, warnings: list[str]) -> HtmlElement:
    """Parse like trafilatura does; rescue pages nested deeper than libxml2 allows."""
    # NUL and other C0 controls make libxml2 stop or mangle the text.
    html = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "", html)
    if not html.strip():
        raise ExtractionError(origin, "the page is empty")
    html = _drop_big_raw_text(html)
    tree, too_deep = _parse(html)
    if too_deep:
        # Text below level 255 was dropped; flatten layout containers (keeping their text)
        # and parse again, so a pathological page still yields its paragraphs.
        tree, too_deep = _parse(_CONTAINERS.sub(" ", html))
        warnings.append(
            "the page nests elements deeper than 255 levels; layout tags were flattened"
            + (" and some text may be missing" if too_deep else "")
        )
    if tree is None:
        raise ExtractionError(origin, "the page could not be parsed as HTML")
    return tree


def _drop_big_raw_text(html: str) -> str:
    """Empty <script>/<style> bodies over RAW_TEXT_LIMIT characters before parsing.

    libxml2 gives up on a text node over 10 MB and drops the rest of the document; a huge
    inline script (app state, tracking blobs) is never article text, so we cut it out.
    """
    if len(html) < RAW_TEXT_LIMIT:
        return html
    lower = html.lower()
    pieces: list[str] = []
    pos = 0
    for match in _RAW_OPEN.finditer(lower):
        if match.start() < pos:
            continue  # inside a body already skipped
        end = lower.find(f"</{match.group(1)}", match.end())
        if end == -1:
            break
        if end - match.end() > RAW_TEXT_LIMIT:
            pieces.append(html[pos : match.end()])
            pos = end
    pieces.append(html[pos:])
    return "".join(pieces)


def _parse(html: str) -> tuple[HtmlElement | None, bool]:
    # Same settings as trafilatura's own loader, but a parser per call: its error log tells
    # us whether libxml2 hit its depth limit, and sharing one across threads would mix logs.
    parser = lxml.html.HTMLParser(
        collect_ids=False, default_doctype=False, encoding="utf-8",
        remove_comments=True, remove_pis=True,
    )  # fmt: skip
    try:
        tree = lxml.html.document_fromstring(html.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError):
        return None, False
    too_deep = any(_DEPTH_ERROR in entry.message for entry in parser.error_log)
    return tree, too_deep


def _best_text(
    tree: HtmlElement, *, url: str | None, title: str | None, visible: int, warnings: list[str]
) -> str:
    """Run the extractors, pick a candidate, clean it, and apply the extraction guard."""
    links = _link_texts(tree)
    precise = _trafilatura(tree, url=url, favor_precision=True)
    balanced = _trafilatura(tree, url=url)
    text = precise
    if len(precise) < PRECISION_FLOOR * len(balanced) and _link_share(balanced, links) < LINKY:
        text = balanced
    text = clean_lines(_rejoin_split_body(tree, text), title=title)
    if not _too_short(len(text), visible):
        return text
    if len(text) >= RESCUE_CHARS:
        warnings.append(_short_note(len(text), visible))
        return text
    fallbacks: list[tuple[str, Callable[[], str]]] = [
        ("trafilatura's recall mode", lambda: _trafilatura(tree, url=url, favor_recall=True)),
        ("the paragraph-density extractor", lambda: density_text(tree)),
        ("trafilatura's baseline", lambda: _baseline(tree)),
    ]
    used = None
    for name, make in fallbacks:
        try:
            candidate = clean_lines(make(), title=title)
        except Exception:  # one failing fallback must not stop the others
            continue
        if len(candidate) > max(FALLBACK_GAIN * len(text), 1) and (
            _link_share(candidate, links) < LINKY
        ):
            text, used = candidate, name
            if not _too_short(len(text), visible):
                break
    if text and (_too_short(len(text), visible) or used):
        note = _short_note(len(text), visible)
        if used:
            note += f"; the main extractor found less, so {used} was used"
        warnings.append(note)
    return text


def _short_note(length: int, visible: int) -> str:
    share = length / visible if visible else 0.0
    return f"extracted {length:,} of {visible:,} visible characters ({share:.0%})"


def _rejoin_split_body(tree: HtmlElement, text: str) -> str:
    """Append the rest of an article body that the page split into twin containers.

    Some CMSs cut the body into several containers with the same class, with an ad or a
    rail between them; extractors keep the first. The container holding the text's first
    paragraph is found, and paragraphs of later elements with the same tag and class are
    appended when they are not in the text already.
    """
    lines = text.split("\n")
    first = next((line for line in lines if len(line) >= 60), None)
    if first is None:
        return text
    probe = first[:60]
    container = None
    for para in tree.iter("p"):
        if probe in one_line(str(para.xpath("string()"))):
            container = para.getparent()
            break
    if container is None or not container.get("class"):
        return text
    twins = [
        el
        for el in tree.iter(container.tag)
        if el is not container and el.get("class") == container.get("class")
    ]
    # A class shared by many elements is a widget or card style, not a split body.
    if not twins or len(twins) > MAX_TWINS:
        return text
    ancestors = set(container.iterancestors())
    known = set(lines)
    seen_container = False
    extra: list[str] = []
    for el in tree.iter(container.tag):
        if el is container:
            seen_container = True
        elif seen_container and el in twins and el not in ancestors:
            paras = [one_line(str(p.xpath("string()"))) for p in el.iter("p")]
            prose = [line for line in paras if len(line) >= 25 and line not in known]
            # A continuation of the body is prose: several paragraphs, not one blurb.
            if len(prose) >= 3:
                extra.extend(prose)
                known.update(prose)
    return "\n".join([*lines, *extra]) if extra else text


def _link_texts(tree: HtmlElement) -> set[str]:
    """The texts of the page's links, to recognise a menu or link list passed off as text."""
    return {t for a in tree.iter("a") if len(t := one_line(str(a.xpath("string()")))) > 3}


def _link_share(text: str, links: set[str]) -> float:
    """Share of ``text`` (by characters) in lines that are nothing but a link's text."""
    lines = text.split("\n")
    total = sum(len(line) for line in lines)
    linked = sum(len(line) for line in lines if line.lstrip("-•* ") in links)
    return linked / total if total else 0.0


def _too_short(length: int, visible: int) -> bool:
    return length == 0 or (length < GUARD_SHARE * visible and length < GUARD_CHARS)


def _trafilatura(
    tree: HtmlElement, *, url: str | None, favor_precision: bool = False, favor_recall: bool = False
) -> str:
    import trafilatura

    try:
        out = trafilatura.extract(
            deepcopy(tree),  # trafilatura prunes its input in place
            url=url,
            include_comments=False,
            include_tables=True,
            output_format="txt",
            favor_precision=favor_precision,
            favor_recall=favor_recall,
        )
    except Exception:
        # A third-party heuristic failing on a pathological page (RecursionError, a bug on
        # odd markup) must not lose the page: the caller's fallbacks take over.
        return ""
    return out or ""


def _baseline(tree: HtmlElement) -> str:
    from trafilatura import baseline

    _body, text, _length = baseline(deepcopy(tree))
    return text
