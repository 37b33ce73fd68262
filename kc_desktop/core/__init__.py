"""Qt-free core of kc_desktop: data, models, training engine, runs, inference.

Nothing under this package may import PySide6, pyqtgraph or ``kc_desktop.ui``: the same
engine serves the window and the headless command line, and is testable without a display.
"""
