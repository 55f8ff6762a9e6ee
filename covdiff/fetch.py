"""Fetching web pages over http(s), with the disk cache in front.

What this stage guarantees for `fetch_url`:
- only http and https URLs are fetched, and every redirect hop is checked to stay so;
  redirects are followed at most ``Options.max_redirects`` times and loops are named;
- connect and read timeouts (``Options.timeout``) and an overall deadline on the body, so a
  server that stalls or trickles cannot hang covdiff;
- at most ``Options.max_bytes`` of *decoded* body is read, streaming: an endless body or a
  gzip bomb is cut off, never held whole in memory;
- 5xx, 429 and dropped connections are retried with exponential backoff, honouring
  Retry-After up to ``Options.retry_after_cap`` seconds; an unknown host fails at once;
- a body that is not a web page (PDF, image, audio, ...) is refused by its content type
  or its magic number; text is decoded by `covdiff.decode.decode_bytes` (header charset,
  then meta, then BOM and guessing);
- every failure is a `FetchError` naming the URL and the reason in plain words.
`fetch_many` fetches several URLs on threads; one failure never stops the others.
"""

from __future__ import annotations

import email.utils
import socket
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from covdiff import cache
from covdiff.decode import decode_bytes
from covdiff.errors import FetchError, SourceError
from covdiff.options import Options

if TYPE_CHECKING:
    import requests

