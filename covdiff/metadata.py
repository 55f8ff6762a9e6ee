"""Article metadata from a parsed HTML page: title, site name, byline, date, canonical URL.

Sources are tried from the most to the least deliberate: JSON-LD (what the publisher tells
search engines), Open Graph and other ``<meta>`` tags, ``<link rel=canonical>``, then the
visible page (``<h1>``, ``<time>``, byline elements, ``<title>``), then trafilatura's own
metadata reader for whatever is still missing. Guarantees: every field is a stripped
one-line string or None; ``published`` is an ISO date ``YYYY-MM-DD``; ``url`` is absolute
http(s). Nothing here raises on odd input: a malformed JSON-LD block is simply skipped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from lxml.html import HtmlElement

_ARTICLE_TYPES = {
    "article",
    "newsarticle",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "backgroundnewsarticle",
    "blogposting",
    "liveblogposting",
    "socialmediaposting",
    "scholarlyarticle",
    "techarticle",
    "report",
    "webpage",
}
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SPACES = re.compile(r"\s+")
_BY = re.compile(r"^\s*(?:by|par|von|por|di|door)\s+", re.I)
# A <title> often ends in " | Site" or " - Site"; cut at the last such separator.
_TITLE_SEP = re.compile(r"\s+[|\-–—:·•]\s+")
_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%d.%m.%Y")


@dataclass(frozen=True, slots=True)
class Metadata:
    title: str | None = None
    site: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None


def read_metadata(tree: HtmlElement, *, url: str | None = None, thorough: bool = True) -> Metadata:
    """Collect the page's metadata; ``url`` is where the page came from (for relative links).

    ``thorough`` adds trafilatura's reader for missing fields (slow on huge pages).
    """
    ld = _json_ld(tree)
    meta = _meta_tags(tree)
    page_title, title_site = _split_title(tree, meta.get("og:site_name"))
    title = _first(
        ld.get("headline"),
        meta.get("og:title"),
        meta.get("twitter:title"),
        _text_of(tree, "//h1"),
        page_title,
    )
    site = _first(
        ld.get("publisher"),
        meta.get("og:site_name"),
        meta.get("application-name"),
        meta.get("publisher"),
        title_site,
    )
    byline = _first(
        ld.get("author"),
        _not_url(meta.get("author")),
        _not_url(meta.get("article:author")),
        meta.get("byl"),
        meta.get("parsely-author"),
        meta.get("sailthru.author"),
        meta.get("dc.creator"),
        _text_of(tree, "//*[@rel='author' or @itemprop='author'][1]"),
        _text_of(
            tree,
            "//*[contains(concat(' ', normalize-space(@class), ' '), ' byline ')"
            " or contains(concat(' ', normalize-space(@class), ' '), ' author-name ')][1]",
        ),
    )
    published = _first(
        *(
            _iso_date(v)
            for v in (
                ld.get("datePublished"),
                meta.get("article:published_time"),
                meta.get("og:published_time"),
                meta.get("datepublished"),
                meta.get("pubdate"),
                meta.get("publishdate"),
                meta.get("parsely-pub-date"),
                meta.get("sailthru.date"),
                meta.get("dc.date.issued"),
                meta.get("dc.date"),
                meta.get("date"),
                _attr_of(tree, "//article//time/@datetime"),
                _attr_of(tree, "//time[@datetime][1]/@datetime"),
                ld.get("dateCreated"),
            )
        )
    )
    canonical = _first(
        _absolute(_attr_of(tree, "//link[@rel='canonical'][1]/@href"), url),
        _absolute(meta.get("og:url"), url),
        _absolute(ld.get("url"), url),
        url,
    )
    found = Metadata(
        title=title, site=site, byline=_clean_byline(byline), published=published, url=canonical
    )
    if thorough and None in (found.title, found.site, found.byline, found.published):
        found = _with_trafilatura(tree, found, url=url)
    return found


def _with_trafilatura(tree: HtmlElement, found: Metadata, *, url: str | None) -> Metadata:
    """Fill gaps from trafilatura's metadata reader (htmldate finds dates in odd places)."""
    from copy import deepcopy

    from trafilatura.metadata import extract_metadata

    try:
        # No extensive date search: it guesses from years in the prose ("since 2000" became
        # 2000-01-01), and a wrong date is worse than none (it drives date arithmetic).
        doc = extract_metadata(deepcopy(tree), default_url=url, extensive=False)
    except Exception:  # a third-party heuristic failing must not lose what we have
        return found
    return Metadata(
        title=found.title or _one_line(doc.title),
        site=found.site or _one_line(doc.sitename),
        byline=found.byline or _clean_byline(_one_line(doc.author)),
        published=found.published or _iso_date(doc.date),
        url=found.url or _absolute(doc.url, url),
    )


