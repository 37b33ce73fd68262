"""What each Train tab chart shows and which way is better, in one line, per kind of model.

Friendly series names go on screen; the technical ones (D(x), KL, ...) are in the charts'
tooltips, one hover away for the people who know them. Each text is written out in a
``QT_TRANSLATE_NOOP`` marker, so that ``pyside6-lupdate`` finds it (a call through a helper
with a variable hides the text from it), and translated when it is looked up.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from kc_desktop.core.kinds import Task


def _tr(text: str) -> str:
    """Translate a text marked below (the marker returns it unchanged)."""
    return QCoreApplication.translate("TrainCaptions", text)


def loss_caption(task: Task) -> str:
    return _tr(
        {
            Task.CLASSIFY: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "How wrong the model's guesses are, step by step (orange: images it does not "
                "train on) — lower is better.",
            ),
            Task.RECONSTRUCT: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "How different the rebuilt images are from the originals — lower is better.",
            ),
            Task.VAE: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "Blue: how different the rebuilt images are; red: how untidy the model's code "
                "space is — both lower is better.",
            ),
            Task.GAN: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "The judge (red) and the generator (green) compete: curves that level off mean "
                "neither wins outright, which is good.",
            ),
        }[Task(task)]
    )


def metric_caption(task: Task) -> str:
    return _tr(
        {
            Task.CLASSIFY: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "Share of images it gets right: blue while training, orange on images it never "
                "trains on — higher is better.",
            ),
            Task.RECONSTRUCT: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "Rebuilding error on images it never trains on, after each epoch — lower is "
                "better.",
            ),
            Task.VAE: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "The same two errors on images it never trains on, after each epoch — lower is "
                "better.",
            ),
            Task.GAN: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "How real the judge thinks real (red) and generated (green) images are: they "
                "should end up close together.",
            ),
        }[Task(task)]
    )


def device_caption() -> str:
    return _tr(
        QT_TRANSLATE_NOOP(
            "TrainCaptions",
            "How busy the processor and memory are while it trains — for information only.",
        )
    )


def technical_tooltip(task: Task) -> str:
    """The experts' words for the curves of ``task``."""
    return _tr(
        {
            Task.CLASSIFY: QT_TRANSLATE_NOOP(
                "TrainCaptions", "Technical: cross-entropy loss; accuracy on the train / val split."
            ),
            Task.RECONSTRUCT: QT_TRANSLATE_NOOP(
                "TrainCaptions", "Technical: mean squared reconstruction error (train / val)."
            ),
            Task.VAE: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "Technical: reconstruction term and KL divergence of the latent code from a "
                "standard normal (the ELBO's two parts, KL weighted by beta).",
            ),
            Task.GAN: QT_TRANSLATE_NOOP(
                "TrainCaptions",
                "Technical: discriminator (D) and generator (G) losses; D(x) is the "
                "discriminator's output for real images, D(G(z)) for generated ones.",
            ),
        }[Task(task)]
    )
