"""The one place that opens an untrusted image (folder datasets, drops, pastes, the gallery).

Users point the app at folders of files from anywhere, so every decode here is defensive:

* the file is checked before any decoder sees it: a regular file (a FIFO would block
  forever), not empty, at most ``MAX_BYTES``;
* only formats with built-in Pillow decoders are tried (no EPS: it runs Ghostscript);
* the pixel count from the header is checked against ``MAX_PIXELS`` *before* decoding, so a
  60-byte PNG that claims 50,000 x 50,000 pixels never allocates them, and each side against
  ``MAX_SIDE``, so a 500-byte file that claims a 1 x 50,000,000 strip is refused too (Pillow's
  fuzz corpus has such files: each took seconds and 400 MB before it failed as truncated);
* with those three limits a decode's time and memory are bounded by what a 64-megapixel
  photo needs; nothing else can make one file hang the app;
* any decoder failure, whatever its type, becomes an ``ImageLoadError`` whose text is one
  plain line ("truncated image file", "not an image (unrecognised format)").

What comes out is always 8-bit "RGB" or "L": EXIF orientation applied (a damaged EXIF block
is ignored, never fatal), the first frame of an animation, transparency composited on white,
16-bit / 32-bit / float images scaled by their own range (a 12-bit scan stored in 16 bits
would look black if it were simply clipped).
"""

from __future__ import annotations

import io
import os
import stat
import warnings
from pathlib import Path
from typing import BinaryIO

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from kc_desktop.core.errors import DataError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP

MAX_PIXELS = 64_000_000
"""Largest image accepted, in pixels (64 megapixels: any phone or DSLR photo fits)."""

MAX_BYTES = 200 * 1024 * 1024
"""Largest file accepted, in bytes (200 MiB)."""

MAX_SIDE = 65_535
"""Longest side accepted, in pixels (the JPEG and WebP maximum; panoramas fit)."""

_WANTED_FORMATS = frozenset(
    {
        "AVIF", "BLP", "BMP", "CUR", "DCX", "DDS", "DIB", "GIF", "ICNS", "ICO", "IM",
        "JPEG", "JPEG2000", "MSP", "PCX", "PNG", "PPM", "PSD", "QOI", "SGI", "SUN", "TGA",
        "TIFF", "WEBP", "XBM", "XPM",
    }
)  # fmt: skip
_HIGH_DEPTH_MODES = frozenset({"I", "I;16", "I;16L", "I;16B", "I;16N", "F"})
_ALPHA_MODES = frozenset({"RGBA", "RGBa", "LA", "La", "PA"})
_REASON_LIMIT = 160

# A header that claims more pixels than Pillow's own limit makes Image.open warn; turning
# the warning into an error refuses the file there, before any pixel is decoded.
warnings.filterwarnings("error", category=Image.DecompressionBombWarning)
# Pillow warns about damage it works around (corrupt EXIF, a malformed MPO header, TIFF tags
# past the end of the file); the decoded picture is what counts, so those stay quiet.
warnings.filterwarnings("ignore", category=UserWarning, module=r"PIL\.")

Source = str | os.PathLike | bytes | bytearray | memoryview


class ImageLoadError(DataError):
    """An image that cannot be used; ``str(error)`` is a one-line reason for the user."""


def open_image(source: Source, *, mode: str = "RGB") -> Image.Image:
    """Decode ``source`` (a path, or the bytes of an image file) to an 8-bit RGB or L image.

    Raises ``ImageLoadError`` for anything that is not a usable image, and ``ValueError``
    for a ``mode`` other than "RGB" or "L" (a programming error, not a user's).
    """
    return _open(source, mode, None)


