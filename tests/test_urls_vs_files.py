"""Reports fetched from a loopback web server align exactly as the same reports from files."""

from __future__ import annotations

import html
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import covdiff
from covdiff.model import Comparison
from covdiff.options import Options

from .conftest import SEED_EVENT


def as_page(text: str, title: str) -> bytes:
    """A news page around the report: headline as <h1>, one <p> per paragraph, plus clutter."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    body = f"<h1>{html.escape(lines[0])}</h1>" + "".join(
        f"<h2>{html.escape(ln)}</h2>" if len(ln.split()) <= 12 and ln[-1] not in '.!?"”’' else
        f"<p>{html.escape(ln)}</p>" for ln in lines[1:]
    )  # fmt: skip
    page = (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        "</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<main><article>{body}</article></main>"
        "<aside><h3>Most read</h3><ul><li><a href='/x'>Another story</a></li></ul></aside>"
        "<footer>© Loopback News</footer></body></html>"
    )
    return page.encode("utf-8")


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    pages = {f"/{p.stem}": as_page(p.read_text(encoding="utf-8"), p.stem)
             for p in sorted(SEED_EVENT.iterdir()) if p.suffix in (".txt", ".md")}  # fmt: skip

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = pages.get(self.path)
            self.send_response(200 if body else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def claims_by_text(cmp: Comparison) -> set[tuple[tuple[str, str], ...]]:
    label = {s.id: s.label for s in cmp.sources}
    return {
        tuple(sorted((label[cmp.sentence(x).source], cmp.sentence(x).text) for x in c.sentences))
        for c in cmp.claims
    }


def test_compare_on_urls_gives_the_same_claims_as_on_files(site: str, tmp_path: Path) -> None:
    files = sorted(p for p in SEED_EVENT.iterdir() if p.suffix in (".txt", ".md"))
    labels = [p.stem for p in files]
    options = Options(cache_dir=tmp_path / "cache")
    from_files = covdiff.compare([str(p) for p in files], options=options)
    from_urls = covdiff.compare([f"{site}/{s}" for s in labels], options=options, labels=labels)
    assert [s.origin.startswith("http://127.0.0.1") for s in from_urls.sources] == [True] * 4
    assert claims_by_text(from_urls) == claims_by_text(from_files)
    assert [lk.relation for lk in from_urls.links] == [lk.relation for lk in from_files.links]
