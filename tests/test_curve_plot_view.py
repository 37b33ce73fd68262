"""CurvePlot's view follows the data with headroom, and leaves a user's pan or zoom alone."""

from __future__ import annotations

import numpy as np

from kc_desktop.ui.widgets.curve_plot import CurvePlot


def _view(plot: CurvePlot) -> tuple[float, float, float, float]:
    (x0, x1), (y0, y1) = plot.plot_item.getViewBox().viewRange()
    return x0, x1, y0, y1


def test_view_holds_every_point_and_moves_only_when_one_falls_outside(qtbot) -> None:
    plot = CurvePlot()
    qtbot.addWidget(plot)
    plot.extend("loss", np.arange(1, 101), np.linspace(2.0, 1.0, 100))
    plot.redraw()
    x0, x1, y0, y1 = _view(plot)
    assert x0 <= 1 and x1 > 100 + 10  # room for the next steps
    assert y0 < 1.0 and y1 > 2.0
    plot.extend("loss", [110], [1.5])  # inside: the axes stay put
    plot.redraw()
    assert _view(plot) == (x0, x1, y0, y1)
    plot.extend("loss", [x1 + 50], [0.2])  # beyond both edges: the view takes it in
    plot.redraw()
    new = _view(plot)
    assert new[1] > x1 + 50 and new[2] < 0.2 and new[3] > 2.0


def test_a_users_zoom_is_kept_until_the_plot_is_cleared(qtbot) -> None:
    plot = CurvePlot()
    qtbot.addWidget(plot)
    plot.extend("loss", np.arange(1, 51), np.linspace(1.0, 0.5, 50))
    plot.redraw()
    box = plot.plot_item.getViewBox()
    box.setRange(xRange=(10, 20), yRange=(0.6, 0.8), padding=0)
    box.sigRangeChangedManually.emit([True, True])  # what a mouse drag or wheel emits
    plot.extend("loss", [500], [5.0])
    plot.redraw()
    assert _view(plot)[:2] == (10, 20)
    plot.clear()
    plot.extend("loss", [1, 2], [3.0, 4.0])
    plot.redraw()
    x0, x1, y0, y1 = _view(plot)
    assert x0 <= 1 < 2 < x1 and y0 < 3.0 < 4.0 < y1


def test_the_headroom_of_a_rising_accuracy_stops_at_its_ceiling(qtbot) -> None:
    """Accuracies in percent stop at 100: the view leaves no room for 110."""
    for ceiling, scale in ((1.0, 1.0), (100.0, 100.0)):
        plot = CurvePlot()
        qtbot.addWidget(plot)
        plot.set_y_ceiling(ceiling)
        plot.extend("accuracy", np.arange(1, 11), scale * np.linspace(0.1, 0.5, 10))
        plot.redraw()
        plot.extend("accuracy", [11, 12], [0.9 * scale, 0.95 * scale])  # up past the view
        plot.redraw()
        top = _view(plot)[3]
        assert 0.95 * scale < top <= ceiling * 1.1
