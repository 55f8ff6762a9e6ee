"""Hand-made answer keys for fixture events, and how a comparison scores against them.

Format: ``fixtures/README.md``. Scores:

* **links**: precision, recall and F1 of cross-source sentence pairs that state one claim
  (a predicted link with several sentences on a side counts every pair it joins);
* **unique**: F1 of "this sentence is carried by its source alone";
* **conflicts**: precision and recall of the sentence pairs flagged as conflicting;
* **same**: precision and recall of the pairs judged to be the same wording;
* **claims**: precision, recall and F1 of cross-source sentence pairs that share a claim
  (the N-way grouping an editor reads, where a chain of links can over-join).

``python -m covdiff.gold check DIR`` lists gold sentences the segmenter does not find and
sentences the gold does not place; ``python -m covdiff.gold score DIR...`` prints the scores;
``python -m covdiff.gold agree DIR...`` scores each event's second key (`SECOND_KEY`) against
its gold the same way, as the agreement of two annotators.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from covdiff.model import Comparison, Link, Relation, SentenceKind
from covdiff.options import Options

Pair = frozenset[str]


@dataclass
class GoldEvent:
    path: Path
    reference_year: int | None
    labels: list[str]
    claims: list[dict]


@dataclass
class Scores:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, predicted: set, gold: set) -> None:
        self.tp += len(predicted & gold)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)


@dataclass
class EventScores:
    links: Scores = field(default_factory=Scores)
    unique: Scores = field(default_factory=Scores)
    conflicts: Scores = field(default_factory=Scores)
    same: Scores = field(default_factory=Scores)
    claims: Scores = field(default_factory=Scores)
    problems: list[str] = field(default_factory=list)

    def merge(self, other: EventScores) -> None:
        for name in ("links", "unique", "conflicts", "same", "claims"):
            mine, theirs = getattr(self, name), getattr(other, name)
            mine.tp += theirs.tp
            mine.fp += theirs.fp
            mine.fn += theirs.fn
        self.problems += other.problems


SECOND_KEY = "gold-second.json"
"""A second answer key for an event, made blind to the first (and to covdiff's output) by
another of the team from the fixtures' rules (`fixtures/README.md` says where the headline
rule differed): `agreement` measures the two against each other."""


def load_gold(event_dir: Path, name: str = "gold.json") -> GoldEvent:
    data = json.loads((event_dir / name).read_text(encoding="utf-8"))
    return GoldEvent(event_dir, data.get("reference_year"), data["sources"], data["claims"])


def event_files(event_dir: Path) -> list[Path]:
    return sorted(
        p for p in event_dir.iterdir() if p.suffix in (".txt", ".md", ".html") and p.is_file()
    )


def compare_event(event_dir: Path, *, options: Options | None = None) -> Comparison:
    from dataclasses import replace

    from covdiff.api import compare

    gold = load_gold(event_dir)
    opts = replace(options or Options(), reference_year=gold.reference_year)
    return compare([str(p) for p in event_files(event_dir)], options=opts)


def _locate(cmp: Comparison, gold: GoldEvent) -> tuple[dict[tuple[str, str], str], list[str]]:
    """Map (label, gold sentence text) to sentence ids; list what cannot be found."""
    by_label = {s.label: s for s in cmp.sources}
    found: dict[tuple[str, str], str] = {}
    problems: list[str] = []
    for claim in gold.claims:
        for label, texts in claim["sentences"].items():
            src = by_label.get(label)
            if src is None:
                problems.append(f"gold names unknown source {label!r}")
                continue
            for text in texts:
                hit = next((s.id for s in src.sentences if s.text == text.strip()), None)
                if hit is None:
                    problems.append(f"{label}: gold sentence not segmented as such: {text!r}")
                else:
                    found[(label, text.strip())] = hit
    placed = set(found.values())
    for src in cmp.sources:
        for s in src.sentences:
            if s.id not in placed:
                problems.append(f"{src.label}: sentence not in gold: {s.text!r}")
    return found, problems


def _cross_pairs(ids: Iterable[str]) -> set[Pair]:
    return {
        frozenset((x, y))
        for x, y in combinations(sorted(set(ids)), 2)
        if x.rsplit(":", 1)[0] != y.rsplit(":", 1)[0]
    }


@dataclass
class PairSets:
    """What a comparison, or an answer key, says of an event's sentences."""

    links: set[Pair] = field(default_factory=set)
    """Cross-source sentence pairs that state one claim."""
    conflicts: set[Pair] = field(default_factory=set)
    same: set[Pair] = field(default_factory=set)
    shared: set[str] = field(default_factory=set)
    """Sentences that some other source carries too."""
    claims: set[Pair] = field(default_factory=set)
    """Cross-source sentence pairs put in one N-way claim."""


def gold_sets(gold: GoldEvent, found: dict[tuple[str, str], str]) -> PairSets:
    """An answer key's pairs, on the sentence ids of a segmented comparison."""
    out = PairSets()

    def ids(claim: dict, label: str) -> list[str]:
        return [found[(label, t.strip())] for t in claim["sentences"].get(label, [])
                if (label, t.strip()) in found]  # fmt: skip

    for claim in gold.claims:
        members = [x for label in claim["sentences"] for x in ids(claim, label)]
        out.links |= _cross_pairs(members)
        if len(claim["sentences"]) > 1:
            out.shared.update(members)
        for c in claim.get("conflicts", []):
            out.conflicts |= {
                frozenset((x, y)) for x in ids(claim, c["a"]) for y in ids(claim, c["b"])
            }
        for a, b in claim.get("same", []):
            out.same |= {frozenset((x, y)) for x in ids(claim, a) for y in ids(claim, b)}
    # In a key, a claim is exactly the sentences it links.
    out.claims = out.links
    return out


