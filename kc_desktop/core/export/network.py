"""The network an exported folder holds, written as ONNX or TorchScript.

What is exported depends on the task: a classifier maps images to logits; the VAE's
decoder and the DCGAN's generator map latent points to images (what "draw new images"
needs); the autoencoder is exported whole (image -> reconstruction), since its codes follow
no known distribution and random codes decode to noise.

ONNX goes through the TorchScript-based exporter (``torch.onnx.export(..., dynamo=False)``).
In torch 2.x the default ``dynamo=True`` path needs the separate ``onnxscript`` package and a
``torch.export`` trace per model (seconds each, and the LSTM's shape checks trip it); the
TorchScript-based exporter ships with torch, works offline, exports every model in the
registry in well under a second and matches PyTorch to ~1e-7. It warns that it is
deprecated; the warning is silenced here, where that choice is made, and nowhere else.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import torch
from torch import nn

from kc_desktop.core.inference import LoadedRun, decode_latents
from kc_desktop.core.kinds import Task
from kc_desktop.core.runs.checkpoints import atomic_write_bytes

OPSET = 17
"""ONNX opset 17 (2022): LayerNorm as one op; every onnxruntime since 1.13 runs it."""
INPUT_NAME = "input"
OUTPUT_NAME = "output"


class LatentToImage(nn.Module):
    """The generative half of a VAE or DCGAN: latent points (B, latent) -> images in [0, 1]."""

    def __init__(self, model: nn.Module, task: Task) -> None:
        super().__init__()
        self.model = model
        self.task = task

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return decode_latents(self.model, self.task, z)


def exported_module(run: LoadedRun) -> nn.Module:
    """The module to export, in eval mode on the CPU (a copy; the run's model is untouched)."""
    import copy

    model = copy.deepcopy(run.model).cpu().eval()
    module = LatentToImage(model, run.task) if run.task.has_latent else model
    return module.eval()


def example_input(run: LoadedRun, batch: int = 2) -> torch.Tensor:
    """A float32 input of the exported module's shape: images for classifiers and the
    autoencoder, latent points for the VAE's decoder and the DCGAN's generator."""
    generator = torch.Generator().manual_seed(0)
    if run.task.has_latent:
        return torch.randn(batch, run.latent_dim, generator=generator)
    return torch.rand(batch, run.channels, run.size, run.size, generator=generator)


def write_onnx(run: LoadedRun, path: str | Path) -> Path:
    """Export to ONNX with a dynamic batch dimension; written atomically."""
    module = exported_module(run)
    buffer = io.BytesIO()
    axes = {INPUT_NAME: {0: "batch"}, OUTPUT_NAME: {0: "batch"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # the exporter's deprecation and tracer notes
        torch.onnx.export(
            module,
            (example_input(run),),
            buffer,
            dynamo=False,
            opset_version=OPSET,
            input_names=[INPUT_NAME],
            output_names=[OUTPUT_NAME],
            dynamic_axes=axes,
        )
    atomic_write_bytes(path, buffer.getvalue())
    return Path(path)


def write_torchscript(run: LoadedRun, path: str | Path) -> Path:
    """A traced TorchScript module (``torch.jit.load`` in C++ or Python); written atomically.

    kc_desktop never loads such files itself: TorchScript archives can carry code."""
    module = exported_module(run)
    buffer = io.BytesIO()
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # torch.jit's deprecation and tracer notes
        traced = torch.jit.trace(module, (example_input(run),), check_trace=False)
        torch.jit.save(traced, buffer)
    atomic_write_bytes(path, buffer.getvalue())
    return Path(path)
