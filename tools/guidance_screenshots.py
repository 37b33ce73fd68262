"""Render the newcomer's screens to docs/screenshots/: first launch with the tour, the
end-of-run verdict, "Not sure" in the Classify tab, presenter mode, and the Model tab saying
what a switch to the DCGAN changed.

Trains one short digits classifier for real (offscreen, scratch app home). Run with
``QT_QPA_PLATFORM=offscreen python tools/guidance_screenshots.py``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KC_DESKTOP_HOME", tempfile.mkdtemp(prefix="kc_guide_screens_"))

from PIL import Image
from PySide6.QtCore import QEventLoop, QTimer

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's kc_desktop
from screenshots import train, wait_until

from kc_desktop.ui.app import create_application
from kc_desktop.ui.main_window import MainWindow

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def settle() -> None:
    for _ in range(6):
        loop = QEventLoop()
        QTimer.singleShot(60, loop.quit)
        loop.exec()


def save(window: MainWindow, name: str, overlay=None) -> None:
    settle()
    path = OUT / f"{name}.png"
    window.grab().save(str(path))
    if overlay is not None:  # a separate top-level window (the tour): paste it where it sits
        tour_path = OUT / "_tour.png"
        overlay.grab().save(str(tour_path))
        base, tour = Image.open(path).convert("RGB"), Image.open(tour_path).convert("RGB")
        base.paste(tour, (base.width - tour.width - 40, base.height - tour.height - 60))
        base.save(path)
        tour_path.unlink()
    print(path)


def shape_file(window: MainWindow, folder: Path) -> Path:
    """A shapes image saved as PNG: the first of them the run is unsure about (about 9 in
    10 are; the screenshot is meant to show what that looks like)."""
    from kc_desktop.core.data.registry import load_dataset
    from kc_desktop.core.inference import classify

    shapes = load_dataset("shapes").images[:20].permute(0, 2, 3, 1).numpy()
    path = folder / "shape.png"
    for image in shapes:
        Image.fromarray(image).resize((128, 128), Image.Resampling.NEAREST).save(path)
        if classify(window.classify_tab.run, [str(path)])[0].unsure:
            break
    return path


def digit_file(window: MainWindow, folder: Path) -> Path:
    image = window.data_tab.dataset.split("test")[0][5, 0].numpy()
    path = folder / "digit.png"
    Image.fromarray(image).resize((112, 112), Image.Resampling.NEAREST).save(path)
    return path


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    app = create_application()  # kept: without a reference the application is destroyed
    window = MainWindow()
    window.resize(1280, 820)
    window.show()
    window.load_core()
    wait_until(lambda: window.is_core_ready and window.data_tab.dataset is not None, 900)
    window.offer_getting_started()
    save(window, "first-launch", window.guidance.tour)
    window.guidance.tour.close()

    train(window, "small-cnn", 4)
    window.mainTabs.setCurrentWidget(window.train_tab)
    save(window, "verdict")

    model = window.model_tab
    window.mainTabs.setCurrentWidget(model)
    model.learningRateSpin.setValue(0.003)  # the person's own value
    model.select_model("dcgan")
    save(window, "model-switch")
    model.select_model("small-cnn")

    folder = Path(tempfile.mkdtemp(prefix="kc_guide_images_"))
    window.mainTabs.setCurrentWidget(window.classify_tab)
    window.classify_tab.classify_files([str(digit_file(window, folder))])
    window.classify_tab.classify_files([str(shape_file(window, folder))])
    tab = window.classify_tab
    wait_until(lambda: len(tab.rows) == 2 and not tab.is_busy(), 600)
    save(window, "not-sure")

    window.mainTabs.setCurrentWidget(window.train_tab)
    window.set_presenter_mode(True)
    save(window, "presenter")
    window.set_presenter_mode(False)
    window.close()
    app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
