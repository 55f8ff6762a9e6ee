"""The invariants of the covdiff/1 contract, on every fixture event and on random text."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

import covdiff
from covdiff.api import compare_documents
from covdiff.model import Comparison, Relation
from covdiff.serialize import from_dict, to_json
from covdiff.sources import Document


def check_invariants(cmp: Comparison) -> None:
    data = json.loads(to_json(cmp))
    assert data["schema"] == "covdiff/1"
    ids = set()
    for src in data["sources"]:
        for s in src["sentences"]:
            # Offsets point at the sentence in the source text.
            assert src["text"][s["start"] : s["end"]] == s["text"]
            assert s["id"].startswith(src["id"] + ":")
            ids.add(s["id"])
    # Nothing is dropped: every sentence is in at least one claim.
    claimed = {x for c in data["claims"] for x in c["sentences"]}
    assert claimed == ids
    for c in data["claims"]:
        assert c["sources"] == sorted(
            {x.rsplit(":", 1)[0] for x in c["sentences"]}, key=lambda s: int(s[1:])
        )
    for lk in data["links"]:
        a_src = {x.rsplit(":", 1)[0] for x in lk["a"]}
        b_src = {x.rsplit(":", 1)[0] for x in lk["b"]}
        # A link joins sentences of two different sources, each side from one source.
        assert len(a_src) == 1 and len(b_src) == 1 and a_src != b_src
        # Several sentences on a side are adjacent.
        for side in (lk["a"], lk["b"]):
            idx = [int(x.rsplit(":", 1)[1]) for x in side]
            assert idx == list(range(idx[0], idx[0] + len(idx)))
        assert lk["relation"] in ("same", "reworded", "conflict")
        assert (lk["relation"] == "conflict") == bool(lk["conflicts"])
        for cf in lk["conflicts"]:
            assert cf["kind"] in ("number", "date", "quote", "name")
        assert 0 <= lk["score"] <= 100
        # Every pair of sentences a link joins shares a claim (a sentence that merges two
        # claims shares one with each of its counterparts).
        for x in lk["a"]:
            for y in lk["b"]:
                assert any(x in c["sentences"] and y in c["sentences"] for c in data["claims"])


def test_every_fixture_event_meets_the_invariants(event_dir: Path) -> None:
    check_invariants(covdiff.compare([str(event_dir)]))


def test_the_same_input_gives_byte_identical_output(event_dir: Path) -> None:
    first = to_json(covdiff.compare([str(event_dir)]))
    second = to_json(covdiff.compare([str(event_dir)]))
    assert first == second


def test_json_round_trips(event_dir: Path) -> None:
    cmp = covdiff.compare([str(event_dir)])
    assert to_json(from_dict(json.loads(to_json(cmp)))) == to_json(cmp)


def test_identical_sources_are_the_same_claims_throughout(tmp_path: Path) -> None:
    text = "Putin landed in Pyongyang on Wednesday. Kim met him at the airport.\n"
    cmp = compare_documents([Document("a", "a", text), Document("b", "b", text)])
    assert all(lk.relation is Relation.SAME for lk in cmp.links)
    assert all(len(c.sources) == 2 for c in cmp.claims)
    assert cmp.counts()["carried_by_one"] == 0


_words = st.sampled_from(
    ["Putin", "Kim", "said", "the", "treaty", "24", "June", "9", "“quote”", "U.S.", "Mr.",
     "3.5", "hundreds", "of", "children", "...", "—", "!", "?", ".", "\n", "\n\n", "émigré",
     "北京", "مرحبا", "🙂", "a\u0301"]
)  # fmt: skip
_texts = st.lists(_words, min_size=1, max_size=60).map(" ".join)


@settings(max_examples=60, deadline=None)
@given(st.lists(_texts, min_size=2, max_size=4))
def test_invariants_hold_on_random_text(texts: list[str]) -> None:
    docs = [Document(f"d{i}", f"d{i}", t) for i, t in enumerate(texts) if t.strip()]
    if len(docs) < 2:
        return
    check_invariants(compare_documents(docs))
