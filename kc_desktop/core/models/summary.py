"""A Keras-style layer table: each layer's output shape and parameter count.

Shapes are measured, not computed: forward hooks on the leaf modules record what a dummy
batch of 2 really produces (2, not 1, so BatchNorm in any mode is happy), which keeps
the table true for every input size without per-model bookkeeping.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn

DUMMY_BATCH = 2


@dataclass
class LayerRow:
    """One leaf layer: dotted name, class name, output shape without the batch dim."""

    name: str
    kind: str
    output_shape: tuple[int, ...]
    params: int


@dataclass
class ModelSummary:
    total_params: int
    trainable_params: int
    rows: list[LayerRow] = field(default_factory=list)

    def as_text(self) -> str:
        """A fixed-width table with a total line, for a monospace text view or a terminal."""
        header = ("Layer", "Type", "Output shape", "Params")
        cells = [header] + [
            (row.name, row.kind, _shape_text(row.output_shape), f"{row.params:,}")
            for row in self.rows
        ]
        widths = [max(len(cells[r][c]) for r in range(len(cells))) for c in range(4)]

        def line(cell: tuple[str, ...]) -> str:
            left = "  ".join(text.ljust(widths[i]) for i, text in enumerate(cell[:3]))
            return f"{left}  {cell[3].rjust(widths[3])}"

        rule = "-" * len(line(header))
        body = [line(cell) for cell in cells[1:]]
        non_trainable = self.total_params - self.trainable_params
        return "\n".join(
            [
                line(header),
                rule,
                *body,
                rule,
                f"Total parameters: {self.total_params:,}",
                f"Trainable parameters: {self.trainable_params:,}",
                f"Non-trainable parameters: {non_trainable:,}",
            ]
        )


def _shape_text(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(str(d) for d in shape) + ")"


def _first_tensor(output: Any) -> torch.Tensor | None:
    """The tensor a layer produced; LSTMs return (output, (h, c)), so take the first."""
    if isinstance(output, torch.Tensor):
        return output
    if isinstance(output, (tuple, list)) and output:
        return _first_tensor(output[0])
    return None


def _dummy_runs(
    model: nn.Module, input_shape: tuple[int, int, int], device: torch.device, dtype: torch.dtype
) -> list[tuple[nn.Module, torch.Tensor]]:
    """(module, input) pairs to run: a GAN shows its discriminator, then its generator."""
    image = torch.rand(DUMMY_BATCH, *input_shape, device=device, dtype=dtype)
    generator = getattr(model, "generator", None)
    discriminator = getattr(model, "discriminator", None)
    if isinstance(generator, nn.Module) and isinstance(discriminator, nn.Module):
        latent = torch.randn(DUMMY_BATCH, int(model.latent_dim), device=device, dtype=dtype)
        return [(discriminator, image), (generator, latent)]
    return [(model, image)]


def summarize(model: nn.Module, input_shape: tuple[int, int, int]) -> ModelSummary:
    """Run a dummy batch of 2 images of ``input_shape`` (C, H, W) through ``model`` in eval
    mode with hooks on every leaf module; the modules' train/eval modes are restored after.
    """
    first = next(model.parameters(), None)
    device = first.device if first is not None else torch.device("cpu")
    dtype = first.dtype if first is not None and first.is_floating_point() else torch.float32
    rows: list[LayerRow] = []
    modes = {module: module.training for module in model.modules()}
    handles = []

    def hook_for(name: str) -> Any:
        def hook(module: nn.Module, _inputs: Any, output: Any) -> None:
            tensor = _first_tensor(output)
            shape = tuple(tensor.shape[1:]) if tensor is not None else ()
            params = sum(p.numel() for p in module.parameters(recurse=False))
            rows.append(LayerRow(name, type(module).__name__, shape, params))

        return hook

    try:
        for name, module in model.named_modules():
            if next(module.children(), None) is None:
                handles.append(
                    module.register_forward_hook(hook_for(name or type(module).__name__))
                )
        model.eval()
        with torch.no_grad():
            for module, dummy in _dummy_runs(model, input_shape, device, dtype):
                module(dummy)
    finally:
        for handle in handles:
            handle.remove()
        for module, training in modes.items():
            module.training = training
    return ModelSummary(
        total_params=sum(p.numel() for p in model.parameters()),
        trainable_params=sum(p.numel() for p in model.parameters() if p.requires_grad),
        rows=rows,
    )
