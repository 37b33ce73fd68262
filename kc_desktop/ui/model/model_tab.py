"""Model tab: choose a model, set its hyper-parameters (explained defaults), see its size.

Switching models keeps the values the person set; where the new model needs another value,
``modelChangesLabel`` says which changed and why (the rules: ``core/models/switching.py``).
"""

from __future__ import annotations

import html
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kc_desktop.core.choices import AUTO
from kc_desktop.core.data.augment_preview import augment_preview
from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.data.loader import Augment
from kc_desktop.core.devices import available_devices
from kc_desktop.core.guidance import model_in_words
from kc_desktop.core.kinds import RunState, Task
from kc_desktop.core.models.recommend import Recommendation, recommend_model
from kc_desktop.core.models.registry import ModelSpec, build_model, get_model_spec, list_models
from kc_desktop.core.models.summary import summarize
from kc_desktop.core.models.switching import settings_for
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.distributed import ALL_GPUS, ALL_GPUS_LABEL, local_gpu_count
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.model.backbone_box import BackboneBox
from kc_desktop.ui.model.layer_table import LayerTable
from kc_desktop.ui.model.recommendation_bar import RecommendationBar
from kc_desktop.ui.model.schedule_combo import schedule_combo
from kc_desktop.ui.widgets.image_grid import ImageGrid
from kc_desktop.ui.widgets.wrapped_label import WrappedLabel