_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504, 520, 521, 522, 523, 524}
_CHUNK = 16 * 1024  # small chunks bound what one step of gzip decoding can inflate
# The whole body must arrive within this many read timeouts: a server trickling one byte
# per second never trips the per-read timeout, but must not hold covdiff forever.
_BODY_DEADLINE_FACTOR = 4
# Content types refused outright, by prefix, with the words used in the error.
_NOT_PAGES: tuple[tuple[str, str], ...] = (
    ("application/pdf", "a PDF document"),
    ("image/", "an image"),
    ("audio/", "audio"),
    ("video/", "a video"),
    ("font/", "a font"),
    ("application/zip", "a ZIP archive"),
    ("application/gzip", "a gzip archive"),
    ("application/x-gzip", "a gzip archive"),
    ("application/msword", "a Word document"),
    ("application/vnd.", "an office document or other binary format"),
    ("application/json", "JSON data, not a web page"),
    ("application/javascript", "a script, not a web page"),
    ("text/javascript", "a script, not a web page"),
    ("text/css", "a stylesheet, not a web page"),
)


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: its final URL (after redirects) and its decoded text."""

    url: str
    text: str
    content_type: str | None = None
    requested_url: str | None = None
    fetched_at: str | None = None
    from_cache: bool = False


def fetch_url(url: str, *, options: Options) -> Page:
    """Fetch ``url`` (or read it from the cache); raises FetchError naming it on failure."""
    check_scheme(url, origin=url)
    if not options.refresh or options.offline:
        entry = cache.load(url, options=options)
        if entry is not None:
            return Page(
                url=entry.final_url,
                text=entry.text,
                content_type=entry.content_type,
                requested_url=url,
                fetched_at=entry.fetched_at,
                from_cache=True,
            )
    if options.offline:
        raise FetchError(url, "not in cache and --offline given")
    page = _download(url, options=options)
    cache.store(
        cache.Entry(
            url=url,
            final_url=page.url,
            text=page.text,
            content_type=page.content_type,
            fetched_at=page.fetched_at or "",
        ),
        options=options,
    )
    return page


def fetch_many(
    urls: Sequence[str],
    *,
    options: Options,
    progress: Callable[[int, int, str], None] | None = None,
) -> list[Page | SourceError]:
    """Fetch every URL on up to ``options.fetch_workers`` threads.

    Returns one result per URL, in input order: the Page, or the error that stopped it.
    ``progress(done, total, url)`` is called (from the calling thread) as each finishes.
    """
    results: list[Page | SourceError | None] = [None] * len(urls)
    workers = max(1, min(options.fetch_workers, len(urls) or 1))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="covdiff-fetch") as pool:
        futures = {pool.submit(fetch_url, url, options=options): i for i, url in enumerate(urls)}
        for done, future in enumerate(as_completed(futures), start=1):
            index = futures[future]
            try:
                results[index] = future.result()
            except SourceError as exc:
                results[index] = exc
            if progress is not None:
                progress(done, len(urls), urls[index])
    return [
        r if r is not None else FetchError(urls[i], "not fetched") for i, r in enumerate(results)
    ]


def check_scheme(url: str, *, origin: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:  # "http://[::1" and the like
        raise FetchError(origin, f"not a valid URL ({exc})") from None
    if parts.scheme.lower() not in ("http", "https"):
        shown = parts.scheme or "none"
        raise FetchError(origin, f"unsupported URL scheme {shown!r} (only http and https)")
    if not parts.hostname:
        raise FetchError(origin, "the URL has no host name")


def _download(url: str, *, options: Options) -> Page:
    import requests

    with requests.Session() as session:
        session.headers.update(
            {
                "User-Agent": options.user_agent,
                "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
                "Accept-Encoding": "gzip, deflate",
            }
        )
        current = url
        seen = {url}
        for _hop in range(options.max_redirects + 1):
            resp = _get_with_retries(session, current, origin=url, options=options)
            try:
                if resp.status_code in _REDIRECTS and resp.headers.get("Location"):
                    location = resp.headers["Location"]
                    try:
                        target = urljoin(current, location)
                        scheme = urlsplit(target).scheme.lower()
                    except ValueError:
                        raise FetchError(
                            url, f"redirected to an invalid URL {location!r}"
                        ) from None
                    if scheme not in ("http", "https"):
                        raise FetchError(
                            url, f"redirected to {scheme}: URL {target} (only http and https)"
                        )
                    if target in seen:
                        raise FetchError(url, f"redirect loop (back to {target})")
                    seen.add(target)
                    current = target
                    continue
                return _page_from(resp, requested=url, options=options)
            finally:
                resp.close()
        raise FetchError(url, f"too many redirects (more than {options.max_redirects})")


def _get_with_retries(
    session: requests.Session, url: str, *, origin: str, options: Options
) -> requests.Response:
    import requests

    attempts = max(0, options.retries) + 1
    for attempt in range(attempts):
        last = attempt == attempts - 1
        try:
            # We follow redirects ourselves, to check each hop's scheme and spot loops.
            resp = session.get(
                url, stream=True, allow_redirects=False, timeout=(options.timeout, options.timeout)
            )
        except requests.exceptions.ConnectTimeout:
            raise FetchError(origin, f"could not connect within {options.timeout:g} s") from None
        except requests.exceptions.ReadTimeout:
            raise FetchError(
                origin, f"the server did not answer within {options.timeout:g} s"
            ) from None
        except requests.exceptions.ConnectionError as exc:
            if _is_dns_failure(exc):
                host = urlsplit(url).hostname
                raise FetchError(origin, f"cannot resolve host {host!r}") from None
            if last:
                raise FetchError(origin, f"connection failed: {_short(exc)}") from None
            time.sleep(_backoff(attempt, options))
            continue
        except requests.exceptions.RequestException as exc:
            raise FetchError(origin, _short(exc)) from None
        except ValueError as exc:
            # urllib3 raises LocationParseError (a ValueError) unwrapped for some URLs that
            # pass urlsplit, such as a host name over 253 characters.
            raise FetchError(origin, f"not a valid URL ({_short(exc)})") from None
        if resp.status_code in _RETRY_STATUS and not last:
            delay = _retry_after(resp.headers.get("Retry-After"), options)
            resp.close()
            time.sleep(delay if delay is not None else _backoff(attempt, options))
            continue
        if resp.status_code >= 400:
            reason = resp.reason or ""
            resp.close()
            tries = f" after {attempts} attempts" if resp.status_code in _RETRY_STATUS else ""
            raise FetchError(origin, f"HTTP {resp.status_code} {reason}".rstrip() + tries)
        return resp
    raise FetchError(origin, "no response")  # pragma: no cover - the loop always returns


def _page_from(resp: requests.Response, *, requested: str, options: Options) -> Page:
    import requests

    content_type = resp.headers.get("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    for prefix, what in _NOT_PAGES:
        if mime.startswith(prefix):
            raise FetchError(requested, f"is {what} ({mime}), not a web page")
    length = resp.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise FetchError(requested, _too_big(int(length), options))
    body = bytearray()
    deadline = time.monotonic() + _BODY_DEADLINE_FACTOR * options.timeout
    try:
        # iter_content yields *decoded* bytes, so the cap also bounds a gzip bomb.
        for chunk in resp.iter_content(chunk_size=_CHUNK):
            body += chunk
            if len(body) > options.max_bytes:
                raise FetchError(requested, _too_big(None, options))
            if time.monotonic() > deadline:
                raise FetchError(requested, "the server sent the page too slowly (gave up)")
    except requests.exceptions.RequestException as exc:
        if "timed out" in str(exc).lower():
            raise FetchError(
                requested, f"the server stopped sending for more than {options.timeout:g} s"
            ) from None
        raise FetchError(requested, f"reading the page failed: {_short(exc)}") from None
    try:
        text = decode_bytes(bytes(body), origin=requested, declared=_charset(content_type))
    except SourceError as exc:
        raise FetchError(requested, exc.reason) from None
    return Page(
        url=resp.url or requested,
        text=text,
        content_type=content_type,
        requested_url=requested,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
    )


def _charset(content_type: str | None) -> str | None:
    for param in (content_type or "").split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'")
    return None


def _retry_after(value: str | None, options: Options) -> float | None:
    """Seconds to wait from a Retry-After header (delta or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = float(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - datetime.now(UTC)).total_seconds()
    return max(0.0, min(seconds, options.retry_after_cap))


def _backoff(attempt: int, options: Options) -> float:
    return max(0.0, options.retry_backoff) * (2**attempt)


def _is_dns_failure(exc: BaseException) -> bool:
    # requests wraps urllib3's NameResolutionError, which wraps socket.gaierror; walk the
    # chain (bounded) rather than matching one library version's message.
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            return False
        if isinstance(seen, socket.gaierror) or type(seen).__name__ == "NameResolutionError":
            return True
        nested = seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None
        reason = getattr(seen, "reason", None)
        seen = reason if isinstance(reason, BaseException) else nested or seen.__context__
    return False


def _too_big(size: int | None, options: Options) -> str:
    shown = f"{size:,} bytes, " if size is not None else ""
    return f"the page is {shown}over the {options.max_bytes:,}-byte limit"


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
