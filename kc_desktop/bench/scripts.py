"""What a user would write instead of using the app: the baselines of figures 1 and 2.

* The usual script, as in pytorch/examples (mnist, dcgan): a Dataset that turns each uint8
  image into a PIL image and applies torchvision's ``ToTensor`` + ``Normalize`` (exactly what
  ``torchvision.datasets.MNIST`` does per item), ``DataLoader(batch_size=64, shuffle=True)``,
  and the examples' step, reading ``.item()`` where they do.
* The ideal loop: float images already in memory, ``randperm`` batches, the bare step, no
  callbacks, metrics or logging: the floor the engine's bookkeeping is measured against. It
  runs the network as the engine does (channels-last convolutions, fused Adam), so that the
  ratio shows the cost of the engine's bookkeeping alone.

Both build the network with the app's model registry from seed 0 and use the model's
default optimiser and settings; the usual script constructs it as the examples do
(``optim.Adam(model.parameters(), lr=...)``, PyTorch's default implementation).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import torch
import torch.nn.functional as F  # noqa: N812 - the PyTorch convention
from PIL import Image
from torch import nn
from torch.utils.data import DataLoader, Dataset
from torchvision import transforms

from kc_desktop.core.data.dataset import ImageDataset
from kc_desktop.core.models.registry import build_model, get_model_spec
from kc_desktop.core.training.config import TrainConfig
from kc_desktop.core.training.settings import resolve_settings
from kc_desktop.core.training.tasks import make_optimizer, use_fast_layout

BATCH_SIZE = 64
SCRIPT_LOG_INTERVAL = 10  # pytorch/examples/mnist reads loss.item() every 10 batches
MNIST_MEAN, MNIST_STD = 0.1307, 0.3081

Batches = Iterator[tuple[torch.Tensor, torch.Tensor]]
Step = Callable[[torch.Tensor, torch.Tensor, int], None]


class TorchvisionStyleImages(Dataset):
    """uint8 images served one by one as torchvision's MNIST/CIFAR datasets serve them."""

    def __init__(self, images: torch.Tensor, labels: torch.Tensor, transform: Callable) -> None:
        self.images = images.permute(0, 2, 3, 1).numpy()  # (N, H, W, C), as the files hold them
        self.labels = labels.tolist()
        self.transform = transform

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, int]:
        pixels = self.images[index]
        image = Image.fromarray(pixels[:, :, 0] if pixels.shape[2] == 1 else pixels)
        return self.transform(image), self.labels[index]


def _endless(make_epoch: Callable[[], Batches]) -> Batches:
    while True:
        yield from make_epoch()


def dataloader_batches(model_id: str, dataset: ImageDataset, device: torch.device) -> Batches:
    """``DataLoader(batch_size=64, shuffle=True)`` over ToTensor + Normalize, moved to device."""
    images, labels = dataset.split("train")
    channels = images.shape[1]
    if get_model_spec(model_id).task == "gan":  # pytorch/examples/dcgan scales to [-1, 1]
        normalise = transforms.Normalize((0.5,) * channels, (0.5,) * channels)
    else:
        normalise = transforms.Normalize((MNIST_MEAN,) * channels, (MNIST_STD,) * channels)
    transform = transforms.Compose([transforms.ToTensor(), normalise])
    loader = DataLoader(
        TorchvisionStyleImages(images, labels, transform), batch_size=BATCH_SIZE, shuffle=True
    )
    return _endless(lambda: ((x.to(device), y.to(device)) for x, y in loader))


def ideal_batches(dataset: ImageDataset, device: torch.device) -> Batches:
    """Float [0, 1] images resident on ``device``, shuffled by ``randperm`` each epoch."""
    images, labels = dataset.split("train")
    x_all = images.to(device).float().div_(255)
    y_all = labels.to(device)

    def epoch() -> Batches:
        order = torch.randperm(len(y_all), device=device)
        for start in range(0, len(y_all), BATCH_SIZE):
            index = order[start : start + BATCH_SIZE]
            yield x_all[index], y_all[index]

    return _endless(epoch)


def _model_and_settings(
    model_id: str, dataset: ImageDataset, device: torch.device, *, as_engine: bool
) -> tuple[nn.Module, dict]:
    spec = get_model_spec(model_id)
    settings = resolve_settings(TrainConfig(model=model_id, batch_size=BATCH_SIZE), spec)
    torch.manual_seed(0)
    model = build_model(
        model_id,
        channels=dataset.channels,
        size=spec.input_size(dataset.size),
        num_classes=len(dataset.classes),
    ).to(device)
    if as_engine:
        use_fast_layout(model, device)
    model.train()
    return model, settings


def _optimizer(params, settings: dict, *, as_engine: bool) -> torch.optim.Optimizer:
    """The engine's optimiser (fused where it can be), or the one the examples write."""
    lr, momentum, betas = settings["lr"], settings["momentum"], tuple(settings["adam_betas"])
    if as_engine:
        return make_optimizer(params, settings["optimizer"], lr, momentum, betas)
    if settings["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=momentum)
    return torch.optim.Adam(params, lr=lr, betas=betas)


def script_step(model_id: str, dataset: ImageDataset, device: torch.device) -> Step:
    """The training step of pytorch/examples (mnist for classifiers, dcgan for the GAN)."""
    return _step(model_id, dataset, device, reads_back=True)


def ideal_step(model_id: str, dataset: ImageDataset, device: torch.device) -> Step:
    """The bare step: forward, loss, backward, update; nothing read back."""
    return _step(model_id, dataset, device, reads_back=False)


def _step(model_id: str, dataset: ImageDataset, device: torch.device, *, reads_back: bool) -> Step:
    """``reads_back``: the usual script (reads values back); else the ideal loop."""
    as_engine = not reads_back
    model, settings = _model_and_settings(model_id, dataset, device, as_engine=as_engine)
    if get_model_spec(model_id).task == "gan":
        return _gan_step(model, settings, reads_back=reads_back)
    optimizer = _optimizer(model.parameters(), settings, as_engine=as_engine)
    smoothing = settings["label_smoothing"]  # the model's own objective on both sides

    def step(x: torch.Tensor, y: torch.Tensor, index: int) -> None:
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y, label_smoothing=smoothing)
        loss.backward()
        optimizer.step()
        if reads_back and index % SCRIPT_LOG_INTERVAL == 0:
            loss.item()

    return step


def _gan_step(model: nn.Module, settings: dict, *, reads_back: bool) -> Step:
    """pytorch/examples/dcgan: update D on real then fake, then G; it prints D(x) each step."""
    generator, discriminator = model.generator, model.discriminator
    d_optimizer = _optimizer(discriminator.parameters(), settings, as_engine=not reads_back)
    g_optimizer = _optimizer(generator.parameters(), settings, as_engine=not reads_back)
    criterion = nn.BCEWithLogitsLoss()

    def step(x: torch.Tensor, y: torch.Tensor, index: int) -> None:
        ones = torch.ones(len(x), device=x.device)
        zeros = torch.zeros(len(x), device=x.device)
        discriminator.zero_grad()
        real = discriminator(x)
        criterion(real, ones).backward()
        fake = generator(torch.randn(len(x), model.latent_dim, device=x.device))
        fake_out = discriminator(fake.detach())
        criterion(fake_out, zeros).backward()
        d_optimizer.step()
        generator.zero_grad()
        gen_out = discriminator(fake)
        criterion(gen_out, ones).backward()
        g_optimizer.step()
        if reads_back:  # the examples print D(x), D(G(z)) before and after each step
            for logits in (real, fake_out, gen_out):
                logits.mean().item()

    return step
