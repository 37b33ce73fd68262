"""What each Train tab chart shows and which way is better, in one line, per kind of model.

Friendly series names go on screen; the technical ones (D(x), KL, ...) are in the charts'
tooltips, one hover away for the people who know them.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from kc_desktop.core.kinds import Task


def loss_caption(task: Task) -> str:
    return {
        Task.CLASSIFY: QCoreApplication.translate(
            "TrainCaptions",
            "How wrong the model's guesses are, step by step (orange: images it does not "
            "train on) — lower is better.",
        ),
        Task.RECONSTRUCT: QCoreApplication.translate(
            "TrainCaptions",
            "How different the rebuilt images are from the originals — lower is better.",
        ),
        Task.VAE: QCoreApplication.translate(
            "TrainCaptions",
            "Blue: how different the rebuilt images are; red: how untidy the model's code "
            "space is — both lower is better.",
        ),
        Task.GAN: QCoreApplication.translate(
            "TrainCaptions",
            "The judge (red) and the generator (green) compete: curves that level off mean "
            "neither wins outright, which is good.",
        ),
    }[Task(task)]


def metric_caption(task: Task) -> str:
    return {
        Task.CLASSIFY: QCoreApplication.translate(
            "TrainCaptions",
            "Share of images it gets right: blue while training, orange on images it never "
            "trains on — higher is better.",
        ),
        Task.RECONSTRUCT: QCoreApplication.translate(
            "TrainCaptions",
            "Rebuilding error on images it never trains on, after each epoch — lower is better.",
        ),
        Task.VAE: QCoreApplication.translate(
            "TrainCaptions",
            "The same two errors on images it never trains on, after each epoch — lower is better.",
        ),
        Task.GAN: QCoreApplication.translate(
            "TrainCaptions",
            "How real the judge thinks real (red) and generated (green) images are: they "
            "should end up close together.",
        ),
    }[Task(task)]


def device_caption() -> str:
    return QCoreApplication.translate(
        "TrainCaptions",
        "How busy the processor and memory are while it trains — for information only.",
    )


def technical_tooltip(task: Task) -> str:
    """The experts' words for the curves of ``task``."""
    return {
        Task.CLASSIFY: QCoreApplication.translate(
            "TrainCaptions", "Technical: cross-entropy loss; accuracy on the train / val split."
        ),
        Task.RECONSTRUCT: QCoreApplication.translate(
            "TrainCaptions", "Technical: mean squared reconstruction error (train / val)."
        ),
        Task.VAE: QCoreApplication.translate(
            "TrainCaptions",
            "Technical: reconstruction term and KL divergence of the latent code from a "
            "standard normal (the ELBO's two parts, KL weighted by beta).",
        ),
        Task.GAN: QCoreApplication.translate(
            "TrainCaptions",
            "Technical: discriminator (D) and generator (G) losses; D(x) is the "
            "discriminator's output for real images, D(G(z)) for generated ones.",
        ),
    }[Task(task)]
