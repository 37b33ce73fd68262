"""Import PyTorch and the core on a plain thread so the first window paints at once."""

from __future__ import annotations

import importlib
import threading

from PySide6.QtCore import QObject, Signal

CORE_MODULES = (
    "torch",
    "kc_desktop.core.data.registry",
    "kc_desktop.core.models.registry",
    "kc_desktop.core.training.engine",
    "kc_desktop.core.inference",
    "kc_desktop.ui.data.data_tab",
    "kc_desktop.ui.model.model_tab",
    "kc_desktop.ui.train.train_tab",
    "kc_desktop.ui.gallery.gallery_tab",
    "kc_desktop.ui.classify.classify_tab",
)


class CoreLoader(QObject):
    """Emits ``loaded`` (or ``failed`` with a message) on the GUI thread."""

    progress = Signal(str)
    loaded = Signal()
    failed = Signal(str)

    def start(self) -> None:
        threading.Thread(target=self._import_all, name="core-import", daemon=True).start()

    def _import_all(self) -> None:
        try:
            for name in CORE_MODULES:
                self.progress.emit(self.tr("Loading {value}…").format(value=name.split(".")[-1]))
                importlib.import_module(name)
        except Exception as error:
            self.failed.emit(
                self.tr("Could not load the training engine: {error}").format(error=error)
            )
            return
        self.loaded.emit()
