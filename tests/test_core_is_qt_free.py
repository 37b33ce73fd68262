"""The core must import without Qt: the CLI and tests run with no display."""

from __future__ import annotations

import subprocess
import sys


def test_core_and_cli_import_without_qt() -> None:
    code = (
        "import pkgutil, sys, importlib\n"
        "import kc_desktop.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'kc_desktop.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "import kc_desktop.cli_commands\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'pyqtgraph')"
        " or n.startswith('kc_desktop.ui'))\n"
        "print('LOADED', len([n for n in sys.modules if n.startswith('kc_desktop.core')]))\n"
        "print('QT', bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert "QT []" in result.stdout, result.stdout
    loaded = int(result.stdout.split("LOADED ")[1].split()[0])
    assert loaded >= 15  # every core module was really imported
