"""Sources: what a user names on the command line, and the documents read from them.

A SOURCE is a file path (`.txt`, `.md`, `.html`, `.htm`; HTML detected by content), a
directory (its supported files in name order), an http(s) URL, ``-`` for standard input,
or inline text given through the Python API or a batch manifest. Reading a source yields a
`Document`: the article text plus whatever metadata the source carried. Every failure
raises `SourceError` naming the source; nothing here prints.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Literal
from urllib.parse import urlsplit

from covdiff.errors import SourceError
from covdiff.options import Options

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm")
_READ_CHUNK = 1024 * 1024
_SURROGATE = re.compile("[\ud800-\udfff]")
SpecKind = Literal["path", "url", "stdin", "text"]


@dataclass(frozen=True, slots=True)
class SourceSpec:
    """One source as named by the user, before anything is read."""

    kind: SpecKind
    value: str
    label: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """What covdiff read from one source: article text and metadata."""

    origin: str
    label: str
    text: str
    title: str | None = None
    published: str | None = None
    site: str | None = None
    byline: str | None = None
    url: str | None = None
    warnings: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # Every string a Document holds is valid Unicode, so every writer can encode it as
        # UTF-8: lone surrogates (undecodable bytes of a file name or argument, escaped
        # "\\ud800" in a manifest) become U+FFFD, one character for one, keeping offsets.
        for name in ("origin", "label", "text", "title", "published", "site", "byline", "url"):
            value = getattr(self, name)
            if value is not None and _SURROGATE.search(value):
                object.__setattr__(self, name, _SURROGATE.sub("\ufffd", value))
        if any(_SURROGATE.search(w) for w in self.warnings):
            cleaned = tuple(_SURROGATE.sub("\ufffd", w) for w in self.warnings)
            object.__setattr__(self, "warnings", cleaned)


def parse_spec(arg: str | SourceSpec, *, base: Path | None = None) -> SourceSpec:
    """Classify one command-line SOURCE string; relative paths resolve against ``base``."""
    if isinstance(arg, SourceSpec):
        return arg
    if arg == "-":
        return SourceSpec("stdin", "-")
    try:
        scheme = urlsplit(arg).scheme.lower() if "://" in arg or ":" in arg[:12] else ""
    except ValueError as exc:  # "http://[::1": a URL that cannot be parsed at all
        raise SourceError(arg, f"not a valid URL ({exc})") from None
    if scheme in ("http", "https"):
        return SourceSpec("url", arg)
    if scheme and len(scheme) > 1 and not _exists(Path(arg)):
        # file:, ftp:, javascript:, data: ... are refused rather than guessed at.
        raise SourceError(arg, f"unsupported URL scheme {scheme!r} (use http or https)")
    path = Path(arg)
    if base is not None and not path.is_absolute():
        path = base / path
    return SourceSpec("path", str(path))


def expand_specs(args: Iterable[str | SourceSpec], *, base: Path | None = None) -> list[SourceSpec]:
    """Parse SOURCE strings and expand directories into their supported files, in name order."""
    out: list[SourceSpec] = []
    for arg in args:
        spec = parse_spec(arg, base=base)
        if spec.kind == "path" and _is_dir(Path(spec.value)):
            try:
                files = sorted(
                    p
                    for p in Path(spec.value).iterdir()
                    if p.suffix.lower() in SUPPORTED_SUFFIXES and p.is_file()
                )
            except OSError as exc:
                raise SourceError(spec.value, exc.strerror or str(exc)) from None
            if not files:
                raise SourceError(spec.value, "directory holds no .txt, .md, .html or .htm file")
            out.extend(SourceSpec("path", str(p), spec.label) for p in files)
        else:
            out.append(spec)
    return out


def default_label(spec: SourceSpec) -> str:
    if spec.label:
        return spec.label
    if spec.kind == "url":
        host = urlsplit(spec.value).hostname or spec.value
        return host.removeprefix("www.")
    if spec.kind == "stdin":
        return "stdin"
    if spec.kind == "text":
        return "text"
    return Path(spec.value).stem or spec.value


def read_document(spec: SourceSpec, *, options: Options | None = None) -> Document:
    """Read one source into a Document; raises SourceError naming it on any failure."""
    from covdiff.decode import decode_bytes, looks_like_html  # local: keeps import light

    options = options or Options()
    label = default_label(spec)
    if spec.kind == "text":
        return _from_text(spec.value, origin=label, label=label, html=looks_like_html(spec.value))
    if spec.kind == "url":
        from covdiff.fetch import fetch_url

        page = fetch_url(spec.value, options=options)
        # A server may send plain text; only HTML goes through article extraction.
        mime = (page.content_type or "").split(";")[0].strip().lower()
        is_html = "html" in mime or (mime != "text/plain" and looks_like_html(page.text))
        return _from_text(page.text, origin=spec.value, label=label, html=is_html, url=page.url)
    if spec.kind == "stdin":
        origin = "<stdin>"
        data = read_capped(sys.stdin.buffer, max_bytes=options.max_bytes, origin=origin)
    else:
        origin = spec.value
        data = _read_file(Path(spec.value), max_bytes=options.max_bytes)
    text = decode_bytes(data, origin=origin)
    suffix_html = Path(spec.value).suffix.lower() in (".html", ".htm")
    return _from_text(text, origin=origin, label=label, html=suffix_html or looks_like_html(text))


def _read_file(path: Path, *, max_bytes: int) -> bytes:
    """The bytes of a regular file or a pipe, refusing what is not one or is over the cap.

    The size is checked before reading and the read itself is capped, so a file that
    grows meanwhile, or one whose size the system does not know (``/proc``, pipes), can
    never pull more than ``max_bytes`` into memory. A named pipe is opened non-blocking:
    with no writer it reads as empty instead of hanging covdiff.
    """
    origin = str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise SourceError(origin, "no such file or directory") from None
    except OSError as exc:
        raise SourceError(origin, exc.strerror or str(exc)) from None
    except ValueError:  # os.stat refuses a path holding a NUL character
        raise SourceError(origin, "invalid path (it contains a NUL character)") from None
    mode = info.st_mode
    if stat.S_ISDIR(mode):
        raise SourceError(origin, "is a directory")
    if stat.S_ISSOCK(mode):
        raise SourceError(origin, "is a socket, not a file")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        raise SourceError(origin, "is a device, not a file")
    if info.st_size > max_bytes:
        raise SourceError(origin, _over_limit(max_bytes, info.st_size))
    fifo = stat.S_ISFIFO(mode)
    try:
        fd = os.open(path, os.O_RDONLY | (os.O_NONBLOCK if fifo else 0))
        if fifo:
            os.set_blocking(fd, True)  # now wait for a writer's data, if there is a writer
        with open(fd, "rb") as stream:
            return read_capped(stream, max_bytes=max_bytes, origin=origin)
    except OSError as exc:
        raise SourceError(origin, exc.strerror or str(exc)) from None


def read_capped(stream: BinaryIO, *, max_bytes: int, origin: str) -> bytes:
    """Read ``stream`` to its end, failing as soon as it passes ``max_bytes``."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(min(_READ_CHUNK, max_bytes + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > max_bytes:
            raise SourceError(origin, _over_limit(max_bytes))
    return b"".join(chunks)


