"""Follow a run folder that another process is writing: metrics.jsonl read as it grows.

The command line, a torchrun launch or a server writing to a shared drive all append one JSON
line per record to ``metrics.jsonl`` and write ``summary.json`` last. ``RunFollower.poll``
returns the whole lines added since the last poll: a last line still being written is kept
for the next poll (never an error), a damaged line is skipped, and a file that shrank (a
resumed run drops the records after its checkpoint) is read again from the start, with
``restarted`` set so a view can clear its curves. Nothing here is executed or trusted
beyond being a JSON object.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kc_desktop.core.kinds import RunStatus
from kc_desktop.core.runs.layout import CONFIG_FILE, METRICS_FILE, SUMMARY_FILE

STALE_SECONDS = 600
"""A run whose metrics have not grown for this long is taken as ended (e.g. killed)."""
MAX_READ_BYTES = 4 * 2**20
"""Most bytes one poll reads (a long run's history arrives over a few polls)."""


@dataclass
class Poll:
    """What one poll found."""

    records: list[dict[str, Any]] = field(default_factory=list)
    restarted: bool = False  # the file was rewritten: earlier records no longer hold
    finished: dict[str, Any] | None = None  # summary.json, once the run has ended


class RunFollower:
    """Incremental reader of one run folder's metrics; one instance per followed run."""

    def __init__(self, run_dir: str | os.PathLike) -> None:
        self.run_dir = Path(run_dir)
        self._offset = 0
        self._partial = b""

    def config(self) -> dict[str, Any] | None:
        """config.json (written when the run starts), or None before that or when damaged."""
        return _read_object(self.run_dir / CONFIG_FILE)

    def poll(self) -> Poll:
        """The complete records appended since the last poll (up to ``MAX_READ_BYTES``)."""
        result = Poll()
        try:
            with open(self.run_dir / METRICS_FILE, "rb") as file:
                if os.fstat(file.fileno()).st_size < self._offset:
                    self._offset, self._partial, result.restarted = 0, b"", True
                file.seek(self._offset)
                data = file.read(MAX_READ_BYTES)
        except OSError:
            return result
        self._offset += len(data)
        lines = (self._partial + data).split(b"\n")
        self._partial = lines.pop()
        for line in lines:
            record = _parse(line)
            if record is not None:
                result.records.append(record)
        if len(data) < MAX_READ_BYTES and not self._partial:
            result.finished = self._summary_if_done()
        return result

    def _summary_if_done(self) -> dict[str, Any] | None:
        """summary.json when it is newer than the metrics (a resumed run keeps the summary
        of its previous part until it ends)."""
        try:
            summary_time = (self.run_dir / SUMMARY_FILE).stat().st_mtime_ns
            metrics_time = (self.run_dir / METRICS_FILE).stat().st_mtime_ns
        except OSError:
            return None
        if summary_time < metrics_time:
            return None
        summary = _read_object(self.run_dir / SUMMARY_FILE)
        return None if summary is None else _as_shown_here(summary, self.run_dir)


def is_being_written(run_dir: str | os.PathLike) -> bool:
    """True for a run folder with a config, metrics written in the last ``STALE_SECONDS``
    and no summary newer than them."""
    folder = Path(run_dir)
    try:
        if not (folder / CONFIG_FILE).is_file():
            return False
        metrics_time = (folder / METRICS_FILE).stat().st_mtime_ns
    except OSError:
        return (folder / CONFIG_FILE).is_file()  # started, nothing trained yet
    if time.time() - metrics_time / 1e9 > STALE_SECONDS:
        return False
    try:
        return metrics_time > (folder / SUMMARY_FILE).stat().st_mtime_ns
    except OSError:
        return True


def _as_shown_here(summary: dict[str, Any], run_dir: Path) -> dict[str, Any]:
    """Another program's summary, with what the window relies on: a known status (else
    "failed"), a text reason, and the folder as seen from here (a server wrote its own path)."""
    status = summary.get("status")
    known = {member.value for member in RunStatus}
    reason = summary.get("reason")
    return {
        **summary,
        "status": status if status in known else RunStatus.FAILED.value,
        "reason": reason if isinstance(reason, str) else "",
        "run_dir": str(run_dir),
    }


def _parse(line: bytes) -> dict[str, Any] | None:
    try:
        record = json.loads(line)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def _read_object(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
