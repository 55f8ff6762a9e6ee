"""End to end: the installed ``covdiff demo`` in a real terminal (tmux), as a user runs it.

Pilot tests drive the app in-process; this one checks what only a real terminal shows:
the console script starts, the screen draws, keys arrive, ``q`` leaves and the session
ends. Skipped, with the reason, when tmux is not installed (CI installs it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.terminal

TMUX = shutil.which("tmux")
WIDTH, HEIGHT = 160, 48
FIRST_SENTENCE = "As their relationship grows"
"""The opening of the first demo source (covdiff/demo/aljazeera.txt)."""


def _covdiff() -> str:
    found = shutil.which("covdiff") or str(Path(sys.executable).with_name("covdiff"))
    if not Path(found).exists():
        pytest.skip("the covdiff console script is not installed (pip install -e .)")
    return found


class Terminal:
    def __init__(self, command: str) -> None:
        assert TMUX is not None
        # A private server (-L), so the test never touches the user's own tmux sessions.
        self.base = [TMUX, "-L", f"covdiff-test-{uuid.uuid4().hex[:8]}"]
        self.session = "demo"
        env = {**os.environ, "TERM": "xterm-256color"}
        env.pop("TMUX", None)
        # Textual sizes itself from COLUMNS/LINES when set (pytest workers may set them);
        # the terminal's own size must win here.
        env.pop("COLUMNS", None)
        env.pop("LINES", None)
        subprocess.run(
            [
                *self.base,
                "new-session",
                "-d",
                "-s",
                self.session,
                "-x",
                str(WIDTH),
                "-y",
                str(HEIGHT),
                command,
            ],
            check=True,
            env=env,
        )

    def screen(self) -> str:
        out = subprocess.run(
            [*self.base, "capture-pane", "-p", "-t", self.session],
            capture_output=True,
            text=True,
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.base, "send-keys", "-t", self.session, *keys], check=True)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if predicate(screen):
                return screen
            time.sleep(0.05)
        raise AssertionError(f"timed out; the screen shows:\n{screen}")

    def alive(self) -> bool:
        return (
            subprocess.run(
                [*self.base, "has-session", "-t", self.session], capture_output=True
            ).returncode
            == 0
        )

    def close(self) -> None:
        subprocess.run([*self.base, "kill-server"], capture_output=True)


@pytest.mark.skipif(TMUX is None, reason="tmux is not installed (CI installs it)")
def test_demo_in_a_real_terminal() -> None:
    term = Terminal(_covdiff() + " demo")
    try:
        # Everything the first screen should show, waited for together: under load the
        # marks and the selection arrive a moment after the text.
        screen = term.wait_for(
            lambda s: FIRST_SENTENCE in s and "Detail ·" in s and "▶" in s and "▷" in s,
            timeout=30.0,
        )
        for label in ("aljazeera", "feature", "liveblog", "wire"):
            assert label in screen
        assert "in every source" in screen  # the legend
        assert "q Quit" in screen and "? Help" in screen  # the footer
        assert "▶" in screen and "▷" in screen  # a selection and its counterparts

        assert "Detail · aljazeera · sentence 1 " in screen
        term.keys("n")  # which sentence is the next difference is the engine's call
        term.wait_for(
            lambda s: (
                "Detail · aljazeera · sentence" in s and "Detail · aljazeera · sentence 1 " not in s
            )
        )

        term.keys("m")
        screen = term.wait_for(lambda s: "first words" in s)
        assert "✓ same" in screen and "· missing" in screen and "+ only" in screen

        term.keys("Escape")
        term.wait_for(lambda s: "first words" not in s and FIRST_SENTENCE in s)

        term.keys("?")
        term.wait_for(lambda s: "One column per outlet" in s)
        term.keys("Escape")
        term.wait_for(lambda s: "One column per outlet" not in s)

        term.keys("q")
        deadline = time.monotonic() + 10
        while term.alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not term.alive(), "covdiff did not exit on q"
    finally:
        term.close()
