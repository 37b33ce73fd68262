"""Which pixels made a classifier give its answer: Grad-CAM, input gradients, attention.

Each model gets the explanation that suits it: the CNNs Grad-CAM (where in the last
convolution's feature maps the evidence for the class sits), the MLP the gradient of the
class score with respect to each pixel (it has no spatial layers to look inside), and the
LSTM its own attention weights over image rows (what it chose to read). Everything is
computed without hooks, so explaining one image never changes how the shared model runs
elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention

from kc_desktop.core.errors import DataError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.inference import ImageSource, LoadedRun, load_input

GRAD_CAM_MODELS = ("small-cnn", "folder-cnn")
ATTENTION_MODELS = ("lstm-attention",)

METHOD_TEXT = {
    "grad-cam": QT_TRANSLATE_NOOP(
        "core",
        "Method: Grad-CAM, the regions where the last convolution layer found "
        "evidence for the answer.",
    ),
    "input-gradient": QT_TRANSLATE_NOOP(
        "core",
        "Method: input gradients, the pixels whose slightest change would move "
        "the answer's score most.",
    ),
    "attention": QT_TRANSLATE_NOOP(
        "core",
        "Method: the model's own attention; it reads the image row by row, and "
        "the bars on the right show how much it weighed each row.",
    ),
}


@dataclass
class Saliency:
    """One explanation: the input the model saw and where its answer came from.

    ``image`` is uint8 (H, W, C) at the model's input size; ``heatmap`` float32 (H, W) in
    [0, 1] (1 = most important); ``row_weights`` the attention over the H rows (sums to 1)
    for attention models, else None.
    """

    method: str
    target: int
    label: str
    confidence: float
    image: np.ndarray
    heatmap: np.ndarray
    row_weights: np.ndarray | None = None


def method_for(model_id: str) -> str:
    """The saliency method used for a model id (input gradients work for any model);
    pretrained backbones get Grad-CAM on their last convolution block."""
    from kc_desktop.core.models.registry import UnknownModelError, get_model_spec

    try:
        pretrained = get_model_spec(model_id).pretrained
    except UnknownModelError:
        pretrained = False
    if model_id in GRAD_CAM_MODELS or pretrained:
        return "grad-cam"
    if model_id in ATTENTION_MODELS:
        return "attention"
    return "input-gradient"


def explain(run: LoadedRun, source: ImageSource, target: int | None = None) -> Saliency:
    """Explain the prediction for one image (a path, bytes or uint8 array) of ``run``."""
    return explain_tensor(run, load_input(run, source), target)


def explain_tensor(run: LoadedRun, x: torch.Tensor, target: int | None = None) -> Saliency:
    """Explain float (1, C, H, W) input ``x`` in [0, 1]; ``target`` defaults to the top class."""
    if not run.task.is_classifier:
        raise DataError(
            QT_TRANSLATE_NOOP(
                "core", "Saliency explains classifiers; this run is a generative model."
            )
        )
    x = x.to(run.device)
    run.model.eval()
    method = method_for(str(run.config.get("model", "")))
    row_weights = None
    if method == "grad-cam":
        logits, heatmap = grad_cam(run.model, x, target)
    elif method == "attention":
        logits, row_weights = attention_rows(run.model, x)
        heatmap = np.repeat((row_weights / row_weights.max())[:, None], x.shape[-1], axis=1)
    else:
        logits, heatmap = input_gradient(run.model, x, target)
    index = _target(logits, target)
    probabilities = torch.softmax(logits.detach().float(), dim=1)[0]
    image = (x[0].detach().cpu().permute(1, 2, 0) * 255).round().clamp(0, 255).byte().numpy()
    return Saliency(
        method=method,
        target=index,
        label=run.classes[index] if index < len(run.classes) else str(index),
        confidence=float(probabilities[index]),
        image=image,
        heatmap=heatmap.astype(np.float32),
        row_weights=row_weights,
    )


def grad_cam(
    model: torch.nn.Module, x: torch.Tensor, target: int | None
) -> tuple[torch.Tensor, np.ndarray]:
    """(logits, Grad-CAM) of a model with ``features`` (conv blocks ending in a pool) and
    ``classifier``, from one forward and one backward pass.

    The last convolution's ReLU output A is weighted per channel by the mean gradient of
    the class score over its positions; ReLU keeps evidence *for* the class; the map is
    resampled onto the input pixels (see ``_to_input_pixels``) and scaled to [0, 1].
    """
    features = model.features
    with torch.enable_grad():
        activations = features[:-1](x)
        logits = model.classifier(features[-1](activations))
        (gradients,) = torch.autograd.grad(logits[0, _target(logits, target)], activations)
    weights = gradients.mean(dim=(2, 3), keepdim=True)
    cam = F.relu((weights * activations).sum(dim=1, keepdim=True)).detach()
    return logits.detach(), _unit_range(_to_input_pixels(cam, model, x.shape[-1])[0, 0])


def _to_input_pixels(cam: torch.Tensor, model: torch.nn.Module, size: int) -> torch.Tensor:
    """Bilinear resampling of a (1, 1, h, w) feature map onto the ``size`` input pixels.

    Feature cell i sits over input pixel ``offset + i * stride`` (the centre of its
    receptive field), which a plain resize gets wrong for unpadded convolutions: the small
    CNN's 11 x 11 map covers pixels 3.5 to 23.5 of its 28, not 0 to 27. A model whose
    branches (ResNet's shortcuts) would be counted twice states its own ``feature_stride``
    and ``feature_offset``.
    """
    stated = getattr(model, "feature_stride", None)
    offset, stride = (float(model.feature_offset), float(stated)) if stated else (0.0, 1.0)
    for layer in () if stated else model.features[:-1].modules():
        if isinstance(layer, torch.nn.Conv2d | torch.nn.MaxPool2d):
            kernel, step, padding = (
                _first(getattr(layer, a)) for a in ("kernel_size", "stride", "padding")
            )
            offset += ((kernel - 1) / 2 - padding) * stride
            stride *= step
    height, width = cam.shape[-2:]
    pixels = torch.arange(size, dtype=torch.float32)
    rows = 2 * (pixels - offset) / stride / max(height - 1, 1) - 1
    columns = 2 * (pixels - offset) / stride / max(width - 1, 1) - 1
    grid = torch.stack(torch.meshgrid(columns, rows, indexing="xy"), dim=-1).unsqueeze(0)
    return F.grid_sample(
        cam.float().cpu(), grid, mode="bilinear", padding_mode="border", align_corners=True
    )


def _first(value: int | tuple[int, ...]) -> int:
    """Conv and pool sizes are ints or (height, width) pairs; the models use square ones."""
    return int(value[0] if isinstance(value, tuple) else value)


def input_gradient(
    model: torch.nn.Module, x: torch.Tensor, target: int | None
) -> tuple[torch.Tensor, np.ndarray]:
    """(logits, |d score / d pixel|): the largest over colour channels, scaled to [0, 1]."""
    with torch.enable_grad():
        pixels = x.detach().clone().requires_grad_(True)
        logits = model(pixels)
        (gradients,) = torch.autograd.grad(logits[0, _target(logits, target)], pixels)
    return logits.detach(), _unit_range(gradients[0].abs().amax(dim=0))


def attention_rows(model: torch.nn.Module, x: torch.Tensor) -> tuple[torch.Tensor, np.ndarray]:
    """(logits, attention weights over the image rows, summing to 1) of an LSTM-attention."""
    with torch.no_grad():
        logits = model(x)
    weights = getattr(model, "last_attention", None)
    if weights is None:
        raise DataError(QT_TRANSLATE_NOOP("core", "This model does not expose attention weights."))
    return logits, weights[0].detach().float().cpu().numpy()


def _target(logits: torch.Tensor, target: int | None) -> int:
    """The class to explain: the one asked for, else the model's answer."""
    return int(logits[0].argmax()) if target is None else int(target)


def _unit_range(values: torch.Tensor) -> np.ndarray:
    """Scale non-negative values so the largest is 1 (all zeros stay zeros)."""
    values = values.detach().float().cpu()
    peak = float(values.max())
    return (values / peak if peak > 0 else torch.zeros_like(values)).numpy()
