"""The goals of ``make bench``, the table it prints and the JSON file it writes."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kc_desktop.core.runs.checkpoints import atomic_write_json


@dataclass(frozen=True)
class Goal:
    """One figure: what it means, and the bound it should meet (None: reported only)."""

    key: str
    label: str
    direction: str  # ">=" or "<="
    target: float | None
    unit: str = "x"
    zero_ok: bool = False  # a share that may rightly be 0 (e.g. no test image flagged)

    def met(self, value: float) -> bool | None:
        if self.target is None:
            return None
        if self.direction == ">=":
            return value >= self.target
        return value <= self.target

    @property
    def text(self) -> str:
        if self.target is None:
            return "(reported)"
        return f"{self.direction} {self.target:g}{' ' if self.unit != 'x' else ''}{self.unit}"


GOALS: tuple[Goal, ...] = (
    Goal("engine_vs_dataloader_mlp", "Engine vs DataLoader script, mlp (samples/s)", ">=", 2.0),
    Goal(
        "engine_vs_dataloader_small_cnn",
        "Engine vs DataLoader script, small-cnn (samples/s)",
        ">=",
        1.3,
    ),
    Goal(
        "engine_vs_dataloader_dcgan", "Engine vs DataLoader script, dcgan (samples/s)", ">=", None
    ),
    Goal("engine_vs_ideal", "Engine vs ideal in-memory loop (worst model)", ">=", 0.95),
    Goal(
        "engine_first_run_vs_steady",
        "Engine's first run in the process vs steady state (worst model)",
        ">=",
        None,
    ),
    Goal("window_vs_headless", "Run in the window vs headless (samples/s)", ">=", 0.90),
    Goal("gui_gap_p95_ms", "GUI 20 ms timer gap while training, p95", "<=", 50, "ms"),
    Goal("gui_gap_max_ms", "GUI 20 ms timer gap while training, max", "<=", 200, "ms"),
    Goal("stop_halt_steps", "Stop to training halted (training steps)", "<=", 1, "steps"),
    Goal("stop_saved_s", "Stop to run saved (test + checkpoint)", "<=", None, "s"),
    Goal("drop50_gui_gap_max_ms", "GUI 20 ms timer gap, 50 dropped photos", "<=", 100, "ms"),
    Goal("startup_vs_bare_qt", "Start-up to first paint vs bare PySide6 window", "<=", 1.5),
    Goal("folder_decode_vs_pillow", "Folder decode vs sequential Pillow loop", ">=", 1.5),
    Goal("folder_cache_hit_vs_decode", "Folder cache hit vs first decode", ">=", 20),
    Goal(
        "embedding_images_per_s",
        "MobileNet V3 Small features pass at 224 px",
        ">=",
        None,
        "images/s",
    ),
    Goal("quick_head_seconds", "Quick mode: head on 1,000 cached embeddings", "<=", 5, "s"),
    Goal("quick_vs_finetune_epoch", "One quick epoch over one fine-tune epoch (time)", "<=", None),
    Goal(
        "folder_peak_rss_ratio",
        "Peak RSS decoding + 1 epoch / (RSS before + decoded bytes)",
        "<=",
        1.3,
    ),
    Goal("mmap_vs_ram", "Batches from the memory map vs from RAM (samples/s)", ">=", 0.8),
    Goal("ood_flagged_in", "'Not sure' about its own test digits", "<=", 5, "%", zero_ok=True),
    Goal("ood_flagged_out", "'Not sure' about shapes (another dataset)", ">=", 80, "%"),
    Goal("live_fps", "Live camera: frames classified per second, small-cnn", ">=", None, "fps"),
    Goal("live_gui_gap_p95_ms", "GUI 20 ms timer gap while classifying live, p95", "<=", 50, "ms"),
)


def verdicts(results: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per figure: its goal in words and whether it was met (None when it has no goal)."""
    return {
        goal.key: {"goal": goal.text, "met": goal.met(results[goal.key])}
        for goal in GOALS
        if goal.key in results
    }


def format_table(results: dict[str, Any]) -> str:
    """The figures as an aligned text table (also pasted into the README)."""
    rows = [("Figure", "Value", "Goal", "Met")]
    for goal in GOALS:
        if goal.key not in results:
            continue
        value = results[goal.key]
        shown = f"{value:.1f} {goal.unit}" if goal.unit != "x" else f"{value:.2f}x"
        met = goal.met(value)
        rows.append((goal.label, shown, goal.text, "-" if met is None else "yes" if met else "NO"))
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
             for row in rows]  # fmt: skip
    lines.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(lines)


def check_well_formed(results: dict[str, Any]) -> None:
    """Raise ValueError unless every figure is present as a finite, positive number (or
    zero, where the goal allows it)."""
    for goal in GOALS:
        value = results.get(goal.key)
        if not isinstance(value, float | int) or not math.isfinite(value):
            raise ValueError(f"Figure {goal.key} is missing or not a number: {value!r}.")
        if value < 0 or (value == 0 and not goal.zero_ok):
            raise ValueError(f"Figure {goal.key} is missing or not a positive number: {value!r}.")


def write_results(results: dict[str, Any], path: str | os.PathLike) -> Path:
    """Write the results as indented JSON, atomically (a reader never sees half a file)."""
    atomic_write_json(path, results)
    return Path(path)
