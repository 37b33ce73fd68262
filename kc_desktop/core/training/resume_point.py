"""Where inside an epoch a stopped run was, so that resuming continues it exactly.

A run stopped after step k of epoch e keeps what those k steps learned (the checkpoint
holds the weights of that moment). To make "stop, resume" give the same weights and the
same curve as a run that never stopped, the checkpoint also records the step, the running
sums behind the epoch's mean losses, and the random-number state (dropout, GAN noise) after
step k. The epoch's batch order and augmentations come from generators seeded by (seed,
epoch), so the resumed run redraws the first k batches, drops them, and goes on from k + 1.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

import torch


@dataclass(frozen=True)
class ResumePoint:
    """The state a run needs to continue an epoch from step ``step + 1``."""

    step: int
    epoch_sums: list[float]
    cpu_rng: bytes
    cuda_rng: bytes | None = None

    @classmethod
    def capture(cls, step: int, epoch_sums: torch.Tensor, device: torch.device) -> ResumePoint:
        """The state now, on the training thread, between two steps."""
        cuda_rng = torch.cuda.get_rng_state(device) if device.type == "cuda" else None
        return cls(
            step=int(step),
            epoch_sums=[float(v) for v in epoch_sums.tolist()],
            cpu_rng=torch.get_rng_state().numpy().tobytes(),
            cuda_rng=None if cuda_rng is None else cuda_rng.numpy().tobytes(),
        )

    def restore_rng(self, device: torch.device) -> None:
        torch.set_rng_state(_tensor(self.cpu_rng))
        if self.cuda_rng is not None and device.type == "cuda":
            torch.cuda.set_rng_state(_tensor(self.cuda_rng), device)

    def epoch_sums_tensor(self, device: torch.device) -> torch.Tensor:
        """The running sums as the engine keeps them (float32: the saved values are exact)."""
        return torch.tensor(self.epoch_sums, dtype=torch.float32, device=device)

    def to_json(self) -> dict[str, Any]:
        return {
            "step": self.step,
            "epoch_sums": self.epoch_sums,
            "cpu_rng": base64.b64encode(self.cpu_rng).decode("ascii"),
            "cuda_rng": None if self.cuda_rng is None else base64.b64encode(self.cuda_rng).decode(),
        }

    @classmethod
    def from_json(cls, data: Any) -> ResumePoint | None:
        """The point saved in a checkpoint's info, or None (an epoch boundary, or damaged)."""
        if not isinstance(data, dict):
            return None
        try:
            cuda = data.get("cuda_rng")
            return cls(
                step=int(data["step"]),
                epoch_sums=[float(v) for v in data["epoch_sums"]],
                cpu_rng=base64.b64decode(data["cpu_rng"], validate=True),
                cuda_rng=None if cuda is None else base64.b64decode(cuda, validate=True),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _tensor(data: bytes) -> torch.Tensor:
    return torch.frombuffer(bytearray(data), dtype=torch.uint8)
