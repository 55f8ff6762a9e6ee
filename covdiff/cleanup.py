"""Text-level helpers of extraction: boilerplate lines, visible text, a density extractor.

- `clean_lines` turns an extractor's output into covdiff's article text: one paragraph a
  line, whitespace collapsed, and the lines every news CMS appends to articles removed
  (the headline repeated, "Read more: ...", related-link lists, "Follow us on ...",
  newsletter pitches, share prompts, comment counters). The rules are general patterns
  of wording and position, never tied to one site.
- `visible_text` is what a reader sees on the page (the guard's yardstick).
- `density_text` is an extractor of our own, used when the main one finds too little:
  the container holding the most paragraph text, with its paragraphs in order.
Every function here walks trees with lxml's C iterators, never Python recursion.
"""

from __future__ import annotations

import re
from copy import deepcopy

from lxml.html import HtmlElement

_SPACES = re.compile(r"\s+")
# Whole lines that are only a label: "Advertisement", "Tags", "3 comments", "Share this".
_LABEL_LINE = re.compile(
    r"^(?:advertisement|advertising|sponsored(?: content)?|tags?|topics?|comments?|\d+ comments?"
    r"|share(?: this(?: article| story| post)?)?|print|email|related(?: (?:articles?|posts?"
    r"|stories|content|coverage|links?|news))?|more|also|see also|read more|don'?t miss"
    r"|recommended(?: for you)?|you (?:may|might) also like|most (?:read|popular|viewed)\b.*"
    r"|trending(?: now)?|leave a (?:comment|reply)|tell us what you think|load more"
    r"|(?:image|photo|video) credit|skip to (?:main )?content|back to top|filed under)"
    r"\s*[:.!?…|-]*\s*$",
    re.I,
)
# A label followed by a link title: "Read more: Alibaba poised to ...", "Related: ...".
_LINK_LABEL = re.compile(
    r"^\[?(?:read more|read also|also read|see more|see also|more on this(?: story)?"
    r"|related(?: post| article| story| stories| coverage| content)?|also on [\w.]+"
    r"|don'?t miss|recommended|watch|listen|more|also)\s*[:|»›>]",
    re.I,
)
# A related link tagged by section in capitals: "China furious at Macron [INSIGHT]".
_TAGGED_LINK = re.compile(r"\[[A-Z][A-Z ]{2,}\]\W*$")
_FOLLOW = re.compile(
    r"^(?:follow|like|join)\b.{0,120}\b(?:on|at|via)\b.{0,40}"
    r"\b(?:twitter|facebook|instagram|linkedin|youtube|tiktok|telegram|threads)\b",
    re.I,
)
_NEWSLETTER = re.compile(
    r"\b(?:newsletters?|inbox|sign up|subscribe|subscribing|subscription)\b", re.I
)
_PITCH = re.compile(
    r"\b(?:sign up|subscribe|subscribing|get|delivered|start your day|click here|download)\b",
    re.I,
)
_SHARE = re.compile(
    r"\b(?:share (?:it|this)(?: story| article)?|like this (?:story|article))\b", re.I
)
_READING_TIME = re.compile(
    r"^(?:reading time|read time|tempo de leitura|tiempo de lectura|lesezeit|temps de lecture"
    r"|\d+\s*min(?:ute)?s? read)\b",
    re.I,
)
# "Posted June 3, 2022", "Updated: 12:40 GMT": a dateline, already in Article.published.
_DATELINE = re.compile(
    r"^(?:posted|published|updated|last updated|first published)(?: on| at)?\s*:?\s*"
    r"(?=.*\d)[\w ,.:/+-]{4,40}$",
    re.I,
)
_LIST_ITEM = re.compile(r"^[-•*]\s")
_SKIP_TAGS = (
    "script", "style", "noscript", "template", "iframe", "form", "nav", "aside", "footer",
    "header", "svg", "button", "select", "textarea", "menu", "dialog", "figcaption",
)  # fmt: skip
_BOILERPLATE_ATTR = re.compile(
    r"comment|related|share|social|newsletter|subscri|cookie|consent|gdpr|promo|advert"
    r"|sponsor|sidebar|widget|menu|breadcrumb|footer|masthead|banner|popup|modal|outbrain"
    r"|taboola|recommend|most-?popular|trending|signup|paywall|\bad\b|\bads\b|ad-",
    re.I,
)
_BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt"}
_MIN_PARAGRAPH = 25


