"""The three generative models: autoencoder, beta-VAE and DCGAN.

All three share one shape family: two stride-2 steps down and two up, so the image side
must be divisible by 4 (the registry's ``input_size`` guarantees it). Images go in and
come out as float32 in [0, 1]; any [-1, 1] scaling happens inside the models.
The losses live in the training engine, not here.
"""

from __future__ import annotations

import torch
from torch import nn

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

DEFAULT_AE_LATENT = 32
DEFAULT_VAE_LATENT = 8
"""Small on purpose: with 1,437 digits, 8 latent numbers give prior samples that read as
digits after 80 epochs; 16 left many samples between digits."""
DEFAULT_GAN_LATENT = 64


def _check_shape(size: int, latent_dim: int) -> int:
    """The side after two stride-2 steps; plain errors for shapes the models cannot take."""
    if size < 4 or size % 4:
        raise ValueError(
            QT_TRANSLATE_NOOP(
                "core", "Generative models need an image side divisible by 4, not {size}."
            ).format(size=size)
        )
    if latent_dim < 1:
        raise ValueError(f"The latent size must be at least 1, not {latent_dim}.")
    return size // 4


def _encoder(channels: int, width: int = 32) -> nn.Sequential:
    """x in [-1, 1] (B, C, 4s, 4s) -> (B, 2 * width * s * s) features."""
    return nn.Sequential(
        nn.Conv2d(channels, width, 4, stride=2, padding=1),
        nn.ReLU(),
        nn.Conv2d(width, width * 2, 4, stride=2, padding=1),
        nn.ReLU(),
        nn.Flatten(),
    )


def _decoder(channels: int, side: int, latent_dim: int, width: int = 32) -> nn.Sequential:
    """z (B, latent) -> logits (B, C, 4s, 4s); the caller applies the sigmoid."""
    return nn.Sequential(
        nn.Linear(latent_dim, width * 2 * side * side),
        nn.ReLU(),
        nn.Unflatten(1, (width * 2, side, side)),
        nn.ConvTranspose2d(width * 2, width, 4, stride=2, padding=1),
        nn.ReLU(),
        nn.ConvTranspose2d(width, channels, 4, stride=2, padding=1),
    )


class Autoencoder(nn.Module):
    """Conv encoder -> latent code -> transposed-conv decoder -> sigmoid.

    Trained self-supervised on ||x - f(x)||^2: the bottleneck of ``latent_dim`` numbers
    forces it to keep what matters about an image and drop the noise.
    """

    def __init__(
        self, channels: int, size: int, latent_dim: int = DEFAULT_AE_LATENT, width: int = 32
    ) -> None:
        super().__init__()
        side = _check_shape(size, latent_dim)
        self.latent_dim = latent_dim
        self.encoder = _encoder(channels, width)
        self.to_latent = nn.Linear(width * 2 * side * side, latent_dim)
        self.decoder = _decoder(channels, side, latent_dim, width)
        self.sigmoid = nn.Sigmoid()

    def encode(self, x: torch.Tensor) -> torch.Tensor:
        """Images [0, 1] (B, C, H, W) -> codes (B, latent_dim)."""
        return self.to_latent(self.encoder(x * 2 - 1))

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Codes (B, latent_dim) -> images in [0, 1] (B, C, H, W)."""
        return self.sigmoid(self.decoder(z))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))


class VAE(nn.Module):
    """beta-VAE: the encoder gives a Gaussian q(z|x) = N(mu, exp(logvar)) per image.

    In train mode ``forward`` samples z = mu + sigma * eps (the reparameterisation trick,
    so gradients flow through mu and sigma); in eval mode it uses mu, which makes
    reconstructions repeatable. ``forward`` returns decoder logits because the Bernoulli
    likelihood is computed stably from logits; ``decode`` returns images in [0, 1].
    """

    def __init__(
        self, channels: int, size: int, latent_dim: int = DEFAULT_VAE_LATENT, width: int = 32
    ) -> None:
        super().__init__()
        side = _check_shape(size, latent_dim)
        self.latent_dim = latent_dim
        self.encoder = _encoder(channels, width)
        self.to_mu = nn.Linear(width * 2 * side * side, latent_dim)
        self.to_logvar = nn.Linear(width * 2 * side * side, latent_dim)
        self.decoder = _decoder(channels, side, latent_dim, width)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Images [0, 1] -> (mu, logvar), each (B, latent_dim)."""
        features = self.encoder(x * 2 - 1)
        return self.to_mu(features), self.to_logvar(features)

    def decode(self, z: torch.Tensor) -> torch.Tensor:
        """Latent points (B, latent_dim) -> images in [0, 1]."""
        return torch.sigmoid(self.decoder(z))

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """-> (recon_logits (B, C, H, W), mu, logvar)."""
        mu, logvar = self.encode(x)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar) if self.training else mu
        return self.decoder(z), mu, logvar


class Generator(nn.Module):
    """z -> Linear -> (2 ngf, s/4, s/4) -> up x2 -> BN -> ReLU -> up x2 -> tanh -> [0, 1]."""

    def __init__(self, channels: int, size: int, latent_dim: int, ngf: int = 64) -> None:
        super().__init__()
        side = _check_shape(size, latent_dim)
        self.net = nn.Sequential(
            nn.Linear(latent_dim, ngf * 2 * side * side, bias=False),
            nn.Unflatten(1, (ngf * 2, side, side)),
            nn.BatchNorm2d(ngf * 2),
            nn.ReLU(),
            nn.ConvTranspose2d(ngf * 2, ngf, 4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(ngf),
            nn.ReLU(),
            nn.ConvTranspose2d(ngf, channels, 4, stride=2, padding=1),
            nn.Tanh(),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return (self.net(z) + 1) / 2


class Discriminator(nn.Module):
    """[0, 1] images -> [-1, 1] -> two stride-2 convs with LeakyReLU(0.2) -> one logit each."""

    def __init__(self, channels: int, size: int, ndf: int = 64) -> None:
        super().__init__()
        side = _check_shape(size, 1)
        self.net = nn.Sequential(
            nn.Conv2d(channels, ndf, 4, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Conv2d(ndf, ndf * 2, 4, stride=2, padding=1, bias=False),
            nn.BatchNorm2d(ndf * 2),
            nn.LeakyReLU(0.2),
            nn.Flatten(),
            nn.Linear(ndf * 2 * side * side, 1),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """-> logits (B,): positive means "looks real"."""
        return self.net(x * 2 - 1).squeeze(1)


def dcgan_init(module: nn.Module) -> None:
    """The DCGAN paper's init: weights ~ N(0, 0.02), BatchNorm scales ~ N(1, 0.02)."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d, nn.Linear)):
        nn.init.normal_(module.weight, 0.0, 0.02)
        if module.bias is not None:
            nn.init.zeros_(module.bias)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class DCGAN(nn.Module):
    """A generator and a discriminator trained against each other (one optimiser each).

    ``forward(z)`` is the generator, so sampling code can treat every generative model
    alike; the engine reaches ``generator`` and ``discriminator`` directly.
    """

    def __init__(
        self,
        channels: int,
        size: int,
        latent_dim: int = DEFAULT_GAN_LATENT,
        ngf: int = 64,
        ndf: int = 64,
    ) -> None:
        super().__init__()
        self.latent_dim = latent_dim
        self.generator = Generator(channels, size, latent_dim, ngf)
        self.discriminator = Discriminator(channels, size, ndf)
        self.apply(dcgan_init)

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return self.generator(z)
