"""ImageNet weights for the pretrained backbones: where they live, download, checked load.

The files are torchvision's own (same URL, same file name, e.g.
``mobilenet_v3_small-047dcff4.pth``), kept in ``<app home>/weights`` or, when ``TORCH_HOME``
is set, in ``$TORCH_HOME/hub/checkpoints`` where torchvision itself would put them, so a
person can copy a file there by hand. As torchvision does (``check_hash=True``), a download
is accepted only when the SHA-256 of its bytes starts with the hex digits after the last
``-`` in the file name. Every file, downloaded or placed by hand, is read with
``torch.load(weights_only=True)`` (never unpickled as code) and must fit the network's
layers exactly, so a corrupt or foreign file is refused with a plain sentence.
"""

from __future__ import annotations

import hashlib
import os
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import torch

from kc_desktop.core.errors import KcError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.paths import app_home

DOWNLOAD_TIMEOUT_S = 30
CHUNK_BYTES = 1 << 16
HASH_PREFIX = re.compile(r"-([a-f0-9]+)\.")
"""torchvision's rule (``torch.hub.HASH_REGEX``): the hex digits after the last '-'."""

Progress = Callable[[str, int, int], None]
"""(what is happening, done, total) for a progress bar; total 0 means unknown."""


class WeightsError(KcError, ValueError):
    """Pretrained weights that cannot be had or used; ``str()`` is one plain sentence."""


def weights_dir() -> Path:
    """``$TORCH_HOME/hub/checkpoints`` when TORCH_HOME is set, else ``<app home>/weights``."""
    torch_home = os.environ.get("TORCH_HOME")
    if torch_home:
        return Path(torch_home).expanduser() / "hub" / "checkpoints"
    return app_home() / "weights"


def file_name(url: str) -> str:
    """The weights file's name: the last part of its torchvision URL."""
    return url.rsplit("/", 1)[-1]


def weights_path(url: str) -> Path:
    """Where the file of ``url`` is (or will be) on this computer."""
    return weights_dir() / file_name(url)


def ensure_weights(url: str, title: str, progress: Progress | None = None) -> Path:
    """The local weights file of ``url``, downloaded (with progress) when it is missing."""
    path = weights_path(url)
    if path.is_file():
        return path
    try:
        download(url, path, title, progress)
    except (OSError, urllib.error.URLError) as error:
        raise WeightsError(missing_message(url, title, error)) from error
    return path


def missing_message(url: str, title: str, error: BaseException | None = None) -> str:
    """One sentence: what went wrong, where to put the file by hand, what else to do."""
    absent = QT_TRANSLATE_NOOP("core", "it is not on this computer")
    reason = getattr(error, "reason", None) or error or absent
    return QT_TRANSLATE_NOOP(
        "core",
        "The {title} weights could not be downloaded ({reason}); download {url} on a "
        "computer that is online and copy the file {name} into the folder {folder}, or "
        "choose a model trained from scratch, such as Photo CNN.",
    ).format(title=title, reason=reason, url=url, name=file_name(url), folder=weights_dir())


def download(url: str, path: Path, title: str, progress: Progress | None = None) -> None:
    """Fetch ``url`` to ``path`` through a temporary file, checking the name's hash prefix.

    The file appears under its final name only once complete and checked, so an
    interrupted or tampered download never looks like a usable weights file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    digest = hashlib.sha256()
    what = QT_TRANSLATE_NOOP("core", "Downloading the ImageNet weights")  # no values: translatable
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            total = int(response.headers.get("Content-Length") or 0)
            done = 0
            with open(partial, "wb") as out:
                while chunk := response.read(CHUNK_BYTES):
                    out.write(chunk)
                    digest.update(chunk)
                    done += len(chunk)
                    if progress is not None:
                        progress(what, done, total)
        _check_hash(path.name, digest.hexdigest(), title)
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def _check_hash(name: str, sha256: str, title: str) -> None:
    match = HASH_PREFIX.search(name)
    if match and not sha256.startswith(match.group(1)):
        raise WeightsError(
            QT_TRANSLATE_NOOP(
                "core",
                "The downloaded {title} weights are damaged (their checksum does not match "
                "{name}); they were not kept. Try again later.",
            ).format(title=title, name=name)
        )


def load_state_dict(path: Path, title: str, model: torch.nn.Module) -> None:
    """Load the weights file at ``path`` into ``model``: tensors only, every layer matching."""
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as error:  # any unreadable or disallowed content is the same to a user
        raise WeightsError(
            _refused(path, title, QT_TRANSLATE_NOOP("core", "it is damaged or not a weights file"))
        ) from error
    if not isinstance(state, dict) or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise WeightsError(
            _refused(path, title, QT_TRANSLATE_NOOP("core", "it does not hold a table of weights"))
        )
    try:
        model.load_state_dict(state, strict=True)
    except RuntimeError as error:
        raise WeightsError(
            _refused(
                path, title, QT_TRANSLATE_NOOP("core", "it holds the weights of another network")
            )
        ) from (error)


def _refused(path: Path, title: str, why: str) -> str:
    return QT_TRANSLATE_NOOP(
        "core",
        "The file {path} was refused as {title} weights ({why}); delete it so that the "
        "app downloads it again, or put the right file there by hand.",
    ).format(path=path, title=title, why=why)
