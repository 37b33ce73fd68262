"""Device-resident batches, batched augmentation and tensor resizing."""

from __future__ import annotations

import pytest
import torch

from kc_desktop.core.data import loader as loader_module
from kc_desktop.core.data.loader import Augment, DeviceBatches, augment_batch, resize_images


def _numbered(count: int, channels: int = 1, size: int = 6) -> tuple[torch.Tensor, torch.Tensor]:
    """Images whose every pixel is their own index (mod 256): easy to track."""
    labels = torch.arange(count)
    images = (labels % 256).to(torch.uint8).view(-1, 1, 1, 1).expand(count, channels, size, size)
    return images.contiguous(), labels


def _epoch_order(batches: DeviceBatches) -> list[int]:
    return torch.cat([y for _, y in batches]).tolist()


@pytest.mark.parametrize(
    ("count", "batch", "drop_last"), [(10, 3, False), (10, 3, True), (8, 4, False)]
)
def test_every_sample_once_per_epoch(count: int, batch: int, drop_last: bool) -> None:
    images, labels = _numbered(count)
    batches = DeviceBatches(images, labels, batch, drop_last=drop_last, seed=1)
    expected_batches = count // batch if drop_last else -(-count // batch)
    assert len(batches) == expected_batches and batches.num_samples == count
    for _ in range(3):
        sizes, seen = [], []
        for x, y in batches:
            sizes.append(len(y))
            seen += y.tolist()
            assert x.dtype == torch.float32 and y.dtype == torch.int64
            assert torch.allclose(x[:, 0, 0, 0] * 255, y.float())  # images stay with labels
        assert len(sizes) == len(batches)
        if drop_last:
            assert sizes == [batch] * len(batches) and len(set(seen)) == len(seen)
        else:
            assert sorted(seen) == list(range(count))


def test_unshuffled_batches_are_in_order_and_exact() -> None:
    images = torch.randint(0, 256, (7, 3, 5, 5), dtype=torch.uint8)
    batches = DeviceBatches(images, torch.arange(7), 4, shuffle=False)
    xs = [x for x, _ in batches]
    assert [len(x) for x in xs] == [4, 3]
    assert torch.equal(torch.cat(xs), images.float() / 255)
    assert _epoch_order(batches) == list(range(7))


def test_shuffling_is_seeded_differs_per_epoch_and_resumes() -> None:
    images, labels = _numbered(50)
    first = DeviceBatches(images, labels, 8, seed=7)
    epochs = [_epoch_order(first) for _ in range(3)]
    assert epochs[0] != epochs[1] != epochs[2] and epochs[0] != list(range(50))
    again = DeviceBatches(images, labels, 8, seed=7)
    assert [_epoch_order(again) for _ in range(3)] == epochs
    resumed = DeviceBatches(images, labels, 8, seed=7)
    resumed.set_epoch(2)
    assert _epoch_order(resumed) == epochs[2]
    other = DeviceBatches(images, labels, 8, seed=8)
    assert _epoch_order(other) != epochs[0]


def test_bad_inputs_are_refused() -> None:
    images, labels = _numbered(4)
    with pytest.raises(TypeError, match="uint8"):
        DeviceBatches(images.float(), labels, 2)
    with pytest.raises(ValueError, match="labels"):
        DeviceBatches(images, labels[:3], 2)
    with pytest.raises(ValueError, match="Batch size"):
        DeviceBatches(images, labels, 0)


def test_augment_switches() -> None:
    assert not Augment().enabled
    assert Augment(flip=True).enabled and Augment(shift=0.1).enabled and Augment(zoom=0.1).enabled
    with pytest.raises(ValueError, match="Zoom"):
        Augment(zoom=1.0)
    with pytest.raises(ValueError, match="Shift"):
        Augment(shift=-0.1)


def _gradient_batch(count: int = 64, size: int = 16) -> torch.Tensor:
    """Horizontal ramps with a bright dot: flips and shifts all change pixels."""
    ramp = torch.linspace(0, 1, size).expand(size, size)
    batch = ramp.expand(count, 3, size, size).clone()
    batch[:, :, 3:5, 2:4] = 1.0
    return batch