def load_image_array(source: Source, *, mode: str = "RGB", size: int | None = None) -> np.ndarray:
    """Decode ``source`` to a writable uint8 array (H, W, C), C = 3 for RGB and 1 for L.

    With ``size`` the picture is resized to ``size`` x ``size`` pixels (aspect ratio not
    kept, as Keras' ``target_size`` does) with Pillow's antialiased bilinear filter, the
    same filter ``loader.resize_images`` uses on tensors; large JPEGs are decoded at a
    reduced scale first (libjpeg's DCT scaling), which makes folder decoding several
    times faster.
    """
    if size is not None and size < 1:
        raise ValueError(
            QT_TRANSLATE_NOOP("core", "Image size must be at least 1 pixel, not {size}.").format(
                size=size
            )
        )
    image = _open(source, mode, size)
    if size is not None and image.size != (size, size):
        try:
            image = image.resize((size, size), Image.Resampling.BILINEAR)
        except Exception as error:
            raise ImageLoadError(_reason(error)) from error
    array = np.array(image, dtype=np.uint8)
    return array[:, :, None] if array.ndim == 2 else array


GREY_MODES = frozenset({"1", "L", "LA", "La", "I", "I;16", "I;16L", "I;16B", "I;16N", "F"})
"""Pillow modes that hold no colour (a palette image counts as colour: its palette may)."""


def read_header(path: str | os.PathLike) -> tuple[int, int, bool]:
    """(width, height, greyscale) from the file's header alone, without decoding pixels.

    The same checks as a decode apply first (regular file, byte count, allowed formats);
    anything unusable raises ``ImageLoadError``.
    """
    try:
        with _stream(path) as stream, Image.open(stream, formats=_allowed_formats()) as image:
            width, height = image.size
            return width, height, image.mode in GREY_MODES
    except ImageLoadError:
        raise
    except Exception as error:
        raise ImageLoadError(_reason(error)) from error


def _open(source: Source, mode: str, draft_size: int | None) -> Image.Image:
    if mode not in ("RGB", "L"):
        raise ValueError(
            QT_TRANSLATE_NOOP("core", 'Image mode must be "RGB" or "L", not {mode!r}.').format(
                mode=mode
            )
        )
    try:
        with _stream(source) as stream:
            return _decode(stream, mode, draft_size)
    except ImageLoadError:
        raise
    except Exception as error:
        raise ImageLoadError(_reason(error)) from error


def _stream(source: Source) -> BinaryIO:
    """An open binary stream of the file, after the checks that need no decoder."""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source)
        _check_byte_count(len(data))
        return io.BytesIO(data)
    path = Path(source)
    info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        raise ImageLoadError(QT_TRANSLATE_NOOP("core", "a folder, not an image file"))
    if not stat.S_ISREG(info.st_mode):
        raise ImageLoadError(
            QT_TRANSLATE_NOOP("core", "not a regular file (a device, pipe or socket)")
        )
    _check_byte_count(info.st_size)
    return path.open("rb")


