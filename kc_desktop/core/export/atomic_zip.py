"""Write a zip so that its path holds the old file or the whole new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def atomic_zip(out: Path, compression: int = zipfile.ZIP_DEFLATED) -> Iterator[zipfile.ZipFile]:
    """A ZipFile on a temporary file beside ``out``, moved over it when the block succeeds."""
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle, zipfile.ZipFile(handle, "w", compression) as archive:
            yield archive
        os.replace(temp, out)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
