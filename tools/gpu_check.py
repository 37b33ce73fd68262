"""``make gpu-check``: prove the CUDA path on a machine that has a GPU, in one command.

1. Trains every model one epoch on the digits, with and without mixed precision.
2. Runs the CUDA column of ``make bench``: the engine against the usual DataLoader script and
   the ideal loop, mixed precision against full precision, data resident on the device
   against batches streamed through pinned memory.
3. Checks that the Train tab's device plot shows GPU utilisation and memory (NVML through
   ``nvidia-ml-py``, the optional ``gpu`` extra).
4. Writes ``docs/gpu.md``: the GPU's name and the tables.

Without CUDA it says so and exits 0. Meant to finish within ~8 minutes on one GPU; exits 1
when any check failed (the page is written either way).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import torch

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "docs" / "gpu.md"
STREAM_BUDGET_MB = "0.001"  # forces batches through the memory map and pinned memory


def main() -> int:
    if not torch.cuda.is_available():
        print("No CUDA GPU on this machine: nothing to check (exit 0).")
        return 0
    from kc_desktop.bench.scratch import app_home_at

    started = time.perf_counter()
    failures: list[str] = []
    with tempfile.TemporaryDirectory(prefix="kc-gpu-check-") as scratch, app_home_at(scratch):
        say("1/3 every model, one epoch, with and without mixed precision…")
        models = every_model(Path(scratch), failures)
        say("2/3 the CUDA column of the bench…")
        bench = bench_column(Path(scratch), failures)
        say("3/3 the Train tab's device plot…")
        plot = device_plot(failures)
    page = render(models, bench, plot, failures, time.perf_counter() - started)
    OUT.write_text(page, encoding="utf-8")
    print(page)
    print(f"Written to {OUT}")
    return 1 if failures else 0


def say(text: str) -> None:
    print(text, flush=True)


def train_once(scratch: Path, **config) -> dict:
    from kc_desktop.core.training.config import TrainConfig
    from kc_desktop.core.training.engine import Trainer

    settings = {"dataset": "digits", "epochs": 1, "device": "cuda", "score_samples": False}
    return Trainer(TrainConfig(**{**settings, **config}), runs_parent=scratch / "runs").fit()


def every_model(scratch: Path, failures: list[str]) -> list[tuple[str, str, str, str]]:
    """(model, precision, status, samples/s) for each model with and without AMP."""
    from kc_desktop.core.models.registry import list_models

    rows = []
    for spec in list_models():
        for amp in (True, False):
            precision = "mixed (bf16)" if amp else "fp32"
            try:
                summary = train_once(scratch, model=spec.id, amp=amp)
                status, speed = str(summary["status"]), f"{summary['samples_per_s']:,.0f}"
            except Exception as error:  # a failure is a finding, reported in the table
                status, speed = f"error: {error}", "-"
            if status != "completed":
                failures.append(f"{spec.id} ({precision}): {status}")
            rows.append((spec.id, precision, status, speed))
    return rows


def bench_column(scratch: Path, failures: list[str]) -> list[tuple[str, str]]:
    """(figure, value) of the CUDA bench column plus AMP and pinned-memory ratios."""
    from kc_desktop.bench.training import engine_figures

    rows: list[tuple[str, str]] = []
    figures, _raw = engine_figures(torch.device("cuda", 0), quick=False, repeats=3)
    rows += [(key, f"{value:.2f}x") for key, value in figures.items()]
    for model in ("mlp", "small-cnn"):
        amp = median_speed(lambda m=model: train_once(scratch, model=m, amp=True, epochs=2))
        fp32 = median_speed(lambda m=model: train_once(scratch, model=m, amp=False, epochs=2))
        rows.append((f"amp_vs_fp32_{model.replace('-', '_')}", f"{amp / fp32:.2f}x"))
    folder = str(digit_folder(scratch))

    def folder_run() -> dict:
        return train_once(scratch, dataset="folder", folder=folder, model="small-cnn", epochs=2)

    resident = median_speed(folder_run)
    os.environ["KC_DESKTOP_MEMORY_BUDGET_MB"] = STREAM_BUDGET_MB
    try:
        pinned = median_speed(folder_run)
    finally:
        os.environ.pop("KC_DESKTOP_MEMORY_BUDGET_MB", None)
    rows.append(("small_cnn_folder_on_device_samples_per_s", f"{resident:,.0f}"))
    rows.append(("small_cnn_folder_pinned_samples_per_s", f"{pinned:,.0f}"))
    rows.append(("pinned_vs_on_device", f"{pinned / resident:.2f}x"))
    if not all(math.isfinite(float(v.rstrip("x").replace(",", ""))) for _k, v in rows):
        failures.append("a bench figure is not a finite number")
    return rows


def median_speed(run: Callable[[], dict], repeats: int = 3) -> float:
    speeds = sorted(float(run()["samples_per_s"]) for _ in range(repeats))
    return speeds[len(speeds) // 2]


def digit_folder(scratch: Path) -> Path:
    """The digits written out as a class-per-folder of PNGs (once), for the mapped path."""
    from PIL import Image

    from kc_desktop.core.data.registry import load_dataset

    root = scratch / "digit-folder"
    if root.is_dir():
        return root
    dataset = load_dataset("digits")
    for index in range(len(dataset)):
        label = dataset.classes[int(dataset.labels[index])]
        folder = root / label
        folder.mkdir(parents=True, exist_ok=True)
        pixels = dataset.images[index, 0].numpy()
        Image.fromarray(pixels).convert("RGB").save(folder / f"{index}.png")
    return root


def device_plot(failures: list[str]) -> list[tuple[str, str]]:
    """Feed the Train tab's device plot a few readings while the GPU works; report them."""
    from kc_desktop.ui.app import create_application
    from kc_desktop.ui.train.train_tab import TrainTab

    create_application([])
    tab = TrainTab()
    tab.on_run_started(
        {
            "task": "classify",
            "steps_per_epoch": 1,
            "epochs": 1,
            "config": {"device": "cuda", "model": "small-cnn", "dataset_name": "digits"},
            "params": 0,
            "device": "cuda",
            "run_dir": "-",
        }
    )
    load = torch.randn(4096, 4096, device="cuda")
    for _ in range(5):
        for _ in range(50):
            load = (load @ load).clamp_(-1, 1)
        tab._on_device_timer_timeout()
    torch.cuda.synchronize()
    tab.device_timer.stop()
    rows = []
    for series in ("GPU %", "GPU memory %"):
        if series not in tab.devicePlot.series_names():
            failures.append(f"the device plot has no {series!r} series")
            rows.append((series, "missing"))
            continue
        _xs, ys = tab.devicePlot.series_data(series)
        finite = [float(y) for y in ys if math.isfinite(float(y))]
        if not finite:
            failures.append(f"the device plot's {series!r} has no readings (is NVML installed?)")
        rows.append((series, ", ".join(f"{y:.0f}" for y in finite) or "no readings"))
    return rows


def render(models, bench, plot, failures, seconds: float) -> str:
    name = torch.cuda.get_device_name(0)
    lines = [
        "# The CUDA path, checked",
        "",
        f"`make gpu-check` on **{name}** (torch {torch.__version__}), "
        f"{time.strftime('%Y-%m-%d')}, {seconds / 60:.1f} minutes.",
        "",
        "## Every model, one epoch on the digits",
        "",
        "| model | precision | status | samples/s |",
        "| --- | --- | --- | --- |",
        *(f"| {m} | {p} | {s} | {v} |" for m, p, s, v in models),
        "",
        "## CUDA column of the bench",
        "",
        "| figure | value |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in bench),
        "",
        "## Train tab device plot (readings while the GPU works)",
        "",
        "| series | values |",
        "| --- | --- |",
        *(f"| {k} | {v} |" for k, v in plot),
        "",
        "## Result",
        "",
        *([f"- FAILED: {f}" for f in failures] or ["All checks passed."]),
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
