"""The end-of-run verdict shows every line at 800x800, in presenter mode too, in both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QWidget

from kc_desktop.ui.i18n import install_translators


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    """Translators are application-wide: leave the next test in English."""
    yield
    install_translators("en")


def _fully_shown(label: QLabel, below: QWidget | None = None) -> None:
    """Every wrapped line of ``label`` fits in the part of it that is on screen."""
    needed = label.heightForWidth(label.width())
    assert needed > 0 and label.text()
    visible = label.visibleRegion().boundingRect()
    assert visible.height() >= needed, (label.objectName(), visible.height(), needed)
    assert visible.width() == label.width()
    if below is not None:  # and nothing is drawn over its last line
        assert label.geometry().bottom() < below.geometry().top(), label.objectName()


@pytest.mark.parametrize("presenter", [False, True], ids=["normal", "presenter"])
@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_every_line_of_the_verdict_is_visible_at_800x800(
    qtbot,
    monkeypatch: pytest.MonkeyPatch,
    english_afterwards: None,
    digits_classifier_dir: Path,
    language: str,
    presenter: bool,
) -> None:
    from kc_desktop.ui.main_window import MainWindow

    monkeypatch.setenv("KC_DESKTOP_LANG", language)
    window: Any = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.load_core()
    qtbot.waitUntil(lambda: window.is_core_ready, timeout=60_000)
    window.mainTabs.setCurrentWidget(window.train_tab)
    if presenter:
        window.set_presenter_mode(True)
        window.showNormal()  # a projector of 800x800 pixels, whatever this screen is
    window.resize(800, 800)
    summary = json.loads((digits_classifier_dir / "summary.json").read_text(encoding="utf-8"))
    train = window.train_tab
    train.on_finished(summary | {"run_dir": str(digits_classifier_dir)})
    panel = train.verdictPanel
    qtbot.waitUntil(lambda: window.size().height() == 800 and panel.isVisible())
    qtbot.waitUntil(lambda: panel.verdictLabel.height() > 0)
    if language == "zh_CN":
        assert "模型认对了" in panel.verdictLabel.text()
    assert window.guidance.presenter.active is presenter

    def every_line_shown() -> None:  # once the layout has settled after the resize
        _fully_shown(panel.verdictLabel, below=panel.seeResultsButton)
        _fully_shown(train.runSummaryLabel, below=train.logView)
        assert panel.geometry().bottom() < train.runSummaryLabel.geometry().top()

    qtbot.waitUntil(every_line_shown)
    window.set_presenter_mode(False)
