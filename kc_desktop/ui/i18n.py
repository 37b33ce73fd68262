"""The interface language: which translations to load, and the core's marked text translated.

The language is chosen, in order, by the ``KC_DESKTOP_LANG`` environment variable (for
scripts and tests), the View -> Language choice remembered in QSettings, and otherwise the
system's locale. Two translators are installed: the app's own ``kc_desktop_<lang>.qm`` from
``resources/translations`` and Qt's ``qtbase_<lang>.qm`` from PySide6's translations folder,
so standard dialogs and buttons (Yes, Cancel, the file dialog) speak the same language.
English is the source language and needs no file.
"""

from __future__ import annotations

import os

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from kc_desktop.resource_paths import translations_dir
from kc_desktop.ui.core_text import core_text, use_catalogue

ENV_VAR = "KC_DESKTOP_LANG"
SETTINGS_KEY = "ui/language"
SYSTEM = "system"
LANGUAGES = {SYSTEM: "System", "en": "English", "zh_CN": "简体中文"}
"""Choice -> the name shown in View -> Language (each language in its own script)."""

HISTORY_STATUSES = (
    QT_TRANSLATE_NOOP("status", "training"),
    QT_TRANSLATE_NOOP("status", "incomplete"),
)
"""Statuses the run history adds to those a finished run records (core.report.STATUS_WORDS)."""

_installed: list[QTranslator] = []


def status_text(status: str) -> str:
    """A run status ("completed", "stopped", "training"…) in the interface language."""
    from kc_desktop.core.report import STATUS_WORDS  # loaded: only runs have a status

    if status in STATUS_WORDS:
        return core_text(STATUS_WORDS[status])
    return QCoreApplication.translate("status", status) if status in HISTORY_STATUSES else status


def saved_choice(settings: QSettings) -> str:
    """The language remembered in ``settings`` (``system`` when none or unknown)."""
    choice = str(settings.value(SETTINGS_KEY, SYSTEM))
    return choice if choice in LANGUAGES else SYSTEM


def resolve_language(choice: str) -> str:
    """The language to load for ``choice``: the env variable wins, ``system`` follows the locale."""
    forced = os.environ.get(ENV_VAR, "").strip()
    if forced:
        choice = forced
    if choice == SYSTEM:
        choice = QLocale.system().name()
    if choice.startswith("zh"):
        return "zh_CN"
    return "en"


def install_translators(language: str) -> str:
    """Replace the installed translators by those for ``language``; returns it.

    A missing ``.qm`` leaves that part in English rather than failing: the window must open.
    """
    app = QCoreApplication.instance()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    use_catalogue(None)
    if language == "en":
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
        return language
    QLocale.setDefault(QLocale(language))
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    for name, folder in ((f"qtbase_{language}", qt_dir), (f"kc_desktop_{language}", None)):
        translator = QTranslator(app)
        path = str(translations_dir() / name) if folder is None else os.path.join(folder, name)
        if translator.load(path):
            app.installTranslator(translator)
            _installed.append(translator)
    catalogue = translations_dir() / f"kc_desktop_{language}.ts"
    use_catalogue(catalogue if catalogue.is_file() else None)
    return language


def apply_language(settings: QSettings) -> str:
    """Install the translators for the remembered choice (or the env override); returns it."""
    return install_translators(resolve_language(saved_choice(settings)))
