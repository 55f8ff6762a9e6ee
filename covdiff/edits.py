"""Word-level edits between the two sides of a link (kept, added, dropped, replaced words).

Words are compared by their normalised form (`covdiff.normalize.Token.norm`), so case,
quote style and number words do not show up as edits; each run carries the original
words of each side for display.
"""

from __future__ import annotations

from collections.abc import Sequence

from rapidfuzz.distance import Levenshtein

from covdiff.model import EditOp, WordEdit
from covdiff.normalize import Token

_OPS = {"equal": EditOp.KEPT, "insert": EditOp.ADDED, "delete": EditOp.DROPPED,
        "replace": EditOp.REPLACED}  # fmt: skip


def word_edits(a: Sequence[Token], b: Sequence[Token]) -> tuple[WordEdit, ...]:
    """Runs of words turning side ``a`` into side ``b``, in reading order."""
    return edits_between(
        [t.norm for t in a], [t.surface for t in a], [t.norm for t in b], [t.surface for t in b]
    )


def edits_between(
    norms_a: Sequence[str], words_a: Sequence[str], norms_b: Sequence[str], words_b: Sequence[str]
) -> tuple[WordEdit, ...]:
    """`word_edits` on the normalised and original words of each side, as lists: the
    aligner keeps them per sentence rather than rebuild them for each of its many links."""
    return tuple(
        [
            WordEdit(_OPS[tag], " ".join(words_a[i:j]), " ".join(words_b[k:m]))
            for tag, i, j, k, m in Levenshtein.opcodes(norms_a, norms_b).as_list()
        ]
    )
