"""The one error base of the app: ``KcError`` carries a sentence a person can act on.

The CLI prints ``user_message`` as one line (exit status 2) and the window shows it where the
person acted; both catch ``USER_ERRORS`` instead of a hand-written tuple at each call site.
Kinds say what went wrong, and stay ``ValueError`` / ``RuntimeError`` subclasses so code
that catches those keeps working. Anything else that escapes is a bug, not the user's doing.
"""

from __future__ import annotations

from kc_desktop.core.i18n import message_of


class KcError(Exception):
    """A mistake or a missing resource a person can fix; the message says how."""

    @property
    def user_message(self) -> str:
        """The first line of the message: what happened and what to do next.

        A one-line marked sentence comes back as it was raised, so the window can translate it.
        """
        message = message_of(self)
        text = message.strip()
        if text and text == message and "\n" not in text:
            return message
        return text.splitlines()[0] if text else type(self).__name__


class ConfigError(KcError, ValueError):
    """A setting that cannot work: a mistyped value, an unknown model, a bad split."""


class DataError(KcError, ValueError):
    """Data that does not fit the request: wrong shape, changed since the run, too few images."""


class RunFolderError(KcError, ValueError):
    """A run folder that cannot be used as asked: a bad new name, a run still training."""


USER_ERRORS: tuple[type[BaseException], ...] = (KcError, OSError)
"""What the front-ends report as one line: the app's errors and the file system's."""
