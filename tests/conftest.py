"""Shared paths for the test suite. Tests never read ../shared (benchmarks may)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures" / "events"
EVENT_DIRS = sorted(p for p in FIXTURES.iterdir() if (p / "gold.json").exists())
SEED_EVENT = FIXTURES / "putin-pyongyang"
SEED = ROOT / "seeds" / "000_dfaadef05745c907.txt"


@pytest.fixture(params=EVENT_DIRS, ids=lambda p: p.name)
def event_dir(request: pytest.FixtureRequest) -> Path:
    return request.param
