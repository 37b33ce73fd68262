"""Turn exceptions into one line a person can act on (the detail goes to the log view)."""

from __future__ import annotations

from kc_desktop.core.errors import KcError


def plain_error(error: BaseException) -> str:
    """A readable sentence for ``error``; never a traceback."""
    if isinstance(error, KcError):
        return error.user_message
    name = type(error).__name__
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    if name == "OutOfMemoryError" or "out of memory" in message.lower():
        return (
            "The device ran out of memory. Try a smaller batch size or a smaller model, "
            "or train on the CPU."
        )
    if isinstance(error, PermissionError):
        return f"Permission denied: {message or 'cannot write there'}. Choose another folder."
    if isinstance(error, OSError) and getattr(error, "errno", None) == 28:
        return "The disk is full. Free some space or choose another folder."
    return message or f"Unexpected error ({name})."
