"""The sources an interactive session compares, and re-alignment that reuses work.

`covdiff.align.prepare` (features and facts per sentence) is most of the cost of an
alignment; matching with a new threshold is cheap. A `Session` keeps each source's
`Prepared` form so that changing the threshold, adding a source or removing one only
re-runs the matching. No textual import: the benchmark and tests drive it directly.

A session is never changed in place: every edit returns a new one, so a worker thread can
build the next session while the interface keeps showing the current one.

The alignment engine (numpy, scipy, the similarity models) takes longer to import than the
whole interface takes to draw, so it is imported inside the methods that align: the app
draws the sentences first (`segment_documents` needs only `covdiff.sentences`) and the
marks follow when the worker's first alignment is in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from covdiff.api import segment_all
from covdiff.model import Comparison, Source
from covdiff.options import Options
from covdiff.sources import Document

if TYPE_CHECKING:
    from covdiff.align import Prepared

MIN_SOURCES = 2


@dataclass(frozen=True, slots=True)
class Session:
    sources: tuple[Source, ...]
    options: Options
    warnings: tuple[str, ...] = ()
    _prepared: dict[str, Prepared] = field(default_factory=dict, compare=False, repr=False)
    """Prepared sources by source id. Shared between sessions whose sources are the same
    objects; filled lazily (from a worker thread; dict updates are atomic)."""

    @classmethod
    def from_documents(cls, docs: Sequence[Document], *, options: Options) -> Session:
        sources = segment_documents(docs)
        warnings = tuple(f"{d.label}: {w}" for d in docs for w in d.warnings)
        return cls(sources, options, warnings)

    @classmethod
    def from_comparison(cls, cmp: Comparison, *, options: Options) -> Session:
        return cls(
            cmp.sources,
            replace(options, threshold=cmp.threshold or options.threshold),
            cmp.warnings,
        )

    @property
    def threshold(self) -> float:
        return self.options.threshold

    def prepared(self) -> list[Prepared]:
        from covdiff.align import prepare

        out = []
        for src in self.sources:
            prep = self._prepared.get(src.id)
            if prep is None or prep.source is not src:
                prep = self._prepared[src.id] = prepare(src)
            out.append(prep)
        return out

    def align(self) -> Comparison:
        from covdiff.align import align

        return align(
            self.sources, options=self.options, prepared=self.prepared(), warnings=self.warnings
        )

    def with_threshold(self, threshold: float) -> Session:
        return Session(
            self.sources, replace(self.options, threshold=threshold), self.warnings, self._prepared
        )

    def with_added(self, docs: Sequence[Document]) -> Session:
        added = segment_documents(docs, first=len(self.sources) + 1)
        warnings = self.warnings + tuple(f"{d.label}: {w}" for d in docs for w in d.warnings)
        return Session(self.sources + added, self.options, warnings, dict(self._prepared))

    def without(self, source_id: str) -> Session:
        """The session minus one source; the rest are renumbered ``s1``, ``s2``...

        Identifiers follow the JSON contract (no gaps), so an export after a removal is a
        valid "covdiff/1" document. Renumbering keeps the prepared features: they do not
        depend on ids.
        """
        kept = [s for s in self.sources if s.id != source_id]
        if len(kept) == len(self.sources):
            raise KeyError(source_id)
        label = self.sources[[s.id for s in self.sources].index(source_id)].label
        sources: list[Source] = []
        prepared: dict[str, Prepared] = {}
        for n, src in enumerate(kept, start=1):
            new = _renumbered(src, f"s{n}")
            sources.append(new)
            old = self._prepared.get(src.id)
            if old is not None and old.source is src:
                prepared[new.id] = replace(old, source=new)
        warnings = tuple(w for w in self.warnings if not w.startswith(f"{label}: "))
        return Session(tuple(sources), self.options, warnings, prepared)


def _renumbered(src: Source, new_id: str) -> Source:
    if src.id == new_id:
        return src
    sentences = tuple(replace(s, id=f"{new_id}:{s.index}", source=new_id) for s in src.sentences)
    return replace(src, id=new_id, sentences=sentences)


def segment_documents(docs: Sequence[Document], *, first: int = 1) -> tuple[Source, ...]:
    """Documents cut into sentences, numbered ``s<first>``, ``s<first + 1>``...

    `covdiff.api` imports the alignment engine only when it aligns, so drawing the
    sentences first costs only the segmenter.
    """
    return tuple(segment_all(docs, first=first))


def same_sources(old: Sequence[Source], new: Sequence[Source]) -> bool:
    """Whether two lists hold the same sentences (ids, labels, texts): a re-alignment that
    only changes marks, not the columns."""
    return len(old) == len(new) and all(
        a.id == b.id
        and a.label == b.label
        and len(a.sentences) == len(b.sentences)
        and a.text == b.text
        for a, b in zip(old, new, strict=True)
    )
