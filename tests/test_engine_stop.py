"""Stop halts within the step under way: the engine asks the run control before it fetches
the next batch (gathering and augmenting one is part of a step's cost), not after."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import StopAt, make_trainer
from kc_desktop.core.data.loader import DeviceBatches
from kc_desktop.core.training.control import RunControl


def test_stop_fetches_no_batch_after_the_request(tmp_path: Path, monkeypatch) -> None:
    served: list[int] = []
    serve = DeviceBatches._batches

    def counting(self: DeviceBatches, order):
        for batch in serve(self, order):
            if self.shuffle:  # the training batches (validation and test are in order)
                served.append(len(batch[1]))
            yield batch

    monkeypatch.setattr(DeviceBatches, "_batches", counting)
    control = RunControl()
    trainer = make_trainer(
        tmp_path, control=control, callbacks=[StopAt(control, 2)], epochs=3, log_every=1
    )
    summary = trainer.fit()
    assert summary["status"] == "stopped"
    assert len(served) == 2, "the third batch was gathered after Stop"


@pytest.mark.parametrize("stop_at", [4, 5])
def test_stop_at_an_epoch_end_keeps_every_step_trained(tmp_path: Path, stop_at: int) -> None:
    """The tiny set has 4 steps an epoch: Stop on its last step ends the epoch as usual;
    Stop on the next epoch's first step keeps that step too."""
    control = RunControl()
    trainer = make_trainer(
        tmp_path, control=control, callbacks=[StopAt(control, stop_at)], epochs=3
    )
    summary = trainer.fit()
    assert summary["status"] == "stopped"
    assert summary["steps_trained"] == stop_at
    assert (summary["epochs"], summary["steps"]) == (1, stop_at - 4)
