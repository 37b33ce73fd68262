"""Data tab: choose a built-in dataset or an image folder; see samples, balance and split."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.registry import get_dataset_spec, list_datasets, load_dataset
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.data.format_row import FolderFormatRow
from kc_desktop.ui.jobs import JobRunner
from kc_desktop.ui.widgets.bar_chart import BarChart
from kc_desktop.ui.widgets.drop_area import DropArea
from kc_desktop.ui.widgets.image_grid import ImageGrid
from kc_desktop.ui.widgets.wrapped_label import caption_label

if TYPE_CHECKING:
    from kc_desktop.core.camera.source import FrameSource
    from kc_desktop.ui.camera.recording_view import RecordingView

LOAD = "load"  # the job kind: choosing another dataset cancels the load under way
PREVIEW_COUNT = 32
OFFLINE_CHOICES = ("digits", "shapes")


class DataTab(QWidget):
    """Loads datasets in the background and shows what is in them."""

    status_message = Signal(str)
    dataset_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: ImageDataset | None = None
        self.folder: str | None = None
        self.jobs = JobRunner(self)
        self._build()

    def _build(self) -> None:
        self.datasetCombo = QComboBox(objectName="datasetCombo")
        for spec in list_datasets():
            if spec.needs_path:
                continue
            self.datasetCombo.addItem(core_text(spec.name), spec.id)
            self.datasetCombo.setItemData(
                self.datasetCombo.count() - 1,
                core_text(spec.description),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.datasetCombo.setToolTip(self.tr("Built-in datasets. Offline ones need no internet."))
        self.datasetCombo.activated.connect(self._on_dataset_combo_activated)
        self.openFolderButton = QPushButton(
            self.tr("Open image folder…"), objectName="openFolderButton"
        )
        self.openFolderButton.setToolTip(
            self.tr("A folder with one subfolder per class (optionally train/ and test/ inside).")
        )
        self.openFolderButton.clicked.connect(self.choose_folder)
        self.cameraButton = QPushButton(self.tr("Record from camera…"), objectName="cameraButton")
        self.cameraButton.setToolTip(
            self.tr("Make your own dataset: show things to the camera, a few seconds per class.")
        )
        self.cameraButton.clicked.connect(lambda: self.open_camera())
        self.folderDrop = DropArea(accept_dirs=True)
        self.folderDrop.setObjectName("folderDropArea")
        self.folderDrop.folder_dropped.connect(self.load_folder)
        self.folderDrop.setMaximumHeight(70)
        self.loadProgress = QProgressBar(objectName="loadProgress")
        self.loadProgress.setVisible(False)
        self.datasetInfoLabel = QLabel(self.tr("Loading…"), objectName="datasetInfoLabel")
        self.datasetInfoLabel.setWordWrap(True)
        self.datasetInfoLabel.setTextFormat(Qt.TextFormat.RichText)
        self.formatRow = FolderFormatRow()
        self.formatRow.setObjectName("folderFormatRow")
        self.imageSizeSpin, self.colourCombo = (
            self.formatRow.imageSizeSpin,
            self.formatRow.colourCombo,
        )
        self.formatRow.format_changed.connect(self._on_format_changed)
        self.formatRow.setVisible(False)
        self.memoryPathLabel = QLabel(objectName="memoryPathLabel")
        self.memoryPathLabel.setWordWrap(True)
        self.memoryPathLabel.setToolTip(
            self.tr(
                "Where training reads the pictures from. A folder larger than the memory set "
                "aside for data streams from its decoded copy on disk, a few batches at a time."
            )
        )
        self.errorPanel = self._build_error_panel()
        self.skippedLabel = QLabel(objectName="skippedLabel")
        self.skippedDetailsButton = QPushButton(
            self.tr("Details…"), objectName="skippedDetailsButton"
        )
        self.skippedDetailsButton.clicked.connect(self._on_skipped_details_clicked)
        skipped_row = QHBoxLayout()
        skipped_row.addWidget(self.skippedLabel, 1)
        skipped_row.addWidget(self.skippedDetailsButton)
        self._set_skipped([])

        chooser = QHBoxLayout()
        chooser.addWidget(QLabel(self.tr("Dataset:")))
        chooser.addWidget(self.datasetCombo, 1)
        chooser.addWidget(self.openFolderButton)
        chooser.addWidget(self.cameraButton)
        left = QVBoxLayout()
        left.addLayout(chooser)
        left.addWidget(self.folderDrop)
        left.addWidget(self.loadProgress)
        left.addWidget(self.errorPanel)
        left.addWidget(self.datasetInfoLabel)
        left.addWidget(self.formatRow)
        left.addWidget(self.memoryPathLabel)
        left.addLayout(skipped_row)
        self.classHistogram = BarChart(objectName="classHistogram")
        self.classHistogram.setMinimumHeight(220)
        self.classBalanceCaption = caption_label(
            "classBalanceCaption",
            self.tr(
                "How many images each class has in each split — bars of even height are "
                "best: a class with few images is learned less well."
            ),
        )
        balance = QGroupBox(self.tr("Class balance per split"))
        balance_layout = QVBoxLayout(balance)
        balance_layout.addWidget(self.classHistogram, 1)
        balance_layout.addWidget(self.classBalanceCaption)
        left.addWidget(balance, 1)

        self.datasetPreview = ImageGrid(objectName="datasetPreview")
        self.datasetPreview.set_placeholder(
            self.tr("Samples appear here once the dataset is loaded.")
        )
        samples = QGroupBox(self.tr("Samples"))
        QVBoxLayout(samples).addWidget(self.datasetPreview)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 2)
        layout.addWidget(samples, 3)

    def _build_error_panel(self) -> QWidget:
        panel = QWidget(objectName="datasetErrorPanel")
        self.datasetErrorLabel = QLabel(objectName="datasetErrorLabel")
        self.datasetErrorLabel.setWordWrap(True)
        self.datasetErrorLabel.setStyleSheet("color: #b00020;")
        row = QHBoxLayout()
        for dataset_id in OFFLINE_CHOICES:
            button = QPushButton(
                self.tr("Use {name}").format(name=core_text(get_dataset_spec(dataset_id).name))
            )
            button.setObjectName(f"use_{dataset_id}_button")
            button.clicked.connect(lambda _=False, d=dataset_id: self.select_dataset(d))
            row.addWidget(button)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.datasetErrorLabel)
        box.addLayout(row)
        panel.setVisible(False)
        return panel

    @property
    def is_loading(self) -> bool:
        return self.jobs.is_running(LOAD)

    @property
    def dataset_id(self) -> str:
        """The id of the dataset in use (not of a choice that is still loading or failed)."""
        if self.dataset is not None:
            return self.dataset.id
        return "folder" if self.folder else str(self.datasetCombo.currentData())

    def select_dataset(self, dataset_id: str) -> None:
        """Load a built-in dataset by id (downloads run in the background)."""
        index = self.datasetCombo.findData(dataset_id)
        if index < 0:
            self.status_message.emit(
                self.tr("Unknown dataset {dataset_id!r}.").format(dataset_id=dataset_id)
            )
            return
        self.datasetCombo.setCurrentIndex(index)
        self.folder = None
        self._start_loading(
            get_dataset_spec(dataset_id).name,
            lambda state: load_dataset(dataset_id, progress=state.progress),
        )

    def choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(
            self, self.tr("Open an image folder (one subfolder per class)")
        )
        if path:
            self.load_folder(path)

    def load_folder(self, path: str) -> None:
        """Decode a class-per-subfolder directory in the background, with progress; it is
        read as its files are (size and colour) until the user picks another format."""
        self.formatRow.reset()
        self._load_folder_at(path, None, "auto")

    def _load_folder_at(self, path: str, size: int | None, colour: str) -> None:
        self.folder = path
        self._start_loading(
            Path(path).name,
            lambda state: load_dataset(
                "folder", path=path, size=size, colour=colour, progress=state.progress
            ),
        )

    def _on_format_changed(self, size: int, colour: str) -> None:
        if self.dataset is not None and self.dataset.folder:
            self._load_folder_at(self.dataset.folder, size, colour)

    def open_camera(self, source: FrameSource | None = None) -> RecordingView:
        """Open the recording view (``source``: a picture source instead of the picker's);
        the folder it records becomes the current dataset when it closes."""
        from kc_desktop.ui.camera.recording_view import RecordingView

        view = RecordingView(self, source)
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        view.dataset_ready.connect(self.load_folder)
        view.show()
        self.recordingView = view
        return view

    def _on_dataset_combo_activated(self, index: int) -> None:
        dataset_id = str(self.datasetCombo.itemData(index))
        if dataset_id == "folder":
            return  # the folder in use: nothing to load
        self.select_dataset(dataset_id)

    def _start_loading(self, label: str, fn) -> None:
        self.errorPanel.setVisible(False)
        self.loadProgress.setRange(0, 0)
        self.loadProgress.setVisible(True)
        self.datasetInfoLabel.setText(self.tr("Loading <b>{label}</b>…").format(label=label))
        self.status_message.emit(self.tr("Loading {label}…").format(label=label))
        self.jobs.start(LOAD, fn, self._on_load_done, self._on_load_failed, self._on_load_progress)

    def _on_load_progress(self, done: int, total: int) -> None:
        self.loadProgress.setRange(0, max(total, 1))
        self.loadProgress.setValue(done)
        self.loadProgress.setFormat(
            self.tr("Decoding images: {done:,} / {total:,}").format(done=done, total=total)
        )

    def _on_load_done(self, dataset: ImageDataset) -> None:
        self.loadProgress.setVisible(False)
        self.dataset = dataset
        self._show_dataset_in_use()
        self._show(dataset)
        self.formatRow.setVisible(dataset.folder is not None)
        self.formatRow.show_format(dataset)
        self.status_message.emit(
            self.tr("{name}: {count:,} images ready.").format(
                name=core_text(dataset.name), count=len(dataset.labels)
            )
        )
        self.dataset_changed.emit(dataset)

    def _on_load_failed(self, message: str) -> None:
        self.loadProgress.setVisible(False)
        self._show_dataset_in_use()
        self.datasetErrorLabel.setText(message)
        self.errorPanel.setVisible(True)
        current = core_text(self.dataset.name) if self.dataset else self.tr("no dataset")
        self.datasetInfoLabel.setText(
            self.tr("Still using: <b>{current}</b>").format(current=current)
        )
        self.status_message.emit(message)

    def _show_dataset_in_use(self) -> None:
        """Point the combo box and ``folder`` at the data that is actually loaded, so that a
        failed choice (MNIST offline, an unreadable folder) never looks selected."""
        self.folder = self.dataset.folder if self.dataset is not None else None
        if self.dataset is None:
            return
        folder_index = self.datasetCombo.findData("folder")
        if self.dataset.id == "folder":
            if folder_index < 0:
                self.datasetCombo.addItem("", "folder")
                folder_index = self.datasetCombo.count() - 1
            self.datasetCombo.setItemText(folder_index, core_text(self.dataset.name))
            self.datasetCombo.setItemData(
                folder_index, self.dataset.folder, Qt.ItemDataRole.ToolTipRole
            )
        elif folder_index >= 0:
            self.datasetCombo.removeItem(folder_index)
        self.datasetCombo.setCurrentIndex(self.datasetCombo.findData(self.dataset.id))

    def _show(self, dataset: ImageDataset) -> None:
        counts = {split: dataset.class_counts(split) for split in ("train", "val", "test")}
        sizes = {split: sum(values) for split, values in counts.items()}
        self.datasetInfoLabel.setText(
            self.tr(
                "<b>{name}</b><br>{count:,} images of {size}×{size} pixels, {value}, "
                "{count2} classes<br>Split: {train:,} train · {val:,} validation · "
                "{test:,} test"
            ).format(
                name=core_text(dataset.name),
                count=len(dataset.labels),
                size=dataset.size,
                value=self.tr("colour") if dataset.channels == 3 else self.tr("greyscale"),
                count2=len(dataset.classes),
                train=sizes["train"],
                val=sizes["val"],
                test=sizes["test"],
            )
        )
        split_names = {"train": self.tr("train"), "val": self.tr("val"), "test": self.tr("test")}
        self.classHistogram.set_counts(
            list(dataset.classes), {split_names[split]: n for split, n in counts.items()}
        )
        self._show_memory_path(dataset)
        self._set_skipped(dataset.skipped)
        self._show_preview(dataset)

    def _show_memory_path(self, dataset: ImageDataset) -> None:
        """Say whether batches will come from memory or stream from the disk cache."""
        from kc_desktop.core.data.streaming import memory_plan
        from kc_desktop.core.devices import resolve_device

        plan = memory_plan(dataset, dataset.size, resolve_device("auto"))
        self.memoryPathLabel.setText(core_text(plan.text()))  # "RAM" translated too

    def _show_preview(self, dataset: ImageDataset) -> None:
        count = min(PREVIEW_COUNT, len(dataset.labels))
        step = max(1, len(dataset.labels) // count) if count else 1
        indices = list(range(0, step * count, step))[:count]
        images = dataset.images[indices].permute(0, 2, 3, 1).numpy()
        captions = [dataset.classes[int(dataset.labels[i])] for i in indices]
        self.datasetPreview.set_images(np.ascontiguousarray(images), captions)

    def _set_skipped(self, skipped: list) -> None:
        self._skipped = list(skipped)
        if skipped:
            self.skippedLabel.setText(
                self.tr("⚠ {count} file(s) could not be read and were skipped.").format(
                    count=len(skipped)
                )
            )
        self.skippedLabel.setVisible(bool(skipped))
        self.skippedDetailsButton.setVisible(bool(skipped))

    def skipped_report(self) -> str:
        return "\n".join(f"{item.path}: {core_text(item.reason)}" for item in self._skipped)

    def _on_skipped_details_clicked(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            self.tr("Skipped files"),
            self.tr("{count} files could not be read.").format(count=len(self._skipped)),
            parent=self,
        )
        box.setDetailedText(self.skipped_report())
        box.open()
