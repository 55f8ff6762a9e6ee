"""Security: source text cannot inject markup, redirects cannot leave http(s), cache names
cannot leave the cache folder, and batch never writes outside ``--out``.

Every piece of a report that comes from a source (text, labels, titles, sites, bylines,
dates, URLs, origins, conflict values, warnings) is attacker-controlled: a page covdiff
fetches may be written to attack whoever opens the report.
"""

from __future__ import annotations

import io
import json
import re
import secrets
from html.parser import HTMLParser
from pathlib import Path

import pytest

from covdiff import cache
from covdiff.api import compare_documents
from covdiff.batch import run_batch, write_atomic
from covdiff.errors import FetchError
from covdiff.fetch import fetch_url
from covdiff.model import Comparison
from covdiff.options import Options
from covdiff.reports import FORMATS, render
from covdiff.reports.html import CSP
from covdiff.reports.html_css import CSS
from covdiff.sources import Document

from .hostile_support import GOOD, assert_valid_comparison, run
from .loopback import LoopbackServer, loopback  # noqa: F401  (the fixture)

PAYLOADS = [
    "<script>alert(1)</script>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    "<iframe src=javascript:alert(1)></iframe>",
    '<iframe srcdoc="<script>alert(1)</script>">',
    '<a href="javascript:alert(1)">click</a>',
    "<a href='jav&#x09;ascript:alert(1)'>tab</a>",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    '<object data="data:text/html,<script>alert(1)</script>">',
    "<style>body{background:url(javascript:alert(1))}</style>",
    '<div style="width: expression(alert(1))">',
    '<p style="behavior:url(x.htc)">',
    '"><script>alert(1)</script>',
    "'><svg/onload=alert(1)>",
    '" onmouseover="alert(1)" x="',
    "' autofocus onfocus='alert(1)",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</style><script>alert(1)</script>",
    "<!--<script>alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "{{constructor.constructor('alert(1)')()}}",
    "${alert(1)}",
    "{% raw %}<script>{% endraw %}",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<base href="javascript:alert(1)//">',
    '<form action="javascript:alert(1)"><button>x</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "[click](javascript:alert(1)) ![img](javascript:alert(1))",
    '<http://evil.example/"onclick=alert(1)>',
    "\x1b]8;;http://evil.example\x07link\x1b]8;;\x07 \x1b[2J",
]
assert len(PAYLOADS) >= 25

ALLOWED_TAGS = frozenset(
    "html head meta title style body header main footer section article div p span h1 h2 "
    "h3 h4 table thead tbody tr th td ul ol li strong em q ins del mark a".split()
)
ALLOWED_ATTRS = frozenset(
    "class id title scope aria-hidden data-was href rel lang charset http-equiv content name"
    .split()
)  # fmt: skip


