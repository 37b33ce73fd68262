"""View -> Language: System, English, 简体中文; remembered, applied at once when it can be.

The choice is stored in QSettings. When no run is training the window rebuilds its tabs and
menus in the new language at once; while a run trains (or an unsaved run waits in memory)
a rebuild would lose it, so the choice is kept for the next start and a message says so.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from kc_desktop.ui.i18n import LANGUAGES, SETTINGS_KEY, SYSTEM, resolve_language, saved_choice

if TYPE_CHECKING:
    from kc_desktop.ui.main_window import MainWindow


def _label(choice: str) -> str:
    """A language's own name; "System" alone is translated (the others read the same anywhere)."""
    if choice == SYSTEM:
        return QCoreApplication.translate("language_menu", "System")
    return LANGUAGES[choice]


def build_language_menu(window: MainWindow, parent: QMenu) -> QMenu:
    """Add the Language submenu (``languageMenu``) to ``parent``; returns it."""
    menu = parent.addMenu(QCoreApplication.translate("language_menu", "&Language"))
    menu.setObjectName("languageMenu")
    menu.setToolTip(QCoreApplication.translate("language_menu", "The language of the window"))
    group = QActionGroup(menu)
    current = saved_choice(window.settings)
    for choice in LANGUAGES:
        action = QAction(_label(choice), menu, checkable=True)
        action.setObjectName(f"language_{choice}")
        action.setData(choice)
        action.setChecked(choice == current)
        action.triggered.connect(lambda _=False, c=choice: choose_language(window, c))
        group.addAction(action)
        menu.addAction(action)
    return menu


def choose_language(window: MainWindow, choice: str) -> bool:
    """Remember ``choice`` and apply it now if no run would be lost; True when applied."""
    window.settings.setValue(SETTINGS_KEY, choice)
    window.settings.sync()
    language = resolve_language(choice)
    if language == window.language:
        return True
    if not window.can_rebuild():
        window.show_message(
            QCoreApplication.translate(
                "language_menu",
                "The new language applies after a restart: a run is training or not saved yet.",
            )
        )
        return False
    window.rebuild_in_language(language)
    return True
