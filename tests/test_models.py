"""Model registry, the seven networks and the layer summary.

Every model is built through ``spec.input_size`` for greyscale and colour images of the
sizes the app meets (8x8 up to 150x150 photos), so the contract's shapes and [0, 1]
ranges are checked where a real dataset would put them.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention
from torch import nn

from kc_desktop.core.models.registry import (
    ModelSpec,
    UnknownModelError,
    build_model,
    get_model_spec,
    list_models,
)
from kc_desktop.core.models.summary import summarize

ALL_IDS = [
    "mlp",
    "small-cnn",
    "folder-cnn",
    "lstm-attention",
    "autoencoder",
    "vae",
    "dcgan",
]
CLASSIFIERS = ALL_IDS[:4]
PRETRAINED = ["mobilenet-v3-small", "resnet18", "efficientnet-b0"]  # tests/test_backbones.py
GENERATIVE = ALL_IDS[4:]
NUM_CLASSES = 5
BATCH = 3


def _build(model_id: str, channels: int, dataset_size: int) -> tuple[nn.Module, int]:
    size = get_model_spec(model_id).input_size(dataset_size)
    model = build_model(model_id, channels=channels, size=size, num_classes=NUM_CLASSES)
    return model, size


def test_list_models_order_and_kinds() -> None:
    assert [spec.id for spec in list_models()] == ALL_IDS[:3] + PRETRAINED + ALL_IDS[3:]
    assert [spec.id for spec in list_models("classify")] == CLASSIFIERS[:3] + PRETRAINED + [
        "lstm-attention"
    ]
    assert [spec.id for spec in list_models("generate")] == GENERATIVE
    assert {spec.task for spec in list_models("generate")} == {"reconstruct", "vae", "gan"}
    assert all(spec.generative for spec in list_models("generate"))
    assert not any(spec.generative for spec in list_models("classify"))


def test_specs_have_usable_defaults() -> None:
    for spec in list_models():
        assert isinstance(spec, ModelSpec)
        assert spec.name and spec.description and "\n" not in spec.description
        assert spec.default_epochs >= 1 and spec.default_batch_size >= 1
        assert 0 < spec.default_lr < 1
        assert spec.default_optimizer in {"adam", "sgd"}
        assert len(spec.adam_betas) == 2
    assert get_model_spec("dcgan").adam_betas == (0.5, 0.999)
    assert get_model_spec("dcgan").default_lr == pytest.approx(2e-4)
    assert get_model_spec("small-cnn").default_epochs == 10


@pytest.mark.parametrize("bad", ["resnet", "", "Small-CNN"])
def test_unknown_model_is_a_value_error_naming_known_ids(bad: str) -> None:
    with pytest.raises(UnknownModelError) as caught:
        get_model_spec(bad)
    assert isinstance(caught.value, ValueError)
    message = str(caught.value)
    assert "\n" not in message
    assert all(model_id in message for model_id in ALL_IDS)
    with pytest.raises(ValueError, match="Known models"):
        build_model(bad, channels=1, size=28, num_classes=10)


def test_unknown_kind_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="classify"):
        list_models("segment")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("model_id", "sizes"),
    [
        ("mlp", {8: 8, 28: 28, 32: 32, 150: 64}),
        ("small-cnn", {8: 28, 28: 28, 32: 28, 150: 28}),
        ("folder-cnn", {8: 32, 28: 32, 32: 32, 100: 100, 150: 150, 300: 150}),
        ("lstm-attention", {8: 8, 28: 28, 32: 32, 150: 64}),
        ("autoencoder", {8: 8, 28: 28, 30: 32, 32: 32, 63: 64, 150: 64, 2: 4}),
        ("vae", {8: 8, 28: 28, 30: 32, 32: 32, 150: 64}),
        ("dcgan", {8: 8, 28: 28, 30: 32, 32: 32, 150: 64}),
    ],
)
def test_input_size_rules(model_id: str, sizes: dict[int, int]) -> None:
    spec = get_model_spec(model_id)
    assert {size: spec.input_size(size) for size in sizes} == sizes
    with pytest.raises(ValueError):
        spec.input_size(0)


def _assert_all_parameters_have_gradients(model: nn.Module) -> None:
    missing = [name for name, p in model.named_parameters() if p.grad is None]
    assert not missing, f"parameters without gradient: {missing}"
    assert all(torch.isfinite(p.grad).all() for p in model.parameters())


@pytest.mark.parametrize("dataset_size", [8, 28, 32, 150])
@pytest.mark.parametrize("channels", [1, 3])
@pytest.mark.parametrize("model_id", ALL_IDS)
def test_forward_shapes_ranges_and_backward(
    model_id: str, channels: int, dataset_size: int
) -> None:
    torch.manual_seed(0)
    model, size = _build(model_id, channels, dataset_size)
    model.train()
    x = torch.rand(BATCH, channels, size, size)
    task = get_model_spec(model_id).task
    if task == "classify":
        logits = model(x)
        assert logits.shape == (BATCH, NUM_CLASSES)
        assert logits.dtype == torch.float32
        loss = F.cross_entropy(logits, torch.arange(BATCH) % NUM_CLASSES)
    elif task == "reconstruct":
        recon = model(x)
        assert recon.shape == x.shape
        assert recon.min() >= 0 and recon.max() <= 1
        z = model.encode(x)
        assert z.shape == (BATCH, model.latent_dim)
        assert model.decode(z).shape == x.shape
        loss = (recon - x).pow(2).flatten(1).sum(1).mean()
    elif task == "vae":
        logits, mu, logvar = model(x)
        assert logits.shape == x.shape
        assert mu.shape == logvar.shape == (BATCH, model.latent_dim)
        decoded = model.decode(torch.randn(BATCH, model.latent_dim))
        assert decoded.shape == x.shape and decoded.min() >= 0 and decoded.max() <= 1
        recon = F.binary_cross_entropy_with_logits(logits, x, reduction="sum")
        loss = recon - 0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum()
    else:
        z = torch.randn(BATCH, model.latent_dim)
        fake = model.generator(z)
        assert fake.shape == x.shape and fake.min() >= 0 and fake.max() <= 1
        assert model(z).shape == x.shape
        assert model.discriminator(x).shape == (BATCH,)
        loss = model.discriminator(fake).mean() - model.discriminator(x).mean()
    assert torch.isfinite(loss)
    loss.backward()
    _assert_all_parameters_have_gradients(model)


def _count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def test_small_cnn_parameter_count_is_the_articles() -> None:
    """Valid (unpadded) 3x3 convolutions: 28 -> 26 -> 13 -> 11 -> 5, so 64 * 5 * 5 features."""
    model = build_model("small-cnn", channels=1, size=28, num_classes=10)
    conv1 = 1 * 32 * 9 + 32
    conv2 = 32 * 64 * 9 + 64
    fc1 = 64 * 5 * 5 * 512 + 512
    fc2 = 512 * 10 + 10
    assert _count(model) == conv1 + conv2 + fc1 + fc2 == 843_658


def test_folder_cnn_parameter_count_at_150() -> None:
    """Padded convolutions and four poolings: 150 -> 75 -> 37 -> 18 -> 9."""
    model = build_model("folder-cnn", channels=3, size=150, num_classes=2)
    convs = (3 * 32 + 32 * 64 + 64 * 128 + 128 * 128) * 9 + (32 + 64 + 128 + 128)
    dense = 128 * 9 * 9 * 512 + 512 + 512 * 2 + 2
    assert _count(model) == convs + dense


def test_mlp_and_lstm_parameter_counts() -> None:
    mlp = build_model("mlp", channels=1, size=28, num_classes=10)
    assert _count(mlp) == 784 * 512 + 512 + 512 * 256 + 256 + 256 * 10 + 10
    lstm = build_model("lstm-attention", channels=1, size=28, num_classes=10)
    per_direction = 4 * 128 * (28 + 128) + 2 * 4 * 128
    attention = 256 * 128 + 128 + 128
    assert _count(lstm) == 2 * per_direction + 2 * 256 + attention + 256 * 10 + 10


def test_latent_dim_defaults_and_override() -> None:
    defaults = {"autoencoder": 32, "vae": 8, "dcgan": 64}
    for model_id, latent in defaults.items():
        model = build_model(model_id, channels=1, size=28, num_classes=10)
        assert model.latent_dim == latent == get_model_spec(model_id).default_latent_dim
        custom = build_model(model_id, channels=1, size=28, num_classes=10, latent_dim=7)
        assert custom.latent_dim == 7


@pytest.mark.parametrize(
    ("model_id", "size", "latent_dim"),
    [("autoencoder", 30, None), ("vae", 2, None), ("dcgan", 28, 0), ("small-cnn", 8, None)],
)
def test_impossible_shapes_are_plain_value_errors(
    model_id: str, size: int, latent_dim: int | None
) -> None:
    with pytest.raises(ValueError) as caught:
        build_model(model_id, channels=1, size=size, num_classes=3, latent_dim=latent_dim)
    assert "\n" not in str(caught.value)


def test_lstm_attention_rows_sum_to_one() -> None:
    model = build_model("lstm-attention", channels=3, size=32, num_classes=4)
    assert model.last_attention is None
    model(torch.rand(5, 3, 32, 32)).sum().backward()
    attention = model.last_attention
    assert attention.shape == (5, 32)
    assert not attention.requires_grad
    assert (attention >= 0).all()
    torch.testing.assert_close(attention.sum(1), torch.ones(5))


def test_vae_samples_in_train_mode_and_uses_mu_in_eval_mode() -> None:
    torch.manual_seed(0)
    model = build_model("vae", channels=1, size=28, num_classes=10)
    x = torch.rand(4, 1, 28, 28)
    model.train()
    assert not torch.equal(model(x)[0], model(x)[0])
    model.eval()
    logits, mu, _ = model(x)
    torch.testing.assert_close(logits, model(x)[0])
    torch.testing.assert_close(torch.sigmoid(logits), model.decode(mu))


def test_dcgan_uses_the_dcgan_initialisation() -> None:
    torch.manual_seed(0)
    model = build_model("dcgan", channels=1, size=28, num_classes=10)
    weights = [m.weight for m in model.modules() if isinstance(m, nn.Conv2d | nn.ConvTranspose2d)]
    assert weights
    for weight in weights:
        assert abs(weight.std().item() - 0.02) < 0.005
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    assert len(norms) >= 3
    for norm in norms:
        assert abs(norm.weight.mean().item() - 1) < 0.01
    assert any(isinstance(m, nn.LeakyReLU) for m in model.discriminator.modules())


@pytest.mark.parametrize("model_id", ALL_IDS)
def test_summary_matches_a_real_forward(model_id: str) -> None:
    model, size = _build(model_id, 3, 32)
    model.train()
    summary = summarize(model, (3, size, size))
    assert model.training and all(m.training for m in model.modules())
    assert summary.total_params == summary.trainable_params == _count(model)
    assert sum(row.params for row in summary.rows) == summary.total_params
    model.eval()
    with torch.no_grad():
        x = torch.rand(2, 3, size, size)
        if model_id == "dcgan":
            last = model.generator(torch.randn(2, model.latent_dim))
            assert summary.rows[0].name.startswith("discriminator.")
            assert summary.rows[-1].name.startswith("generator.")
            disc_rows = [r for r in summary.rows if r.name.startswith("discriminator.")]
            assert disc_rows[-1].output_shape == (1,)
        else:
            output = model(x)
            last = output[0] if isinstance(output, tuple) else output
    assert summary.rows[-1].output_shape == tuple(last.shape[1:])
    assert not model.training
    text = summary.as_text()
    assert f"Total parameters: {summary.total_params:,}" in text
    assert all(row.name in text for row in summary.rows)


def test_small_cnn_summary_rows() -> None:
    model = build_model("small-cnn", channels=1, size=28, num_classes=10)
    summary = summarize(model, (1, 28, 28))
    shapes = [(row.kind, row.output_shape) for row in summary.rows]
    assert shapes[:6] == [
        ("Conv2d", (32, 26, 26)),
        ("ReLU", (32, 26, 26)),
        ("MaxPool2d", (32, 13, 13)),
        ("Conv2d", (64, 11, 11)),
        ("ReLU", (64, 11, 11)),
        ("MaxPool2d", (64, 5, 5)),
    ]
    assert ("Flatten", (1600,)) in shapes
    assert shapes[-1] == ("Linear", (10,))
    assert "Total parameters: 843,658" in summary.as_text()


def test_small_cnn_fits_random_labels() -> None:
    """A learning smoke test: 64 random images and labels, loss halves in 50 Adam steps."""
    torch.manual_seed(0)
    model = build_model("small-cnn", channels=1, size=28, num_classes=10)
    x = torch.rand(64, 1, 28, 28)
    y = torch.randint(0, 10, (64,))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    model.train()
    losses = []
    for _ in range(50):
        loss = F.cross_entropy(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    assert losses[-1] < losses[0] / 2


def test_registry_import_does_not_import_qt() -> None:
    code = (
        "import sys, kc_desktop.core.models.registry, kc_desktop.core.models.summary; "
        "assert 'PySide6' not in sys.modules and 'pyqtgraph' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
