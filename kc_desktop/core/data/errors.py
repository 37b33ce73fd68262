"""Exceptions of the data layer, each with a message a user can read as it is.

The UI shows ``str(error)`` in a status bar or dialog, so messages are one plain line that
says what went wrong and, where there is one, what to do next.
"""

from __future__ import annotations

from kc_desktop.core.errors import ConfigError, KcError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

OFFLINE_DATASETS = ("digits", "shapes")
"""Datasets that need no download: named in every "could not download" message."""


class DatasetUnavailableError(KcError, RuntimeError):
    """A dataset cannot be loaded: no network for a download, damaged files, a bad folder.

    Also raised for image folders that do not exist, hold no readable images, or have
    fewer than two classes (a ``RuntimeError``, not a ``ValueError``: the arguments were
    fine, the data on disk is not).
    """


class UnknownDatasetError(ConfigError):
    """No dataset is registered under the given id."""


def offline_hint() -> str:
    """The sentence that ends every download failure, naming the datasets that always work."""
    return QT_TRANSLATE_NOOP("core", "Offline datasets: {names}.").format(
        names=", ".join(OFFLINE_DATASETS)
    )
