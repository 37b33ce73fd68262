"""The live-classification bench group: real view, real worker, figures well formed."""

from __future__ import annotations

import math

import pytest

from kc_desktop.bench import live


def test_live_figures_measure_small_cnn_and_name_missing_models(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "MODELS", ("small-cnn", "no-such-model"))
    monkeypatch.setattr(live, "QUICK_SECONDS", 0.5)
    figures, raw = live.live_figures(quick=True, repeats=1)
    assert figures["live_fps"] > 0 and figures["live_fps_by_model"] == {
        "small-cnn": figures["live_fps"]
    }
    assert math.isfinite(figures["live_gui_gap_p95_ms"]) and figures["live_gui_gap_p95_ms"] > 0
    assert raw["small-cnn"]["gui_ticks"] > 0 and raw["small-cnn"]["input_size"] == 28
    assert "no-such-model" in raw["skipped"]
