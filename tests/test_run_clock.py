"""The Train tab's clock leaves pauses out, so "time left" does not jump after Resume."""

from __future__ import annotations

from kc_desktop.ui.train.run_clock import RunClock


class _FakeTime:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_paused_time_is_not_training_time() -> None:
    clock_time = _FakeTime()
    clock = RunClock(clock_time)
    clock.start()
    clock_time.now += 10  # 10 s of training: 100 of 1,000 steps
    assert clock.seconds_left(100, 1000) == 90
    clock.pause()
    assert clock.paused
    clock_time.now += 600  # a ten-minute pause
    assert clock.elapsed() == 10 and clock.seconds_left(100, 1000) == 90  # frozen
    clock.resume()
    clock_time.now += 10
    assert not clock.paused
    assert clock.elapsed() == 20 and clock.seconds_left(200, 1000) == 80  # no jump


def test_start_forgets_the_last_run_and_double_pause_is_harmless() -> None:
    clock_time = _FakeTime()
    clock = RunClock(clock_time)
    clock.pause()
    clock.pause()
    clock_time.now += 5
    clock.resume()
    clock.resume()
    clock.start()
    clock_time.now += 3
    assert clock.elapsed() == 3
