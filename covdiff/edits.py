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
    ops = Levenshtein.opcodes([t.norm for t in a], [t.norm for t in b])
    out: list[WordEdit] = []
    for op in ops:
        out.append(
            WordEdit(
                _OPS[op.tag],
                " ".join(t.surface for t in a[op.src_start : op.src_end]),
                " ".join(t.surface for t in b[op.dest_start : op.dest_end]),
            )
        )
    return tuple(out)
