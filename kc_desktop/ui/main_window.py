"""The main window: five tabs, menus, status bar, remembered settings — wiring only.

The window is shown with placeholder pages; the real tabs are built once PyTorch and the
core have been imported in the background (``load_core``), so start-up paints at once.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QByteArray, QCoreApplication, QSettings, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from kc_desktop.core.guidance import model_name, run_title
from kc_desktop.core.kinds import RunState
from kc_desktop.core.paths import app_home
from kc_desktop.ui.accessibility import describe_controls
from kc_desktop.ui.core_loader import CoreLoader
from kc_desktop.ui.core_text import core_text
from kc_desktop.ui.guide.window_guidance import WindowGuidance
from kc_desktop.ui.i18n import apply_language, install_translators, status_text
from kc_desktop.ui.icon import app_icon
from kc_desktop.ui.jobs import shutdown_jobs
from kc_desktop.ui.language_menu import build_language_menu
from kc_desktop.ui.quit_while_training import QuitWhileTraining

APP_TITLE = QT_TRANSLATE_NOOP("main_window", "kc_desktop — deep-learning studio")
TAB_TITLES = (
    QT_TRANSLATE_NOOP("main_window", "Data"),
    QT_TRANSLATE_NOOP("main_window", "Model"),
    QT_TRANSLATE_NOOP("main_window", "Train"),
    QT_TRANSLATE_NOOP("main_window", "Gallery"),
    QT_TRANSLATE_NOOP("main_window", "Classify"),
)
SHORTCUTS_HELP = QT_TRANSLATE_NOOP(
    "main_window",
    """<table>
