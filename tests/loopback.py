"""A misbehaving HTTP server on 127.0.0.1 for the fetch tests; nothing leaves the machine.

`LoopbackServer` runs `http.server.ThreadingHTTPServer` on port 0 in a daemon thread. Each
path is a route (a function taking the request handler) that answers as a real server
might on a bad day: redirect chains and loops, errors that go away on retry, stalls,
endless bodies, wrong content types, lying charsets, gzip and a gzip bomb. The server counts
hits per path and remembers request headers, so tests can check retries and the cache.
"""

from __future__ import annotations

import contextlib
import gzip
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

ARTICLE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>Loopback news</title></head>"
    "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Loopback news</h1>"
    + "".join(
        f"<p>Paragraph {i}: the loopback server reports that the harbour committee met on "
        f"Tuesday and agreed the new budget for the repairs, about {i * 1000} pounds.</p>"
        for i in range(1, 6)
    )
    + "</article><footer>All rights reserved.</footer></body></html>"
)
ACCENTED = "Café crème, naïve façade – “quoted” €5"
ACCENTED_PAGE = (
    "<html><head><meta charset='{meta}'><title>Charset</title></head>"
    f"<body><article><p>{ACCENTED}. The rest of this paragraph is plain text.</p></article>"
    "</body></html>"
)
Route = Callable[["Handler"], None]


class Handler(BaseHTTPRequestHandler):
    server: LoopbackServer
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[path] += 1
            self.server.headers_seen[path] = dict(self.headers)
        route = ROUTES.get(path)
        if route is None:
            self.reply(404, b"not found", "text/plain")
            return
        # The client may hang up on purpose (size cap, timeout): that is not a server error.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            route(self)

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        return

    def reply(
        self,
        status: int,
        body: bytes,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, status: int, location: str) -> None:
        self.reply(status, b"", None, {"Location": location})

    def hits(self) -> int:
        return self.server.hits[self.path.split("?")[0]]


def _article(h: Handler) -> None:
    h.reply(200, ARTICLE.encode("utf-8"))


def _flaky(h: Handler) -> None:
    # 500 on the first request, then the page: a retry must get it.
    if h.hits() == 1:
        h.reply(500, b"oops", "text/plain")
    else:
        _article(h)


def _busy(h: Handler) -> None:
    if h.hits() == 1:
        h.reply(429, b"slow down", "text/plain", {"Retry-After": "1"})
    else:
        _article(h)


def _slow(h: Handler) -> None:
    # Headers at once, then silence longer than the client's read timeout.
    body = ARTICLE.encode("utf-8")
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body[:100])
    h.wfile.flush()
    time.sleep(2.0)
    h.wfile.write(body[100:])


def _endless(h: Handler) -> None:
    # No Content-Length and a body that never ends: only a size cap stops the client.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    chunk = b"<p>" + b"more words without end " * 400 + b"</p>\n"
    deadline = time.monotonic() + 10  # never outlive a broken test by much
    while time.monotonic() < deadline:
        h.wfile.write(chunk)
    h.close_connection = True


def _declared_huge(h: Handler) -> None:
    # Announces a gigabyte; the client should refuse before reading any of it.
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "999999999")
    h.send_header("Connection", "close")
    h.end_headers()
    h.wfile.write(b"<p>x</p>")
    h.close_connection = True


def _charset_route(body_encoding: str, meta: str, header: str | None) -> Route:
    def route(h: Handler) -> None:
        content_type = "text/html" + (f"; charset={header}" if header else "")
        h.reply(200, ACCENTED_PAGE.format(meta=meta).encode(body_encoding), content_type)

    return route


def _gzip(h: Handler) -> None:
    h.reply(200, gzip.compress(ARTICLE.encode("utf-8")), headers={"Content-Encoding": "gzip"})


_BOMB: list[bytes] = []


def _bomb() -> bytes:
    # 64 MB of spaces squeezed into about 64 KB: the client must stop at its byte cap.
    if not _BOMB:
        _BOMB.append(gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9))
    return _BOMB[0]


def _gzip_bomb(h: Handler) -> None:
    h.reply(200, _bomb(), headers={"Content-Encoding": "gzip"})


ROUTES: dict[str, Route] = {
    "/article": _article,
    "/counted": _article,
    "/ua": _article,
    "/plain": lambda h: h.reply(200, b"Just plain text.\r\nSecond line.", "text/plain"),
    "/r1": lambda h: h.redirect(301, "/r2"),
    "/r2": lambda h: h.redirect(302, "/r3"),
    "/r3": lambda h: h.redirect(307, "/article"),
    "/loop-a": lambda h: h.redirect(301, "/loop-b"),
    "/loop-b": lambda h: h.redirect(301, "/loop-a"),
    "/to-ftp": lambda h: h.redirect(302, "ftp://127.0.0.1/file.html"),
    # Redirects that try to leave http(s): a client following them would read local files
    # or run script. Each must end in a clear error, with nothing of the target read.
    "/to-file": lambda h: h.redirect(302, "file:///etc/passwd"),
    "/to-file-spaced": lambda h: h.redirect(301, " FILE:///etc/passwd"),
    "/to-javascript": lambda h: h.redirect(302, "javascript:alert(document.cookie)"),
    "/to-data": lambda h: h.redirect(307, "data:text/html,<script>alert(1)</script>"),
    "/to-unparsable": lambda h: h.redirect(302, "http://[::1"),
    "/hop-to-file": lambda h: h.redirect(301, "/to-file"),
    "/missing": lambda h: h.reply(404, b"<h1>Not Found</h1>"),
    "/flaky": _flaky,
    "/always-500": lambda h: h.reply(503, b"down", "text/plain"),
    "/busy": _busy,
    "/slow": _slow,
    "/endless": _endless,
    "/declared-huge": _declared_huge,
    "/pdf": lambda h: h.reply(200, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
    "/png": lambda h: h.reply(200, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png"),
    "/pdf-as-html": lambda h: h.reply(200, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"),
    # The header says latin-1 but the bytes (and the meta) are UTF-8.
    "/header-latin1-body-utf8": _charset_route("utf-8", "utf-8", "iso-8859-1"),
    # The meta says UTF-8 but the bytes are windows-1252, as the header says.
    "/meta-utf8-body-cp1252": _charset_route("cp1252", "utf-8", "windows-1252"),
    # No header charset: only the meta tells (windows-1252).
    "/meta-only-cp1252": _charset_route("cp1252", "windows-1252", None),
    "/gzip": _gzip,
    "/gzip-bomb": _gzip_bomb,
}


class LoopbackServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.headers_seen: dict[str, dict[str, str]] = {}
        self.lock = threading.Lock()

    def handle_error(self, request: object, client_address: object) -> None:
        # Clients hanging up mid-request is what these tests provoke; keep the output quiet.
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"


@pytest.fixture(scope="module")
def loopback() -> Iterator[LoopbackServer]:
    """A running LoopbackServer for a test module; shut down afterwards."""
    _bomb()  # compressed before any test: doing it on the first request ate the client's timeout
    server = LoopbackServer()
    thread = threading.Thread(target=server.serve_forever, name="loopback", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
