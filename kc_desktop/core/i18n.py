"""Marks user-facing text in the Qt-free core for Qt's translation tools, without Qt.

``pyside6-lupdate`` extracts calls by the function's name, so wrapping a literal in
``QT_TRANSLATE_NOOP("core", "...")`` puts it in the ``.ts`` file under the context "core"
while the core stays importable without PySide6. The UI shows such text through
``QCoreApplication.translate("core", text)``; sentences with values are templates
(``"Epoch {epoch} of {epochs}"``) formatted here, in English, because the CLI prints them as
they are and they reach the window as plain strings (logged events, exception messages).
So that the window can still translate them, every template the process has used is
remembered in ``TEMPLATES``: the UI matches a finished sentence against them, translates the
template and fills in the same values (``kc_desktop.ui.core_text.core_text``).
"""

from __future__ import annotations

CONTEXT = "core"

TEMPLATES: set[str] = set()
"""Every marked text with a ``{placeholder}`` that was marked in this process so far."""


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text`` unchanged; found by ``pyside6-lupdate``, remembered when a template."""
    if "{" in text:
        TEMPLATES.add(text)
    return text
