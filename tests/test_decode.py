"""decode_bytes and looks_like_html: charsets, BOMs, binary refusal, newlines."""

from __future__ import annotations

import codecs
import gzip

import pytest

from covdiff.decode import decode_bytes, looks_like_html, sniff_charset
from covdiff.errors import SourceError

TEXT = "Zoë’s café — “naïve” façade costs €5\nsecond line"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"),
        codecs.BOM_UTF32_BE + TEXT.encode("utf-32-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16le", "utf16be", "utf32le", "utf32be"],
)
def test_unicode_encodings(data: bytes) -> None:
    assert decode_bytes(data, origin="x") == TEXT


def test_utf16_without_bom_is_recognised() -> None:
    assert decode_bytes("Plain ASCII text in UTF-16".encode("utf-16-le"), origin="x") == (
        "Plain ASCII text in UTF-16"
    )


def test_newlines_are_normalised() -> None:
    assert decode_bytes(b"a\r\nb\rc\nd", origin="x") == "a\nb\nc\nd"


def test_legacy_single_byte_falls_back_to_cp1252() -> None:
    text = "Zoë’s café — “naïve” €5"
    assert decode_bytes(text.encode("cp1252"), origin="x") == text


def test_latin1_bytes_cp1252_cannot_decode() -> None:
    # 0x81 is undefined in windows-1252: latin-1 still decodes every byte.
    assert decode_bytes(b"caf\xe9 \x81", origin="x") == "café \x81"


def test_declared_charset_is_used() -> None:
    text = "Привет, мир! Новости дня."
    assert decode_bytes(text.encode("koi8-r"), origin="x", declared="koi8-r") == text


def test_meta_charset_is_used() -> None:
    text = "Привет, мир! Новости дня."
    for meta in ('<meta charset="windows-1251">', '<meta http-equiv="Content-Type" '
                 'content="text/html; charset=windows-1251">'):  # fmt: skip
        html = f"<html><head>{meta}</head><body>{text}</body></html>"
        assert text in decode_bytes(html.encode("cp1251"), origin="x")


def test_valid_utf8_wins_over_a_wrong_latin1_declaration() -> None:
    html = f"<meta charset='iso-8859-1'><p>{TEXT}</p>"
    assert TEXT in decode_bytes(html.encode("utf-8"), origin="x", declared="iso-8859-1")


def test_wrong_utf8_declaration_falls_back() -> None:
    text = "café crème — “déjà vu”"
    html = f"<meta charset='utf-8'><p>{text}</p>"
    assert text in decode_bytes(html.encode("cp1252"), origin="x", declared="utf-8")


def test_unknown_declared_charset_is_ignored() -> None:
    assert decode_bytes(TEXT.encode("utf-8"), origin="x", declared="x-no-such-charset") == TEXT


def test_sniff_charset() -> None:
    assert sniff_charset(b'<?xml version="1.0" encoding="ISO-8859-2"?><a/>') == "ISO-8859-2"
    assert sniff_charset(b"<meta charset=shift_jis>") == "shift_jis"
    assert sniff_charset(b"<p>no declaration</p>") is None


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        (b"GIF89a\x01\x00\x01\x00", "GIF image"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        (gzip.compress(b"hello", mtime=0), "gzip-compressed"),
        (b"\x00\x01\x02\x03binary\x00junk\xff", "NUL bytes"),
    ],
)
def test_binary_files_are_refused_with_a_reason(data: bytes, words: str) -> None:
    with pytest.raises(SourceError, match=words) as info:
        decode_bytes(data, origin="report.bin")
    assert str(info.value).startswith("report.bin: looks like")


def test_text_starting_like_a_magic_number_is_still_text() -> None:
    assert decode_bytes(b"MZ is a nice name for a band.", origin="x").startswith("MZ is")


@pytest.mark.parametrize(
    "text",
    [
        "<!DOCTYPE html><html><body>x</body></html>",
        "\ufeff  <html lang=en>",
        "<!-- saved page -->\n<html>",
        "<?xml version='1.0'?>\n<html xmlns='http://www.w3.org/1999/xhtml'>",
        "<p>Just a paragraph</p>",
        "<div class=story>text</div>",
        "Saved by a tool\n<html><body>x</body></html>",
    ],
)
def test_looks_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize(
    "text",
    ["Plain report text.\nSecond line.", "# Markdown title\n\nBody", "a < b and c > d", ""],
)
def test_plain_text_is_not_html(text: str) -> None:
    assert not looks_like_html(text)
