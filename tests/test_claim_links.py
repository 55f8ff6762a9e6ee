"""Two sentences of one claim that no link joins directly are linked through the claim."""

from __future__ import annotations

from covdiff.align import CLAIM_FACTOR
from covdiff.api import compare
from covdiff.model import Relation
from covdiff.options import Options

from .conftest import FIXTURES


def test_a_conflict_that_only_the_claim_reveals_is_linked_and_listed() -> None:
    # The city desk's "Eighty firefighters and 16 engines were sent ..." and the tabloid's
    # "A hundred firefighters battled the blaze ..." share too few words for the link model
    # to link them on their own; the wire's "About 80 firefighters fought the blaze ..."
    # links to both, so the three state one claim, and the two counts are a conflict.
    cmp = compare([str(FIXTURES / "harbour-fire")])
    citydesk, tabloid = "s1:4", "s3:5"
    assert cmp.sentence(citydesk).text.startswith("Eighty firefighters")
    assert cmp.sentence(tabloid).text.startswith("A hundred firefighters")
    (link,) = [lk for lk in cmp.links if lk.a == (citydesk,) and lk.b == (tabloid,)]
    assert link.relation is Relation.CONFLICT
    assert [(c.a, c.b) for c in link.conflicts] == [("Eighty firefighters", "A hundred")]
    assert CLAIM_FACTOR * Options().threshold <= link.confidence < Options().threshold
    assert any({citydesk, tabloid, "s4:3"} <= set(c.sentences) for c in cmp.claims)


def test_links_made_through_claims_keep_each_source_pairs_links_in_reading_order() -> None:
    cmp = compare([str(FIXTURES / "harbour-fire")])

    def index(sid: str) -> int:
        return int(sid.rsplit(":", 1)[1])

    by_pair: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for lk in cmp.links:
        pair = (lk.a[0].split(":")[0], lk.b[0].split(":")[0])
        by_pair.setdefault(pair, []).append((index(lk.a[0]), index(lk.b[0])))
    assert all(keys == sorted(keys) for keys in by_pair.values())
    assert list(by_pair) == sorted(by_pair)