class ReportParser(HTMLParser):
    """Collects every tag, attribute and text node of an HTML document."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.data: list[str] = []
        self.style: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_style = tag == "style"

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        (self.style if self._in_style else self.data).append(data)


def assert_no_executable_markup(document: str, *, report_links: bool = False) -> ReportParser:
    """Every tag and attribute is allow-listed; links go to #fragments or http(s) only.

    ``report_links``: the batch index may also link to report files beside it, whose names
    are event ids that passed `covdiff.batch.check_id`.
    """
    href_ok = r"#[\w-]+|https?://[^\s\"'<>`]+"
    if report_links:
        href_ok += r"|[A-Za-z0-9][A-Za-z0-9._-]*\.(?:html|json|md|txt)"
    parser = ReportParser()
    parser.feed(document)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag in ALLOWED_TAGS, f"<{tag}> in the report"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}= on <{tag}>"
            assert name in ALLOWED_ATTRS, f"attribute {name}= on <{tag}>"
            if name == "href":
                assert value is not None and re.fullmatch(href_ok, value), f"href={value!r}"
        if tag == "meta":
            http_equiv = dict(attrs).get("http-equiv")
            assert http_equiv in (None, "Content-Security-Policy"), http_equiv
            if http_equiv:
                assert dict(attrs)["content"] == CSP
    # One style sheet, ours, untouched; one title.
    assert [t for t, _ in parser.tags].count("style") <= 1
    assert [t for t, _ in parser.tags].count("title") <= 1
    assert "".join(parser.style) in ("", CSS)
    return parser


def assert_markdown_has_no_markup(document: str, *, report_links: bool = False) -> None:
    """No raw HTML but ``<br>`` and http(s) autolinks; no link or image to another scheme."""
    for match in re.finditer(r"<[^>\n]*>?", document):
        piece = match.group()
        assert piece == "<br>" or re.fullmatch(r"<https?://[^\s<>\"'`]+>", piece), piece
    target_ok = r"https?://|#" + (
        r"|[A-Za-z0-9][A-Za-z0-9._-]*\.(?:html|json|md|txt)\)" if report_links else ""
    )
    assert not re.search(rf"(?<!\\)\]\((?!{target_ok})", document), "a link to another scheme"


def assert_plain_text_is_inert(document: str) -> None:
    """No control character but newlines: nothing can drive the reader's terminal."""
    bad = {c for c in document if (ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F}
    assert not bad, sorted(bad)


def hostile_comparison() -> Comparison:
    """Every payload in every field a source has, in sources that share and dispute claims."""
    docs = []
    for n, payload in enumerate(PAYLOADS):
        docs.append(
            Document(
                origin=payload,
                label=payload,
                title=payload,
                published=payload,
                site=payload,
                byline=payload,
                url=payload if n % 2 else "https://news.example/" + payload,
                text=(
                    "The committee met on Tuesday and agreed the harbour budget.\n"
                    f"Officials said {payload} about {n + 3} million pounds.\n"
                    f"The mayor told reporters “{payload} number {n}” after the vote.\n"
                ),
            )
        )
    return compare_documents(docs)


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    return hostile_comparison()


def test_the_hostile_comparison_shows_payloads_in_every_part(hostile: Comparison) -> None:
    counts = hostile.counts()
    assert counts["carried_by_all"] >= 1 and counts["conflicts"] >= 1
    assert any(len(c.sources) > 1 for c in hostile.claims)


def test_html_report_has_no_executable_markup(hostile: Comparison) -> None:
    parser = assert_no_executable_markup(render(hostile, "html"))
    shown = "".join(parser.data)
    # Nothing is lost either: each payload is shown as text (controls made visible).
    for payload in PAYLOADS:
        if "\x1b" not in payload:
            assert payload in shown, payload


def test_markdown_report_has_no_markup(hostile: Comparison) -> None:
    assert_markdown_has_no_markup(render(hostile, "md"))


def test_text_report_is_inert(hostile: Comparison) -> None:
    text = render(hostile, "text")
    assert_plain_text_is_inert(text)
    assert "<script>alert(1)</script>" in text  # plain text shows text as it is


def test_json_report_keeps_every_payload_verbatim(hostile: Comparison) -> None:
    data = assert_valid_comparison(render(hostile, "json"))
    for src, payload in zip(data["sources"], PAYLOADS, strict=True):
        assert src["label"] == payload and src["title"] == payload and src["origin"] == payload
        assert payload in src["text"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_through_the_cli_from_a_hostile_page(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The page escapes its payloads as any page would; extraction decodes them into text,
    # and the file name (the default label) is a payload of its own.
    escaped = [p.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") for p in PAYLOADS]
    page = tmp_path / "<svg onload=alert(1)>.html"
    page.write_text(
        f"<html><head><title>{escaped[0]}</title>"
        f"<link rel=canonical href='javascript:alert(1)'></head><body><article>"
        + "".join(f"<p>Officials said {p} about the harbour budget.</p>" for p in escaped)
        + "</article></body></html>",
        encoding="utf-8",
    )
    code, out, err = run(["compare", str(page), GOOD, "--format", fmt], capsys)
    assert code == 0, err
    if fmt == "html":
        assert_no_executable_markup(out)
    elif fmt == "md":
        assert_markdown_has_no_markup(out)
    elif fmt == "text":
        assert_plain_text_is_inert(out)
    else:
        data = assert_valid_comparison(out)
        assert data["sources"][0]["label"] == "<svg onload=alert(1)>"
        assert "<script>alert(1)</script>" in data["sources"][0]["text"]


def test_batch_index_has_no_executable_markup(tmp_path: Path) -> None:
    manifest = tmp_path / "events.jsonl"
    lines = [
        {"id": "ok", "sources": [{"label": PAYLOADS[0], "text": "A met B."}, GOOD]},
        {"id": "bad", "sources": [{"label": PAYLOADS[3], "path": PAYLOADS[5]}, GOOD]},
        {"id": "<script>", "sources": [GOOD, GOOD]},
    ]
    manifest.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    log = io.StringIO()
    run_batch(
        manifest, out_dir=out, formats=["html", "md"], workers=1, force=False,
        options=Options(), progress=False, err=log,
    )  # fmt: skip
    assert_no_executable_markup((out / "index.html").read_text(encoding="utf-8"), report_links=True)
    assert_markdown_has_no_markup((out / "index.md").read_text(encoding="utf-8"), report_links=True)
    assert_no_executable_markup((out / "ok.html").read_text(encoding="utf-8"))


# --- redirects never leave http(s) ------------------------------------------------------------

REDIRECTS = ["/to-file", "/to-file-spaced", "/to-javascript", "/to-data", "/hop-to-file"]


@pytest.mark.parametrize("path", REDIRECTS)
def test_redirects_never_leave_http(
    path: str,
    loopback: LoopbackServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = loopback.url(path)
    with pytest.raises(FetchError, match=r"redirected to \w+: URL .*only http and https") as info:
        fetch_url(url, options=Options(cache_dir=tmp_path, retries=0))
    assert info.value.origin == url
    assert "root:" not in str(info.value)  # nothing of /etc/passwd was read
    assert not (tmp_path / "pages").exists() or not any((tmp_path / "pages").iterdir())


def test_redirect_to_an_unparsable_url_is_a_clear_error(
    loopback: LoopbackServer,  # noqa: F811
    tmp_path: Path,
) -> None:
    url = loopback.url("/to-unparsable")
    # requests itself parses the Location header, so the error names the URL asked for.
    with pytest.raises(FetchError, match=r"not a valid URL|redirected to an invalid URL"):
        fetch_url(url, options=Options(cache_dir=tmp_path, retries=0))


def test_redirect_to_a_file_through_the_cli(
    loopback: LoopbackServer,  # noqa: F811
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = loopback.url("/to-file")
    code, out, err = run(["compare", url, GOOD, "--cache-dir", str(tmp_path)], capsys)
    assert code == 2 and out == ""
    assert err == (
        f"covdiff: error: {url}: redirected to file: URL file:///etc/passwd (only http and https)\n"
    )


# --- cache names cannot escape the cache folder ----------------------------------------------

HOSTILE_URLS = [
    "http://x.example/../../../../etc/passwd",
    "http://x.example/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "http://x.example/..\\..\\..\\windows\\win.ini",
    "http://x.example/\x00/../evil",
    "http://x.example/a\nb\rc",
    "http://x.example/\ud800lone-surrogate",
    "http://x.example/" + "a" * 100_000,
    "../../etc/passwd",
    "/etc/passwd",
    "C:\\Windows\\system32",
    "",
]


@pytest.mark.parametrize("url", HOSTILE_URLS, ids=lambda u: repr(u[:40]))
def test_cache_names_stay_in_the_cache_folder(url: str, tmp_path: Path) -> None:
    options = Options(cache_dir=tmp_path / "cache")
    folder = cache.cache_dir(options)
    path = cache.entry_path(url, options)
    assert path.parent == folder
    assert re.fullmatch(r"[0-9a-f]{64}\.json", path.name)
    entry = cache.Entry(url=url, final_url=url, text="x", content_type=None, fetched_at="")
    stored = cache.store(entry, options=options)
    if "\ud800" in url:
        # Not writable as UTF-8: skipped (the cache is an optimisation), not a crash.
        assert stored is None and cache.load(url, options=options) is None
    else:
        assert stored == path and cache.load(url, options=options) == entry
    # Nothing anywhere under tmp_path but that one entry (no temporary file left behind).
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == ([path] if stored else [])


# --- batch never writes outside --out --------------------------------------------------------


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    """A file outside the output folder that a hostile setup tries to overwrite."""
    outside = tmp_path / "outside"
    outside.mkdir()
    target = outside / "victim.txt"
    target.write_text("precious", encoding="utf-8")
    return target


def _batch(tmp_path: Path, out: Path, *, force: bool, lines: list[dict] | None = None) -> None:
    manifest = tmp_path / "events.jsonl"
    lines = lines or [{"id": "ev", "sources": [GOOD, GOOD]}]
    manifest.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    run_batch(
        manifest, out_dir=out, formats=["json", "html"], workers=1, force=force,
        options=Options(), progress=False, err=io.StringIO(),
    )  # fmt: skip


def test_hostile_ids_write_nothing_outside_out(tmp_path: Path) -> None:
    ids = ["../x", "..\\x", "/abs", "a/b", "..", ".", "~", "$HOME", "%2e%2e", "x\x00y", "con"]
    out = tmp_path / "nest" / "out"
    before = set(tmp_path.rglob("*"))
    _batch(tmp_path, out, force=False, lines=[{"id": i, "sources": [GOOD, GOOD]} for i in ids])
    created = set(tmp_path.rglob("*")) - before
    assert {p for p in created if out not in p.parents} == {
        tmp_path / "nest",
        out,
        tmp_path / "events.jsonl",
    }
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "index.md"]


def test_a_report_name_symlinked_outside_is_kept_or_replaced_never_followed(
    tmp_path: Path, victim: Path
) -> None:
    # Decision: a symlink where a report goes counts as an existing report (kept unless
    # --force); with --force it is replaced by a regular file. Never written through.
    out = tmp_path / "out"
    out.mkdir()
    (out / "ev.json").symlink_to(victim)
    _batch(tmp_path, out, force=False)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert (out / "ev.json").is_symlink() and (out / "ev.html").is_file()
    _batch(tmp_path, out, force=True)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "ev.json").is_symlink()
    assert_valid_comparison((out / "ev.json").read_text(encoding="utf-8"))


def test_a_dangling_symlink_and_the_index_are_replaced_not_followed(
    tmp_path: Path, victim: Path
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    planted = victim.parent / "planted.html"
    (out / "ev.html").symlink_to(planted)  # dangling: would create a file outside
    (out / "index.html").symlink_to(victim)
    _batch(tmp_path, out, force=False)
    assert not planted.exists()
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "ev.html").is_symlink() and not (out / "index.html").is_symlink()


def test_temporary_files_are_never_written_through_a_planted_symlink(
    tmp_path: Path, victim: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Even if an attacker guessed the temporary name, creating it is exclusive (O_EXCL).
    monkeypatch.setattr(secrets, "token_hex", lambda n: "guessed")
    (tmp_path / ".report.json.guessed.tmp").symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_atomic(tmp_path / "report.json", "{}")
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (tmp_path / "report.json").exists()