def predicted_sets(cmp: Comparison) -> PairSets:
    out = PairSets()
    for lk in cmp.links:
        pairs = {frozenset((x, y)) for x in lk.a for y in lk.b}
        out.links |= pairs
        out.shared.update(lk.a, lk.b)
        if lk.relation is Relation.CONFLICT:
            out.conflicts |= _conflicting_pairs(cmp, lk)
        elif lk.relation is Relation.SAME:
            out.same |= pairs
    for claim in cmp.claims:
        out.claims |= _cross_pairs(claim.sentences)
    return out


def _conflicting_pairs(cmp: Comparison, link: Link) -> set[Pair]:
    """The pairs of a conflicting link whose sentences hold the differing words, as a key
    marks them: in a link that merges two sentences, the one that states the changed
    figure conflicts, not its neighbour. Every pair when no pair holds them."""
    found: set[Pair] = set()
    for c in link.conflicts:
        for x in link.a:
            for y in link.b:
                if c.a in cmp.sentence(x).text and c.b in cmp.sentence(y).text:
                    found.add(frozenset((x, y)))
                    # A live blog's entry head in the link goes with its entry, as in a key.
                    found |= {frozenset((h, y)) for h in _head_over(cmp, x, link.a)}
                    found |= {frozenset((x, h)) for h in _head_over(cmp, y, link.b)}
    return found or {frozenset((x, y)) for x in link.a for y in link.b}


def _head_over(cmp: Comparison, sid: str, side: Sequence[str]) -> list[str]:
    """The heading right above a sentence, when the link holds it too."""
    sentence = cmp.sentence(sid)
    if sentence.index == 0:
        return []
    above = cmp.source(sentence.source).sentences[sentence.index - 1]
    return [above.id] if above.kind is SentenceKind.HEADING and above.id in side else []


def _score_sets(predicted: PairSets, gold: PairSets, placed: set[str]) -> EventScores:
    out = EventScores()
    out.links.add(predicted.links, gold.links)
    out.unique.add(placed - predicted.shared, placed - gold.shared)
    out.conflicts.add(predicted.conflicts, gold.conflicts)
    out.same.add(predicted.same, gold.same)
    out.claims.add(predicted.claims, gold.links)
    return out


def score(cmp: Comparison, gold: GoldEvent) -> EventScores:
    found, problems = _locate(cmp, gold)
    out = _score_sets(predicted_sets(cmp), gold_sets(gold, found), set(found.values()))
    out.problems = problems
    return out


def agreement(cmp: Comparison, gold: GoldEvent, second: GoldEvent) -> EventScores:
    """A second answer key scored against the first as if it were covdiff's output: how far
    two people who follow the same rules agree, the ceiling for any aligner's scores."""
    found, problems = _locate(cmp, gold)
    found2, problems2 = _locate(cmp, second)
    out = _score_sets(gold_sets(second, found2), gold_sets(gold, found), set(found.values()))
    out.problems = problems + [f"second key: {p}" for p in problems2]
    return out


def _row(name: str, s: EventScores) -> str:
    return (
        f"{name:<22} links P {s.links.precision:.3f} R {s.links.recall:.3f} F1 {s.links.f1:.3f}"
        f" | unique F1 {s.unique.f1:.3f}"
        f" | conflicts P {s.conflicts.precision:.3f} R {s.conflicts.recall:.3f}"
        f" ({s.conflicts.tp}/{s.conflicts.tp + s.conflicts.fn})"
        f" | same P {s.same.precision:.3f} R {s.same.recall:.3f}"
        f" | claims P {s.claims.precision:.3f} R {s.claims.recall:.3f} F1 {s.claims.f1:.3f}"
    )


def score_events(dirs: Sequence[Path], *, options: Options | None = None) -> dict[str, EventScores]:
    results: dict[str, EventScores] = {}
    total = EventScores()
    for d in dirs:
        es = score(compare_event(d, options=options), load_gold(d))
        results[d.name] = es
        total.merge(es)
    results["ALL"] = total
    return results


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 2 or args[0] not in ("check", "score", "agree"):
        print("usage: python -m covdiff.gold check|score|agree EVENT_DIR...", file=sys.stderr)
        return 2
    dirs = [Path(a) for a in args[1:]]
    if args[0] == "agree":
        return _agree(dirs)
    if args[0] == "check":
        bad = 0
        for d in dirs:
            _, problems = _locate(compare_event(d), load_gold(d))
            for p in problems:
                print(f"{d.name}: {p}")
            bad += len(problems)
        print(f"{bad} problem(s)")
        return 1 if bad else 0
    for name, es in score_events(dirs).items():
        _print(name, es, problems=name != "ALL")
    return 0


def _print(name: str, es: EventScores, *, problems: bool = True) -> None:
    print(_row(name, es))
    for p in es.problems[:5] if problems else []:
        print(f"    ! {p}")


def _agree(dirs: Sequence[Path]) -> int:
    """Score each event's second key (`SECOND_KEY`) against its gold, where there is one."""
    total = EventScores()
    for d in dirs:
        if not (d / SECOND_KEY).is_file():
            print(f"{d.name:<22} (no {SECOND_KEY})")
            continue
        es = agreement(compare_event(d), load_gold(d), load_gold(d, SECOND_KEY))
        total.merge(es)
        _print(d.name, es)
    _print("ALL", total, problems=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