def _over_limit(max_bytes: int, size: int | None = None) -> str:
    shown = f"file is {size:,} bytes, " if size is not None else "input is "
    return f"{shown}over the {max_bytes:,}-byte limit"


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _is_dir(path: Path) -> bool:
    """Path.is_dir without its exceptions (a name too long, a NUL): reading reports those."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _from_text(
    text: str, *, origin: str, label: str, html: bool, url: str | None = None
) -> Document:
    if html:
        from covdiff.extract import extract_article

        art = extract_article(text, origin=origin, url=url)
        body = art.text
        # The headline is a claim like any other (outlets' headlines are compared with one
        # another), but extraction keeps it as metadata: put it back as the first line.
        if art.title and not body.lstrip().startswith(art.title.strip()):
            body = f"{art.title.strip()}\n{body}"
        doc = Document(
            origin=origin,
            label=label,
            text=body,
            title=art.title,
            published=art.published,
            site=art.site,
            byline=art.byline,
            url=art.url or url,
            warnings=art.warnings,
        )
    else:
        doc = Document(origin=origin, label=label, text=text.replace("\r\n", "\n"))
    if not doc.text.strip():
        raise SourceError(origin, "no text to compare (the source is empty)")
    return doc


def load_documents(
    args: Sequence[str | SourceSpec],
    *,
    options: Options | None = None,
    labels: Sequence[str] | None = None,
    base: Path | None = None,
    on_loaded: Callable[[SourceSpec, Document | SourceError], None] | None = None,
) -> list[Document]:
    """Read every source in order; ``labels`` override default labels in order.

    Raises the first SourceError unless ``on_loaded`` is given, in which case each result
    or error is handed to it and failed sources are left out (the TUI and batch use this).
    """
    specs = expand_specs(args, base=base)
    if labels:
        specs = [replace(s, label=labels[i]) if i < len(labels) else s for i, s in enumerate(specs)]
    docs: list[Document] = []
    for spec in specs:
        try:
            doc = read_document(spec, options=options)
        except SourceError as exc:
            if on_loaded is None:
                raise
            on_loaded(spec, exc)
            continue
        if on_loaded is not None:
            on_loaded(spec, doc)
        docs.append(doc)
    return docs
