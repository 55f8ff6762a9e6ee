"""Bytes to text: charset detection, binary refusal, newline normalisation.

What this stage guarantees: `decode_bytes` returns a ``str`` with ``\\n`` newlines and no
byte-order mark, or raises `SourceError` naming the input and why (a binary file, named
by its kind where the magic number tells). It never raises UnicodeDecodeError.

The charset is chosen in this order, each step only if it decodes cleanly:
1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-8 whenever the bytes are valid UTF-8, whatever is declared: legacy text is almost
   never valid UTF-8 by accident, while servers announcing latin-1 for UTF-8 pages are common;
3. the charset declared by the HTTP header (``declared``);
4. ``<meta charset>``, ``<meta http-equiv="Content-Type">`` or an XML declaration in the
   first bytes;
5. charset_normalizer's guess on a sample;
6. windows-1252, then latin-1 (which decodes anything).
"""

from __future__ import annotations

import codecs
import re

from covdiff.errors import SourceError

_HTML_SNIFF = re.compile(
    r"^\s*(?:<!--.*?-->\s*|<\?xml[^>]*>\s*)*"
    r"(?:<!doctype\s+html|<html|<head|<body|<article|<main|<meta|<title|<div|<section"
    r"|<header|<p[\s>]|<h[1-6][\s>]|<script|<style|<link|<table|<span|<!--)",
    re.I | re.S,
)
_HTML_ANYWHERE = re.compile(r"<(?:html|body|head)[\s>]", re.I)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.I
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})""")
# (magic prefix, what it is): the common binaries someone might pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x1f\x8b", "a gzip-compressed file"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd-compressed file"),
    (b"%!PS", "a PostScript document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM begins with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# WHATWG: browsers decode these labels as windows-1252, a superset for the printable range.
_AS_CP1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "iso8859-1", "cp819"}
_SNIFF_BYTES = 4096
_GUESS_SAMPLE = 64 * 1024


def looks_like_html(text: str) -> bool:
    """True if ``text`` is HTML by content: it opens with markup or has <html>/<body> early."""
    head = text[:4096].lstrip("\ufeff")
    return bool(_HTML_SNIFF.match(head) or _HTML_ANYWHERE.search(head))


def binary_kind(data: bytes) -> str | None:
    """What a binary blob is ("a PDF document"), or None if it may be text."""
    if data.startswith(tuple(bom for bom, _ in _BOMS)):
        return None
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # "MZ" and "BZh" are also plausible starts of text; demand a NUL nearby.
            if magic in (b"MZ", b"BZh", b"ID3") and b"\x00" not in data[:512]:
                continue
            return kind
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and _utf16_without_bom(head) is None:
        return "a binary file (it contains NUL bytes)"
    return None


def decode_bytes(data: bytes, *, origin: str, declared: str | None = None) -> str:
    """Decode a file or HTTP body to text; raises SourceError for binary input."""
    kind = binary_kind(data)
    if kind is not None:
        raise SourceError(origin, f"looks like {kind}, not text or HTML")
    return _normalise_newlines(_decode(data, declared=declared))


def _decode(data: bytes, *, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, "replace")
    if b"\x00" in data[:_SNIFF_BYTES] and (wide := _utf16_without_bom(data)):
        return data.decode(wide, "replace")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text
    for label in (declared, sniff_charset(data)):
        codec = _codec(label)
        if codec is None or codec == "utf-8":
            continue  # a declared UTF-8 that failed above is a wrong declaration
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    guessed = _guess(data)
    if guessed is not None:
        try:
            return data.decode(guessed)
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first bytes, if any."""
    head = data[:_SNIFF_BYTES]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return match.group(1).decode("ascii", "replace") if match else None


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None if unknown or not for text."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _AS_CP1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    # UTF-16/32 without a BOM are handled above; a label naming them here is a lie.
    if name.startswith(("utf-16", "utf-32")) or name in ("base64", "hex", "rot-13", "zlib"):
        return None
    return "utf-8" if name == "utf-8" else name


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without BOM shows NULs in every other byte (for ASCII-range text)."""
    sample = data[:_SNIFF_BYTES]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - comes with requests
        return None
    matches = list(from_bytes(data[:_GUESS_SAMPLE]))
    if not matches:
        return None
    best = matches[0]
    # Short Latin text fits several code pages equally well (cp1250, cp1252, cp1257); on a
    # tie prefer windows-1252, by far the most common legacy charset of the web.
    for match in matches:
        if match.encoding == "cp1252" and (match.chaos, -match.coherence) <= (
            best.chaos,
            -best.coherence,
        ):
            return "cp1252"
    return _codec(best.encoding)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
