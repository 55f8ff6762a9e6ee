"""fetch_url, fetch_many and the page cache against a misbehaving loopback server.

Nothing here leaves 127.0.0.1: the one test about unknown hosts fakes the resolver.
Timeouts and backoffs are cut short through Options so the module runs in a few seconds.
"""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from covdiff import cache
from covdiff.errors import FetchError, SourceError
from covdiff.fetch import Page, fetch_many, fetch_url
from covdiff.options import Options
from covdiff.sources import SourceSpec, read_document

try:
    from loopback import ACCENTED, LoopbackServer, loopback
except ImportError:  # tests/ imported as a package
    from tests.loopback import ACCENTED, LoopbackServer, loopback

__all__ = ["loopback"]  # the fixture is used by name


@pytest.fixture
def options(tmp_path: Path) -> Options:
    return Options(
        cache_dir=tmp_path / "cache",
        timeout=0.5,
        retries=2,
        retry_backoff=0.01,
        retry_after_cap=2.0,
        max_bytes=1024 * 1024,
    )


def test_plain_fetch_returns_decoded_page(loopback: LoopbackServer, options: Options) -> None:
    page = fetch_url(loopback.url("/article"), options=options)
    assert isinstance(page, Page)
    assert "harbour committee" in page.text
    assert page.url == loopback.url("/article")
    assert page.content_type and page.content_type.startswith("text/html")
    assert not page.from_cache


def test_user_agent_names_covdiff(loopback: LoopbackServer, options: Options) -> None:
    fetch_url(loopback.url("/ua"), options=options)
    assert "covdiff" in loopback.headers_seen["/ua"]["User-Agent"]


def test_redirect_chain_is_followed_to_the_final_url(
    loopback: LoopbackServer, options: Options
) -> None:
    page = fetch_url(loopback.url("/r1"), options=options)
    assert page.url == loopback.url("/article")
    assert "Paragraph 3" in page.text


def test_redirect_limit(loopback: LoopbackServer, options: Options) -> None:
    with pytest.raises(FetchError, match="too many redirects"):
        fetch_url(
            loopback.url("/r1"), options=Options(cache_dir=options.cache_dir, max_redirects=2)
        )


def test_redirect_loop_is_named(loopback: LoopbackServer, options: Options) -> None:
    with pytest.raises(FetchError, match="redirect loop"):
        fetch_url(loopback.url("/loop-a"), options=options)


def test_redirect_to_ftp_is_refused(loopback: LoopbackServer, options: Options) -> None:
    with pytest.raises(FetchError, match=r"redirected to ftp.*only http and https"):
        fetch_url(loopback.url("/to-ftp"), options=options)


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:alert(1)"])
def test_other_schemes_are_refused(url: str, options: Options) -> None:
    with pytest.raises(FetchError, match="unsupported URL scheme"):
        fetch_url(url, options=options)


def test_404_is_a_clear_error(loopback: LoopbackServer, options: Options) -> None:
    with pytest.raises(FetchError, match="HTTP 404") as info:
        fetch_url(loopback.url("/missing"), options=options)
    assert str(info.value).startswith(loopback.url("/missing") + ": ")
    assert loopback.hits["/missing"] == 1  # a 404 is not retried


def test_500_then_200_is_retried(loopback: LoopbackServer, options: Options) -> None:
    page = fetch_url(loopback.url("/flaky"), options=options)
    assert "harbour committee" in page.text
    assert loopback.hits["/flaky"] == 2


def test_persistent_5xx_gives_up_after_the_retries(
    loopback: LoopbackServer, options: Options
) -> None:
    with pytest.raises(FetchError, match=r"HTTP 503.*after 3 attempts"):
        fetch_url(loopback.url("/always-500"), options=options)
    assert loopback.hits["/always-500"] == 3


def test_429_honours_retry_after(loopback: LoopbackServer, options: Options) -> None:
    start = time.monotonic()
    page = fetch_url(loopback.url("/busy"), options=options)
    assert "harbour committee" in page.text
    assert loopback.hits["/busy"] == 2
    assert time.monotonic() - start >= 0.9  # Retry-After: 1, under the 2 s cap


def test_slow_body_hits_the_read_timeout(loopback: LoopbackServer, options: Options) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"stopped sending|did not answer|too slowly"):
        fetch_url(loopback.url("/slow"), options=Options(cache_dir=options.cache_dir, timeout=0.3))
    assert time.monotonic() - start < 1.8


def test_endless_body_is_cut_at_the_size_cap(loopback: LoopbackServer, options: Options) -> None:
    start = time.monotonic()
    with pytest.raises(FetchError, match="over the 1,048,576-byte limit"):
        fetch_url(loopback.url("/endless"), options=options)
    assert time.monotonic() - start < 5


def test_declared_length_over_the_cap_fails_before_reading(
    loopback: LoopbackServer, options: Options
) -> None:
    with pytest.raises(FetchError, match="999,999,999 bytes, over"):
        fetch_url(loopback.url("/declared-huge"), options=options)


@pytest.mark.parametrize(
    ("path", "words"), [("/pdf", "PDF document"), ("/png", "an image"), ("/pdf-as-html", "PDF")]
)
def test_non_pages_are_refused(
    loopback: LoopbackServer, options: Options, path: str, words: str
) -> None:
    with pytest.raises(FetchError, match=words):
        fetch_url(loopback.url(path), options=options)


@pytest.mark.parametrize(
    "path", ["/header-latin1-body-utf8", "/meta-utf8-body-cp1252", "/meta-only-cp1252"]
)
def test_charset_mismatches_decode_correctly(
    loopback: LoopbackServer, options: Options, path: str
) -> None:
    page = fetch_url(loopback.url(path), options=options)
    assert ACCENTED in page.text


