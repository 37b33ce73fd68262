"""The window's "take it with you" actions: export a model, share or open a run, export data.

Each action asks where (dialogs are attributes that tests replace), then runs the core's
function as a background job (``ui/jobs.py``) with a progress dialog; results come back on
the GUI thread as one line in the status bar. Dropping ``.kcrun`` files on the window opens
them: they are unpacked into the runs folder, shown in the Runs dock and opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QMimeData, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QProgressDialog

from kc_desktop.ui.export.export_dialog import ExportModelDialog
from kc_desktop.ui.jobs import JobRunner, JobState

KCRUN_SUFFIX = ".kcrun"


def kcrun_paths(mime: QMimeData) -> list[Path]:
    """The local ``.kcrun`` files among dragged URLs."""
    if not mime.hasUrls():
        return []
    paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
    return [path for path in paths if path.suffix.lower() == KCRUN_SUFFIX]


class ExportActions(QObject):
    """Owns exportModelAction, shareRunAction, exportDatasetAction and importRunAction."""

    finished = Signal(str)  # what was written or opened (a folder or a file)
    failed = Signal(str)  # one readable line

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.exportModelAction = self._make(
            "exportModelAction",
            self.tr("E&xport model…"),
            "Ctrl+Shift+E",
            self.tr("Write the model as ONNX with predict.py and a model card, to use elsewhere"),
            self.export_model,
        )
        self.shareRunAction = self._make(
            "shareRunAction",
            self.tr("S&hare run…"),
            "Ctrl+Shift+S",
            self.tr("Pack the current run into one .kcrun file that anyone can open"),
            self.share_run,
        )
        self.importRunAction = self._make(
            "importRunAction",
            self.tr("Open sh&ared run…"),
            "Ctrl+Shift+I",
            self.tr("Open a .kcrun file (you can also drop it on the window)"),
            self.choose_kcrun,
        )
        self.exportDatasetAction = self._make(
            "exportDatasetAction",
            self.tr("Export &dataset…"),
            None,
            self.tr("Write the current dataset as a zip of class folders"),
            self.export_dataset,
        )
        self.ask_export: Callable[[str], tuple[str, str] | None] = self._ask_export
        self.ask_share_file: Callable[[str], str | None] = self._ask_share_file
        self.ask_import_file: Callable[[], str | None] = self._ask_import_file
        self.ask_dataset_file: Callable[[str], str | None] = self._ask_dataset_file
        self.jobs = JobRunner(self)
        self._running: set[str] = set()
        self.exportProgress: QProgressDialog | None = None
        window.setAcceptDrops(True)
        window.installEventFilter(self)

    def _make(self, name: str, text: str, shortcut: str | None, tip: str, slot) -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _=False: slot())
        return action

    def add_to(self, menu: QMenu) -> None:
        """Put the four actions into ``menu`` (the File menu), after a separator."""
        menu.addSeparator()
        for action in (
            self.exportModelAction,
            self.shareRunAction,
            self.importRunAction,
            self.exportDatasetAction,
        ):
            menu.addAction(action)

    # ---------------------------------------------------------------- actions
    def export_model(self) -> None:
        run = self._current_run()
        if run is None:
            return
        choice = self.ask_export(run.path.name)
        if choice is None:
            return
        fmt, folder = choice
        from kc_desktop.core.export.bundle import export_run

        def work(state: JobState) -> str:
            export_run(run.path, folder, fmt, state.progress)
            return folder

        self._start(
            "export-model",
            self.tr("Exporting the model…"),
            work,
            self.tr("Model exported to {path}"),
        )

    def share_run(self) -> None:
        run = self._current_run()
        if run is None:
            return
        target = self.ask_share_file(run.path.name)
        if not target:
            return
        from kc_desktop.core.export.share import pack_run

        self._start(
            "share-run",
            self.tr("Packing the run…"),
            lambda _state: str(pack_run(run.path, target)),
            self.tr("Run shared as {path}"),
        )

    def choose_kcrun(self) -> None:
        path = self.ask_import_file()
        if path:
            self.import_kcrun(Path(path))

    def import_kcrun(self, path: Path) -> None:
        """Unpack ``path`` into the runs folder off the GUI thread, then list and open it."""
        from kc_desktop.core.export.share import import_run

        self._start(
            f"import:{path}",  # each dropped file is its own job
            self.tr("Opening {name}…").format(name=path.name),
            lambda _state: str(import_run(path)),
            self.tr("Opened the shared run {path}"),
            on_done=self._on_imported,
        )

    def export_dataset(self) -> None:
        dataset = getattr(getattr(self.window, "data_tab", None), "dataset", None)
        if dataset is None:
            self._say(self.tr("No dataset is loaded yet: choose one on the Data tab."))
            return
        target = self.ask_dataset_file(dataset.name)
        if not target:
            return
        from kc_desktop.core.export.dataset_zip import export_dataset

        self._start(
            "export-dataset",
            self.tr("Writing the dataset…"),
            lambda state: str(export_dataset(dataset, target, state.progress)),
            self.tr("Dataset written to {path}"),
        )

    # ---------------------------------------------------------------- plumbing
    def _current_run(self) -> Any:
        run = getattr(self.window, "current_run", None)
        if run is None:
            self._say(self.tr("Nothing to export yet: train a model or open a saved run."))
        return run

    def _start(
        self,
        kind: str,
        label: str,
        work: Callable[[JobState], str],
        done_text: str,
        on_done: Callable[[str], None] | None = None,
    ) -> None:
        progress = QProgressDialog(label, "", 0, 0, self.window)
        progress.setObjectName("exportProgress")
        progress.setCancelButton(None)  # each step is short; stopping half-way helps no one
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
        self.exportProgress = progress
        self._running.add(kind)
        self._say(label)

        def finish(result: str) -> None:
            self._end(kind, progress)
            self._say(done_text.format(path=result))
            if on_done is not None:
                on_done(result)
            self.finished.emit(result)

        def fail(message: str) -> None:
            self._end(kind, progress)
            self._say(message)
            self.failed.emit(message)

        def advance(done: int, total: int) -> None:
            progress.setMaximum(total)
            progress.setValue(done)

        self.jobs.start(kind, work, finish, fail, advance)

    def _end(self, kind: str, progress: QProgressDialog) -> None:
        self._running.discard(kind)
        progress.reset()
        progress.deleteLater()
        if self.exportProgress is progress:
            self.exportProgress = None

    def _on_imported(self, folder: str) -> None:
        dock = getattr(self.window, "runsDock", None)
        if dock is not None:
            dock.refresh()
            dock.show()
            dock.open_run(Path(folder))

    def _say(self, text: str) -> None:
        show = getattr(self.window, "show_message", None)
        if show is not None:
            show(text)

    def is_busy(self) -> bool:
        return bool(self._running)

    # ---------------------------------------------------------------- drops
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Accept dragged .kcrun files anywhere on the window and open them when dropped."""
        kind = event.type()
        if watched is self.window and kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            if kcrun_paths(event.mimeData()):
                event.acceptProposedAction()
                return True
        elif watched is self.window and kind == QEvent.Type.Drop:
            paths = kcrun_paths(event.mimeData())
            if paths:
                event.acceptProposedAction()
                for path in paths:
                    self.import_kcrun(path)
                return True
        return super().eventFilter(watched, event)

    # ---------------------------------------------------------------- dialogs
    def _ask_export(self, run_name: str) -> tuple[str, str] | None:
        dialog = ExportModelDialog(run_name, self.window.settings, self.window)
        if dialog.exec() != ExportModelDialog.DialogCode.Accepted:
            return None
        return dialog.fmt(), dialog.folder()

    def _ask_share_file(self, run_name: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Share run"),
            str(Path.home() / f"{run_name}{KCRUN_SUFFIX}"),
            self.tr("Shared runs (*.kcrun)"),
        )
        return path or None

    def _ask_import_file(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open shared run"),
            str(Path.home()),
            self.tr("Shared runs (*.kcrun)"),
        )
        return path or None

    def _ask_dataset_file(self, dataset_name: str) -> str | None:
        safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in dataset_name).strip("-")
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export dataset"),
            str(Path.home() / f"{safe or 'dataset'}.zip"),
            self.tr("Zip files (*.zip)"),
        )
        return path or None
