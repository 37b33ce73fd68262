"""Checkpoints: atomic writes, exact round trips, and refusal of anything that is not ours."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest
import torch
from safetensors.torch import save_file

from kc_desktop.core.runs import checkpoints
from kc_desktop.core.runs.checkpoints import (
    CheckpointError,
    atomic_write_bytes,
    load_checkpoint,
    save_checkpoint,
)


def _model_and_adam() -> tuple[torch.nn.Module, torch.optim.Optimizer]:
    torch.manual_seed(0)
    model = torch.nn.Sequential(torch.nn.Linear(4, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01, betas=(0.5, 0.9))
    for _ in range(3):
        optimizer.zero_grad()
        model(torch.randn(5, 4)).sum().backward()
        optimizer.step()
    return model, optimizer


def test_checkpoint_round_trip_restores_weights_and_optimizer(tmp_path: Path) -> None:
    model, optimizer = _model_and_adam()
    path = tmp_path / "model.safetensors"
    save_checkpoint(path, model.state_dict(), [optimizer.state_dict()], {"epoch": 3})

    model_state, optimizer_states, info = load_checkpoint(path)
    assert info == {"epoch": 3}
    for name, tensor in model.state_dict().items():
        assert torch.equal(model_state[name], tensor)
    restored_model, restored_optimizer = _model_and_adam()
    restored_model.load_state_dict(model_state)
    restored_optimizer.load_state_dict(optimizer_states[0])
    original = optimizer.state_dict()
    restored = restored_optimizer.state_dict()
    assert restored["param_groups"][0]["betas"] == (0.5, 0.9)
    for param_id, state in original["state"].items():
        for key, value in state.items():
            assert torch.equal(
                torch.as_tensor(restored["state"][param_id][key]), torch.as_tensor(value)
            )


def test_failed_write_keeps_previous_file_and_leaves_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "model.safetensors"
    model, optimizer = _model_and_adam()
    save_checkpoint(path, model.state_dict(), [optimizer.state_dict()], {"epoch": 1})
    before = path.read_bytes()

    def fail_half_way(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(checkpoints.os, "fsync", fail_half_way)
    with pytest.raises(OSError, match="disk full"):
        save_checkpoint(path, model.state_dict(), [optimizer.state_dict()], {"epoch": 2})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.safetensors"]
    _, _, info = load_checkpoint(path)
    assert info["epoch"] == 1


class _Payload:
    """Pickling this object would run code that creates a marker file."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def test_malicious_pickle_is_refused_and_never_runs(tmp_path: Path) -> None:
    marker = tmp_path / "payload-ran"
    path = tmp_path / "model.safetensors"
    path.write_bytes(pickle.dumps(_Payload(marker)))
    torch_style = tmp_path / "model.pt"
    torch.save({"weights": _Payload(marker)}, torch_style)
    for candidate in (path, torch_style):
        with pytest.raises(CheckpointError, match="not a kc_desktop checkpoint"):
            load_checkpoint(candidate)
    assert not marker.exists()


def test_truncated_and_foreign_files_are_clear_errors(tmp_path: Path) -> None:
    model, optimizer = _model_and_adam()
    good = tmp_path / "good.safetensors"
    save_checkpoint(good, model.state_dict(), [optimizer.state_dict()], {"epoch": 1})
    truncated = tmp_path / "truncated.safetensors"
    truncated.write_bytes(good.read_bytes()[:100])
    with pytest.raises(CheckpointError, match="damaged"):
        load_checkpoint(truncated)
    foreign = tmp_path / "foreign.safetensors"
    save_file({"w": torch.zeros(2)}, foreign)
    with pytest.raises(CheckpointError, match="not written by kc_desktop"):
        load_checkpoint(foreign)
    with pytest.raises(CheckpointError, match="missing"):
        load_checkpoint(tmp_path / "absent.safetensors")


def test_atomic_write_bytes_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "file.bin"
    atomic_write_bytes(path, b"first")
    atomic_write_bytes(path, b"second version")
    assert path.read_bytes() == b"second version"
    assert [p.name for p in path.parent.iterdir()] == ["file.bin"]
