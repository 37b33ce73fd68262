"""The small dialog behind File -> Export model…: which format, which folder.

Both choices are remembered (QSettings ``export/format`` and ``export/folder``) so that a
second export of a retrained model is two key presses.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

FORMATS = ("onnx", "torchscript", "all")


class ExportModelDialog(QDialog):
    """Format (ONNX, TorchScript, both) and the folder the exported files go into."""

    def __init__(self, run_name: str, settings: QSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("exportModelDialog")
        self.setWindowTitle(self.tr("Export model"))
        self.settings = settings
        self.exportFormatCombo = QComboBox(objectName="exportFormatCombo")
        for fmt, label in zip(FORMATS, self._format_labels(), strict=True):
            self.exportFormatCombo.addItem(label, fmt)
        self.exportFormatCombo.setToolTip(
            self.tr("ONNX runs almost anywhere (Python, C++, C#, the web, phones)")
        )
        remembered = str(settings.value("export/format", "onnx"))
        self.exportFormatCombo.setCurrentIndex(max(0, self.exportFormatCombo.findData(remembered)))
        parent_folder = str(settings.value("export/folder", str(Path.home())))
        self.exportFolderEdit = QLineEdit(
            str(Path(parent_folder) / f"{run_name}-export"), objectName="exportFolderEdit"
        )
        self.exportFolderEdit.setToolTip(
            self.tr("The model, predict.py and a model card are written into this folder")
        )
        self.exportBrowseButton = QPushButton(self.tr("Browse…"), objectName="exportBrowseButton")
        self.exportBrowseButton.setToolTip(self.tr("Choose the folder (Alt+B)"))
        self.exportBrowseButton.setShortcut("Alt+B")
        self.exportBrowseButton.clicked.connect(self._on_browse_clicked)
        self._build()

    def _format_labels(self) -> list[str]:
        return [
            self.tr("ONNX + predict.py (recommended)"),
            self.tr("TorchScript (PyTorch, LibTorch)"),
            self.tr("Both"),
        ]

    def _build(self) -> None:
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.exportFolderEdit, 1)
        folder_row.addWidget(self.exportBrowseButton)
        form = QFormLayout(self)
        form.addRow(self.tr("&Format:"), self.exportFormatCombo)
        folder_label = QLabel(self.tr("F&older:"))
        folder_label.setBuddy(self.exportFolderEdit)  # a row of two widgets has no buddy
        form.addRow(folder_label, folder_row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            objectName="exportButtons",
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.resize(520, self.sizeHint().height())

    def _on_browse_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Export into…"), str(Path(self.folder()).parent)
        )
        if folder:
            self.exportFolderEdit.setText(folder)

    def fmt(self) -> str:
        return str(self.exportFormatCombo.currentData())

    def folder(self) -> str:
        return self.exportFolderEdit.text().strip()

    def accept(self) -> None:
        if not self.folder():
            self.exportFolderEdit.setFocus()
            return
        self.settings.setValue("export/format", self.fmt())
        self.settings.setValue("export/folder", str(Path(self.folder()).parent))
        super().accept()
