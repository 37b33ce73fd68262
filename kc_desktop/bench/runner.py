"""Runs every benchmark group in one process and gathers figures, raw timings and the machine.

The app home points at a scratch folder for the whole run, so the benchmark's training
runs, decoded-folder caches and window settings never touch the user's own. Qt runs
offscreen unless ``QT_QPA_PLATFORM`` says otherwise.
"""

from __future__ import annotations

import os
import platform
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

import psutil
import torch

from kc_desktop.bench.report import check_well_formed, verdicts, write_results
from kc_desktop.bench.scratch import app_home_at

FULL_REPEATS = 3
QUICK_REPEATS = 1


def machine_info() -> dict[str, Any]:
    """Cores, device and library versions: what a reader needs to compare two results."""
    from kc_desktop.core.devices import describe_device, resolve_device

    versions = {"python": platform.python_version()}
    for package in ("torch", "torchvision", "PySide6-Essentials", "pyqtgraph", "Pillow", "numpy"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    versions["torch"] = torch.__version__  # with its build tag, e.g. +cu132 or +cpu
    return {
        "cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "torch_threads": torch.get_num_threads(),
        "device": describe_device(resolve_device("auto")),
        "cuda": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "cpu": platform.processor() or platform.machine(),
        "platform": platform.platform(),
        "memory_gib": round(psutil.virtual_memory().total / 2**30, 1),
        "versions": versions,
    }


def run_benchmarks(
    *, quick: bool, out: str | os.PathLike, say: Callable[[str], None] = print
) -> dict[str, Any]:
    """Measure every figure, write ``out`` (JSON) and return the results."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    repeats = QUICK_REPEATS if quick else FULL_REPEATS
    results: dict[str, Any] = {"quick": quick, "repeats": repeats}
    raw: dict[str, Any] = {"load_average_start": list(os.getloadavg())}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kc-bench-home-") as home, app_home_at(home):
        from kc_desktop.bench.folder import folder_figures
        from kc_desktop.bench.startup import startup_figures
        from kc_desktop.bench.training import engine_figures

        say("Engine vs DataLoader script vs ideal loop (CPU)…")
        figures, raw["engine_cpu"] = engine_figures(
            torch.device("cpu"), quick=quick, repeats=repeats
        )
        results.update(figures)
        if torch.cuda.is_available():
            say("Engine vs DataLoader script vs ideal loop (CUDA)…")
            cuda = torch.device("cuda", 0)
            results["cuda"], raw["engine_cuda"] = engine_figures(cuda, quick=quick, repeats=repeats)
        say("Folder decode vs Pillow loop, cache hit…")
        figures, raw["folder"] = folder_figures(quick=quick, repeats=repeats)
        results.update(figures)
        say("Pretrained backbone: features pass, quick head, quick vs fine-tune epoch…")
        from kc_desktop.bench.backbones import backbone_figures

        figures, raw["backbones"] = backbone_figures(quick=quick, repeats=repeats)
        results.update(figures)
        say("Large folder: peak memory, batches streamed from the map vs from memory…")
        from kc_desktop.bench.scale import scale_figures

        figures, raw["scale"] = scale_figures(quick=quick, repeats=repeats)
        results.update(figures)
        say("Start-up vs bare PySide6 window…")
        figures, raw["startup"] = startup_figures(repeats=repeats)
        results.update(figures)
        say("Run in the window vs headless, GUI gaps, stop latency…")
        from kc_desktop.bench.window import window_figures

        figures, raw["window"] = window_figures(quick=quick, repeats=repeats)
        results.update(figures)
        say("'I'm not sure': digits test split and shapes flagged…")
        from kc_desktop.bench.ood import ood_figures

        figures, raw["ood"] = ood_figures(quick=quick)
        results.update(figures)
        say("Live camera classification: frames per second, GUI gaps…")
        from kc_desktop.bench.live import live_figures

        figures, raw["live"] = live_figures(quick=quick, repeats=repeats)
        results.update(figures)
    raw["load_average_end"] = list(os.getloadavg())
    raw["seconds"] = time.perf_counter() - started
    results["goals"] = verdicts(results)
    results["machine"] = machine_info()
    results["raw"] = raw
    check_well_formed(results)
    write_results(results, Path(out))
    return results
