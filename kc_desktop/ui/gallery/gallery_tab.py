"""Gallery tab: what a generative model draws, epoch by epoch, and walks through its latent space.

During training the engine sends one grid per epoch and kind ("samples" from fixed noise,
"reconstructions": a row of real images above their reconstructions). Every epoch's grid is
kept in memory (a few hundred kB each), so the epoch slider can step back through the run.
A saved run opened later shows the grids it left in its ``samples/`` folder. Classifier
runs show their evaluation on the test images instead (``evaluation_view``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.data.images import ImageLoadError, load_image_array
from kc_desktop.core.inference import LoadedRun, interpolate
from kc_desktop.core.kinds import Task
from kc_desktop.core.models.registry import get_model_spec
from kc_desktop.core.runs.checkpoints import atomic_write_bytes
from kc_desktop.core.runs.layout import SAMPLES_DIR, RunDirectory, encode_png
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.errors import plain_error
from kc_desktop.ui.gallery.evaluation_view import EvaluationView
from kc_desktop.ui.gallery.latent_traversal import LatentTraversal
from kc_desktop.ui.gallery.nearest_panel import NearestPanel
from kc_desktop.ui.gallery.quality_panel import QualityPanel
from kc_desktop.ui.jobs import JobRunner, JobState
from kc_desktop.ui.widgets.image_grid import ImageGrid

INTERPOLATE = "interpolate"  # the job kind
INTERPOLATION_STEPS = 10
KINDS = ("samples", "reconstructions")
PLACEHOLDER_TEXT = QT_TRANSLATE_NOOP(
    "gallery_tab",
    "<h2>Gallery</h2><p>Nothing to show yet.</p>"
    "<p>The gallery shows the pictures a <b>generative model</b> makes while it learns: "
    "choose Autoencoder, VAE or DCGAN on the Model tab and train it, or open a saved "
    "generative run from the Classify tab (File → Open saved run).</p>",
)
INTERPOLATE_NEEDS_RUN = QT_TRANSLATE_NOOP(
    "gallery_tab",
    "Available once the model is saved: when training ends, or after you open a saved VAE "
    "or DCGAN run.",
)
INTERPOLATE_NEEDS_LATENT = QT_TRANSLATE_NOOP(
    "gallery_tab",
    "Interpolation needs a VAE or a DCGAN: their latent space is shaped so that every point "
    "on the line between two random points decodes to a plausible image.",
)
INTERPOLATE_READY = QT_TRANSLATE_NOOP(
    "gallery_tab",
    "Pick two random points in the latent space and decode 10 evenly spaced points on the "
    "line between them. Each click shows a new pair.",
)

ChooseSavePath = Callable[[str], "str | None"]


class GalleryTab(QWidget):
    """Shows sample and reconstruction grids per epoch, and latent interpolations."""

    status_message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.task: Task | None = None
        self.run: LoadedRun | None = None
        self.run_dir: Path | None = None
        self.grids: dict[str, dict[int, np.ndarray]] = {kind: {} for kind in KINDS}
        self.interpolation: np.ndarray | None = None
        self.interpolation_seed = 0
        self.jobs = JobRunner(self)
        self._follow_latest = True
        self._setting_slider = False
        self.choose_save_path: ChooseSavePath = self._ask_save_path
        self._build()
        self._show_message(QCoreApplication.translate("gallery_tab", PLACEHOLDER_TEXT))

    # ---------------------------------------------------------------- layout
    def _build(self) -> None:
        self.galleryMessage = QLabel(objectName="galleryMessage")
        self.galleryMessage.setWordWrap(True)
        self.galleryMessage.setTextFormat(Qt.TextFormat.RichText)
        self.galleryMessage.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.galleryMessage.setMargin(40)
        self.galleryMessage.setMaximumWidth(720)
        message_page = QWidget()
        message_layout = QHBoxLayout(message_page)
        message_layout.addWidget(self.galleryMessage)

        self.galleryPages = QStackedWidget(objectName="galleryPages")
        self.galleryPages.addWidget(message_page)
        self.galleryPages.addWidget(self._build_content())
        self.evaluationView = EvaluationView()
        self.evaluationView.status_message.connect(self.status_message)
        self.galleryPages.addWidget(self.evaluationView)
        layout = QVBoxLayout(self)
        layout.addWidget(self.galleryPages)

    def _build_content(self) -> QWidget:
        self.galleryRunLabel = QLabel(objectName="galleryRunLabel")
        self.galleryRunLabel.setTextFormat(Qt.TextFormat.RichText)
        self.galleryEpochSlider = QSlider(
            Qt.Orientation.Horizontal, objectName="galleryEpochSlider"
        )
        self.galleryEpochSlider.setRange(0, 0)
        self.galleryEpochSlider.setPageStep(1)
        self.galleryEpochSlider.setTickPosition(QSlider.TickPosition.TicksBelow)
        self.galleryEpochSlider.setToolTip(
            self.tr(
                "Step back through the epochs to see how the pictures improved. The "
                "slider follows the newest epoch unless you move it back."
            )
        )
        self.galleryEpochSlider.valueChanged.connect(self._on_epoch_slider_value_changed)
        self.galleryEpochLabel = QLabel(self.tr("No epochs yet"), objectName="galleryEpochLabel")
        self.galleryEpochLabel.setMinimumWidth(130)
        self.saveGalleryButton = QPushButton(self.tr("Save image…"), objectName="saveGalleryButton")
        self.saveGalleryButton.setToolTip(
            self.tr(
                "Save the grid shown for this epoch as a PNG image (Ctrl+E): the "
                "samples, or the reconstructions for an autoencoder."
            )
        )
        self.saveGalleryButton.clicked.connect(self.export)
        top = QHBoxLayout()
        top.addWidget(self.galleryRunLabel)
        top.addSpacing(16)
        top.addWidget(QLabel(self.tr("Epoch:")))
        top.addWidget(self.galleryEpochSlider, 1)
        top.addWidget(self.galleryEpochLabel)
        top.addWidget(self.saveGalleryButton)

        self.galleryGrid = ImageGrid(objectName="galleryGrid")
        self.galleryGrid.setToolTip(
            self.tr(
                "Images decoded from the same random noise after each epoch: watch "
                "them turn from blur into digits or shapes."
            )
        )
        self.samplesGroup = QGroupBox(
            self.tr("Samples from fixed noise"), objectName="samplesGroup"
        )
        samples_layout = QVBoxLayout(self.samplesGroup)
        samples_layout.addWidget(self.galleryGrid, 1)

        self.reconstructionGrid = ImageGrid(objectName="reconstructionGrid")
        self.reconstructionGrid.setToolTip(
            self.tr(
                "The model squeezes each real image through its small latent code and rebuilds it."
            )
        )
        self.reconstructionCaption = QLabel(
            self.tr("top: real images, bottom: reconstructions"), objectName="reconstructionCaption"
        )
        self.reconstructionCaption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.reconstructionsGroup = QGroupBox(
            self.tr("Real images and their reconstructions"), objectName="reconstructionsGroup"
        )
        recon_layout = QVBoxLayout(self.reconstructionsGroup)
        recon_layout.addWidget(self.reconstructionGrid, 1)
        recon_layout.addWidget(self.reconstructionCaption)
        self.qualityPanel = QualityPanel()
        self.qualityPlot = self.qualityPanel.qualityPlot
        grids = QHBoxLayout()
        grids.addWidget(self.samplesGroup, 1)
        grids.addWidget(self.reconstructionsGroup, 1)
        grids.addWidget(self.qualityPanel, 1)

        self.interpolateButton = QPushButton(self.tr("Interpolate"), objectName="interpolateButton")
        self.interpolateButton.clicked.connect(self.show_interpolation)
        self.interpolationHint = QLabel(objectName="interpolationHint")
        self.interpolationHint.setWordWrap(True)
        self.interpolationGrid = ImageGrid(objectName="interpolationGrid")
        self.interpolationGrid.setMinimumHeight(80)
        self.interpolationGrid.setToolTip(
            self.tr("From the left image to the right one through the latent space, in 10 steps.")
        )
        self.interpolationGroup = QGroupBox(
            self.tr("Walk between two latent points"), objectName="interpolationGroup"
        )
        button_row = QHBoxLayout()
        button_row.addWidget(self.interpolateButton)
        button_row.addWidget(self.interpolationHint, 1)
        interp_layout = QVBoxLayout(self.interpolationGroup)
        interp_layout.addLayout(button_row)
        interp_layout.addWidget(self.interpolationGrid, 1)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(grids, 3)
        layout.addWidget(self._build_latent_views(), 2)
        return page

    def _build_latent_views(self) -> QTabWidget:
        """Interpolation, latent traversal and nearest training images share one tabbed area."""
        self.latentTraversal = LatentTraversal()
        self.nearestPanel = NearestPanel()
        for view in (self.latentTraversal, self.nearestPanel):
            view.status_message.connect(self.status_message)
        self.galleryViews = QTabWidget(objectName="galleryViews")
        self.galleryViews.addTab(self.interpolationGroup, self.tr("Interpolation"))
        self.galleryViews.addTab(self.latentTraversal, self.tr("Latent traversal (VAE)"))
        self.galleryViews.addTab(self.nearestPanel, self.tr("Nearest training image"))
        return self.galleryViews

    # ---------------------------------------------------------------- public API
    def on_run_started(self, info: dict[str, Any]) -> None:
        """A new training run: forget the old grids and get ready for this task's images."""
        self.run = None
        self.run_dir = Path(info["run_dir"]) if info.get("run_dir") else None
        self.task = Task(info["task"])
        self._reset_grids()
        self.qualityPanel.clear(len(info.get("classes") or []))
        self.latentTraversal.set_run(None)
        self.nearestPanel.set_run(None)
        config = info.get("config") or {}
        self._set_run_label(config)
        self._show_task()

    def add_images(self, epoch: int, kind: str, grid: np.ndarray) -> None:
        """Keep ``grid`` (uint8 H, W, C) for ``epoch``; show it if the slider follows the newest."""
        if kind not in self.grids:
            return
        self.grids[kind][int(epoch)] = np.ascontiguousarray(grid)
        self._update_slider()

    def on_epoch_ended(self, logs: dict[str, Any]) -> None:
        """An epoch of the live run ended: plot its sample-quality score, if it has one."""
        self.qualityPanel.add_epoch(logs)

    def set_run(self, run: LoadedRun | None) -> None:
        """Use a loaded run for interpolation; a saved run also brings its epoch grids."""
        self.jobs.cancel(INTERPOLATE)
        self.run = run
        self.latentTraversal.set_run(run)
        self.nearestPanel.set_run(run)
        if run is None:
            if self.task is None:
                self._show_message(QCoreApplication.translate("gallery_tab", PLACEHOLDER_TEXT))
            self._update_interpolate_button()
            return
        same_run = self.run_dir is not None and Path(run.path).resolve() == self.run_dir.resolve()
        if not same_run or not self.epochs():
            self.run_dir = Path(run.path)
            self._reset_grids()
            self._load_saved_grids(self.run_dir)
            records = RunDirectory(self.run_dir).read_metrics()
            self.qualityPanel.load_records(records, len(run.classes))
        self.task = run.task
        self._set_run_label(run.config)
        self._show_task()
        self._update_slider()

    def save_current(self, path: str) -> bool:
        """Write the displayed grid to ``path`` as PNG; report the outcome as a status message."""
        grid = self.current_grid()
        if grid is None:
            self.status_message.emit(self.tr("There is no gallery image to save yet."))
            return False
        target = Path(path)
        if target.suffix.lower() != ".png":
            target = target.with_name(target.name + ".png")
        try:
            if not target.parent.is_dir():  # a folder the person named, not one to create
                raise FileNotFoundError(target.parent)
            image = Image.fromarray(grid.squeeze(-1) if grid.shape[-1] == 1 else grid)
            atomic_write_bytes(target, encode_png(image))
        except FileNotFoundError:
            self.status_message.emit(
                self.tr("Could not save the image: the folder {parent} does not exist.").format(
                    parent=target.parent
                )
            )
            return False
        except (OSError, ValueError) as error:
            self.status_message.emit(
                self.tr("Could not save the image to {target}: {error}").format(
                    target=target, error=plain_error(error)
                )
            )
            return False
        self.status_message.emit(self.tr("Gallery image saved to {target}").format(target=target))
        return True

    def export(self) -> None:
        """Ask where to save the displayed grid (File → Export gallery, Ctrl+E)."""
        if self.current_grid() is None:
            self.status_message.emit(
                self.tr("There is no gallery image to save yet: train a generative model first.")
            )
            return
        epoch = self.current_epoch()
        stem = self.run_dir.name if self.run_dir else "gallery"
        name = f"{stem}-epoch{epoch or 0:03d}.png"
        path = self.choose_save_path(name)
        if path:
            self.save_current(path)

    # ---------------------------------------------------------------- queries
    def epochs(self) -> list[int]:
        """Every epoch that has at least one grid, in order."""
        return sorted(set(self.grids["samples"]) | set(self.grids["reconstructions"]))

    def current_epoch(self) -> int | None:
        epochs = self.epochs()
        if not epochs:
            return None
        return epochs[min(self.galleryEpochSlider.value(), len(epochs) - 1)]

    def current_grid(self) -> np.ndarray | None:
        """The grid the Save button writes: samples, else reconstructions, else interpolation."""
        epoch = self.current_epoch()
        if epoch is not None:
            for kind in KINDS:
                if epoch in self.grids[kind]:
                    return self.grids[kind][epoch]
        return self.interpolation

    def show_interpolation(self) -> None:
        """Decode a line between two new random latent points into ``interpolationGrid``.

        The decode is a background job holding the model's lock; the button waits for it.
        """
        if self.run is None or not self.run.task.has_latent:
            return
        run, seed = self.run, self.interpolation_seed

        def work(state: JobState) -> np.ndarray:
            with state.hold(run.model):
                return interpolate(run, steps=INTERPOLATION_STEPS, seed=seed)

        self.interpolateButton.setEnabled(False)
        self.jobs.start(INTERPOLATE, work, self._on_interpolated, self._on_interpolate_failed)

    def is_interpolating(self) -> bool:
        """True while an interpolation is decoded; tests wait for it to end."""
        return self.jobs.is_running(INTERPOLATE)

    def _on_interpolated(self, row: np.ndarray) -> None:
        self.interpolation_seed += 1
        self.interpolation = row
        self.interpolationGrid.set_single_image(row)
        self._update_interpolate_button()
        self.status_message.emit(
            self.tr("Interpolation {number}: a new pair of latent points.").format(
                number=self.interpolation_seed
            )
        )

    def _on_interpolate_failed(self, message: str) -> None:
        self._update_interpolate_button()
        self.status_message.emit(self.tr("Could not interpolate: {reason}").format(reason=message))

    # ---------------------------------------------------------------- internals
    def _ask_save_path(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the gallery image"), suggested, self.tr("PNG image (*.png)")
        )
        return path or None

    def _show_message(self, html: str) -> None:
        self.galleryMessage.setText(html)
        self.galleryPages.setCurrentIndex(0)

    def _reset_grids(self) -> None:
        self.grids = {kind: {} for kind in KINDS}
        self.interpolation = None
        self._follow_latest = True
        self._setting_slider = True
        self.galleryEpochSlider.setRange(0, 0)
        self._setting_slider = False
        self.galleryEpochLabel.setText(self.tr("No epochs yet"))
        self.interpolationGrid.clear()

    def _set_run_label(self, config: dict[str, Any]) -> None:
        model = str(config.get("model", ""))
        with contextlib.suppress(ValueError):
            model = core_text(get_model_spec(model).name)
        dataset = core_text(config.get("dataset_name") or config.get("dataset", ""))
        self.galleryRunLabel.setText(
            self.tr("<b>{model}</b> on {dataset}").format(model=model, dataset=dataset)
            if model
            else ""
        )

    def _show_task(self) -> None:
        """Show the test-set evaluation of classifiers, or the grids of a generative task."""
        if self.task is None or self.task.is_classifier:
            self.evaluationView.set_run(self.run)
            self.galleryPages.setCurrentWidget(self.evaluationView)
            self._update_interpolate_button()
            return
        self.galleryPages.setCurrentIndex(1)
        self.samplesGroup.setVisible(self.task.has_latent)
        self.reconstructionsGroup.setVisible(self.task.reconstructs)
        self.qualityPanel.setVisible(self.task.scores_samples)
        traversal = self.galleryViews.indexOf(self.latentTraversal)
        self.galleryViews.setTabVisible(traversal, self.task.has_latent_traversal)
        self._update_interpolate_button()
        self._show_epoch()

    def _update_interpolate_button(self) -> None:
        ready = self.run is not None and self.run.task.has_latent
        if ready:
            hint = QCoreApplication.translate("gallery_tab", INTERPOLATE_READY)
        elif self.task is Task.RECONSTRUCT or (self.run and self.run.task.is_generative):
            hint = QCoreApplication.translate("gallery_tab", INTERPOLATE_NEEDS_LATENT)
        else:
            hint = QCoreApplication.translate("gallery_tab", INTERPOLATE_NEEDS_RUN)
        self.interpolateButton.setEnabled(ready and not self.is_interpolating())
        self.interpolateButton.setToolTip(hint)
        self.interpolationHint.setText(hint)
        if self.interpolation is None:
            self.interpolationGrid.set_placeholder(
                self.tr("Press Interpolate to see a walk between two random points.")
                if ready
                else self.tr("No interpolation yet.")
            )

    def _update_slider(self) -> None:
        epochs = self.epochs()
        if not epochs:
            self._show_epoch()
            return
        self._setting_slider = True
        self.galleryEpochSlider.setRange(0, len(epochs) - 1)
        if self._follow_latest:
            self.galleryEpochSlider.setValue(len(epochs) - 1)
        self._setting_slider = False
        self._show_epoch()

    def _on_epoch_slider_value_changed(self, value: int) -> None:
        if not self._setting_slider:
            self._follow_latest = value == self.galleryEpochSlider.maximum()
        self._show_epoch()

    def _show_epoch(self) -> None:
        epochs = self.epochs()
        epoch = self.current_epoch()
        if epoch is None:
            self.galleryEpochLabel.setText(self.tr("No epochs yet"))
            self.galleryGrid.set_placeholder(self.tr("The first samples appear after epoch 1."))
            self.reconstructionGrid.set_placeholder(
                self.tr("Reconstructions appear after epoch 1.")
            )
            self.saveGalleryButton.setEnabled(self.interpolation is not None)
            return
        self.galleryEpochLabel.setText(
            self.tr("Epoch {epoch} of {value}").format(epoch=epoch, value=epochs[-1])
        )
        self.qualityPanel.show_epoch(epoch)
        for kind, grid_widget in (
            ("samples", self.galleryGrid),
            ("reconstructions", self.reconstructionGrid),
        ):
            grid = self.grids[kind].get(epoch)
            if grid is not None:
                grid_widget.set_single_image(grid)
            else:
                grid_widget.set_placeholder(
                    self.tr("No {kind} for epoch {epoch}.").format(kind=kind, epoch=epoch)
                )
        self.saveGalleryButton.setEnabled(True)

    def _load_saved_grids(self, run_dir: Path) -> None:
        """Read ``samples/epoch_NNN.png`` and ``reconstructions_NNN.png`` of a saved run."""
        folder = run_dir / SAMPLES_DIR
        if not folder.is_dir():
            return
        prefixes = {"epoch_": "samples", "reconstructions_": "reconstructions"}
        for path in sorted(folder.glob("*.png")):
            for prefix, kind in prefixes.items():
                number = path.stem[len(prefix) :]
                if path.stem.startswith(prefix) and number.isdigit():
                    try:
                        self.grids[kind][int(number)] = load_image_array(path, mode="RGB")
                    except ImageLoadError:
                        continue
