"""Use the model in this folder without kc_desktop: only onnxruntime, Pillow and numpy.

    pip install onnxruntime pillow numpy
    python predict.py photo.png drawing.jpg       # classifier: one JSON line per image
    python predict.py --n 64 --out samples.png    # VAE / DCGAN: a grid of new images
    python predict.py a.png b.png --out recon.png # autoencoder: inputs over reconstructions

A classifier prints what ``python -m kc_desktop classify --json`` prints:
{"file": "photo.png", "predictions": [{"label": "7", "p": 0.98}, ...]}, best first.
preprocessing.json says how images are prepared and labels.json names the classes.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np
import onnxruntime
from PIL import Image, ImageOps

HERE = Path(__file__).resolve().parent


def load_image(path: str, prep: dict) -> np.ndarray:
    """An image file -> float32 (C, H, W), prepared exactly as in the app."""
    image = Image.open(path)
    image = ImageOps.exif_transpose(image) or image  # photos taken sideways
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")  # transparent pixels show the white page behind
        image = Image.alpha_composite(Image.new("RGBA", rgba.size, "white"), rgba)
    side = prep["input_size"]
    image = image.convert(prep["colour"]).resize((side, side), Image.Resampling.BILINEAR)
    pixels = np.asarray(image, dtype=np.float32).reshape(side, side, prep["channels"])
    pixels = (pixels * prep["scale"] - prep["mean"]) / prep["std"]
    return pixels.transpose(2, 0, 1).astype(np.float32)


def grid(images: np.ndarray, columns: int) -> Image.Image:
    """Float (N, C, H, W) images in [0, 1] -> one picture, ``columns`` per row."""
    count, _, height, width = images.shape
    rows = math.ceil(count / columns)
    canvas = np.full((rows * (height + 2) + 2, columns * (width + 2) + 2, 3), 128, np.uint8)
    pixels = np.rint(np.clip(images, 0, 1) * 255).astype(np.uint8).transpose(0, 2, 3, 1)
    for index, picture in enumerate(pixels):
        top, left = 2 + (index // columns) * (height + 2), 2 + (index % columns) * (width + 2)
        canvas[top : top + height, left : left + width] = picture  # grey fills R, G, B
    return Image.fromarray(canvas)


def classify(session, prep: dict, labels: list, files: list, top: int) -> int:
    failed = 0
    for name in files:
        try:
            x = load_image(name, prep)[None]
        except Exception as error:  # one bad file does not stop the others
            reason = getattr(error, "strerror", None) or str(error)
            print(json.dumps({"file": name, "error": reason}), flush=True)
            failed += 1
            continue
        logits = session.run(None, {prep["input_name"]: x})[0][0].astype(np.float64)
        p = np.exp(logits - logits.max())
        p /= p.sum()
        best = np.argsort(-p, kind="stable")[: min(top, len(p))]
        ranked = [{"label": labels[i], "p": float(p[i])} for i in best]
        print(json.dumps({"file": name, "predictions": ranked}), flush=True)
    return 1 if failed else 0


def reconstruct(session, prep: dict, files: list, out: str) -> int:
    inputs = np.stack([load_image(name, prep) for name in files]).astype(np.float32)
    outputs = session.run(None, {prep["input_name"]: inputs})[0]
    for name, x, y in zip(files, inputs, outputs, strict=True):
        print(json.dumps({"file": name, "mse": float(np.mean((x - y) ** 2))}), flush=True)
    grid(np.concatenate([inputs, outputs]), columns=len(files)).save(out)
    print(json.dumps({"file": out, "images": len(files)}), flush=True)
    return 0


def draw(session, prep: dict, n: int, seed: int, out: str) -> int:
    z = np.random.default_rng(seed).standard_normal((n, prep["latent_dim"])).astype(np.float32)
    images = session.run(None, {prep["input_name"]: z})[0]
    grid(images, columns=math.ceil(math.sqrt(n))).save(out)
    print(json.dumps({"file": out, "images": n}), flush=True)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the exported kc_desktop model.")
    parser.add_argument("images", nargs="*", help="image files (classifier, autoencoder)")
    parser.add_argument("--top", type=int, default=5, help="how many classes to list")
    parser.add_argument("--n", type=int, default=64, help="VAE / DCGAN: images to draw")
    parser.add_argument("--seed", type=int, default=0, help="VAE / DCGAN: random seed")
    parser.add_argument("--out", default="samples.png", help="grid file (generative models)")
    args = parser.parse_args()
    prep = json.loads((HERE / "preprocessing.json").read_text(encoding="utf-8"))
    session = onnxruntime.InferenceSession(str(HERE / "model.onnx"))
    if prep["task"] in ("vae", "gan"):
        return draw(session, prep, args.n, args.seed, args.out)
    if not args.images:
        parser.error("give one or more image files")
    if prep["task"] == "reconstruct":
        return reconstruct(session, prep, args.images, args.out)
    labels = json.loads((HERE / "labels.json").read_text(encoding="utf-8"))
    return classify(session, prep, labels, args.images, args.top)


if __name__ == "__main__":
    sys.exit(main())
