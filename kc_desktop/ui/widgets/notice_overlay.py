"""A message laid over a widget ("Train a model or open a saved run first").

The label covers its host and lets mouse, drag and drop events through, so the host still
receives them and can answer with the same message instead of failing.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLabel, QWidget


class NoticeOverlay(QLabel):
    """A centred, word-wrapped notice that follows its host's size."""

    def __init__(self, host: QWidget, object_name: str) -> None:
        super().__init__(host)
        self.setObjectName(object_name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setMargin(12)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setStyleSheet(
            "background: rgba(40, 40, 40, 215); color: white; font-size: 14px; border-radius: 6px;"
        )
        host.installEventFilter(self)
        self.setGeometry(host.rect())
        self.hide()

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setGeometry(self.parentWidget().rect())
        self.raise_()
        self.show()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.parentWidget().rect())
        return False