def _json_ld(tree: HtmlElement) -> dict[str, str]:
    """The first article-like JSON-LD object's fields, flattened to strings."""
    out: dict[str, str] = {}
    for script in tree.xpath("//script[contains(translate(@type, 'LDJSON', 'ldjson'), 'ld+json')]"):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw)
        except (ValueError, RecursionError):
            continue
        for obj in _ld_objects(data, depth=0):
            types = obj.get("@type")
            names = {str(t).lower() for t in (types if isinstance(types, list) else [types])}
            if not names & _ARTICLE_TYPES:
                continue
            for key in ("headline", "datePublished", "dateCreated", "url"):
                value = obj.get(key)
                if key not in out and isinstance(value, str) and value.strip():
                    out[key] = _one_line(value) or ""
            author = _names(obj.get("author"))
            if "author" not in out and author:
                out["author"] = author
            publisher = _names(obj.get("publisher"))
            if "publisher" not in out and publisher:
                out["publisher"] = publisher
            # A generic WebPage only fills gaps left by a real article object.
            if names - {"webpage"} and "headline" in out:
                return out
    return out


def _ld_objects(data: Any, *, depth: int) -> Iterator[dict[str, Any]]:
    # Bounded walk: JSON-LD is shallow in practice and hostile input must not recurse forever.
    if depth > 6:
        return
    if isinstance(data, list):
        for item in data:
            yield from _ld_objects(item, depth=depth + 1)
    elif isinstance(data, dict):
        yield data
        graph = data.get("@graph")
        if graph is not None:
            yield from _ld_objects(graph, depth=depth + 1)


def _names(value: Any) -> str | None:
    """A person/organisation field as "A, B": strings, {"name": ...} objects or lists of them."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items[:10]:
        name = item.get("name") if isinstance(item, dict) else item
        clean = _one_line(name) if isinstance(name, str) else None
        if clean and not _looks_like_url(clean) and clean not in names:
            names.append(clean)
    return ", ".join(names) or None


def _meta_tags(tree: HtmlElement) -> dict[str, str]:
    out: dict[str, str] = {}
    for node in tree.xpath("//meta[@content]"):
        key = (node.get("property") or node.get("name") or node.get("itemprop") or "").lower()
        value = _one_line(node.get("content"))
        if key and value and key not in out:
            out[key.strip()] = value
    return out


def _text_of(tree: HtmlElement, xpath: str) -> str | None:
    for node in tree.xpath(xpath)[:1]:
        # string() is evaluated in C, so a deeply nested node cannot exhaust Python's stack.
        return (_one_line(str(node.xpath("string()"))) or "")[:300] or None
    return None


def _attr_of(tree: HtmlElement, xpath: str) -> str | None:
    for value in tree.xpath(xpath)[:1]:
        return _one_line(str(value))
    return None


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    return _SPACES.sub(" ", value).strip() or None


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _looks_like_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//", "/"))


def _not_url(value: str | None) -> str | None:
    return None if value is None or _looks_like_url(value) else value


def _clean_byline(value: str | None) -> str | None:
    if not value:
        return None
    value = _BY.sub("", value).strip(" ,;|")
    # A byline element sometimes holds a whole bio; a name is short.
    return value if 0 < len(value) <= 120 else None


def _split_title(tree: HtmlElement, site: str | None) -> tuple[str | None, str | None]:
    """The headline and the site name inside a ``<title>`` like "Site - Headline".

    The part that the page also shows as a heading is the headline; otherwise the site name
    is the part equal to ``site`` or the short tail ("Headline | Site" is the usual order).
    """
    title = _text_of(tree, "//title")
    if not title:
        return None, None
    parts = [p for p in _TITLE_SEP.split(title) if p]
    if len(parts) < 2:
        return title, None
    headings = {
        _one_line(str(h.xpath("string()"))) or ""
        for h in tree.xpath(
            "//body//*[self::h1 or self::h2 or self::b or self::strong"
            " or contains(@class, 'title') or contains(@class, 'headline')]"
        )[:200]
    }
    for part in sorted(parts, key=len, reverse=True):
        if part in headings and len(part.split()) >= 3:
            rest = [p for p in parts if p != part]
            return part, rest[0] if len(rest) == 1 else None
    tail = parts[-1]
    if (site and tail.lower() == site.lower()) or len(tail) < len(title) / 3:
        return title[: title.rfind(tail)].rstrip(" |-–—:·•") or title, tail
    return title, None


def _iso_date(value: str | None) -> str | None:
    """``YYYY-MM-DD`` from an ISO timestamp or a few common spelled-out forms."""
    if not value:
        return None
    value = value.strip()
    if match := _ISO_DATE.search(value):
        year, month, day = (int(g) for g in match.groups())
        return _valid(year, month, day)
    for fmt in _DATE_FORMATS:
        try:
            parsed = datetime.strptime(value[:40], fmt)
        except ValueError:
            continue
        return _valid(parsed.year, parsed.month, parsed.day)
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return datetime(year, month, day).date().isoformat() if 1900 < year < 2200 else None
    except ValueError:
        return None


def _absolute(href: str | None, base: str | None) -> str | None:
    if not href:
        return None
    full = urljoin(base, href) if base else href
    return full if urlsplit(full).scheme in ("http", "https") else None
