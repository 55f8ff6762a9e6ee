"""The core runs without the UI: importing and running it never loads textual or rich."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEED_EVENT

CORE = [
    "covdiff", "covdiff.api", "covdiff.model", "covdiff.sources", "covdiff.sentences",
    "covdiff.align", "covdiff.matching", "covdiff.similarity", "covdiff.facts",
    "covdiff.claims", "covdiff.serialize", "covdiff.reports", "covdiff.gold", "covdiff.cli",
]  # fmt: skip


def test_core_modules_do_not_import_textual_or_rich() -> None:
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE)
        + "import covdiff.api, covdiff.reports\n"
        + f"cmp = covdiff.api.compare([{str(SEED_EVENT)!r}])\n"
        + "for fmt in ('text', 'json', 'md', 'html'):\n"
        + "    try:\n        covdiff.reports.render(cmp, fmt)\n"
        + "    except ImportError:\n        pass\n"
        + "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_the_import_contract_holds() -> None:
    """The import-linter contract in pyproject.toml: core modules never import textual/rich."""
    import shutil

    import pytest

    exe = shutil.which("lint-imports")
    if exe is None:
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run([exe], capture_output=True, text=True, cwd=root)
    assert out.returncode == 0, out.stdout + out.stderr
