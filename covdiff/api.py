"""The Python API: read sources, segment them, align them.

>>> import covdiff
>>> cmp = covdiff.compare(["a.txt", "b.txt"])  # doctest: +SKIP
>>> cmp.counts()["conflicts"]  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from covdiff.errors import SourceError, UsageError
from covdiff.model import Comparison, Sentence, Source
from covdiff.options import Options
from covdiff.sentences import split_sentences
from covdiff.sources import Document, SourceSpec, load_documents


def segment(doc: Document, source_id: str) -> Source:
    """A Document cut into sentences with offsets into its text."""
    sentences = tuple(
        Sentence(
            id=f"{source_id}:{n}",
            source=source_id,
            index=n,
            text=doc.text[sp.start : sp.end],
            start=sp.start,
            end=sp.end,
            kind=sp.kind,
        )
        for n, sp in enumerate(split_sentences(doc.text))
    )
    return Source(
        id=source_id,
        label=doc.label,
        origin=doc.origin,
        text=doc.text,
        sentences=sentences,
        title=doc.title,
        published=doc.published,
        site=doc.site,
        byline=doc.byline,
        url=doc.url,
    )


def segment_all(docs: Sequence[Document], *, first: int = 1) -> list[Source]:
    """Documents cut into sentences, numbered ``s<first>``, ``s<first + 1>``..."""
    return [segment(d, f"s{n}") for n, d in enumerate(docs, start=first)]


def compare_documents(docs: Sequence[Document], *, options: Options | None = None) -> Comparison:
    """Align documents already read (see `covdiff.sources.load_documents`)."""
    if len(docs) < 2:
        raise UsageError(f"need at least two sources to compare, got {len(docs)}")
    from covdiff.align import align  # the engine: imported only when something is aligned

    warnings = tuple(f"{d.label}: {w}" for d in docs for w in d.warnings)
    return align(segment_all(docs), options=options, warnings=warnings)


def compare(
    sources: Sequence[str | Path | SourceSpec | Document],
    *,
    options: Options | None = None,
    labels: Sequence[str] | None = None,
    on_loaded: Callable[[SourceSpec, Document | SourceError], None] | None = None,
) -> Comparison:
    """Compare reports of one event: file paths, directories, URLs, ``-`` or Documents.

    Returns a `covdiff.model.Comparison`. Raises `SourceError` naming the first source that
    cannot be read, or `UsageError` when fewer than two sources remain.
    """
    options = options or Options()
    docs = [s for s in sources if isinstance(s, Document)]
    specs = [str(s) if isinstance(s, Path) else s for s in sources if not isinstance(s, Document)]
    if specs:
        if docs:
            raise UsageError("pass either Documents or source names, not both")
        docs = load_documents(specs, options=options, labels=labels, on_loaded=on_loaded)
    return compare_documents(docs, options=options)
