"""Source pairs shared out among forked processes give exactly the in-process output."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from covdiff import align as align_module
from covdiff import parallel
from covdiff.api import segment_all
from covdiff.serialize import to_json
from covdiff.sources import load_documents

from .conftest import EVENT_DIRS, SEED_EVENT

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is Linux-only")


@linux_only
@pytest.mark.parametrize("event", EVENT_DIRS, ids=lambda p: p.name)
def test_forked_alignment_is_byte_identical(event, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = segment_all(load_documents([str(event)]))
    alone = to_json(align_module.align(sources))
    monkeypatch.setattr(align_module, "processes_for", lambda work, workers: 3)
    assert to_json(align_module.align(sources)) == alone


@linux_only
def test_a_failing_child_leaves_its_pairs_to_the_parent() -> None:
    parent = os.getpid()

    def work(task: int) -> list[int]:
        if os.getpid() != parent:
            raise RuntimeError("a child fails")
        return [task * 10]

    tasks = list(range(6))
    out = parallel.map_pairs(tasks, work, costs=[1] * len(tasks), processes=2)  # type: ignore[arg-type]
    assert out == [[t * 10] for t in tasks]


def test_links_survive_packing() -> None:
    sources = segment_all(load_documents([str(SEED_EVENT)]))
    links = align_module.align(sources).links
    assert any(lk.conflicts for lk in links) and any(lk.edits for lk in links)
    assert [parallel._unpack(parallel._pack(lk)) for lk in links] == list(links)


def test_shares_are_balanced_and_cover_every_task() -> None:
    costs = [9, 1, 1, 1, 5, 4, 3, 2]
    shares = parallel._split(costs, 3)
    assert sorted(k for share in shares for k in share) == list(range(len(costs)))
    loads = [sum(costs[k] for k in share) for share in shares]
    assert max(loads) - min(loads) <= max(costs) + parallel.HEAD_START * sum(costs)


def test_small_comparisons_stay_in_process() -> None:
    assert parallel.processes_for(parallel.MIN_WORK - 1, -1) == 1
    assert parallel.processes_for(10 * parallel.MIN_WORK, 1) == 1


@linux_only
def test_forking_does_not_repeat_buffered_output() -> None:
    # multiprocessing flushes the standard streams before it forks; this holds it to that.
    code = (
        "import sys\n"
        "from covdiff import parallel\n"
        "sys.stdout.write('before')\n"  # a pipe is block-buffered: still pending at the fork
        "parallel.map_pairs([1, 2, 3], lambda t: [], costs=[1, 1, 1], processes=3)\n"
    )
    root = str(SEED_EVENT.parent.parent.parent)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert out.stdout == "before"