def test_gzip_body_is_decoded(loopback: LoopbackServer, options: Options) -> None:
    page = fetch_url(loopback.url("/gzip"), options=options)
    assert "Paragraph 5" in page.text


def test_gzip_bomb_is_stopped_by_the_decoded_size_cap(
    loopback: LoopbackServer, options: Options
) -> None:
    with pytest.raises(FetchError, match="over the 1,048,576-byte limit"):
        fetch_url(loopback.url("/gzip-bomb"), options=options)


def test_unknown_host_fails_fast(monkeypatch: pytest.MonkeyPatch, options: Options) -> None:
    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    start = time.monotonic()
    with pytest.raises(FetchError, match=r"cannot resolve host 'news\.invalid'"):
        fetch_url("http://news.invalid/story", options=options)
    assert time.monotonic() - start < 0.5  # no retries for a name that does not exist


def test_fetch_many_keeps_order_and_isolates_failures(
    loopback: LoopbackServer, options: Options
) -> None:
    urls = [loopback.url("/article"), loopback.url("/missing"), loopback.url("/gzip")]
    calls: list[tuple[int, int, str]] = []
    results = fetch_many(urls, options=options, progress=lambda *a: calls.append(a))
    assert isinstance(results[0], Page) and isinstance(results[2], Page)
    assert isinstance(results[1], FetchError) and "HTTP 404" in str(results[1])
    assert sorted(c[0] for c in calls) == [1, 2, 3]
    assert {c[2] for c in calls} == set(urls)


# --- the cache -------------------------------------------------------------------------


def test_cache_hit_does_not_touch_the_network(loopback: LoopbackServer, options: Options) -> None:
    url = loopback.url("/counted")
    first = fetch_url(url, options=options)
    second = fetch_url(url, options=options)
    assert loopback.hits["/counted"] == 1
    assert second.from_cache and second.text == first.text and second.url == first.url


def test_refresh_refetches(loopback: LoopbackServer, options: Options) -> None:
    url = loopback.url("/counted?refresh")
    before = loopback.hits["/counted"]
    fetch_url(url, options=options)
    fetch_url(url, options=Options(cache_dir=options.cache_dir, refresh=True))
    assert loopback.hits["/counted"] == before + 2


def test_offline_miss_is_a_clear_error(loopback: LoopbackServer, options: Options) -> None:
    offline = Options(cache_dir=options.cache_dir, offline=True)
    with pytest.raises(FetchError, match="not in cache and --offline given"):
        fetch_url(loopback.url("/article?never-fetched"), options=offline)


def test_offline_hit_reads_the_cache(loopback: LoopbackServer, options: Options) -> None:
    url = loopback.url("/article?offline")
    fetch_url(url, options=options)
    page = fetch_url(url, options=Options(cache_dir=options.cache_dir, offline=True))
    assert page.from_cache


@pytest.mark.parametrize("junk", [b"", b"{not json", b'{"format": 1, "url": 5}', b"\xff\xfe\x00"])
def test_corrupt_entry_is_refetched(
    loopback: LoopbackServer, options: Options, junk: bytes
) -> None:
    url = loopback.url(f"/counted?corrupt={len(junk)}")
    path = cache.entry_path(url, options)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(junk)
    before = loopback.hits["/counted"]
    page = fetch_url(url, options=options)
    assert not page.from_cache and loopback.hits["/counted"] == before + 1
    assert json.loads(path.read_text(encoding="utf-8"))["url"] == url  # repaired


def test_cache_names_cannot_escape_the_cache_dir(options: Options) -> None:
    path = cache.entry_path("http://x/../../../../etc/passwd", options)
    assert path.parent == cache.cache_dir(options)
    assert len(path.stem) == 64 and path.suffix == ".json"


def test_cache_write_leaves_no_temp_files(loopback: LoopbackServer, options: Options) -> None:
    fetch_url(loopback.url("/article?tmpcheck"), options=options)
    names = [p.name for p in cache.cache_dir(options).iterdir()]
    assert names and not [n for n in names if n.startswith(".tmp-")]


def test_cache_dir_from_env_and_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "env"))
    assert cache.cache_dir(Options()) == tmp_path / "env" / "pages"
    assert cache.cache_dir(Options(cache_dir=tmp_path / "opt")) == tmp_path / "opt" / "pages"
    monkeypatch.delenv(cache.ENV_VAR)
    assert "covdiff" in str(cache.cache_dir(Options()))


def test_unwritable_cache_does_not_fail_the_fetch(loopback: LoopbackServer, tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    page = fetch_url(loopback.url("/article?nocache"), options=Options(cache_dir=blocker))
    assert "harbour committee" in page.text


# --- through sources.read_document -----------------------------------------------------


def test_read_document_from_url_extracts_the_article(
    loopback: LoopbackServer, options: Options
) -> None:
    doc = read_document(SourceSpec("url", loopback.url("/article?doc")), options=options)
    # The headline comes first (a claim like any other), then the article body.
    assert doc.text.startswith("Loopback news\nParagraph 1: the loopback server reports")
    assert "Home" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Loopback news"


def test_read_document_keeps_plain_text_as_is(loopback: LoopbackServer, options: Options) -> None:
    doc = read_document(SourceSpec("url", loopback.url("/plain")), options=options)
    assert doc.text == "Just plain text.\nSecond line."


def test_fetch_errors_are_source_errors(loopback: LoopbackServer, options: Options) -> None:
    with pytest.raises(SourceError):
        read_document(SourceSpec("url", loopback.url("/missing?doc")), options=options)
