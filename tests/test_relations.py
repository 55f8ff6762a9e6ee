"""How a link's relation is decided, and which pairs are always weighed."""

from __future__ import annotations

from pathlib import Path

from covdiff.api import compare
from covdiff.model import Relation
from covdiff.pairs import candidates
from covdiff.similarity import features


def _pair(tmp_path: Path, a: str, b: str) -> Relation:
    (tmp_path / "a.txt").write_text(a, encoding="utf-8")
    (tmp_path / "b.txt").write_text(b, encoding="utf-8")
    cmp = compare([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    (link,) = cmp.links
    return link.relation


def test_near_identical_wording_is_the_same(tmp_path: Path) -> None:
    a = "Castell, a former schools inspector, will be sworn in on May 18."
    b = "Castell, a former schools inspector, will be sworn in on 18 May."
    assert _pair(tmp_path, a, b) is Relation.SAME


def test_a_title_capitalised_on_one_side_only_is_still_the_same(tmp_path: Path) -> None:
    a = "Health minister Ilona Varesh said the government would not pay."
    b = "Health Minister Ilona Varesh said the government would not pay."
    assert _pair(tmp_path, a, b) is Relation.SAME


def test_a_fact_one_side_drops_makes_the_pair_reworded_however_alike(tmp_path: Path) -> None:
    # An age and a weekday added: the wording is 90% alike, the facts are not the same.
    a = "Castell, a former schools inspector, will be sworn in on Monday, May 18."
    b = "Castell, 44, a former schools inspector, will be sworn in on May 18."
    assert _pair(tmp_path, a, b) is Relation.REWORDED


def test_two_reports_headlines_are_weighed_even_when_they_share_no_word() -> None:
    a = [features(t) for t in ("Carrowick election results: live updates", "Polls closed.")]
    b = [
        features(t)
        for t in ("CASTELL'S LANDSLIDE: MAYOR BOOTED OUT", "Turnout rose.", "Polls closed.")
    ]
    c = candidates(a, b, headings_a=[True, False], headings_b=[True, False, False])
    assert (0, 0) in set(zip(c.rows.tolist(), c.cols.tolist(), strict=True))
    # Not when either first line is a sentence rather than a headline.
    c = candidates(a, b, headings_a=[False, False], headings_b=[True, False, False])
    assert (0, 0) not in set(zip(c.rows.tolist(), c.cols.tolist(), strict=True))


def test_a_lede_links_to_each_sentence_another_outlet_tells_its_claims_in() -> None:
    # The wire's lede states the deal, the price a share and the premium in one sentence;
    # the company's statement gives each its own sentence. The statement's deal sentence
    # takes the lede in the one-to-one matching; the other two join through the link model.
    from .conftest import FIXTURES

    cmp = compare([str(FIXTURES / "merger")])
    lede = "s4:1"
    assert cmp.sentence(lede).text.startswith("HARWICK — Norvale Foods has agreed to buy")
    partners = {x for lk in cmp.links_of(lede) for x in (*lk.a, *lk.b) if x != lede}
    statement = [sid for sid in sorted(partners) if sid.startswith("s3:")]
    assert [cmp.sentence(sid).text[:30] for sid in statement] == [
        "HARWICK, 9 March 2026 — Norval",
        "Under the terms of the agreeme",
        "The offer price represents a p",
    ]


def test_a_live_blog_entry_head_joins_the_link_of_its_entry() -> None:
    # "22:40 Helicopters scrambled" heads the entry "Two coastguard helicopters have taken
    # off ...", which the other outlets state too: the head states the same claim and links
    # with it. A generic head ("11:45 Hospital update") stays alone.
    from .conftest import FIXTURES

    cmp = compare([str(FIXTURES / "ferry-rescue")])
    ids = {s.text: s.id for src in cmp.sources for s in src.sentences}
    head = ids["22:40 Helicopters scrambled"]
    entry = next(i for t, i in ids.items() if t.startswith("Two coastguard helicopters"))

    def partners(sid: str) -> set[str]:
        return {x for lk in cmp.links_of(sid) for x in (*lk.a, *lk.b) if x != sid}

    wire = next(i for t, i in ids.items() if t.startswith("Two coastguard helicopters and four"))
    assert wire in partners(head) & partners(entry)
    assert not partners(ids["11:45 Hospital update"])


def test_an_entry_head_shares_the_conflict_of_its_entry() -> None:
    # The entry under "17:35 Chief executive apologises" spells the chief executive
    # "Rosvall"; another outlet writes "Rosval". Head and entry meet that sentence as one
    # link, so the head is read with the fact its entry gets wrong, as an editor reads it.
    from .conftest import FIXTURES

    cmp = compare([str(FIXTURES / "bank-outage")])
    ids = {s.text: s.id for src in cmp.sources for s in src.sentences}
    head = ids["17:35 Chief executive apologises"]
    entry = next(i for t, i in ids.items() if t.startswith("Annelie Rosvall, Kronmark's"))
    other = next(i for t, i in ids.items() if t.startswith("Kronmark's chief executive Annelie"))
    (link,) = [lk for lk in cmp.links_of(head) if other in (*lk.a, *lk.b)]
    assert entry in (*link.a, *link.b)
    assert link.relation is Relation.CONFLICT
    assert [(c.a, c.b) for c in link.conflicts] == [("Rosval", "Rosvall")]


def test_a_heading_read_with_its_entry_is_never_the_same_wording() -> None:
    # The entry under "15:45 Reward offered" matches the wire's sentence word for word,
    # but its head adds a line: head and entry together are reworded, not the same.
    from .conftest import FIXTURES

    cmp = compare([str(FIXTURES / "museum-heist")])
    ids = {s.text: s.id for src in cmp.sources for s in src.sentences}
    links = cmp.links_of(ids["15:45 Reward offered"])
    assert links
    for link in links:
        assert max(len(link.a), len(link.b)) == 2
        assert link.relation is not Relation.SAME


def test_a_section_label_links_to_no_sentence_but_a_numbered_head_does() -> None:
    # "Penalty and remedies" names a section of a press release; a column's sentence about
    # the remedy shares its words but not a claim. A head that opens with a match minute
    # states its entry's news and still links.
    from .conftest import FIXTURES

    cmp = compare([str(FIXTURES / "antitrust-fine")])
    ids = {s.text: s.id for src in cmp.sources for s in src.sentences}
    assert not cmp.links_of(ids["Penalty and remedies"])
    assert not cmp.links_of(ids["Notes to editors"])
    cmp = compare([str(FIXTURES / "cup-final")])
    ids = {s.text: s.id for src in cmp.sources for s in src.sentences}
    assert cmp.links_of(ids["34' GOAL — Ortega opens the scoring"])


def test_what_two_sentences_share_beyond_names_is_weighed_apart() -> None:
    # Sentences that only name the same company state different claims about it: the link
    # model sees that they share nothing but names ("plain" weight 0), whereas a paraphrase
    # shares plain words too. A name first in its sentence is a name as well.
    from covdiff.pairs import FEATURES

    a = [features("Calyra was set up in Kovara a decade ago.")]
    b = [
        features("Investors had doubts, and Calyra's shares ended the day lower in Kovara."),
        features("Calyra was founded in Kovara ten years ago."),
    ]
    c = candidates(a, b, headings_a=[False], headings_b=[False, False])
    plain = dict(zip(c.cols.tolist(), c.evidence[FEATURES.index("plain_weight")], strict=True))
    assert plain[0] == 0.0
    assert plain[1] > 0.0


def test_a_word_every_sentence_carries_tells_little_about_which_state_one_claim() -> None:
    # In a story about Tolvara every sentence names Tolvara: general English rates the name
    # rare, but within the comparison it says nothing about which sentences match. The
    # rare_dice evidence weighs words by how rare they are among the comparison's sentences.
    from covdiff.pairs import FEATURES

    words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "theta", "iota", "kappa"]
    a = [features(f"Tolvara {w} reported today.") for w in words]
    b = [features("Tolvara alpha reported today."), features("Tolvara residents fled.")]
    c = candidates(a, b, headings_a=[False] * len(a), headings_b=[False] * 2)
    pairs = list(zip(c.rows.tolist(), c.cols.tolist(), strict=True))
    dice = c.evidence[FEATURES.index("dice")]
    rare = c.evidence[FEATURES.index("rare_dice")]
    same = pairs.index((0, 0))  # word for word the same sentence
    topic = pairs.index((1, 1))  # shares only the name every sentence carries
    assert rare[same] > 0.99
    assert dice[topic] > 0.1
    assert rare[topic] < 0.5 * dice[topic]


def test_two_lone_sentences_lean_on_general_english_rarity() -> None:
    # Two one-sentence sources share every word they share "in every sentence": rarity
    # cannot be measured on two sentences, so the evidence stays close to the plain dice.
    from covdiff.pairs import FEATURES, RARITY_PRIOR

    a = [features("Bombings kill 19 in Baghdad.")]
    b = [features("Car bombs kill 19 people in Baghdad.")]
    c = candidates(a, b, headings_a=[False], headings_b=[False])
    dice = float(c.evidence[FEATURES.index("dice"), 0])
    rare = float(c.evidence[FEATURES.index("rare_dice"), 0])
    trust = 2 / (2 + RARITY_PRIOR)
    assert rare >= (1 - trust) * dice - 1e-9
    assert rare <= dice