def _check_byte_count(count: int) -> None:
    if count == 0:
        raise ImageLoadError(QT_TRANSLATE_NOOP("core", "empty file (0 bytes)"))
    if count > MAX_BYTES:
        raise ImageLoadError(
            QT_TRANSLATE_NOOP(
                "core", "file too large ({value:.0f} MiB; the limit is {value2} MiB)"
            ).format(value=count / 2**20, value2=MAX_BYTES // 2**20)
        )


def _decode(stream: BinaryIO, mode: str, draft_size: int | None) -> Image.Image:
    original = Image.open(stream, formats=_allowed_formats())
    width, height = original.size
    if width < 1 or height < 1:
        raise ImageLoadError(QT_TRANSLATE_NOOP("core", "image has no pixels"))
    if width * height > MAX_PIXELS:
        raise ImageLoadError(
            QT_TRANSLATE_NOOP(
                "core",
                "image too large ({width} x {height} pixels; the limit is {value} megapixels)",
            ).format(width=width, height=height, value=MAX_PIXELS // 1_000_000)
        )
    if max(width, height) > MAX_SIDE:
        raise ImageLoadError(
            QT_TRANSLATE_NOOP(
                "core",
                "image too long ({width} x {height} pixels; no side may exceed "
                "{max_side:,} pixels)",
            ).format(width=width, height=height, max_side=MAX_SIDE)
        )
    if draft_size is not None:
        original.draft(None, (draft_size, draft_size))
    original.load()
    image = _normalise_mode(_exif_oriented(original), mode)
    # Detach from the stream, which closes when we return.
    return image.copy() if image is original else image


def _exif_oriented(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation tag; a damaged EXIF block leaves the picture as stored."""
    try:
        return ImageOps.exif_transpose(image) or image
    except Exception:
        return image


def _normalise_mode(image: Image.Image, mode: str) -> Image.Image:
    """Any Pillow mode -> 8-bit ``mode`` ("RGB" or "L")."""
    source_mode = image.mode
    try:
        if source_mode in _HIGH_DEPTH_MODES:
            image = _scaled_to_8bit(image)
        elif source_mode == "P":
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        elif source_mode == "1":
            image = image.convert("L")
        if image.mode in _ALPHA_MODES:
            image = _on_white(image)
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        if image.mode != mode:
            image = image.convert(mode)
    except (ValueError, OSError) as error:
        raise ImageLoadError(
            QT_TRANSLATE_NOOP("core", "unsupported colour mode {source_mode}").format(
                source_mode=source_mode
            )
        ) from error
    return image


def _on_white(image: Image.Image) -> Image.Image:
    """Composite a transparent image on white (what a page behind it would show)."""
    rgba = image.convert("RGBA")
    background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    return Image.alpha_composite(background, rgba).convert("RGB")


def _scaled_to_8bit(image: Image.Image) -> Image.Image:
    """Map a 16-bit, 32-bit integer or float image onto 0..255 by its own value range.

    NaN and infinities become 0; a constant image becomes black (0) or white (positive).
    """
    values = np.asarray(image).astype(np.float32)
    finite = np.isfinite(values)
    if not finite.any():
        return Image.fromarray(np.zeros(values.shape, dtype=np.uint8))
    low = float(values[finite].min())
    high = float(values[finite].max())
    if high > low:
        scaled = (values - low) * (255.0 / (high - low))
    else:
        scaled = np.full(values.shape, 255.0 if low > 0 else 0.0, dtype=np.float32)
    scaled[~finite] = 0.0
    return Image.fromarray(np.rint(np.clip(scaled, 0.0, 255.0)).astype(np.uint8))


_allowed: tuple[str, ...] = ()


def _allowed_formats() -> tuple[str, ...]:
    """Formats tried, in Pillow's own identification order (plugins load on first use)."""
    global _allowed
    if not _allowed:
        Image.init()
        _allowed = tuple(name for name in Image.ID if name in _WANTED_FORMATS)
    return _allowed


def _reason(error: BaseException) -> str:
    """One plain line saying why an image could not be used."""
    if isinstance(error, UnidentifiedImageError):
        return QT_TRANSLATE_NOOP("core", "not an image (unrecognised format)")
    if isinstance(error, Image.DecompressionBombError | Image.DecompressionBombWarning):
        return QT_TRANSLATE_NOOP("core", "image too large (more than {value} megapixels)").format(
            value=MAX_PIXELS // 1_000_000
        )
    if isinstance(error, MemoryError):
        return QT_TRANSLATE_NOOP("core", "not enough memory to decode this image")
    if isinstance(error, FileNotFoundError):
        return QT_TRANSLATE_NOOP("core", "file not found")
    if isinstance(error, PermissionError):
        return QT_TRANSLATE_NOOP("core", "permission denied")
    if isinstance(error, IsADirectoryError):
        return QT_TRANSLATE_NOOP("core", "a folder, not an image file")
    if isinstance(error, OSError) and error.strerror:
        return QT_TRANSLATE_NOOP("core", "cannot read the file ({lower})").format(
            lower=error.strerror.lower()
        )
    message = " ".join(str(error).split())
    if "truncated" in message.lower():
        return QT_TRANSLATE_NOOP("core", "truncated image file")
    detail = message or type(error).__name__
    reason = QT_TRANSLATE_NOOP("core", "damaged or unsupported image ({detail})").format(
        detail=detail
    )
    return reason if len(reason) <= _REASON_LIMIT else reason[: _REASON_LIMIT - 2] + "…)"
