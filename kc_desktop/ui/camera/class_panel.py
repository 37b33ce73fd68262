"""The recording view's classes: name one, see its frame count, select it, delete it.

The counts come from the folder on disk (``RecordedDataset.counts``), so what the list
says is what the Data tab will load, even after an undo or a failed write.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ConfirmDelete = Callable[[str, int], bool]
COUNT_ROLE = Qt.ItemDataRole.UserRole + 1


class ClassPanel(QGroupBox):
    """``add_requested(name)``, ``delete_requested(name)``; ``show_counts`` refreshes it."""

    add_requested = Signal(str)
    delete_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Classes"))
        self.confirm_delete: ConfirmDelete = self._ask_delete
        self.classNameEdit = QLineEdit(objectName="classNameEdit")
        self.classNameEdit.setPlaceholderText(self.tr("New class name, e.g. cup"))
        self.classNameEdit.setToolTip(self.tr("Name a class, then press Enter or Add class."))
        self.classNameEdit.returnPressed.connect(self._on_add_clicked)
        self.addClassButton = QPushButton(self.tr("Add class"), objectName="addClassButton")
        self.addClassButton.setToolTip(self.tr("Create a folder for this class (Enter)."))
        self.addClassButton.clicked.connect(self._on_add_clicked)
        self.classList = QListWidget(objectName="classList")
        self.classList.setToolTip(self.tr("Select the class you are about to record."))
        self.deleteClassButton = QPushButton(
            self.tr("Delete class…"), objectName="deleteClassButton"
        )
        self.deleteClassButton.setToolTip(
            self.tr("Delete the selected class and all its frames (Del).")
        )
        self.deleteClassButton.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.deleteClassButton.clicked.connect(self._on_delete_clicked)
        self.classList.currentItemChanged.connect(lambda *_: self._update_buttons())
        row = QHBoxLayout()
        row.addWidget(self.classNameEdit, 1)
        row.addWidget(self.addClassButton)
        box = QVBoxLayout(self)
        box.addLayout(row)
        box.addWidget(self.classList, 1)
        box.addWidget(self.deleteClassButton, 0, Qt.AlignmentFlag.AlignRight)
        self._update_buttons()

    def current_class(self) -> str | None:
        item = self.classList.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))

    def select(self, name: str) -> None:
        for row in range(self.classList.count()):
            if self.classList.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.classList.setCurrentRow(row)

    def show_counts(self, counts: dict[str, int]) -> None:
        """One line per class, "cup — 12 frames"; the selection is kept."""
        current = self.current_class()
        self.classList.clear()
        for name, count in counts.items():
            text = self.tr("{name} — {count} frames").format(name=name, count=count)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(COUNT_ROLE, count)
            self.classList.addItem(item)
        if current in counts:
            self.select(current)
        elif counts:
            self.classList.setCurrentRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.deleteClassButton.setEnabled(self.current_class() is not None)

    def _on_add_clicked(self) -> None:
        name = self.classNameEdit.text().strip()
        if name:
            self.add_requested.emit(name)

    def _on_delete_clicked(self) -> None:
        name = self.current_class()
        if name is None:
            return
        count = int(self.classList.currentItem().data(COUNT_ROLE) or 0)
        if self.confirm_delete(name, count):
            self.delete_requested.emit(name)

    def _ask_delete(self, name: str, count: int) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Delete class"),
            self.tr("Delete the class “{name}” and its {count} frames from the disk?").format(
                name=name, count=count
            ),
        )
        return answer == QMessageBox.StandardButton.Yes
