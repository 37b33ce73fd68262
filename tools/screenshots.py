"""Render every tab of the window to docs/screenshots/*.png, offscreen, with real content.

Trains a short digits classifier (curves, its evaluation, classify tab with saliency) and a
short VAE and DCGAN (gallery, quality, traversal, nearest images) so that no screenshot shows
an empty tab. Run with ``make screenshots``; ``make screenshots LANG=zh_CN`` (``--lang zh_CN``)
shoots the window in Chinese into docs/screenshots/zh_CN/ (install a CJK font first, such as
Debian's fonts-noto-cjk, or the Chinese text shows as boxes).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KC_DESKTOP_HOME", tempfile.mkdtemp(prefix="kc_screens_"))

from PIL import Image
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QFontDatabase

from kc_desktop.ui.app import create_application
from kc_desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
ANY = QFontDatabase.WritingSystem.Any
WRITING_SYSTEMS = {"zh": QFontDatabase.WritingSystem.SimplifiedChinese}
"""The script a language needs a font for (the first two letters of its code)."""


def wait_until(condition, timeout_s: float = 120.0) -> None:
    """Spin the event loop until ``condition()`` holds."""
    loop_time = 0.0
    while not condition():
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        loop_time += 0.05
        if loop_time > timeout_s:
            raise TimeoutError("the window did not reach the expected state")


def train(window: MainWindow, model: str, epochs: int) -> None:
    window.model_tab.select_model(model)
    window.model_tab.epochsSpin.setValue(epochs)
    done: list[bool] = []
    window.session.finished.connect(lambda _: done.append(True))
    window.start_training()
    wait_until(lambda: bool(done) and not window.session.is_active, timeout_s=1800)
    wait_until(lambda: window.current_run is not None)


def grab(window: MainWindow, index: int, name: str) -> None:
    window.mainTabs.setCurrentIndex(index)
    wait_until(lambda: True)
    for _ in range(5):
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()
    window.grab().save(str(OUT / f"{name}.png"))
    print(OUT / f"{name}.png")


def show_runs_comparison(window: MainWindow) -> None:
    """Open the Runs dock and overlay the validation accuracy of the classifier runs (in the
    Compare window, saved as compare.png)."""
    dock = window.runsDock
    window.resize(1280, 1040)  # the Train tab keeps its height; the dock gets the rest
    dock.show()
    window.resizeDocks([dock], [400], Qt.Orientation.Vertical)
    paths = [dock.runsTable.path_at(row) for row in range(dock.runsTable.rowCount())]
    dock.runsTable.select_paths([path for path in paths if path.name.endswith(("-mlp", "-cnn"))])
    dock.compare_selected()
    compare = dock.compareWindow
    compare.resize(900, 600)
    wait_until(lambda: compare.isVisible())
    for _ in range(5):
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()
    compare.grab().save(str(OUT / "compare.png"))
    print(OUT / "compare.png")


def main() -> int:
    global OUT
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", help="interface language, e.g. zh_CN (default: English)")
    args = parser.parse_args()
    os.environ["KC_DESKTOP_LANG"] = args.lang or "en"
    if args.lang:
        OUT = OUT / args.lang
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()
    if args.lang and not QFontDatabase.families(WRITING_SYSTEMS.get(args.lang[:2], ANY)):
        print(
            f"No font for {args.lang} is installed: its text would show as boxes. Install one "
            "(Debian / Ubuntu: apt-get install -y fonts-noto-cjk), then run this again."
        )
        return 1
    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    window.load_core()
    wait_until(lambda: window.is_core_ready and window.data_tab.dataset is not None)
    window.model_tab.flipCheck.setChecked(False)
    window.model_tab.shiftCheck.setChecked(True)
    window.model_tab.zoomCheck.setChecked(True)
    train(window, "vae", 5)
    window.gallery_tab.interpolateButton.click()
    grab(window, 3, "gallery")
    gallery = window.gallery_tab
    gallery.galleryViews.setCurrentWidget(gallery.latentTraversal)
    gallery.latentTraversal.latentValueSlider.setValue(15)
    wait_until(lambda: not gallery.latentTraversal.is_decoding())
    grab(window, 3, "gallery-vae-insight")
    train(window, "dcgan", 6)
    gallery.galleryViews.setCurrentWidget(gallery.nearestPanel)
    gallery.nearestPanel.nearestButton.click()
    wait_until(lambda: gallery.nearestPanel.report is not None)
    grab(window, 3, "gallery-dcgan")
    gallery.galleryViews.setCurrentIndex(0)
    train(window, "small-cnn", 3)
    wait_until(lambda: window.gallery_tab.evaluationView.evaluation is not None)
    grab(window, 3, "evaluation")
    grab(window, 0, "data")
    window.model_tab.showLayersButton.setChecked(True)  # the layer table, in plain words
    grab(window, 1, "model")
    window.model_tab.showLayersButton.setChecked(False)
    grab(window, 2, "train")
    dataset = window.data_tab.dataset
    samples = []
    for k in range(3):
        index = int(dataset.splits["test"][k])
        path = Path(os.environ["KC_DESKTOP_HOME"]) / f"digit_{k}.png"
        Image.fromarray(dataset.images[index, 0].numpy()).save(path)
        samples.append(str(path))
    broken = Path(os.environ["KC_DESKTOP_HOME"]) / "holiday.jpg"
    broken.write_bytes(b"not really a photo")
    window.classify_tab.classify_files([*samples, str(broken)])
    grab(window, 4, "classify")
    train(window, "mlp", 3)
    show_runs_comparison(window)
    grab(window, 2, "runs")
    window.runsDock.hide()
    window.confirm_close = lambda: True
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
