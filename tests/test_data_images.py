"""images.py: every way an image file can be odd or hostile, and what comes out of it."""

from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageFile

from helpers import HOSTILE_IMAGES
from kc_desktop.core.data import images as images_module
from kc_desktop.core.data.images import ImageLoadError, load_image_array, open_image

HOSTILE_FILES = (
    sorted(p for p in HOSTILE_IMAGES.iterdir() if p.is_file()) if HOSTILE_IMAGES.is_dir() else []
)


def _encode(image: Image.Image, fmt: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels (with a few bytes of data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def _one_line(error: ImageLoadError) -> str:
    text = str(error)
    assert text and "\n" not in text
    return text


# --- modes -----------------------------------------------------------------------------


def test_mode_1_becomes_black_and_white() -> None:
    image = Image.new("1", (3, 2), 0)
    image.putpixel((1, 0), 1)
    grey = load_image_array(_encode(image), mode="L")
    assert grey.shape == (2, 3, 1)
    assert grey[:, :, 0].tolist() == [[0, 255, 0], [0, 0, 0]]
    rgb = load_image_array(_encode(image))
    assert rgb[0, 1].tolist() == [255, 255, 255]


def test_mode_l_keeps_values_and_rgb_goes_to_luma() -> None:
    values = np.array([[0, 17, 128, 255]], dtype=np.uint8)
    assert load_image_array(_encode(Image.fromarray(values)), mode="L")[:, :, 0].tolist() == (
        values.tolist()
    )
    rgb = load_image_array(_encode(Image.fromarray(values)))
    assert rgb.shape == (1, 4, 3)
    assert (rgb == values[:, :, None]).all()
    red = Image.new("RGB", (1, 1), (255, 0, 0))
    assert load_image_array(_encode(red), mode="L")[0, 0, 0] == 76  # ITU-R 601 luma of red


def test_alpha_is_composited_on_white() -> None:
    pixels = np.array([[[10, 20, 30, 0], [10, 20, 30, 255], [0, 0, 0, 128]]], dtype=np.uint8)
    rgb = load_image_array(_encode(Image.fromarray(pixels, "RGBA")))
    assert rgb[0, 0].tolist() == [255, 255, 255]
    assert rgb[0, 1].tolist() == [10, 20, 30]
    assert all(126 <= value <= 128 for value in rgb[0, 2])
    la = Image.fromarray(np.array([[[50, 0], [50, 255]]], dtype=np.uint8), "LA")
    assert load_image_array(_encode(la), mode="L")[0, :, 0].tolist() == [255, 50]


def test_palette_with_and_without_transparency() -> None:
    palette_image = Image.new("P", (2, 1))
    palette_image.putpalette([200, 10, 20, 0, 90, 250] + [0] * 762)
    palette_image.putpixel((0, 0), 0)
    palette_image.putpixel((1, 0), 1)
    assert load_image_array(_encode(palette_image))[0].tolist() == [[200, 10, 20], [0, 90, 250]]
    transparent = load_image_array(_encode(palette_image, transparency=0))
    assert transparent[0].tolist() == [[255, 255, 255], [0, 90, 250]]


def test_cmyk_is_converted_to_rgb() -> None:
    cmyk = Image.new("CMYK", (2, 1))
    cmyk.putpixel((0, 0), (0, 0, 0, 0))
    cmyk.putpixel((1, 0), (255, 0, 0, 0))
    rgb = load_image_array(_encode(cmyk, "TIFF"))
    assert rgb[0].tolist() == [[255, 255, 255], [0, 255, 255]]


@pytest.mark.parametrize(
    ("mode", "values", "expected"),
    [
        ("I;16", np.array([[100, 1100, 4195]], dtype=np.uint16), [0, 62, 255]),  # 12-bit scan
        ("I", np.array([[-1000, 0, 1000]], dtype=np.int32), [0, 128, 255]),
        ("F", np.array([[0.25, 0.5, 0.75]], dtype=np.float32), [0, 128, 255]),
    ],
)
def test_high_depth_images_are_scaled_by_their_range(
    mode: str, values: np.ndarray, expected: list[int]
) -> None:
    image = Image.fromarray(values)
    assert image.mode == mode
    grey = load_image_array(_encode(image, "TIFF"), mode="L")[:, :, 0]
    assert grey.tolist() == [expected]


def test_float_image_with_nan_and_constant_image() -> None:
    nan = Image.fromarray(np.array([[np.nan, 1.0, 3.0]], dtype=np.float32))
    assert load_image_array(_encode(nan, "TIFF"), mode="L")[0, :, 0].tolist() == [0, 0, 255]
    flat = Image.fromarray(np.full((2, 2), 500, dtype=np.uint16))
    assert (load_image_array(_encode(flat, "TIFF"), mode="L") == 255).all()


def test_open_image_gives_a_detached_8bit_image(tmp_path: Path) -> None:
    path = tmp_path / "grey.png"
    Image.new("L", (5, 4), 9).save(path)
    image = open_image(path, mode="L")
    assert (image.mode, image.size) == ("L", (5, 4))
    assert open_image(str(path)).mode == "RGB"
    with pytest.raises(ValueError, match="RGB"):
        open_image(path, mode="CMYK")


# --- orientation, frames, sizes ---------------------------------------------------------


def test_exif_orientation_is_applied() -> None:
    pixels = np.zeros((20, 40, 3), dtype=np.uint8)
    pixels[:, :20] = (255, 0, 0)  # left half red
    pixels[:, 20:] = (0, 0, 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 degrees clockwise to display"
    rotated = load_image_array(_encode(Image.fromarray(pixels), exif=exif))
    assert rotated.shape == (40, 20, 3)
    assert rotated[0, 0].tolist() == [255, 0, 0]  # the left half is now on top
    assert rotated[-1, 0].tolist() == [0, 0, 255]


def test_damaged_exif_does_not_stop_the_decode() -> None:
    image = Image.new("RGB", (6, 4), (1, 2, 3))
    data = _encode(image, exif=b"Exif\x00\x00MM\x00*\x00\x00\x00\x08\xff\xff garbage")
    array = load_image_array(data)
    assert array.shape == (4, 6, 3)
    assert array[0, 0].tolist() == [1, 2, 3]


def test_animated_gif_gives_its_first_frame() -> None:
    first = Image.new("RGB", (4, 4), (255, 0, 0))
    second = Image.new("RGB", (4, 4), (0, 0, 255))
    data = _encode(first, "GIF", save_all=True, append_images=[second], duration=100)
    assert Image.open(io.BytesIO(data)).n_frames == 2
    assert load_image_array(data)[0, 0].tolist() == [255, 0, 0]


@pytest.mark.parametrize("size", [(1, 1), (20_000, 20)])
def test_extreme_sizes_load(size: tuple[int, int]) -> None:
    data = _encode(Image.new("RGB", size, (9, 8, 7)))
    assert load_image_array(data).shape == (size[1], size[0], 3)
    assert load_image_array(data, size=8).shape == (8, 8, 3)


def test_resize_to_square_and_large_jpeg_uses_draft(tmp_path: Path) -> None:
    yy, xx = np.mgrid[0:1200, 0:1600]
    pixels = np.stack([xx * 255 // 1599, yy * 255 // 1199, np.full_like(xx, 90)], axis=-1)
    path = tmp_path / "big.jpg"
    Image.fromarray(pixels.astype(np.uint8)).save(path, quality=95)
    small = load_image_array(path, size=100)
    assert small.shape == (100, 100, 3) and small.dtype == np.uint8
    reference = np.array(Image.open(path).convert("RGB").resize((100, 100), Image.BILINEAR))
    assert np.abs(small.astype(int) - reference.astype(int)).mean() < 2.0
    assert load_image_array(path, mode="L", size=12).shape == (12, 12, 1)
    assert load_image_array(path, size=100).flags.writeable


# --- refusals ---------------------------------------------------------------------------


def test_empty_file_and_text_named_png_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.png"
    empty.write_bytes(b"")
    with pytest.raises(ImageLoadError) as caught:
        load_image_array(empty)
    assert "empty" in _one_line(caught.value)
    text = tmp_path / "notes.png"
    text.write_text("this is not a picture\nat all\n")
    with pytest.raises(ImageLoadError) as caught:
        load_image_array(text)
    assert _one_line(caught.value) == "not an image (unrecognised format)"


def test_truncated_file_gives_a_plain_reason() -> None:
    data = _encode(
        Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64, 3), np.uint8))
    )
    with pytest.raises(ImageLoadError) as caught:
        load_image_array(data[: len(data) // 2])
    assert _one_line(caught.value) == "truncated image file"


@pytest.mark.parametrize("claimed", [(50_000, 50_000), (9_000, 9_000), (100_000, 100_000)])
def test_decompression_bomb_is_refused_before_decoding(
    claimed: tuple[int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    def must_not_decode(self: ImageFile.ImageFile) -> None:
        raise AssertionError("a bomb reached the decoder")

    monkeypatch.setattr(ImageFile.ImageFile, "load", must_not_decode)
    with pytest.raises(ImageLoadError) as caught:
        load_image_array(_png_claiming(*claimed))
    assert "too large" in _one_line(caught.value)


def test_degenerate_strip_is_refused_before_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    def must_not_decode(self: ImageFile.ImageFile) -> None:
        raise AssertionError("a 1-pixel-wide strip reached the decoder")

    monkeypatch.setattr(ImageFile.ImageFile, "load", must_not_decode)
    with pytest.raises(ImageLoadError) as caught:
        load_image_array(_png_claiming(1, images_module.MAX_SIDE + 1))  # 0.07 megapixels
    assert _one_line(caught.value).startswith("image too long (1 x 65536 pixels")


def test_files_over_the_byte_limit_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.png"
    Image.new("RGB", (64, 64)).save(path)
    monkeypatch.setattr(images_module, "MAX_BYTES", 50)
    with pytest.raises(ImageLoadError, match="file too large"):
        load_image_array(path)
    with pytest.raises(ImageLoadError, match="file too large"):
        load_image_array(path.read_bytes())


def test_missing_folder_and_pipe_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ImageLoadError, match="file not found"):
        load_image_array(tmp_path / "nope.png")
    with pytest.raises(ImageLoadError, match="folder"):
        load_image_array(tmp_path)
    if hasattr(os, "mkfifo"):
        fifo = tmp_path / "pipe.png"
        os.mkfifo(fifo)
        with pytest.raises(ImageLoadError, match="not a regular file"):
            load_image_array(fifo)  # would block forever if it were opened


def test_eps_is_never_handed_to_ghostscript() -> None:
    eps = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 10 10\nshowpage\n"
    with pytest.raises(ImageLoadError, match="not an image"):
        load_image_array(eps)


# --- the hostile corpus -------------------------------------------------------------------


@pytest.mark.skipif(not HOSTILE_FILES, reason=f"hostile image corpus absent ({HOSTILE_IMAGES})")
@pytest.mark.parametrize(
    "path", HOSTILE_FILES or [None], ids=lambda p: p.name if isinstance(p, Path) else "absent"
)
def test_hostile_file_decodes_sanely_or_is_refused(path: Path) -> None:
    """Time and memory per file: test_reliability_images.py (a watched child process)."""
    for size in (None, 32):
        try:
            array = load_image_array(path, size=size)
        except ImageLoadError as error:
            _one_line(error)
        else:
            assert array.dtype == np.uint8 and array.ndim == 3 and array.shape[2] == 3
            assert array.shape[0] >= 1 and array.shape[1] >= 1
            if size is not None:
                assert array.shape == (size, size, 3)
