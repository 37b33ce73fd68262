"""ui/jobs.py: the contract every background job keeps (cancel, stale results, progress,
errors, deleted owners, model locks, shutdown)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QApplication, QWidget

from kc_desktop.ui.jobs import (
    JobRunner,
    JobState,
    cancel_all_jobs,
    job_pool,
    model_lock,
    shutdown_jobs,
)


@pytest.fixture
def owner(qtbot) -> QWidget:
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


class _Model:
    """Stands for a loaded model: any object a job runs (and that can be weakly referenced)."""


def _wait_until_released(state: JobState, release: threading.Event) -> None:
    """Work that blocks until the test releases it, checking for cancellation meanwhile."""
    while not release.wait(0.01):
        state.check()


def _deliver(qtbot) -> None:
    assert job_pool().waitForDone(30_000)
    QApplication.processEvents()


def test_a_new_job_cancels_the_previous_one_of_its_kind(owner: QWidget, qtbot) -> None:
    runner, results, release = JobRunner(owner), [], threading.Event()
    seen: list[JobState] = []

    def slow(state: JobState) -> str:
        seen.append(state)
        _wait_until_released(state, release)
        return "old"

    first = runner.start("search", slow, results.append)
    qtbot.waitUntil(lambda: seen == [first], timeout=5000)
    second = runner.start("search", lambda state: "new", results.append)
    assert first.cancelled() and not second.cancelled()
    other = runner.start("other", lambda state: "other kind", results.append)
    assert not second.cancelled() and not other.cancelled()  # kinds are independent
    qtbot.waitUntil(lambda: len(results) == 2, timeout=5000)
    release.set()
    _deliver(qtbot)
    assert sorted(results) == ["new", "other kind"]  # the old result never arrived
    assert not runner.is_running("search")


def test_a_result_that_arrives_after_cancel_is_dropped(owner: QWidget, qtbot) -> None:
    runner, results, release = JobRunner(owner), [], threading.Event()

    def ignores_cancel(state: JobState) -> str:
        release.wait(10)
        return "stale"

    runner.start("load", ignores_cancel, results.append, results.append)
    assert runner.is_running("load")
    runner.cancel("load")
    assert not runner.is_running("load")
    release.set()
    _deliver(qtbot)
    assert results == []


def test_progress_arrives_in_order_and_stops_a_cancelled_job(owner: QWidget, qtbot) -> None:
    runner, progress, done = JobRunner(owner), [], []
    release, steps = threading.Event(), []

    def counts(state: JobState) -> int:
        for step in range(1, 4):
            state.progress(step, 3)
        release.wait(10)
        for step in range(4, 100):
            steps.append(step)
            state.progress(step, 100)  # raises once the job is cancelled
        return -1

    runner.start("count", counts, done.append, on_progress=lambda d, t: progress.append((d, t)))
    qtbot.waitUntil(lambda: len(progress) == 3, timeout=5000)
    assert progress == [(1, 3), (2, 3), (3, 3)]
    runner.cancel()
    release.set()
    _deliver(qtbot)
    assert steps == [4] and done == []  # stopped at the first report after the cancel


def test_errors_arrive_as_one_readable_line(owner: QWidget, qtbot) -> None:
    runner, failures = JobRunner(owner), []

    def fails(state: JobState) -> None:
        raise ValueError("The folder has no images.\nmore detail")

    with qtbot.waitCallback() as failed:
        runner.start("load", fails, lambda _: pytest.fail("no result expected"), failed)
    assert failed.args == ["The folder has no images."]
    assert not failures


def test_partial_results_reach_the_widget_as_they_come(owner: QWidget, qtbot) -> None:
    runner, items, done = JobRunner(owner), [], []

    def batch(state: JobState) -> int:
        for index in range(5):
            state.send(index)
        return 5

    runner.start("batch", batch, done.append, on_yield=items.append)
    qtbot.waitUntil(lambda: done == [5], timeout=5000)
    assert items == [0, 1, 2, 3, 4]


def test_deleting_the_owner_while_a_job_runs_is_safe(qtbot, capfd) -> None:
    owner, results, release = QWidget(), [], threading.Event()
    runner = JobRunner(owner)
    runner.start("eval", lambda state: release.wait(10) and "late", results.append)
    runner.start("pct", lambda state: [state.progress(1, 2), release.wait(10)], results.append)
    owner.deleteLater()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    release.set()
    _deliver(qtbot)
    assert results == []
    assert "RuntimeError" not in capfd.readouterr().err


def test_jobs_sharing_a_model_run_one_at_a_time(owner: QWidget, qtbot) -> None:
    model, runner = _Model(), JobRunner(owner)
    inside, most, done = [0], [0], []
    lock = threading.Lock()

    def uses_model(state: JobState) -> None:
        with state.hold(model):
            with lock:
                inside[0] += 1
                most[0] = max(most[0], inside[0])
            threading.Event().wait(0.02)  # give another thread the chance to overlap
            with lock:
                inside[0] -= 1

    for kind in ("classify", "explain", "decode", "nearest"):
        runner.start(kind, uses_model, done.append)
    qtbot.waitUntil(lambda: len(done) == 4, timeout=10_000)
    assert most[0] == 1
    assert model_lock(model) is model_lock(model)


def test_a_job_waiting_for_a_busy_model_gives_up_when_cancelled(owner: QWidget, qtbot) -> None:
    model, runner, ran = _Model(), JobRunner(owner), []
    lock = model_lock(model)
    lock.acquire()  # another job holds the model
    try:

        def uses_model(state: JobState) -> None:
            with state.hold(model):
                ran.append(True)

        state = runner.start("decode", uses_model, ran.append)
        runner.cancel("decode")
        assert state.cancelled()
        assert job_pool().waitForDone(10_000)  # it left without the lock
    finally:
        lock.release()
    QApplication.processEvents()
    assert ran == []


def test_shutdown_cancels_every_job_and_waits(owner: QWidget, qtbot) -> None:
    runner, started, stopped = JobRunner(owner), threading.Event(), threading.Event()

    def until_cancelled(state: JobState) -> None:
        started.set()
        while not state.cancelled():
            threading.Event().wait(0.01)
        stopped.set()

    state = runner.start("long", until_cancelled, lambda _: None)
    qtbot.waitUntil(started.is_set, timeout=5000)
    assert shutdown_jobs(30_000)
    assert state.cancelled() and stopped.is_set()


def test_jobs_cancelled_for_a_quit_free_their_kind_again(owner: QWidget, qtbot) -> None:
    """A quit that the user then abandons leaves no kind stuck "running"."""
    runner, results, started = JobRunner(owner), [], threading.Event()

    def until_cancelled(state: JobState) -> str:
        started.set()
        while True:
            state.check()
            threading.Event().wait(0.01)

    runner.start("classify", until_cancelled, results.append, results.append)
    qtbot.waitUntil(started.is_set, timeout=5000)
    cancel_all_jobs()
    qtbot.waitUntil(lambda: not runner.is_running("classify"), timeout=10_000)
    assert results == []  # neither a result nor an error: it was cancelled
    with qtbot.waitCallback() as done:
        runner.start("classify", lambda state: "again", done)
    assert done.args == ["again"]
