"""``bench --quick`` runs end to end and writes well-formed results (no timed assertions)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import torch

from kc_desktop.bench.report import GOALS, check_well_formed, format_table, verdicts
from kc_desktop.bench.scripts import TorchvisionStyleImages
from kc_desktop.bench.timing import interleave, percentile
from kc_desktop.bench.training import synthetic_digits
from kc_desktop.cli import main


@pytest.mark.slow
def test_quick_bench_writes_every_figure(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "bench" / "results.json"
    assert main(["bench", "--quick", "--out", str(out)]) == 0
    results = json.loads(out.read_text(encoding="utf-8"))
    for goal in GOALS:
        value = results[goal.key]
        assert isinstance(value, float | int) and math.isfinite(value), goal.key
        assert value > 0 or (goal.zero_ok and value == 0), goal.key
    assert set(results["goals"]) == {goal.key for goal in GOALS}
    machine = results["machine"]
    assert machine["cores"] >= 1 and machine["versions"]["torch"] == torch.__version__
    for model in ("mlp", "small-cnn", "dcgan"):
        rates = results["raw"]["engine_cpu"][model]["samples_per_s"]
        assert all(r > 0 for r in rates["engine"] + rates["dataloader"])
    assert results["raw"]["window"]["gui_ticks"] > 0
    assert results["raw"]["window"]["drop50"]["classified"] == 50  # every photo got a row
    printed = capsys.readouterr().out
    assert all(goal.label in printed for goal in GOALS)


def test_goals_decide_met_in_their_direction() -> None:
    figures = {goal.key: 1.0 for goal in GOALS}
    figures.update(engine_vs_dataloader_mlp=2.5, gui_gap_p95_ms=60.0, stop_halt_steps=1.0)
    met = {key: verdict["met"] for key, verdict in verdicts(figures).items()}
    assert met["engine_vs_dataloader_mlp"] is True
    assert met["engine_vs_dataloader_small_cnn"] is False  # 1.0 < 1.3
    assert met["gui_gap_p95_ms"] is False  # 60 ms > 50 ms
    assert met["stop_halt_steps"] is True  # the bound itself is met
    assert met["drop50_gui_gap_max_ms"] is True and met["stop_saved_s"] is None
    assert met["engine_vs_dataloader_dcgan"] is None  # reported, no goal
    table = format_table(figures)
    assert "2.50x" in table and "60.0 ms" in table and "NO" in table


def test_results_with_a_missing_or_broken_figure_are_refused() -> None:
    figures = {goal.key: 1.0 for goal in GOALS}
    check_well_formed(figures)
    with pytest.raises(ValueError, match="gui_gap_max_ms"):
        check_well_formed({**figures, "gui_gap_max_ms": math.nan})
    with pytest.raises(ValueError, match="startup_vs_bare_qt"):
        check_well_formed({k: v for k, v in figures.items() if k != "startup_vs_bare_qt"})


def test_percentile_matches_numpy_and_interleave_alternates() -> None:
    values = [5.0, 1.0, 9.0, 3.0, 7.0, 2.0]
    for share in (0.0, 0.5, 0.95, 1.0):
        expected = float(torch.quantile(torch.tensor(values, dtype=torch.float64), share))
        assert percentile(values, share) == pytest.approx(expected)
    order: list[str] = []
    interleave(2, {"a": lambda: order.append("a") or 1.0, "b": lambda: order.append("b") or 2.0})
    assert order == ["a", "b", "a", "b"]


def test_usual_script_dataset_serves_normalised_tensors_like_torchvision() -> None:
    from torchvision import transforms

    dataset = synthetic_digits(train=32, held_out=4)
    images, labels = dataset.split("train")
    served = TorchvisionStyleImages(images, labels, transforms.ToTensor())
    x, y = served[3]
    assert x.shape == (1, 28, 28) and x.dtype == torch.float32
    assert torch.allclose(x, images[3].float() / 255) and y == int(labels[3])
    assert len(served) == 32 and len(dataset.splits["test"]) == 4
