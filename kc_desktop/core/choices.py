"""The named choices of a run that front-ends offer, importable without torch or Pillow.

The command-line parser is built before the window opens, so it must not import torch;
these plain values are shared by the parser, the Model and Data tabs and the core modules
that act on them (``training/auto_epochs``, ``training/schedules``, ``data/folder_format``).
"""

from __future__ import annotations

AUTO = "auto"
"""Epochs: auto: stop when the validation loss stops improving (``--epochs auto``)."""

DEFAULT_TIME_BUDGET_S = 600.0
"""Most training time an auto run takes unless told otherwise (``--time-budget``)."""

SCHEDULES = ("onecycle", "cosine", "constant")
"""Learning-rate schedules (``--lr-schedule``); "constant" switches scheduling off."""

DEFAULT_SCHEDULE = "onecycle"
"""What the window and the command line use unless told otherwise. ``TrainConfig`` itself
defaults to "constant", what runs saved before schedules existed were trained with."""

COLOURS = ("auto", "rgb", "grey")
"""How a folder is decoded: as its files are ("auto"), in colour, or in greyscale."""