class ModelTab(QWidget):
    """Builds the TrainConfig the Train tab starts a run with."""

    status_message = Signal(str)
    lr_change_requested = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.dataset: ImageDataset | None = None
        self._chosen: dict[str, float] = {}  # per-model settings the person set themselves
        self._augment_chosen: set[str] = set()  # augmentation switches the person set
        self._switching = False  # values set by a model switch are not the person's
        self._build()
        self._on_model_changed()

    def _build(self) -> None:
        """The tab from its groups: settings and augmentation left, layers and size right."""
        left = QVBoxLayout()
        left.addWidget(self._build_recommendation_bar())
        left.addWidget(self._build_settings_group())
        left.addWidget(self._build_backbone_box())
        left.addWidget(self._build_augment_group(), 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addWidget(self._build_summary_group(), 1)

    def _build_settings_group(self) -> QGroupBox:
        """Model choice and hyper-parameters, one form row each."""
        self._build_model_choice()
        self._build_optimisation_settings()
        self._build_model_settings()
        self._build_run_settings()
        form = QFormLayout()
        form.addRow(self.tr("Model:"), self.modelCombo)
        about = QVBoxLayout()  # a hidden label here takes no room; a hidden form row would
        about.addWidget(self.modelDescription)
        about.addWidget(self.modelChangesLabel)
        form.addRow("", about)
        form.addRow(self.tr("Epochs:"), self.epochsSpin)
        form.addRow(self.tr("Learning-rate schedule:"), self.lrScheduleCombo)
        form.addRow(self.tr("Batch size:"), self.batchSizeSpin)
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.learningRateSpin, 1)
        lr_row.addWidget(self.applyLrButton)
        form.addRow(self.tr("Learning rate:"), lr_row)
        form.addRow(self.tr("Optimizer:"), self.optimizerCombo)
        form.addRow(self.tr("Beta (VAE):"), self.betaSpin)
        form.addRow(self.tr("Quality:"), self.scoreSamplesCheck)
        form.addRow(self.tr("Device:"), self.deviceCombo)
        form.addRow(self.tr("Seed:"), self.seedSpin)
        settings = QGroupBox(self.tr("Hyper-parameters"))
        settings.setLayout(form)
        return settings

    def _build_model_choice(self) -> None:
        self.modelCombo = QComboBox(objectName="modelCombo")
        for spec in list_models():
            self.modelCombo.addItem(core_text(spec.name), spec.id)
            self.modelCombo.setItemData(
                self.modelCombo.count() - 1,
                core_text(spec.description),
                Qt.ItemDataRole.ToolTipRole,
            )
        self.modelCombo.currentIndexChanged.connect(self._on_model_changed)
        self.modelDescription = WrappedLabel(objectName="modelDescription")
        self.modelChangesLabel = WrappedLabel(objectName="modelChangesLabel")
        self.modelChangesLabel.setToolTip(
            self.tr("Settings the chosen model changed, and why; your other values stay")
        )
        self.modelChangesLabel.hide()

    def _build_optimisation_settings(self) -> None:
        """Epochs, batch size, learning rate (with its apply-while-paused button), optimiser."""
        self.epochsSpin = self._spin(
            "epochsSpin",
            0,
            1000,
            self.tr(
                "Passes over the training images. Auto (the default) stops once the validation "
                "loss has not improved for a few epochs, keeps the best epoch's weights and "
                "never runs past the time budget. A number trains exactly that many epochs."
            ),
        )
        self.epochsSpin.setSpecialValueText(self.tr("Auto"))
        self.lrScheduleCombo = schedule_combo(self)
        self.batchSizeSpin = self._spin(
            "batchSizeSpin",
            1,
            4096,
            self.tr("Images per step. Larger batches are faster per image but use more memory."),
        )
        self.learningRateSpin = QDoubleSpinBox(objectName="learningRateSpin")
        self.learningRateSpin.setDecimals(5)
        self.learningRateSpin.setRange(0.00001, 1.0)
        self.learningRateSpin.setSingleStep(0.0001)
        self.batchSizeSpin.valueChanged.connect(lambda v: self._on_setting_chosen("batch_size", v))
        self.learningRateSpin.valueChanged.connect(lambda v: self._on_setting_chosen("lr", v))
        self.learningRateSpin.setToolTip(
            self.tr(
                "Size of each weight update. Too high diverges, too low learns slowly. "
                "Can be changed while paused."
            )
        )
        self.optimizerCombo = QComboBox(objectName="optimizerCombo")
        self.optimizerCombo.addItem(self.tr("Adam (adaptive, a safe default)"), "adam")
        self.optimizerCombo.addItem(self.tr("SGD with momentum (classic)"), "sgd")
        self.optimizerCombo.setToolTip(
            self.tr("The rule that turns gradients into weight updates.")
        )
        self.applyLrButton = QPushButton(
            self.tr("Apply learning rate now"), objectName="applyLrButton"
        )
        self.applyLrButton.setToolTip(
            self.tr(
                "While a run is paused: use the new learning rate when it resumes. The "
                "change is marked on the curves."
            )
        )
        self.applyLrButton.setEnabled(False)
        self.applyLrButton.clicked.connect(
            lambda: self.lr_change_requested.emit(self.learningRateSpin.value())
        )

    def _build_model_settings(self) -> None:
        """Settings that apply to some models only (the VAE's beta, sample scoring)."""
        self.betaSpin = QDoubleSpinBox(objectName="betaSpin")
        self.betaSpin.setRange(0.0, 100.0)
        self.betaSpin.setSingleStep(0.5)
        self.betaSpin.setValue(1.0)
        self.betaSpin.setToolTip(
            self.tr(
                "VAE only: weight of the KL term in the ELBO. 1 is the classic VAE; "
                "larger values give smoother, more disentangled latents."
            )
        )
        self.scoreSamplesCheck = QCheckBox(
            self.tr("Score samples each epoch"), objectName="scoreSamplesCheck"
        )
        self.scoreSamplesCheck.setChecked(True)
        self.scoreSamplesCheck.setToolTip(
            self.tr(
                "VAE and DCGAN: after each epoch, measure how close 512 samples are to "
                "real images (Fréchet distance and class coverage, plotted on the "
                "Gallery tab). The first run on a dataset trains a small classifier "
                "for it, a few seconds on digits."
            )
        )

    def _build_run_settings(self) -> None:
        """Where the run trains and its seed."""
        self.deviceCombo = QComboBox(objectName="deviceCombo")
        for choice in available_devices():
            self.deviceCombo.addItem(core_text(choice.label), choice.id)
        if local_gpu_count() > 1:  # trains through a torchrun child (ui/train/external_runs.py)
            label = core_text(ALL_GPUS_LABEL).format(count=local_gpu_count())
            self.deviceCombo.addItem(label, ALL_GPUS)
        self.deviceCombo.setToolTip(self.tr("Where to train. Auto picks a GPU when there is one."))
        self.seedSpin = self._spin(
            "seedSpin",
            0,
            2**31 - 1,
            self.tr("Same seed and settings give the same results on the CPU."),
        )

    def _build_augment_group(self) -> QGroupBox:
        """The augmentation switches and a preview of what they do to training images."""
        self.augmentGroup = QGroupBox(
            self.tr("Augmentation (classifiers)"), objectName="augmentGroup"
        )
        self.flipCheck = QCheckBox(self.tr("Flip left-right"), objectName="flipCheck")
        self.shiftCheck = QCheckBox(self.tr("Shift up to 10%"), objectName="shiftCheck")
        self.zoomCheck = QCheckBox(self.tr("Zoom up to 10%"), objectName="zoomCheck")
        self.augmentGroup.setToolTip(
            self.tr(
                "Random changes to training images, as in the articles' data "
                "generator: more variety, less over-fitting."
            )
        )
        self.augmentPreview = ImageGrid(objectName="augmentPreview")
        self.augmentPreview.set_placeholder(self.tr("Tick a switch to preview augmented samples."))
        self.augmentPreview.setMinimumHeight(110)
        checks = QHBoxLayout()
        for check in (self.flipCheck, self.shiftCheck, self.zoomCheck):
            check.toggled.connect(self._update_augment_preview)
            check.toggled.connect(partial(self._on_augment_chosen, check.objectName()))
            checks.addWidget(check)
        augment_layout = QVBoxLayout(self.augmentGroup)
        augment_layout.addLayout(checks)
        augment_layout.addWidget(self.augmentPreview)
        return self.augmentGroup

    def _build_backbone_box(self) -> BackboneBox:
        """Pretrained models: quick or fine-tune, input size, weights state."""
        self.backboneBox = BackboneBox()
        self.backboneBox.scratch_requested.connect(self.select_model)
        self.backboneBox.backboneSizeCombo.currentIndexChanged.connect(self._update_summary)
        self.backboneBox.trainModeCombo.currentIndexChanged.connect(self._follow_recommendation)
        return self.backboneBox

    def _build_recommendation_bar(self) -> RecommendationBar:
        """The model proposed for the loaded data, with why, and a button to take it."""
        self.recommendationBar = RecommendationBar()
        self.recommendationBar.accepted.connect(self._on_recommendation_accepted)
        return self.recommendationBar

    def _build_summary_group(self) -> QGroupBox:
        """The model's layer table and size for the loaded dataset's images."""
        self.modelSummary = LayerTable(objectName="modelSummary")
        self.modelSummary.hide()  # the experts' view, behind "Show layers"
        self.modelSizeLabel = WrappedLabel(objectName="modelSizeLabel")  # its lines' height
        self.showLayersButton = QPushButton(self.tr("Show layers"), objectName="showLayersButton")
        self.showLayersButton.setCheckable(True)
        self.showLayersButton.setToolTip(self.tr("The table of layers, shapes and parameters"))
        self.showLayersButton.toggled.connect(self._on_show_layers_button_toggled)
        summary_box = QGroupBox(self.tr("Layers and size"))
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.addWidget(self.modelSizeLabel)
        summary_layout.addWidget(self.showLayersButton, 0, Qt.AlignmentFlag.AlignLeft)
        summary_layout.addWidget(self.modelSummary, 1)
        summary_layout.addStretch(0)  # layers hidden: the words and the button stay on top
        return summary_box

    def _on_show_layers_button_toggled(self, shown: bool) -> None:
        self.modelSummary.setVisible(shown)
        self.showLayersButton.setText(self.tr("Hide layers") if shown else self.tr("Show layers"))

    @staticmethod
    def _spin(name: str, low: int, high: int, tip: str) -> QSpinBox:
        spin = QSpinBox(objectName=name)
        spin.setRange(low, high)
        spin.setToolTip(tip)
        return spin

    @property
    def model_id(self) -> str:
        return str(self.modelCombo.currentData())

    def select_model(self, model_id: str) -> None:
        index = self.modelCombo.findData(model_id)
        if index >= 0:
            self.modelCombo.setCurrentIndex(index)

    def set_dataset(self, dataset: ImageDataset) -> None:
        self.dataset = dataset
        self.recommendationBar.propose(
            recommend_model(dataset.channels, dataset.size),
            self.model_id,
            self.backboneBox.fine_tune,
        )
        self._update_summary()
        self._update_augment_preview()

    def config(self, dataset: ImageDataset) -> TrainConfig:
        """The run the user has set up on this tab, on ``dataset`` (the data in use)."""
        spec = get_model_spec(self.model_id)
        return TrainConfig(
            dataset=dataset.id,
            model=self.model_id,
            epochs=self.epochsSpin.value() or AUTO,
            lr_schedule=str(self.lrScheduleCombo.currentData()),
            batch_size=self.batchSizeSpin.value(),
            lr=self.learningRateSpin.value(),
            optimizer=str(self.optimizerCombo.currentData()),
            beta=self.betaSpin.value(),
            device=str(self.deviceCombo.currentData()),
            seed=self.seedSpin.value(),
            folder=dataset.folder,
            image_size=dataset.size if dataset.folder else None,
            colour=("grey" if dataset.channels == 1 else "rgb") if dataset.folder else "auto",
            augment=self._augment() if spec.augmentable else Augment(),
            score_samples=self.scoreSamplesCheck.isChecked(),
            fine_tune=spec.pretrained and self.backboneBox.fine_tune,
            backbone_size=self.backboneBox.backbone_size if spec.pretrained else None,
        )

    def set_run_state(self, state: str) -> None:
        """Lock settings while a run is active; the learning rate stays editable when paused."""
        idle = state == RunState.IDLE
        for widget in (
            self.modelCombo,
            self.epochsSpin,
            self.lrScheduleCombo,
            self.batchSizeSpin,
            self.optimizerCombo,
            self.betaSpin,
            self.scoreSamplesCheck,
            self.deviceCombo,
            self.seedSpin,
            self.augmentGroup,
            self.backboneBox,
            self.recommendationBar,
        ):
            widget.setEnabled(idle and self._applies(widget))
        if idle:  # a failed download may have left the weights missing, or a run fetched them
            self.backboneBox.show_model(self.model_id)
        self.learningRateSpin.setEnabled(idle or state == RunState.PAUSED)
        self.applyLrButton.setEnabled(state == RunState.PAUSED)

    def _applies(self, widget: QWidget) -> bool:
        """Beta is for the VAE only, the quality score for models that draw samples."""
        task = get_model_spec(self.model_id).task
        if widget is self.betaSpin:
            return task is Task.VAE
        if widget is self.scoreSamplesCheck:
            return task.scores_samples
        return True

    def _augment(self) -> Augment:
        return Augment(
            flip=self.flipCheck.isChecked(),
            shift=0.1 if self.shiftCheck.isChecked() else 0.0,
            zoom=0.1 if self.zoomCheck.isChecked() else 0.0,
        )

    def _on_setting_chosen(self, name: str, value: float) -> None:
        if not self._switching:
            self._chosen[name] = value

    def _on_augment_chosen(self, name: str, _on: bool) -> None:
        if not self._switching:
            self._augment_chosen.add(name)

    def _on_model_changed(self) -> None:
        spec = get_model_spec(self.model_id)
        self.modelDescription.setText(core_text(spec.description))
        self._apply_model_settings(spec)
        self._apply_model_augment(spec)
        self.betaSpin.setEnabled(self._applies(self.betaSpin))
        self.scoreSamplesCheck.setEnabled(self._applies(self.scoreSamplesCheck))
        self.augmentGroup.setEnabled(spec.augmentable)
        self.backboneBox.show_model(spec.id)
        self._follow_recommendation()
        self._update_summary()

    def _apply_model_settings(self, spec: ModelSpec) -> None:
        """Batch size and learning rate for ``spec``; the sentences of what changed, shown."""
        spins = {"batch_size": self.batchSizeSpin, "lr": self.learningRateSpin}
        shown = {name: spin.value() for name, spin in spins.items()}
        changes = settings_for(spec, shown, self._chosen)
        self._switching = True
        try:
            for change in changes:
                spins[change.name].setValue(change.value)
        finally:
            self._switching = False
        sentences = [text for change in changes if (text := change.text(core_text))]
        self.modelChangesLabel.setText(" ".join(sentences))
        self.modelChangesLabel.setVisible(bool(sentences))

    def _apply_model_augment(self, spec: ModelSpec) -> None:
        """Switches the person never touched follow ``spec``'s default augmentation."""
        defaults = {
            "flipCheck": spec.default_augment.flip,
            "shiftCheck": spec.default_augment.shift > 0,
            "zoomCheck": spec.default_augment.zoom > 0,
        }
        self._switching = True
        try:
            for check in (self.flipCheck, self.shiftCheck, self.zoomCheck):
                if check.objectName() not in self._augment_chosen:
                    check.setChecked(defaults[check.objectName()])
        finally:
            self._switching = False

    def _update_summary(self) -> None:
        if self.dataset is None:
            self.modelSummary.show_message(
                self.tr("Load a dataset to see the layers for its image size.")
            )
            return
        spec = get_model_spec(self.model_id)
        size = spec.input_size(self.dataset.size, self.backboneBox.backbone_size)
        model = build_model(
            spec.id,
            channels=self.dataset.channels,
            size=size,
            num_classes=len(self.dataset.classes),
        )
        summary = summarize(model, (self.dataset.channels, size, size))
        megabytes = summary.total_params * 4 / 2**20
        words = model_in_words([row.kind for row in summary.rows], summary.total_params, core_text)
        self.modelSizeLabel.setText(f"<b>{html.escape(words)}</b>")
        self.modelSizeLabel.setToolTip(
            self.tr(
                "{params} parameters ({megabytes} MB of weights), input {c}×{size}×{size}"
            ).format(
                params=f"{summary.total_params:,}",
                megabytes=f"{megabytes:.1f}",
                c=self.dataset.channels,
                size=size,
            )
        )
        self.modelSummary.show_summary(summary)

    def _on_recommendation_accepted(self, recommendation: Recommendation) -> None:
        self.select_model(recommendation.model_id)
        self.backboneBox.set_fine_tune(recommendation.fine_tune)
        self._follow_recommendation()

    def _follow_recommendation(self) -> None:
        self.recommendationBar.follow(self.model_id, self.backboneBox.fine_tune)

    def _update_augment_preview(self) -> None:
        augment = self._augment()
        if self.dataset is None or not augment.enabled:
            self.augmentPreview.clear()
            return
        images, captions = augment_preview(self.dataset, augment)
        self.augmentPreview.set_images(images, captions)