def one_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def clean_lines(text: str, *, title: str | None = None) -> str:
    """Collapse whitespace, drop empty and boilerplate lines, and the repeated headline."""
    lines = [one_line(line) for line in text.splitlines()]
    lines = [line for line in lines if line]
    title_key = _key(title) if title else None
    out: list[str] = []
    in_related = False
    for index, line in enumerate(lines):
        # A list right after a "Related:" line is the related-links box.
        if in_related and _LIST_ITEM.match(line):
            continue
        in_related = False
        if _LINK_LABEL.match(line) or _LABEL_LINE.match(line):
            in_related = True
            continue
        # The headline is metadata (Article.title); extractors repeat it atop the body.
        if title_key and index < 3 and _key(line) == title_key:
            continue
        if _is_boilerplate(line):
            continue
        out.append(line)
    return "\n".join(out)


def _is_boilerplate(line: str) -> bool:
    words = len(line.split())
    if words > 60:
        return False
    if _TAGGED_LINK.search(line) or _READING_TIME.match(line) or _FOLLOW.match(line):
        return True
    if words <= 8 and _DATELINE.match(line):
        return True
    if words <= 40 and _NEWSLETTER.search(line) and _PITCH.search(line):
        return True
    return words <= 15 and bool(_SHARE.search(line))


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


def visible_text(tree: HtmlElement) -> str:
    """The page's text as a reader sees it: no head, scripts, styles or templates."""
    parts = tree.xpath(
        "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript"
        " or ancestor::template)]"
    )
    return one_line(" ".join(str(p) for p in parts))


def density_text(tree: HtmlElement) -> str:
    """Paragraphs of the container that holds the most paragraph text, in document order.

    Readability's idea, simplified: each paragraph-like block scores its length (less its
    link text) to its parent and half to its grandparent; the best-scoring container wins.
    Blocks are <p> and friends, or a <div>/<td> whose own text is long (div soup).
    """
    root = deepcopy(tree)
    _drop_boilerplate(root)
    for br in root.iter("br"):
        # A <br> separates lines; keep that when the text is read back.
        br.tail = "\n" + (br.tail or "")
    scores: dict[HtmlElement, float] = {}
    for block in _blocks(root):
        text = _text(block)
        if len(text) < _MIN_PARAGRAPH:
            continue
        links = sum(len(_text(a)) for a in block.iter("a"))
        value = len(text) * (1.0 - min(links / len(text), 1.0))
        parent = block.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + value
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + value / 2
    if not scores:
        return ""
    best = max(scores, key=lambda el: scores[el])
    lines: list[str] = []
    for block in _blocks(best):
        text = _text(block)
        if text and (block.tag in ("h1", "h2", "h3", "h4", "h5", "h6") or len(text) >= 2):
            lines.extend(line for line in (one_line(t) for t in text.split("\n")) if line)
    return "\n".join(lines)


def _drop_boilerplate(root: HtmlElement) -> None:
    doomed = [el for el in root.iter(*_SKIP_TAGS)]
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body", "main", "article"):
            continue
        attrs = f"{el.get('class', '')} {el.get('id', '')} {el.get('role', '')}"
        if attrs.strip() and _BOILERPLATE_ATTR.search(attrs):
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _blocks(root: HtmlElement) -> list[HtmlElement]:
    """Innermost text blocks: paragraph-like tags, or containers with long own text."""
    out: list[HtmlElement] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _BLOCK_TAGS:
            if not any(child.tag in _BLOCK_TAGS for child in el.iterdescendants()):
                out.append(el)
        elif el.tag in ("div", "td", "section", "article", "span", "font", "center", "body"):
            own = (el.text or "") + "".join(child.tail or "" for child in el)
            if len(own.strip()) >= 80:
                out.append(el)
    return out


def _text(el: HtmlElement) -> str:
    """Text of an element (itertext is iterative, so depth is no danger)."""
    return "".join(el.itertext()).strip()
