"""Grouping links into claims: merges that point at each other must not lose sentences."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from covdiff.claims import build_claims
from covdiff.model import Link, Relation, Sentence, Source


def source(sid: str, n: int) -> Source:
    text = " ".join(f"Line {i}." for i in range(n))
    sentences = tuple(
        Sentence(f"{sid}:{i}", sid, i, f"Line {i}.", 8 * i, 8 * i + 7) for i in range(n)
    )
    return Source(sid, sid, sid, text, sentences)


def link(a: tuple[str, ...], b: tuple[str, ...]) -> Link:
    return Link(a=a, b=b, score=80.0, relation=Relation.REWORDED)


def check(sources: list[Source], links: list[Link]) -> list[set[str]]:
    claims = [set(c.sentences) for c in build_claims(sources, links)]
    every = {s.id for src in sources for s in src.sentences}
    assert set().union(*claims) == every, "a sentence was lost"
    for lk in links:
        for x in lk.a:
            for y in lk.b:
                assert any(x in c and y in c for c in claims), f"{x} and {y} share no claim"
    return claims


def test_two_merges_that_span_each_other_keep_every_sentence() -> None:
    # a:0 merges b:0 and b:1, d:0 merges c:0 and c:1, and each spans the other's group:
    # {a:0, c:0, b:1} and {b:0, d:0, c:1}. Neither may swallow the other and vanish.
    sources = [source("a", 1), source("b", 2), source("c", 2), source("d", 1)]
    links = [
        link(("a:0",), ("c:0",)),
        link(("b:1",), ("c:0",)),
        link(("b:0",), ("d:0",)),
        link(("b:0",), ("c:1",)),
        link(("a:0",), ("b:0", "b:1")),
        link(("d:0",), ("c:0", "c:1")),
    ]
    check(sources, links)


def test_a_merge_into_a_merging_group_follows_it_to_the_claims_it_joins() -> None:
    # a:0's group merges into b:0's, which itself merges into the groups of c:1 and a:1.
    sources = [source("a", 2), source("b", 2), source("c", 2), source("d", 2)]
    links = [
        link(("a:0",), ("c:0",)),
        link(("b:0",), ("d:0",)),
        link(("b:1",), ("d:1",)),
        link(("c:1",), ("a:1",)),
        link(("a:0",), ("b:0", "b:1")),
        link(("d:0",), ("c:0", "c:1")),
    ]
    claims = check(sources, links)
    assert not any(c == {"a:0", "c:0"} for c in claims), "the merging group is not a claim alone"


# Any links at all, as the matcher might produce them: each side a run of adjacent sentences
# of one source, the two sides from different sources.
@st.composite
def sources_and_links(draw: st.DrawFn) -> tuple[list[Source], list[Link]]:
    sizes = draw(st.lists(st.integers(1, 4), min_size=2, max_size=5))
    sources = [source(f"s{n}", size) for n, size in enumerate(sizes, start=1)]

    def side(src: Source) -> tuple[str, ...]:
        start = draw(st.integers(0, len(src.sentences) - 1))
        length = draw(st.integers(1, min(3, len(src.sentences) - start)))
        return tuple(s.id for s in src.sentences[start : start + length])

    links = []
    for _ in range(draw(st.integers(0, 24))):
        a, b = draw(st.lists(st.sampled_from(sources), min_size=2, max_size=2, unique=True))
        links.append(link(side(a), side(b)))
    return sources, links


@settings(max_examples=600, deadline=None)
@given(sources_and_links())
def test_any_links_lose_no_sentence_and_keep_every_link_inside_a_claim(
    case: tuple[list[Source], list[Link]],
) -> None:
    sources, links = case
    first = check(sources, links)
    assert first == check(sources, links), "the same links give the same claims"


def scored(a: tuple[str, ...], b: tuple[str, ...], confidence: float) -> Link:
    return Link(a=a, b=b, score=80.0, relation=Relation.REWORDED, confidence=confidence)


def test_a_lede_that_sums_up_two_claims_does_not_chain_them_into_one() -> None:
    # b and c state two claims each, a paragraph apart; a's one-sentence lede states both.
    # Chaining every link would make one claim of all five sentences.
    sources = [source("a", 1), source("b", 3), source("c", 3)]
    links = [
        scored(("b:0",), ("c:0",), 90.0),
        scored(("b:2",), ("c:2",), 90.0),
        scored(("a:0",), ("b:0",), 60.0),
        scored(("a:0",), ("c:2",), 50.0),
    ]
    claims = check(sources, links)
    assert ["a:0", "b:2", "c:2"] in map(sorted, claims)
    assert ["a:0", "b:0", "c:0"] in map(sorted, claims)
    assert not any({"b:0", "b:2"} <= c for c in claims)


def test_a_claim_split_over_adjacent_sentences_stays_one_claim() -> None:
    sources = [source("a", 1), source("b", 3), source("c", 1)]
    links = [scored(("a:0",), ("b:0", "b:1"), 80.0), scored(("c:0",), ("b:1",), 70.0)]
    claims = check(sources, links)
    assert {"a:0", "b:0", "b:1", "c:0"} in claims
    assert {"b:2"} in claims


def test_a_doubtful_link_does_not_pull_a_far_sentence_into_a_sure_claim() -> None:
    # b:0 and b:3 are far apart in b: one claim cannot hold both, so the weaker link to
    # b:3 leaves a:0's claim as the sure links made it, and b:3 shares a:0 only as a merge.
    sources = [source("a", 1), source("b", 4), source("c", 1)]
    links = [
        scored(("a:0",), ("b:0",), 95.0),
        scored(("c:0",), ("b:0",), 90.0),
        scored(("c:0",), ("b:3",), 20.0),
    ]
    claims = check(sources, links)
    assert {"a:0", "b:0", "c:0"} in claims
    assert not any({"b:0", "b:3"} <= c for c in claims)
