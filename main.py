"""Launcher: ``python main.py`` opens the kc_desktop window."""

from __future__ import annotations

import sys

from kc_desktop.ui.app import run_app

if __name__ == "__main__":
    sys.exit(run_app())
