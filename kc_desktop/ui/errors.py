"""Turn exceptions into one line a person can act on (the detail goes to the log view)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kc_desktop.core.errors import KcError
from kc_desktop.core.i18n import message_of
from kc_desktop.ui.core_text import core_text


def plain_error(error: BaseException) -> str:
    """A readable sentence for ``error`` in the interface language; never a traceback."""
    if isinstance(error, KcError):
        return core_text(error.user_message)
    name = type(error).__name__
    raised = message_of(error)
    first = raised.strip().splitlines()[0] if raised.strip() else ""
    message = core_text(raised if first == raised else first)
    if name == "OutOfMemoryError" or "out of memory" in message.lower():
        return QCoreApplication.translate(
            "errors",
            "The device ran out of memory. Try a smaller batch size or a smaller "
            "model, or train on the CPU.",
        )
    if isinstance(error, PermissionError):
        return QCoreApplication.translate(
            "errors", "Permission denied: {value}. Choose another folder."
        ).format(value=message or QCoreApplication.translate("errors", "cannot write there"))
    if isinstance(error, OSError) and getattr(error, "errno", None) == 28:
        return QCoreApplication.translate(
            "errors", "The disk is full. Free some space or choose another folder."
        )
    return message or QCoreApplication.translate("errors", "Unexpected error ({name}).").format(
        name=name
    )