def test_flip_mirrors_about_half_the_images_exactly() -> None:
    batch = _gradient_batch()
    before = batch.clone()
    out = augment_batch(batch, Augment(flip=True), torch.Generator().manual_seed(0))
    assert torch.equal(batch, before)  # the input is left alone
    mirrored = [torch.equal(o, b.flip(-1)) for o, b in zip(out, batch, strict=True)]
    kept = [torch.equal(o, b) for o, b in zip(out, batch, strict=True)]
    assert all(m or k for m, k in zip(mirrored, kept, strict=True))
    assert 16 <= sum(mirrored) <= 48


def test_shift_and_zoom_change_pixels_but_keep_shape_and_range() -> None:
    batch = _gradient_batch()
    augment = Augment(flip=True, shift=0.2, zoom=0.2)
    out = augment_batch(batch, augment, torch.Generator().manual_seed(1))
    assert out.shape == batch.shape and out.dtype == torch.float32
    assert float(out.min()) >= 0.0 and float(out.max()) <= 1.0
    changed = (out - batch).abs().flatten(1).amax(dim=1) > 0.05
    assert changed.float().mean() > 0.9
    again = augment_batch(batch, augment, torch.Generator().manual_seed(1))
    assert torch.equal(out, again)
    different = augment_batch(batch, augment, torch.Generator().manual_seed(2))
    assert not torch.equal(out, different)


def test_disabled_augment_returns_the_batch_and_uint8_is_refused() -> None:
    batch = _gradient_batch(4)
    assert augment_batch(batch, Augment(), None) is batch
    with pytest.raises(TypeError, match="float"):
        augment_batch((batch * 255).to(torch.uint8), Augment(flip=True))


def test_augmented_batches_are_reproducible_and_in_range() -> None:
    images = (_gradient_batch(20) * 255).round().to(torch.uint8)
    augment = Augment(flip=True, shift=0.1, zoom=0.1)
    runs = []
    for _ in range(2):
        batches = DeviceBatches(images, torch.arange(20), 6, augment=augment, seed=3)
        runs.append([x for x, _ in batches] + [x for x, _ in batches])
    for a, b in zip(*runs, strict=True):
        assert torch.equal(a, b) and a.shape[1:] == (3, 16, 16)
        assert float(a.min()) >= 0 and float(a.max()) <= 1
    plain = torch.cat([x for x, _ in DeviceBatches(images, torch.arange(20), 6, seed=3)])
    augmented = torch.cat(runs[0][:4])
    assert not torch.equal(plain, augmented)


def test_resize_images_up_down_and_same() -> None:
    flat = torch.full((3, 1, 8, 8), 77, dtype=torch.uint8)
    up = resize_images(flat, 20)
    assert up.shape == (3, 1, 20, 20) and up.dtype == torch.uint8 and bool((up == 77).all())
    checker = ((torch.arange(16).view(1, -1) + torch.arange(16).view(-1, 1)) % 2 * 255).to(
        torch.uint8
    )
    down = resize_images(checker.expand(2, 3, 16, 16).contiguous(), 4)
    assert down.shape == (2, 3, 4, 4)
    assert bool(((down.int() - 128).abs() <= 2).all())  # antialiased: the checks average out
    assert resize_images(flat, 8) is flat
    with pytest.raises(TypeError):
        resize_images(flat.float(), 4)


def test_resize_in_chunks_gives_the_same_result(monkeypatch: pytest.MonkeyPatch) -> None:
    images = torch.randint(0, 256, (10, 3, 12, 12), dtype=torch.uint8)
    whole = resize_images(images, 28)
    monkeypatch.setattr(loader_module, "RESIZE_CHUNK_BYTES", 3 * 28 * 28 * 4 * 3)
    assert torch.equal(resize_images(images, 28), whole)


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_batches_live_on_the_gpu() -> None:
    images, labels = _numbered(100, channels=3, size=8)
    batches = DeviceBatches(images, labels, 32, device="cuda", augment=Augment(True, 0.1, 0.1))
    cpu_order = _epoch_order(DeviceBatches(images, labels, 32, seed=0))
    seen = []
    for x, y in batches:
        assert x.is_cuda and y.is_cuda and x.dtype == torch.float32
        seen += y.cpu().tolist()
    assert seen == cpu_order  # the permutation is drawn on the CPU: same order everywhere
    assert resize_images(images.cuda(), 16).is_cuda
