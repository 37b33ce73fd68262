"""The Runs dock: every saved run in a table; open, rename, delete, compare their curves.

A dock rather than a sixth tab: the five tabs follow the path of one model (data, model,
train, gallery, classify), while the run history sits beside all of them. Compare opens its
curves in a window of their own (``compareWindow``), as large as the person wants.
The rules (valid names, which run may go) live in ``core.runs.history``; this file asks the
user and reports. Dialogs are attributes (``ask_name``, ``confirm_delete``,
``move_to_trash``) so that tests and automation can answer them without a real dialog.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QFile, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QInputDialog,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.runs.history import check_deletable, delete_run, rename_run, run_rows
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.runs.compare_panel import ComparePanel
from kc_desktop.ui.runs.compare_window import CompareWindow
from kc_desktop.ui.runs.runs_table import RunsTable


def move_to_trash(path: Path) -> bool:
    """Move a folder to the system trash; False where the platform has none.

    Qt knows the trash of Windows, macOS and freedesktop.org desktops (Linux).
    """
    return QFile(str(path)).moveToTrash()


class RunsDock(QDockWidget):
    """The run history; ``runsTable`` lists the runs, ``compareWindow`` overlays their curves."""

    status_message = Signal(str)
    open_requested = Signal(str)  # run folder
    run_renamed = Signal(str, str)  # old folder, new folder

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Runs"), parent)
        self.setObjectName("runsDock")
        self.training_run: Path | None = None
        self.ask_name: Callable[[str], str | None] = self._ask_name
        self.confirm_delete: Callable[[list[str]], bool] = self._ask_delete
        self.move_to_trash: Callable[[Path], bool] = move_to_trash
        self.runsTable = RunsTable(objectName="runsTable")
        self.runsTable.cellDoubleClicked.connect(self._on_table_cell_double_clicked)
        self.runsTable.itemSelectionChanged.connect(self._update_buttons)
        self.compare_panel = ComparePanel()
        self.compare_panel.status_message.connect(self.status_message)
        self.compareWindow = CompareWindow(self.compare_panel, self)
        self._build()
        self.visibilityChanged.connect(self._on_visibility_changed)

    def _build(self) -> None:
        self.openButton = self._button(self.tr("Open"), "runsOpenButton", self.open_selected)
        self.openButton.setToolTip(
            self.tr("Load the run into the Gallery and Classify tabs (double-click)")
        )
        self.renameButton = self._button(
            self.tr("Rename…"), "runsRenameButton", self.rename_selected
        )
        self.deleteButton = self._button(
            self.tr("Delete"), "runsDeleteButton", self.delete_selected
        )
        self.deleteButton.setToolTip(self.tr("Move the selected runs to the trash"))
        self.compareButton = self._button(
            self.tr("Compare"), "runsCompareButton", self.compare_selected
        )
        self.compareButton.setToolTip(
            self.tr("Overlay the curves of the selected runs (two or more) in a window")
        )
        refresh = self._button(self.tr("Refresh"), "runsRefreshButton", self.refresh)
        buttons = QHBoxLayout()
        for button in (self.openButton, self.renameButton, self.deleteButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.compareButton)
        buttons.addWidget(refresh)
        self._table_action(self.tr("Rename"), QKeySequence(Qt.Key.Key_F2), self.rename_selected)
        self._table_action(self.tr("Delete"), QKeySequence.StandardKey.Delete, self.delete_selected)

        list_page = QWidget()
        list_layout = QVBoxLayout(list_page)
        list_layout.setContentsMargins(0, 0, 0, 0)
        list_layout.addWidget(self.runsTable, 1)
        list_layout.addLayout(buttons)
        self.setWidget(list_page)
        self._update_buttons()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, objectName=name)
        button.clicked.connect(lambda _=False: slot())
        return button

    def _table_action(self, text: str, shortcut: QKeySequence, slot: Callable[[], object]) -> None:
        action = QAction(text, self.runsTable, shortcut=shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda _=False: slot())
        self.runsTable.addAction(action)

    # ---------------------------------------------------------------- listing
    def refresh(self) -> None:
        """Re-read the runs folder, keeping the selection."""
        selected = self.runsTable.selected_paths()
        self.runsTable.set_rows(run_rows(training=self.training_run), selected)
        self._update_buttons()

    def set_training_run(self, path: str | None) -> None:
        """The run folder being trained now (None when training ended): it may not be
        renamed or deleted, and shows as "training"."""
        self.training_run = Path(path) if path else None
        self.refresh()

    def on_epoch_ended(self, _logs: dict) -> None:
        """The live run finished an epoch: show its latest one (read when the dock is shown)."""
        if self.training_run is not None and self.isVisible():
            self.refresh()

    # ---------------------------------------------------------------- actions
    def open_selected(self) -> None:
        paths = self.runsTable.selected_paths()
        if len(paths) == 1:
            self.open_run(paths[0])

    def open_run(self, path: Path) -> None:
        """Ask the window to load the run (``open_requested``); it reports what went wrong."""
        self.open_requested.emit(str(path))

    def rename_selected(self) -> None:
        paths = self.runsTable.selected_paths()
        if len(paths) != 1:
            return
        name = self.ask_name(paths[0].name)
        if name is not None:
            self.rename(paths[0], name)

    def rename(self, path: Path, new_name: str) -> Path | None:
        """Rename a run folder; a refused name gives a one-line reason and returns None."""
        try:
            target = rename_run(path, new_name, training=self.training_run)
        except (ValueError, OSError) as error:
            self.status_message.emit(
                self.tr("Could not rename {name}: {error}").format(
                    name=path.name, error=plain_error(error)
                )
            )
            return None
        if target != path:
            self.status_message.emit(
                self.tr("Renamed {name} to {name2}.").format(name=path.name, name2=target.name)
            )
            self._forget_compared([path])
            self.runsTable.set_rows(run_rows(training=self.training_run), [target])
            self._update_buttons()
            self.run_renamed.emit(str(path), str(target))
        return target

    def delete_selected(self) -> None:
        paths = self.runsTable.selected_paths()
        if paths:
            self.delete(paths)

    def delete(self, paths: list[Path]) -> list[Path]:
        """Move runs to the trash; where there is none, delete them after one confirmation.

        The run that is training is refused. Returns the runs that are gone.
        """
        allowed = []
        for path in paths:
            try:
                check_deletable(path, training=self.training_run)
            except ValueError as error:
                self.status_message.emit(plain_error(error))
                continue
            allowed.append(path)
        gone = [path for path in allowed if self.move_to_trash(path)]
        left = [path for path in allowed if path not in gone]
        if left and self.confirm_delete([path.name for path in left]):
            gone += self._delete_for_good(left)
        if gone:
            names = ", ".join(path.name for path in gone)
            self.status_message.emit(self.tr("Deleted {names}.").format(names=names))
            self._forget_compared(gone)
            self.refresh()
        return gone

    def _delete_for_good(self, paths: list[Path]) -> list[Path]:
        deleted = []
        for path in paths:
            try:
                delete_run(path, training=self.training_run)
            except (ValueError, OSError) as error:
                self.status_message.emit(
                    self.tr("Could not delete {name}: {error}").format(
                        name=path.name, error=plain_error(error)
                    )
                )
                continue
            deleted.append(path)
        return deleted

    def compare_selected(self) -> None:
        paths = self.runsTable.selected_paths()
        if len(paths) < 2:
            self.status_message.emit(self.tr("Select two or more runs to compare (Ctrl+click)."))
            return
        if self.compare_panel.compare(paths):
            self.compareWindow.present()

    # ---------------------------------------------------------------- internals
    def _forget_compared(self, paths: list[Path]) -> None:
        if any(path.name in self.compare_panel.curves_by_run for path in paths):
            self.compare_panel.clear()

    def _update_buttons(self) -> None:
        count = len(self.runsTable.selected_paths())
        self.openButton.setEnabled(count == 1)
        self.renameButton.setEnabled(count == 1)
        self.deleteButton.setEnabled(count >= 1)
        self.compareButton.setEnabled(count >= 2)

    def _on_table_cell_double_clicked(self, row: int, _column: int) -> None:
        self.open_run(self.runsTable.path_at(row))

    def _on_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh()

    def _ask_name(self, current: str) -> str | None:
        name, accepted = QInputDialog.getText(
            self, self.tr("Rename run"), self.tr("New name:"), text=current
        )
        return name if accepted else None

    def _ask_delete(self, names: list[str]) -> bool:
        listed = "<br>".join(html.escape(name) for name in names)
        answer = QMessageBox.question(
            self,
            self.tr("Delete runs"),
            self.tr(
                "The system trash is not available here, so these runs would be "
                "deleted for good:<br><br>{listed}<br><br>Delete them?"
            ).format(listed=listed),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes
