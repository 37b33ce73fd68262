"""Marks user-facing text in the Qt-free core for Qt's translation tools, without Qt.

``pyside6-lupdate`` extracts calls by the function's name, so wrapping a literal in
``QT_TRANSLATE_NOOP("core", "...")`` puts it in the ``.ts`` file under the context "core"
while the core stays importable without PySide6. The UI shows such text through
``QCoreApplication.translate("core", text)``; sentences with values are templates
(``"Epoch {epoch} of {epochs}"``): translate the template first, then ``.format()`` it.
The command line prints the English text as it is.
"""

from __future__ import annotations

CONTEXT = "core"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Return ``text`` unchanged; its only job is to be found by ``pyside6-lupdate``."""
    return text
