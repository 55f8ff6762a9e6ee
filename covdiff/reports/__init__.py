"""Report writers, one per format; `render` picks one. UTF-8 text in, UTF-8 text out."""

from __future__ import annotations

from typing import Literal

from covdiff.model import Comparison

Format = Literal["text", "json", "md", "html"]
FORMATS: tuple[str, ...] = ("text", "json", "md", "html")
EXTENSIONS = {"text": "txt", "json": "json", "md": "md", "html": "html"}


def render(cmp: Comparison, fmt: str, *, color: bool = False) -> str:
    """The comparison as one document in ``fmt``; ``color`` only affects ``text``."""
    if fmt == "json":
        from covdiff.serialize import to_json

        return to_json(cmp)
    if fmt == "text":
        from covdiff.reports.text import render_text

        return render_text(cmp, color=color)
    if fmt == "md":
        from covdiff.reports.markdown import render_markdown

        return render_markdown(cmp)
    if fmt == "html":
        from covdiff.reports.html import render_html

        return render_html(cmp)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
