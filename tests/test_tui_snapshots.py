"""A few screenshots of the TUI, compared with pytest-textual-snapshot.

The comparison is built by hand (sources segmented from short inline texts, links and
claims written out), not computed: the alignment engine keeps improving, and a better
score must not redraw these pictures. Fixed size, no cursor blink, no clock, no paths on
screen; Textual is pinned in pyproject.toml. After an intended change of the look, review
the report and run ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

from collections.abc import Callable

from covdiff.model import Claim, Comparison, Conflict, ConflictKind, EditOp, Link, Relation
from covdiff.model import WordEdit as W
from covdiff.options import Options
from covdiff.sources import Document
from covdiff.tui import make_app
from covdiff.tui.app import CovdiffApp
from covdiff.tui.session import segment_documents

SIZE = (120, 36)
THRESHOLD = 35.0

TEXTS = {
    "wire": "A fire destroyed a harbour warehouse on Monday night. "
    "Firefighters said 40 crews fought the blaze. "
    "No one was injured, the fire service said. "
    "The cause is not yet known.",
    "radio": "A fire destroyed a harbour warehouse on Monday night. "
    "Firefighters said 25 crews fought the blaze. "
    "The warehouse stored furniture. "
    "Nobody was hurt, according to the fire service.",
    "tabloid": "A fire destroyed a harbour warehouse on Monday night. "
    "Residents saw smoke across the bay. "
    "The cause is not yet known.",
}
TITLES = {"wire": "Fire destroys warehouse", "radio": "Harbour blaze", "tabloid": "Inferno!"}


def _same(a: str, b: str, text: str) -> Link:
    return Link((a,), (b,), 100.0, Relation.SAME, (), (W(EditOp.KEPT, text, text),))


def hand_built() -> Comparison:
    docs = [
        Document(origin=f"inline:{k}", label=k, text=v, title=TITLES[k], published="2024-03-04")
        for k, v in TEXTS.items()
    ]
    sources = segment_documents(docs)
    assert [len(s.sentences) for s in sources] == [4, 4, 3]
    opening = "A fire destroyed a harbour warehouse on Monday night"
    links = (
        _same("s1:0", "s2:0", opening),
        Link(
            ("s1:1",),
            ("s2:1",),
            83.5,
            Relation.CONFLICT,
            (Conflict(ConflictKind.NUMBER, "40 crews", "25 crews"),),
            (
                W(EditOp.KEPT, "Firefighters said", "Firefighters said"),
                W(EditOp.REPLACED, "40", "25"),
                W(EditOp.KEPT, "crews fought the blaze", "crews fought the blaze"),
            ),
        ),
        Link(
            ("s1:2",),
            ("s2:3",),
            67.6,
            Relation.REWORDED,
            (),
            (
                W(EditOp.REPLACED, "No one", "Nobody"),
                W(EditOp.KEPT, "was", "was"),
                W(EditOp.REPLACED, "injured", "hurt"),
                W(EditOp.ADDED, "", "according to"),
                W(EditOp.KEPT, "the fire service", "the fire service"),
                W(EditOp.DROPPED, "said", ""),
            ),
        ),
        _same("s1:0", "s3:0", opening),
        _same("s1:3", "s3:2", "The cause is not yet known"),
        _same("s2:0", "s3:0", opening),
    )
    claims = (
        Claim("c1", ("s1:0", "s2:0", "s3:0"), ("s1", "s2", "s3")),
        Claim("c2", ("s1:1", "s2:1"), ("s1", "s2")),
        Claim("c3", ("s1:2", "s2:3"), ("s1", "s2")),
        Claim("c4", ("s1:3", "s3:2"), ("s1", "s3")),
        Claim("c5", ("s2:2",), ("s2",)),
        Claim("c6", ("s3:1",), ("s3",)),
    )
    return Comparison(sources, claims, links, threshold=THRESHOLD)


def app() -> CovdiffApp:
    return make_app(hand_built(), options=Options(threshold=THRESHOLD))


def test_side_by_side_with_a_conflict_selected(snap_compare: Callable[..., bool]) -> None:
    """The conflict (40 vs 25 crews) selected: counterpart marked, detail spelled out."""
    assert snap_compare(app(), press=["down"], terminal_size=SIZE)


def test_reworded_sentence_from_the_other_side(snap_compare: Callable[..., bool]) -> None:
    """Radio's rewording selected: word changes read from radio's side."""
    assert snap_compare(app(), press=["right", "down", "down", "down"], terminal_size=SIZE)


def test_only_here_filter(snap_compare: Callable[..., bool]) -> None:
    """Filter "only here": each column keeps what no other source carries."""
    assert snap_compare(app(), press=["o"], terminal_size=SIZE)


def test_coverage_matrix_sorted_by_coverage(snap_compare: Callable[..., bool]) -> None:
    """Claims × sources, fewest sources first."""
    assert snap_compare(app(), press=["m", "s"], terminal_size=SIZE)
