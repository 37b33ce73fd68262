"""A dashed box that takes image files by drag and drop, a click (file dialog) or Ctrl+V.

Three ways in, because people reach for different ones: dragging from a file manager,
clicking to browse, and pasting a screenshot or a copied file. Files are passed on as
paths without opening them: the receiver reads them through the core's one untrusted-image
loader and reports a bad file itself. Only a pasted bitmap is converted here, to a uint8 RGB
array, since it has no path.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QMimeData, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QFileDialog, QFrame, QWidget

from kc_desktop.ui.images import qimage_to_array

IMAGE_FILTER = QT_TRANSLATE_NOOP(
    "drop_area",
    "Images (*.png *.jpg *.jpeg *.bmp *.gif *.webp *.tif *.tiff *.ppm *.pgm);;All files (*)",
)
FILES_MESSAGE = QT_TRANSLATE_NOOP(
    "drop_area", "Drop image files here, click to choose, or paste (Ctrl+V)"
)
FOLDER_MESSAGE = QT_TRANSLATE_NOOP(
    "drop_area", "Drop a folder of images here (one subfolder per class), or click to choose one"
)
NOTHING_TO_PASTE = QT_TRANSLATE_NOOP(
    "drop_area", "The clipboard holds no image and no files to paste."
)

ChooseFiles = Callable[[], "list[str]"]
ChooseFolder = Callable[[], "str | None"]


class DropArea(QFrame):
    """Emits the paths dropped, chosen or pasted, or a pasted image as a numpy array.

    With ``accept_dirs`` a dropped directory is emitted with ``folder_dropped`` and a click
    asks for a folder instead of files. ``choose_files`` and ``choose_folder`` are the
    dialogs a click opens; tests and automation replace them.
    """

    files_dropped = Signal(list)  # list[str] of local file paths
    image_pasted = Signal(object)  # uint8 (H, W, 3) RGB numpy array
    folder_dropped = Signal(str)  # a directory path (only with accept_dirs)
    rejected = Signal(str)  # a plain-words reason nothing was taken (e.g. empty clipboard)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        accept_dirs: bool = False,
        message: str | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(parent, **kwargs)
        self.accept_dirs = accept_dirs
        self._message = message or (
            QCoreApplication.translate("drop_area", FOLDER_MESSAGE)
            if accept_dirs
            else QCoreApplication.translate("drop_area", FILES_MESSAGE)
        )
        self._drag_active = False
        self._last_dir = str(Path.home())
        self.choose_files: ChooseFiles = self._ask_files
        self.choose_folder: ChooseFolder = self._ask_folder
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumHeight(48)
        self.setToolTip(self._message)

    # ---------------------------------------------------------------- public API
    def message(self) -> str:
        return self._message

    def set_message(self, text: str) -> None:
        self._message = text
        self.setToolTip(text)
        self.update()

    def is_drag_active(self) -> bool:
        """True while something acceptable is being dragged over the area."""
        return self._drag_active

    def open_dialog(self) -> None:
        """What a click does: ask for files (or a folder with accept_dirs) and emit them."""
        if self.accept_dirs:
            folder = self.choose_folder()
            if folder:
                self._last_dir = folder
                self.folder_dropped.emit(str(folder))
            return
        paths = [str(p) for p in self.choose_files() if p]
        if paths:
            self._last_dir = str(Path(paths[0]).parent)
            self.files_dropped.emit(paths)

    def paste(self) -> bool:
        """Take files or an image from the clipboard (Ctrl+V); False when it holds neither."""
        mime = QGuiApplication.clipboard().mimeData()
        if mime is not None and self._emit_urls(mime):
            return True
        if mime is not None and mime.hasImage():
            image = QGuiApplication.clipboard().image()
            if not image.isNull():
                self.image_pasted.emit(qimage_to_array(image, mode="RGB"))
                return True
        self.rejected.emit(QCoreApplication.translate("drop_area", NOTHING_TO_PASTE))
        return False

    # ---------------------------------------------------------------- Qt overrides
    def sizeHint(self) -> QSize:
        return QSize(360, 96)

    def minimumSizeHint(self) -> QSize:
        return QSize(160, 48)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._usable_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
            self._set_drag_active(True)
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self._usable_paths(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._set_drag_active(False)
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        self._set_drag_active(False)
        if self._emit_urls(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.setFocus(Qt.FocusReason.MouseFocusReason)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            event.accept()
            self.open_dialog()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.open_dialog()
            event.accept()
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        if self._drag_active:
            fill = QColor(accent)
            fill.setAlpha(45)
            border = accent
        else:
            fill = palette.color(QPalette.ColorRole.AlternateBase)
            border = accent if self.hasFocus() else palette.color(QPalette.ColorRole.Mid)
        pen = QPen(border, 2.0, Qt.PenStyle.DashLine)
        pen.setDashPattern([4.0, 3.0])
        painter.setPen(pen)
        painter.setBrush(fill)
        painter.drawRoundedRect(box, 8, 8)
        font = painter.font()
        font.setBold(self._drag_active)
        painter.setFont(font)
        text_colour = accent if self._drag_active else palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        release = (
            self.tr("Release to open this folder")
            if self.accept_dirs
            else self.tr("Release to add the files")
        )
        text = release if self._drag_active else self._message
        painter.drawText(
            box.adjusted(12, 4, -12, -4),
            Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
            text,
        )
        painter.end()

    # ---------------------------------------------------------------- internals
    def _usable_paths(self, mime: QMimeData | None) -> list[Path]:
        """Local files (and directories with accept_dirs) among the dragged URLs."""
        if mime is None or not mime.hasUrls():
            return []
        paths = [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
        return [p for p in paths if self.accept_dirs or not p.is_dir()]

    def _emit_urls(self, mime: QMimeData) -> bool:
        paths = self._usable_paths(mime)
        if not paths:
            return False
        folders = [p for p in paths if p.is_dir()]
        files = [str(p) for p in paths if not p.is_dir()]
        if folders:
            self.folder_dropped.emit(str(folders[0]))
        if files:
            self.files_dropped.emit(files)
        return True

    def _set_drag_active(self, active: bool) -> None:
        if active != self._drag_active:
            self._drag_active = active
            self.update()

    def _ask_files(self) -> list[str]:
        paths, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose images"),
            self._last_dir,
            QCoreApplication.translate("drop_area", IMAGE_FILTER),
        )
        return list(paths)

    def _ask_folder(self) -> str | None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Choose an image folder"), self._last_dir
        )
        return folder or None
