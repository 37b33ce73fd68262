"""Figure 6: process start to the first painted main window, against a bare PySide6 window.

Both are child processes started the same way (``startup_child``), offscreen, with their
own empty app home; the parent clocks from spawning each one to reading its ``painted``
line. Runs alternate app / bare so that machine load falls on both alike.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from typing import Any

from kc_desktop.bench.startup_child import PAINTED
from kc_desktop.bench.timing import interleave, ratio_of_medians

CHILD_TIMEOUT_S = 120


def seconds_to_first_paint(kind: str, home: str) -> float:
    """Wall-clock seconds from spawning the ``kind`` ("app" or "bare") child to its paint."""
    env = {**os.environ, "KC_DESKTOP_HOME": home}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-m", "kc_desktop.bench.startup_child", kind],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    ) as child:
        try:
            line = child.stdout.readline() if child.stdout else ""
            elapsed = time.perf_counter() - started
            child.wait(timeout=CHILD_TIMEOUT_S)
        finally:
            if child.poll() is None:
                child.kill()
    if line.strip() != PAINTED:
        raise RuntimeError(f"The {kind} window never painted (exit status {child.returncode}).")
    return elapsed


def startup_figures(*, repeats: int) -> tuple[dict[str, float], dict[str, Any]]:
    """(figures, raw seconds) for the app window against the bare window."""
    with tempfile.TemporaryDirectory(prefix="kc-bench-startup-") as home:
        seconds_to_first_paint("bare", home)  # warm the file cache for both sides
        seconds = interleave(
            repeats,
            {
                "app": lambda: seconds_to_first_paint("app", home),
                "bare": lambda: seconds_to_first_paint("bare", home),
            },
        )
    figures = {"startup_vs_bare_qt": ratio_of_medians(seconds["app"], seconds["bare"])}
    return figures, {"seconds": seconds}