<tr><td><b>F5</b></td><td>Train</td></tr>
<tr><td><b>F6</b></td><td>Pause / resume</td></tr>
<tr><td><b>Shift+F5</b></td><td>Stop (keeps what was trained)</td></tr>
<tr><td><b>Ctrl+1 … Ctrl+5</b></td><td>Go to a tab</td></tr>
<tr><td><b>Ctrl+R</b></td><td>Show / hide the saved runs (open, rename, delete, compare)</td></tr>
<tr><td><b>Ctrl+O</b></td><td>Open an image folder</td></tr>
<tr><td><b>Ctrl+Shift+O</b></td><td>Open a saved run</td></tr>
<tr><td><b>Ctrl+S</b></td><td>Save the model (copy the run folder)</td></tr>
<tr><td><b>Ctrl+E</b></td><td>Export the gallery as PNG</td></tr>
<tr><td><b>Ctrl+V</b></td><td>Paste an image to classify (Classify tab)</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>Quit</td></tr></table>""",
)


def _placeholder(text: str) -> QWidget:
    label = QLabel(text)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return label


class MainWindow(QMainWindow):
    """Owns the tabs and the training session and connects them."""

    core_ready = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("MainWindow")
        self.settings = QSettings(str(app_home() / "settings.ini"), QSettings.Format.IniFormat)
        self.language = apply_language(self.settings)
        self.setWindowTitle(QCoreApplication.translate("main_window", APP_TITLE))
        self.setWindowIcon(app_icon())
        self.mainTabs = QTabWidget(objectName="mainTabs")
        for title in TAB_TITLES:
            self.mainTabs.addTab(
                _placeholder(self.tr("Loading PyTorch…")),
                QCoreApplication.translate("main_window", title),
            )
        self.setCentralWidget(self.mainTabs)
        self.deviceLabel = QLabel(self.tr("Starting…"), objectName="deviceLabel")
        self.statusBar().addPermanentWidget(self.deviceLabel)
        self.statusBar().showMessage(self.tr("Loading PyTorch…"))
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 800)
        self.session: Any = None
        self.current_run: Any = None
        self.confirm_close: Callable[[], bool] = self._ask_close_during_training
        self.choose_save_folder: Callable[[], str | None] = self._ask_save_folder
        self.confirm_discard_unsaved: Callable[[], bool] = self._ask_discard_unsaved
        self.quitting: QuitWhileTraining | None = None  # stopping the run to close
        self._loader = CoreLoader()
        self._loader.progress.connect(self.statusBar().showMessage)
        self._loader.loaded.connect(self._on_core_loaded)
        self._loader.failed.connect(self._on_core_failed)
        self.is_core_ready = False

    def load_core(self) -> None:
        """Import the engine in the background; tabs appear when it is ready."""
        self._loader.start()

    def _on_core_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        for index in range(self.mainTabs.count()):
            self._replace_tab(index, _placeholder(message))

    def _replace_tab(self, index: int, widget: QWidget) -> None:
        title = self.mainTabs.tabText(index)
        old = self.mainTabs.widget(index)
        self.mainTabs.removeTab(index)
        self.mainTabs.insertTab(index, widget, title)
        old.deleteLater()

    def _on_core_loaded(self) -> None:
        from kc_desktop.core.devices import describe_device, resolve_device
        from kc_desktop.ui.classify.classify_tab import ClassifyTab
        from kc_desktop.ui.data.data_tab import DataTab
        from kc_desktop.ui.gallery.gallery_tab import GalleryTab
        from kc_desktop.ui.model.model_tab import ModelTab
        from kc_desktop.ui.train.train_tab import TrainTab
        from kc_desktop.ui.train.training_session import TrainingSession

        self.data_tab, self.model_tab, self.train_tab = DataTab(), ModelTab(), TrainTab()
        self.gallery_tab, self.classify_tab = GalleryTab(), ClassifyTab()
        tabs = (self.data_tab, self.model_tab, self.train_tab, self.gallery_tab, self.classify_tab)
        for index, tab in enumerate(tabs):
            self._replace_tab(index, tab)
            tab.status_message.connect(self.show_message)
        self.session = TrainingSession(self)
        from kc_desktop.ui.train.external_runs import ExternalRuns

        self.externalRuns = ExternalRuns(self.train_tab, self.session, self)
        self.externalRuns.status_message.connect(self.show_message)
        self.externalRuns.launch_state_changed.connect(self.model_tab.set_run_state)
        self._wire()
        from kc_desktop.ui.train.estimate_probe import TrainEstimate

        self.trainEstimate = TrainEstimate(self)
        self._build_runs_dock()
        self._build_menus()
        describe_controls(self)  # first: the form labels then copy their fields' tooltips
        self._wire_guidance()
        self.deviceLabel.setText(core_text(describe_device(resolve_device("auto"))))
        self._restore_choices()
        self._open_newest_classifier()
        self.is_core_ready = True
        self.show_message(self.tr("Ready."))
        self.core_ready.emit()

    def _wire(self) -> None:
        data, model, train, session = self.data_tab, self.model_tab, self.train_tab, self.session
        data.dataset_changed.connect(model.set_dataset)
        data.dataset_changed.connect(lambda _: self._update_title())
        train.train_requested.connect(self.start_training)
        train.pause_toggled.connect(self.toggle_pause)
        train.stop_requested.connect(session.stop)
        train.save_elsewhere_requested.connect(self.save_unsaved_elsewhere)
        model.lr_change_requested.connect(self._on_lr_change_requested)
        session.state_changed.connect(train.set_run_state)
        session.state_changed.connect(model.set_run_state)
        session.run_started.connect(train.on_run_started)
        session.preparing.connect(train.on_preparing)
        session.run_started.connect(self.gallery_tab.on_run_started)
        session.run_started.connect(self._on_run_started)
        session.metrics_logged.connect(train.on_metrics)
        session.epoch_ended.connect(train.on_epoch_ended)
        session.epoch_ended.connect(self.gallery_tab.on_epoch_ended)
        session.images_ready.connect(self.gallery_tab.add_images)
        session.event_logged.connect(self._on_event_logged)
        session.finished.connect(self._on_run_finished)
        session.failed.connect(self._on_run_failed)
        self.classify_tab.run_loaded.connect(self._set_current_run)
        if not self.is_core_ready:  # once: the tab bar outlives a rebuild in another language
            self.mainTabs.currentChanged.connect(
                lambda index: self.settings.setValue("window/tab", index)
            )

    def _build_runs_dock(self) -> None:
        """The run history, docked at the bottom; hidden at first, then as the user left it."""
        from kc_desktop.ui.runs.runs_dock import RunsDock

        self.runsDock = RunsDock(self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.runsDock)
        self.runsDock.hide()
        self.runsDock.status_message.connect(self.show_message)
        self.runsDock.open_requested.connect(self._on_history_open_requested)
        self.runsDock.run_renamed.connect(self._on_history_run_renamed)
        self.session.run_started.connect(
            lambda info: self.runsDock.set_training_run(info["run_dir"])
        )
        self.session.epoch_ended.connect(self.runsDock.on_epoch_ended)
        self.session.finished.connect(lambda _: self.runsDock.set_training_run(None))
        self.session.failed.connect(lambda _: self.runsDock.set_training_run(None))
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)

    def _wire_guidance(self) -> None:
        """Verdict buttons, the tour, presenter mode, wrapped tooltips (ui/guide/)."""
        self.guidance = WindowGuidance(self)
        self.train_tab.verdictPanel.results_requested.connect(
            lambda: self.mainTabs.setCurrentWidget(self.gallery_tab)
        )
        self.train_tab.verdictPanel.try_requested.connect(
            lambda: self.mainTabs.setCurrentWidget(self.classify_tab)
        )
        self.classify_tab.runs_list_requested.connect(self.show_saved_runs)

    def show_getting_started(self) -> None:
        """Help → Getting started: the tour of the five tabs (non-modal)."""
        self.guidance.show_tour()

    def offer_getting_started(self) -> bool:
        """Open the tour on the very first launch only (``run_app`` calls this)."""
        return self.guidance.offer_tour_once()

    def set_presenter_mode(self, on: bool) -> None:
        """View → Presenter mode (F11): large and full screen, or back as it was."""
        self.presenterModeAction.setChecked(on)
        self.guidance.presenter.set_active(on)

    def show_saved_runs(self) -> None:
        """File → Open saved run: the runs list (model, dataset, accuracy), not a folder."""
        self.guidance.show_saved_runs()

    def _open_newest_classifier(self) -> None:
        """At start-up the Classify tab gets the newest classifier run, ready to try."""
        path = self.guidance.newest_classifier_run()
        if path is not None:
            self.classify_tab.open_run(str(path))

    def _on_history_open_requested(self, path: str) -> None:
        """Open through the Classify tab (it loads and reports errors), then show the run;
        a run another process is still writing is followed in the Train tab instead."""
        if not self.session.is_active and self.externalRuns.follow_if_being_written(path):
            self.mainTabs.setCurrentWidget(self.train_tab)
            return
        run = self.classify_tab.open_run(path)
        if run is not None:
            self.mainTabs.setCurrentWidget(
                self.gallery_tab if run.is_generative else self.classify_tab
            )

    def _on_history_run_renamed(self, old: str, new: str) -> None:
        """Reload the current run from its new folder, so the gallery and Save find it."""
        if self.current_run is not None and Path(self.current_run.path) == Path(old):
            self.classify_tab.open_run(new)

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._action(
            file_menu, self.tr("Open image &folder…"), "Ctrl+O", self.data_tab.choose_folder
        )
        self._action(file_menu, self.tr("Open saved &run…"), "Ctrl+Shift+O", self.show_saved_runs)
        self._action(file_menu, self.tr("&Save model…"), "Ctrl+S", self.save_model)
        self._action(file_menu, self.tr("&Export gallery…"), "Ctrl+E", self.gallery_tab.export)
        from kc_desktop.ui.export.export_actions import ExportActions

        self.exportActions = ExportActions(self)
        self.exportActions.add_to(file_menu)
        file_menu.addSeparator()
        self._action(file_menu, self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        run_menu = self.menuBar().addMenu(self.tr("&Run"))
        self._action(run_menu, self.tr("&Train"), "F5", self.start_training)
        self._action(run_menu, self.tr("&Pause / resume"), "F6", self.toggle_pause)
        self._action(run_menu, self.tr("&Stop"), "Shift+F5", self.train_tab.stop_requested.emit)
        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for index, title in enumerate(TAB_TITLES):
            self._action(
                view_menu,
                QCoreApplication.translate("main_window", title),
                f"Ctrl+{index + 1}",
                lambda _=False, i=index: self.mainTabs.setCurrentIndex(i),
            )
        view_menu.addSeparator()
        runs_action = self.runsDock.toggleViewAction()
        runs_action.setText(self.tr("&Runs"))
        runs_action.setShortcut(QKeySequence("Ctrl+R"))
        view_menu.addAction(runs_action)
        view_menu.addSeparator()
        self.presenterModeAction = self._action(
            view_menu, self.tr("&Presenter mode"), "F11", self.set_presenter_mode
        )
        self.presenterModeAction.setObjectName("presenterModeAction")
        self.presenterModeAction.setCheckable(True)
        self.presenterModeAction.setToolTip(
            self.tr("Full screen, large text and thick curves for a projector (F11 to leave)")
        )
        self.languageMenu = build_language_menu(self, view_menu)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.gettingStartedAction = self._action(
            help_menu, self.tr("&Getting started"), None, self.show_getting_started
        )
        self.gettingStartedAction.setObjectName("gettingStartedAction")
        self._action(help_menu, self.tr("&Keyboard shortcuts"), "F1", self._show_shortcuts)
        self._action(help_menu, self.tr("&About kc_desktop"), None, self._show_about)

    def _action(self, menu, text: str, shortcut, slot) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def can_rebuild(self) -> bool:
        """True when tabs can be rebuilt without losing a run (none trains, none unsaved)."""
        session = self.session
        return self.is_core_ready and not (session.is_active or session.unsaved is not None)

    def rebuild_in_language(self, language: str) -> None:
        """Load ``language`` and rebuild tabs, menus and dock in it; the open run stays open.

        Rebuilding rather than retranslating each widget keeps every widget's text code in
        one place (its constructor); it takes a fraction of a second once the core is loaded.
        """
        run, index = self.current_run, self.mainTabs.currentIndex()
        self.language = install_translators(language)
        self.settings.setValue("window/state", self.saveState())
        for action in self.menuBar().actions():
            if action.menu() is not None:  # menus belong to the bar: clear() would keep them
                action.menu().deleteLater()
        self.menuBar().clear()
        self.removeDockWidget(self.runsDock)
        for old in (self.runsDock, self.exportActions, self.externalRuns, self.session):
            old.deleteLater()
        for position, title in enumerate(TAB_TITLES):
            self.mainTabs.setTabText(position, QCoreApplication.translate("main_window", title))
        self._on_core_loaded()
        self.statusBar().clearMessage()
        self.mainTabs.setCurrentIndex(index)
        if run is not None:
            self._set_current_run(run)
        else:
            self._update_title()

    def _restore_choices(self) -> None:
        self.model_tab.select_model(str(self.settings.value("choices/model", "small-cnn")))
        backbone = self.model_tab.backboneBox
        backbone.set_fine_tune(self.settings.value("choices/fine_tune", False, type=bool))
        backbone.set_backbone_size(int(self.settings.value("choices/backbone_size", 0, type=int)))
        folder = self.settings.value("choices/folder")
        dataset = str(self.settings.value("choices/dataset", "digits"))
        if dataset == "folder" and folder and Path(str(folder)).is_dir():
            self.data_tab.load_folder(str(folder))
        else:
            self.data_tab.select_dataset(dataset if dataset != "folder" else "digits")
        self.mainTabs.setCurrentIndex(int(self.settings.value("window/tab", 0)))

    def show_message(self, message: str) -> None:
        self.statusBar().showMessage(message, 15_000)

    def _update_title(self) -> None:
        parts = [QCoreApplication.translate("main_window", APP_TITLE)]
        if self.current_run is not None:
            parts.insert(0, run_title(self.current_run.config, core_text))
        self.setWindowTitle(" — ".join(parts))

    def start_training(self) -> None:
        if self.session is None or self.session.is_active:
            return
        if self.data_tab.dataset is None or self.data_tab.is_loading:
            self.show_message(self.tr("Wait for the dataset to finish loading, then press Train."))
            return
        if self.session.unsaved is not None and not self.confirm_discard_unsaved():
            return
        self.train_tab.show_unsaved(False)
        config = self.model_tab.config(self.data_tab.dataset)
        self.settings.setValue("choices/model", config.model)
        self.settings.setValue("choices/dataset", config.dataset)
        self.settings.setValue("choices/folder", config.folder or "")
        self.settings.setValue("choices/fine_tune", self.model_tab.backboneBox.fine_tune)
        self.settings.setValue(
            "choices/backbone_size", self.model_tab.backboneBox.backbone_size or 0
        )
        self.mainTabs.setCurrentWidget(self.train_tab)
        self.trainEstimate.stop()  # its probe must not share the RNG with the run
        if self.externalRuns.start_if_all_gpus(config):  # a torchrun child, followed
            return
        self.train_tab.start_log(
            self.tr("Starting {model} on {dataset}…").format(
                model=core_text(model_name(config.model)),
                dataset=core_text(self.data_tab.dataset.name),
            )
        )
        self.session.start(config, self.data_tab.dataset)

    def toggle_pause(self) -> None:
        if self.session is None:
            return
        if self.session.state == RunState.PAUSED:
            self.session.resume()
            self.train_tab.log(self.tr("Resumed."))
        elif self.session.state == RunState.RUNNING:
            self.session.pause()
            self.train_tab.log(
                self.tr(
                    "Paused: the run waits at the next step. The learning rate can be "
                    "changed on the Model tab."
                )
            )

    def _on_lr_change_requested(self, lr: float) -> None:
        self.session.set_lr(lr)
        self.train_tab.log(
            self.tr("New learning rate {lr:g} will apply when the run resumes.").format(lr=lr)
        )

    def _on_run_started(self, info: dict) -> None:
        title = QCoreApplication.translate("main_window", APP_TITLE)
        self.setWindowTitle(f"{run_title(info['config'], core_text)} — {title}")
        note = self.tr("A new {model} is training; this tab uses the model below until it ends.")
        model = model_name(str(info["config"].get("model", "")))
        self.classify_tab.set_training_note(
            note.format(model=model) if info["task"] == "classify" else ""
        )
        self.show_message(self.tr("Training on {device}…").format(device=info["device"]))

    def _on_event_logged(self, message: str, level: str) -> None:
        self.train_tab.log(core_text(message), level)

    def _on_run_finished(self, summary: dict) -> None:
        self.classify_tab.set_training_note("")
        self.train_tab.on_finished(summary)
        if self.session.unsaved is not None:
            self.train_tab.show_unsaved(True)
            self.show_message(
                self.tr("The run could not be saved: press Save elsewhere… (Train tab).")
            )
            return
        self.show_message(
            self.tr("Run {status}: saved in {run_dir}").format(
                status=status_text(summary["status"]).lower(), run_dir=summary["run_dir"]
            )
        )
        from kc_desktop.core.inference import load_run

        try:
            self._set_current_run(load_run(summary["run_dir"]))
        except (ValueError, OSError) as error:
            from kc_desktop.ui.errors import plain_error

            self.train_tab.log(
                self.tr("The run could not be reopened for the gallery: {error}").format(
                    error=plain_error(error)
                ),
                "warning",
            )

    def _on_run_failed(self, message: str) -> None:
        self.classify_tab.set_training_note("")
        message = core_text(message)
        self.train_tab.on_failed(message)
        self.show_message(self.tr("Training failed: {message}").format(message=message))

    def _set_current_run(self, run: Any) -> None:
        self.current_run = run
        self.gallery_tab.set_run(run)
        # The Classify tab keeps the last classifier when a generative model comes next.
        if run is not self.classify_tab.run and run.task.is_classifier:
            self.classify_tab.set_run(run)
        self._update_title()

    def save_model(self) -> None:
        if self.current_run is None:
            self.show_message(self.tr("Nothing to save yet: train a model or open a saved run."))
            return
        target = QFileDialog.getExistingDirectory(self, self.tr("Copy the run folder into…"))
        if target:
            self.copy_run_to(Path(target))

    def copy_run_to(self, parent: Path) -> Path | None:
        from kc_desktop.core.runs.layout import unique_folder

        try:
            destination = unique_folder(parent, self.current_run.path.name)
            shutil.copytree(self.current_run.path, destination, dirs_exist_ok=True)
        except OSError as error:
            from kc_desktop.ui.errors import plain_error

            self.show_message(
                self.tr("Could not save the model: {error}").format(error=plain_error(error))
            )
            return None
        self.show_message(self.tr("Model saved to {destination}").format(destination=destination))
        return destination

    def save_unsaved_elsewhere(self) -> Path | None:
        """Write the run whose own folder failed (disk full, read-only) to a chosen folder."""
        if self.session is None or self.session.unsaved is None:
            return None
        parent = self.choose_save_folder()
        if not parent:
            return None
        from kc_desktop.core.inference import load_run
        from kc_desktop.ui.errors import plain_error

        try:
            destination = self.session.save_unsaved(parent)
        except OSError as error:
            self.show_message(
                self.tr("Could not save the run there either: {error}").format(
                    error=plain_error(error)
                )
            )
            return None
        self.train_tab.show_unsaved(False)
        self.train_tab.log(self.tr("Run saved to {destination}").format(destination=destination))
        self.show_message(self.tr("Run saved to {destination}").format(destination=destination))
        try:
            self._set_current_run(load_run(destination))
        except (ValueError, OSError) as error:
            from kc_desktop.ui.errors import plain_error

            self.train_tab.log(
                self.tr("The saved run could not be reopened: {error}").format(
                    error=plain_error(error)
                ),
                "warning",
            )
        return destination

    def _ask_save_folder(self) -> str | None:
        return QFileDialog.getExistingDirectory(self, self.tr("Save the run into…")) or None

    def _ask_discard_unsaved(self) -> bool:
        """Offer to save the unsaved run first; False when the user cancels."""
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Run not saved"),
            self.tr("The last run could not be saved in its folder; it exists only in memory."),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            self,
        )
        save = box.addButton(self.tr("Save elsewhere…"), QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        if box.clickedButton() is save:
            return self.save_unsaved_elsewhere() is not None
        return box.clickedButton() is box.button(QMessageBox.StandardButton.Discard)

    def _show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            self.tr("Keyboard shortcuts"),
            QCoreApplication.translate("main_window", SHORTCUTS_HELP),
        )

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About kc_desktop"),
            self.tr(
                "<b>kc_desktop</b><br>Train, watch and use neural networks by pointing "
                "and clicking.<br>PyTorch · PySide6 · pyqtgraph · MIT licence."
            ),
        )

    def _ask_close_during_training(self) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Training is running"),
            self.tr("A model is training. Stop it, save what it has learned, and quit?"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.session is not None and self.session.is_active:
            event.ignore()  # close again once the run has stopped and saved (no freeze)
            if self.quitting is None and self.confirm_close():
                self.quitting = QuitWhileTraining(self, self.session)
                self.quitting.finished.connect(self._on_quitting_finished)
                self.quitting.start()
            return
        unsaved = self.session is not None and self.session.unsaved is not None
        if unsaved and not self.confirm_discard_unsaved():
            event.ignore()
            return
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.is_core_ready:  # before that the Runs dock does not exist to be saved
            self.settings.setValue("window/state", self.saveState())
        self.settings.sync()
        shutdown_jobs()  # cancel background jobs before their widgets are deleted
        event.accept()

    def _on_quitting_finished(self) -> None:
        """The run stopped for a close: close now (an unsaved run is offered first)."""
        self.quitting.deleteLater()
        self.quitting = None
        self.close()
