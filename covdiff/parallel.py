"""Source pairs aligned in forked processes, for comparisons large enough to pay for it.

Each pair of sources is aligned independently of the others, so on a large comparison
(twenty reports of hundreds of sentences: 190 pairs) the pairs are split between this
process and forked copies of it, one per spare core. Forked children inherit the prepared
sources and indexes without copying them; each sends back its links as plain tuples
(pickling the link objects themselves would cost more than aligning them) and this process
rebuilds them (`pack_pair`, `unpack_pair`). Results are put back in the order of the
pairs, so the output is the same whatever the number of processes, and a child that fails
has its pairs aligned here.

Only where ``fork`` is the platform's own way of starting processes (Linux), from a
process with no other Python threads (forking a threaded process can leave locks held in
the child) and never from a daemonic worker (the batch runner's pool).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any, TypeVar

from covdiff.model import Conflict, ConflictKind, EditOp, Link, Relation, WordEdit

T = TypeVar("T")
R = TypeVar("R")

MIN_WORK = 500_000
"""Sentence pairs (summed over source pairs) from which forking pays: below it, starting a
process and shipping its links back costs more than the work it takes over."""

HEAD_START = 0.08
"""Share of its fair part by which this process's part is lightened: once done with it, it
still has to unpack the children's links, which costs about that much."""

_RELATIONS = {r.value: r for r in Relation}
_KINDS = {k.value: k for k in ConflictKind}
_OPS = {o.value: o for o in EditOp}

Packed = tuple[Any, ...]
Spare = tuple[int, int, float, float]
"""A candidate pair of sentences no link took: its two sentence indices, the link model's
confidence and the pair's similarity (`covdiff.align.align_pair`)."""
PairResult = tuple[list[Link], list[Spare]]


def _same(x: Any) -> Any:
    return x


def processes_for(work: int, workers: int) -> int:
    """How many processes (this one included) to align with; 1 means in this process."""
    if workers == 1 or work < MIN_WORK or not _can_fork():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, workers if workers > 0 else cores or 1))


def _can_fork() -> bool:
    return (
        sys.platform.startswith("linux")
        and "fork" in multiprocessing.get_all_start_methods()
        and threading.active_count() == 1
        and not multiprocessing.current_process().daemon
    )


def map_pairs(
    tasks: Sequence[T],
    work: Callable[[T], R],
    *,
    costs: Sequence[int],
    processes: int,
    pack: Callable[[R], Any] = _same,
    unpack: Callable[[Any], R] = _same,
) -> list[R]:
    """``[work(t) for t in tasks]``, the tasks shared out over ``processes`` processes;
    a child sends ``pack(result)`` and this process rebuilds it with ``unpack``."""
    if processes <= 1 or len(tasks) < 2:
        return [work(t) for t in tasks]
    shares = _split(costs, min(processes, len(tasks)))
    ctx = multiprocessing.get_context("fork")
    children = []
    for share in shares[1:]:
        receive, send = ctx.Pipe(duplex=False)
        child = ctx.Process(target=_child, args=(send, tasks, work, pack, share), daemon=True)
        child.start()
        send.close()
        children.append((child, receive, share))
    out: list[R | None] = [None] * len(tasks)
    for k in shares[0]:
        out[k] = work(tasks[k])
    for child, receive, share in children:
        try:
            packed = receive.recv()
        except (EOFError, OSError):
            packed = None
        finally:
            receive.close()
            child.join()
        for n, k in enumerate(share):
            out[k] = unpack(packed[n]) if packed is not None else work(tasks[k])
    return out  # type: ignore[return-value]  # every place is filled above


def _child(
    send: Connection,
    tasks: Sequence[T],
    work: Callable[[T], R],
    pack: Callable[[R], Any],
    share: list[int],
) -> None:
    try:
        result: list[Any] | None = [pack(work(tasks[k])) for k in share]
    except BaseException:  # the parent aligns these pairs itself
        result = None
    send.send(result)
    send.close()


def _split(costs: Sequence[int], n: int) -> list[list[int]]:
    """Task indices in ``n`` shares of about equal cost (largest first to the lightest); the
    first share, this process's, a little lighter (see `HEAD_START`)."""
    shares: list[list[int]] = [[] for _ in range(n)]
    load = [0.0] * n
    load[0] = HEAD_START * sum(costs) / n
    for k in sorted(range(len(costs)), key=lambda k: (-costs[k], k)):
        s = min(range(n), key=lambda s: (load[s], s))
        shares[s].append(k)
        load[s] += costs[k]
    return [sorted(share) for share in shares]


def pack_pair(result: PairResult) -> tuple[list[Packed], list[Spare]]:
    links, spare = result
    return [_pack(lk) for lk in links], spare


def unpack_pair(packed: tuple[list[Packed], list[Spare]]) -> PairResult:
    links, spare = packed
    return [_unpack(p) for p in links], spare


def _pack(lk: Link) -> Packed:
    return (
        lk.a,
        lk.b,
        lk.score,
        lk.relation.value,
        tuple((c.kind.value, c.a, c.b) for c in lk.conflicts),
        tuple((e.op.value, e.a, e.b) for e in lk.edits),
        lk.confidence,
    )


def _unpack(p: Packed) -> Link:
    a, b, score, relation, conflicts, edits, confidence = p
    return Link(
        a=a,
        b=b,
        score=score,
        relation=_RELATIONS[relation],
        conflicts=tuple(Conflict(_KINDS[k], x, y) for k, x, y in conflicts),
        edits=tuple([WordEdit(_OPS[o], x, y) for o, x, y in edits]),
        confidence=confidence,
    )
