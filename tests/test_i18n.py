"""The interface in Chinese and English: KC_DESKTOP_LANG, View -> Language, core text."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from i18n_helpers import chinese, english_sentences, visible_texts
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QMenu

from kc_desktop.core.paths import runs_dir
from kc_desktop.ui.i18n import install_translators
from kc_desktop.ui.runs.runs_table import COLUMN_TITLES

ZH_TABS = ["数据", "模型", "训练", "图库", "分类"]


@pytest.fixture
def english_afterwards() -> Iterator[None]:
    """Translators are application-wide: leave the next test in English."""
    yield
    install_translators("en")


def open_window(qtbot, monkeypatch: pytest.MonkeyPatch, language: str) -> Any:
    from kc_desktop.ui.main_window import MainWindow

    monkeypatch.setenv("KC_DESKTOP_LANG", language)
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    window.load_core()
    qtbot.waitUntil(lambda: window.is_core_ready, timeout=60_000)
    qtbot.waitUntil(lambda: window.data_tab.dataset is not None, timeout=60_000)
    return window


def open_run_everywhere(window: Any, qtbot, run: Path) -> None:
    """Open a trained run (Gallery, Classify) and list it in the shown Runs dock."""
    window.classify_tab.open_run(str(run))
    qtbot.waitUntil(lambda: window.current_run is not None, timeout=30_000)
    shutil.copytree(run, runs_dir() / run.name)
    window.runsDock.show()
    window.runsDock.refresh()
    qtbot.waitUntil(lambda: window.runsDock.runsTable.rowCount() == 1, timeout=10_000)


def assert_every_part_speaks(window: Any, is_expected) -> None:
    """Each tab, the Runs dock and each menu show texts that pass ``is_expected``."""
    parts = {window.mainTabs.tabText(i): window.mainTabs.widget(i) for i in range(5)}
    parts["runs"] = window.runsDock
    silent = [name for name, part in parts.items() if not is_expected(visible_texts(part))]
    for action in window.menuBar().actions():
        entries = [a.text() for a in action.menu().actions() if not a.isSeparator()]
        if not is_expected([action.text(), *entries]):
            silent.append(action.text())
    assert silent == []


def menu_titles(window: Any) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def test_zh_cn_window_speaks_chinese(qtbot, monkeypatch, english_afterwards) -> None:
    window = open_window(qtbot, monkeypatch, "zh_CN")
    assert [window.mainTabs.tabText(i) for i in range(5)] == ZH_TABS
    assert menu_titles(window) == ["文件(&F)", "运行(&R)", "视图(&V)", "帮助(&H)"]
    train = window.train_tab
    assert [train.trainButton.text(), train.pauseButton.text(), train.stopButton.text()] == [
        "训练",
        "暂停",
        "停止",
    ]
    assert window.languageMenu.title() == "语言(&L)"
    assert "深度学习" in window.windowTitle()
    # Qt's own strings come from qtbase_zh_CN.qm; core text through the "core" context.
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"
    assert window.model_tab.modelCombo.currentText() == "小型 CNN（28x28）"
    memory = window.data_tab.memoryPathLabel
    qtbot.waitUntil(lambda: "内存" in memory.text(), timeout=10_000)
    assert "RAM" not in memory.text()  # the plan's memory is named in Chinese too
    assert not window.windowIcon().isNull()


def test_en_shows_no_chinese(qtbot, monkeypatch, digits_classifier_dir) -> None:
    window = open_window(qtbot, monkeypatch, "en")
    open_run_everywhere(window, qtbot, digits_classifier_dir)
    texts = visible_texts(window, with_views=True)
    assert "Train" in [window.train_tab.trainButton.text()]
    assert len(texts) > 100
    assert chinese(texts) == []


def test_switching_language_at_run_time(qtbot, monkeypatch, english_afterwards) -> None:
    from kc_desktop.ui.i18n import SETTINGS_KEY
    from kc_desktop.ui.language_menu import choose_language

    window = open_window(qtbot, monkeypatch, "")
    monkeypatch.delenv("KC_DESKTOP_LANG")
    choose_language(window, "en")
    assert window.mainTabs.tabText(2) == "Train"
    window.mainTabs.setCurrentIndex(3)
    menus = len(window.findChildren(QMenu))
    assert choose_language(window, "zh_CN")
    assert window.settings.value(SETTINGS_KEY) == "zh_CN"
    assert [window.mainTabs.tabText(i) for i in range(5)] == ZH_TABS
    assert window.train_tab.trainButton.text() == "训练"
    assert window.mainTabs.currentIndex() == 3  # the user stays where they were
    assert len(chinese(visible_texts(window))) > 50
    assert_every_part_speaks(window, lambda texts: len(chinese(texts)) >= len(texts) // 2 > 0)
    assert window.runsDock.windowTitle() == "运行记录"
    assert window.languageMenu.actions()[2].isChecked()
    assert choose_language(window, "en")
    assert window.train_tab.trainButton.text() == "Train"
    assert_every_part_speaks(window, lambda texts: texts and not chinese(texts))
    # The replaced widgets go with deleteLater(): at once in the app's event loop, but a test
    # runs outside it, so their deletion is flushed here.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert chinese(visible_texts(window)) == []
    assert len(window.findChildren(QMenu)) == menus  # the old menus went with the old texts


def test_language_waits_for_a_restart_while_a_run_trains(
    qtbot, monkeypatch, english_afterwards
) -> None:
    from kc_desktop.ui.language_menu import choose_language

    window = open_window(qtbot, monkeypatch, "")
    monkeypatch.delenv("KC_DESKTOP_LANG")
    window.model_tab.epochsSpin.setValue(50)
    window.start_training()
    qtbot.waitUntil(lambda: window.session.is_active, timeout=30_000)
    assert not choose_language(window, "zh_CN")
    assert window.train_tab.trainButton.text() == "Train"
    assert "restart" in window.statusBar().currentMessage()
    window.session.shutdown()


def test_core_templates_are_translated_with_their_values(english_afterwards) -> None:
    from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
    from kc_desktop.ui.core_text import core_text

    where = QT_TRANSLATE_NOOP("core", "at the end of epoch {epoch}").format(epoch=3)
    message = QT_TRANSLATE_NOOP(
        "core",
        "The {replace} became {value} {where}: training diverged. Try a smaller learning "
        "rate. The last good checkpoint was kept.",
    ).format(replace="loss", value="nan", where=where)
    assert core_text(message) == message
    install_translators("zh_CN")
    assert core_text(message).startswith("loss 在第 3 轮结束时变成了 nan：训练发散了。")
    assert core_text("Stopped by the user.") == "已被用户停止。"
    assert core_text("no such sentence") == "no such sentence"


def test_zh_cn_shows_no_english_sentence(
    qtbot, monkeypatch, english_afterwards, digits_classifier_dir
) -> None:
    """Every tab, the Runs dock and the menus with a trained run open: no English left over."""
    window = open_window(qtbot, monkeypatch, "zh_CN")
    open_run_everywhere(window, qtbot, digits_classifier_dir)
    leftovers = sorted(
        {f"{text!r}" for text in visible_texts(window, with_views=True) if english_sentences(text)}
    )
    assert leftovers == [], "\n".join(leftovers)
    dataset_cell = window.runsDock.runsTable.item(0, COLUMN_TITLES.index("Dataset"))
    assert dataset_cell.text() == "手写数字（离线）"  # the dataset's name, not its id
