"""The HTML report in a real headless Chromium: it renders, loads nothing, runs nothing.

A loopback HTTP server counts every connection while Chromium opens a report whose source
text carries ``<img>``, ``<link>``, ``<iframe>`` and ``<script>`` aimed at it: the count
must stay 0 and the injected script must not change the page. A second page simulates a
writer bug (the same tags inserted unescaped) to show the Content-Security-Policy alone
stops them fetching anything. Needs ``/usr/bin/chromium`` (CI installs it); skipped with
a reason otherwise.
"""

from __future__ import annotations

import re
import struct
import subprocess
import threading
import time
import zlib
from collections.abc import Iterator
from html import unescape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from covdiff.model import Link, Relation
from covdiff.reports.html import render_html
from tests.report_sample import Outlet, build, sample

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt install chromium)"
    ),
]


class _Counter(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0
        self.paths: list[str] = []
        self.lock = threading.Lock()

    def verify_request(self, request: object, client_address: object) -> bool:
        # Counted on accept, before any HTTP parsing: even a bare preconnect shows up.
        with self.lock:
            self.connections += 1
        return True


class _Handler(BaseHTTPRequestHandler):
    server: _Counter

    def _any(self) -> None:
        with self.server.lock:
            self.server.paths.append(self.path)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_GET = do_POST = do_HEAD = _any

    def log_message(self, format: str, *args: object) -> None:
        return


@pytest.fixture
def server() -> Iterator[_Counter]:
    srv = _Counter()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


def chromium(tmp_path: Path, *args: str) -> str:
    cmd = [
        str(CHROMIUM),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        *args,
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def hostile_report(port: int) -> str:
    base = f"http://127.0.0.1:{port}"
    evil = (
        f"Officials said <img src={base}/img onerror=\"document.title='pwned'\"> the fire "
        f"<script>document.title='pwned'</script> <link rel=stylesheet href={base}/css> "
        f"<iframe src={base}/frame></iframe> was out."
    )
    cmp = build(
        [
            Outlet(
                f"<img src={base}/label>",
                [evil, "The fire was out by dawn."],
                title=f"<script src={base}/title.js></script>",
                url=f"{base}/article",  # a real link: must not be fetched until clicked
            ),
            Outlet("plain", ["Officials said the fire was out.", "The fire was out by dawn."]),
        ],
        [["s1:0", "s2:0"], ["s1:1", "s2:1"]],
        [
            Link(("s1:0",), ("s2:0",), 60.0, Relation.REWORDED),
            Link(("s1:1",), ("s2:1",), 100.0, Relation.SAME),
        ],
    )
    return render_html(cmp)


def _title(dom: str) -> str:
    m = re.search(r"<title>(.*?)</title>", dom, re.S)
    return unescape(m.group(1)) if m else ""


def _settle(server: _Counter) -> None:
    time.sleep(0.3)  # let the server thread accept anything still in its backlog


def test_report_renders_and_loads_nothing(tmp_path: Path, server: _Counter) -> None:
    page = tmp_path / "report.html"
    page.write_text(hostile_report(server.server_port), encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    _settle(server)
    assert server.connections == 0, server.paths
    assert "<h1>Coverage comparison</h1>" in dom
    assert "Coverage matrix" in dom and "Claims side by side" in dom
    # The injected script did not run, and the injected tags are text, not elements.
    assert "pwned" not in _title(dom) and _title(dom).startswith("Coverage comparison")
    assert "&lt;script&gt;document.title='pwned'&lt;/script&gt;" in dom
    assert not re.search(r"<(img|iframe|script|link)\b", dom, re.I)


def test_csp_blocks_loads_and_scripts_even_if_markup_leaks(
    tmp_path: Path, server: _Counter
) -> None:
    base = f"http://127.0.0.1:{server.server_port}"
    leaked = (
        f'<img src="{base}/leak.png"><link rel="stylesheet" href="{base}/leak.css">'
        f'<iframe src="{base}/leak"></iframe><script>document.title="pwned"</script>'
        f'<script src="{base}/leak.js"></script>'
        f'<div style="background:url({base}/bg.png)">styled</div>'
    )
    html = render_html(sample()).replace("<body>\n", "<body>\n" + leaked, 1)
    page = tmp_path / "leaky.html"
    page.write_text(html, encoding="utf-8")
    dom = chromium(tmp_path, "--dump-dom", page.as_uri())
    _settle(server)
    # No request reaches the server. (Chromium may still open a bare TCP connection for
    # the iframe's navigation before the policy blocks it; that is why the writer escapes
    # everything and the test above, on the real report, counts connections.)
    assert server.paths == []
    assert _title(dom) == "Coverage comparison: wire, radio, tabloid"


def test_screenshot_is_not_blank(tmp_path: Path) -> None:
    page = tmp_path / "sample.html"
    page.write_text(render_html(sample()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    chromium(tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    width, height, colours, inked = png_summary(shot.read_bytes(), rows=400)
    assert (width, height) == (1200, 900)
    assert len(colours) > 20, "the page rendered as a flat colour"
    assert inked > 0.01, f"only {inked:.2%} of the top of the page differs from its background"


def png_summary(data: bytes, *, rows: int) -> tuple[int, int, set[tuple[int, ...]], float]:
    """(width, height, distinct colours, share of non-background pixels) of the top rows.

    A minimal PNG reader with the standard library (8-bit RGB or RGBA, not interlaced),
    enough for Chromium's screenshots.
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat = 8, b""
    width = height = bpp = 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", body)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, (depth, ctype, interlace)
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    pixels: list[bytes] = []
    for y in range(min(rows, height)):
        ftype = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        _unfilter(ftype, line, prev, bpp)
        pixels.append(bytes(line))
        prev = line
    colours: dict[tuple[int, ...], int] = {}
    for row in pixels:
        for x in range(0, stride, bpp):
            px = tuple(row[x : x + bpp])
            colours[px] = colours.get(px, 0) + 1
    total = sum(colours.values())
    background = max(colours.values())
    return width, height, set(colours), (total - background) / total


def _unfilter(ftype: int, line: bytearray, prev: bytearray, bpp: int) -> None:
    n = len(line)
    if ftype == 0:
        return
    if ftype == 1:
        for i in range(bpp, n):
            line[i] = (line[i] + line[i - bpp]) & 0xFF
    elif ftype == 2:
        for i in range(n):
            line[i] = (line[i] + prev[i]) & 0xFF
    elif ftype == 3:
        for i in range(n):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
    elif ftype == 4:
        for i in range(n):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            line[i] = (line[i] + pred) & 0xFF
    else:
        raise AssertionError(f"bad PNG filter {ftype}")
