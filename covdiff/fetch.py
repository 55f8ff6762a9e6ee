"""Fetching URLs (placeholder; the ingest work replaces it)."""

from __future__ import annotations

from dataclasses import dataclass

from covdiff.errors import FetchError
from covdiff.options import Options


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    text: str
    content_type: str | None = None


def fetch_url(url: str, *, options: Options) -> Page:
    import requests

    try:
        resp = requests.get(url, timeout=options.timeout, headers={"User-Agent": options.user_agent})
    except requests.RequestException as exc:
        raise FetchError(url, str(exc)) from None
    if resp.status_code >= 400:
        raise FetchError(url, f"HTTP {resp.status_code}")
    return Page(url=resp.url, text=resp.text, content_type=resp.headers.get("content-type"))
