"""The time a run has spent training, pauses left out, for the Train tab's "time left".

An estimate that counted a ten-minute pause as training would jump by ten minutes the moment
the run resumes; this clock stops while the run is paused, so it does not.
"""

from __future__ import annotations

import time
from collections.abc import Callable


class RunClock:
    """Start / pause / resume; ``elapsed()`` is the running time without the pauses."""

    def __init__(self, now: Callable[[], float] = time.monotonic) -> None:
        self._now = now
        self._started = now()
        self._paused_total = 0.0
        self._paused_since: float | None = None

    def start(self) -> None:
        self._started = self._now()
        self._paused_total = 0.0
        self._paused_since = None

    @property
    def paused(self) -> bool:
        return self._paused_since is not None

    def pause(self) -> None:
        if self._paused_since is None:
            self._paused_since = self._now()

    def resume(self) -> None:
        if self._paused_since is not None:
            self._paused_total += self._now() - self._paused_since
            self._paused_since = None

    def elapsed(self) -> float:
        """Seconds of training since ``start()``, without the time spent paused."""
        end = self._paused_since if self._paused_since is not None else self._now()
        return max(0.0, end - self._started - self._paused_total)

    def seconds_left(self, done: int, total: int) -> float:
        """The rest of ``total`` steps at the pace of the ``done`` ones so far."""
        return self.elapsed() * (total - done) / max(done, 1)
