"""``python -m kc_desktop``: the window by default, or a headless command (see cli.py)."""

from __future__ import annotations

import sys

from kc_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
