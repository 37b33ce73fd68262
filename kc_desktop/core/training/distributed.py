"""Data-parallel training under ``torchrun``: PyTorch's own engine, the app's own loop.

``torchrun --nproc_per_node=N -m kc_desktop train ...`` starts N copies of the command
line; each finds RANK / WORLD_SIZE / LOCAL_RANK in its environment and ``from_environment``
joins them into one process group (NCCL on CUDA, gloo on the CPU). Then every process runs
the same ``Trainer.fit`` with three differences, all here:

- what its task's step calls is wrapped in ``DistributedDataParallel`` (gradients averaged
  after each backward pass): the whole model for most, the head alone in a pretrained
  model's quick mode, generator and discriminator each for the DCGAN (``Task.distribute``);
  it still saves and loads as the bare model;
- it takes its share of every global batch (``loader.rank_share``), so N processes together
  see exactly the batches of one process with the same batch size; its random draws (noise,
  dropout) are its own (``rank_seed``);
- step and epoch metrics are averaged over the processes before anyone logs them; figures
  only rank 0 computes (sample quality) reach the others with the epoch's logs (``agree``),
  so every process takes the same decisions (early stop, best epoch).

Every model of the registry trains this way; the device must be CUDA or the CPU.

Only rank 0 writes the run folder. The others train in a scratch folder of their own (their
checkpoints are identical and thrown away at the end); on resume it is seeded with the
run's checkpoint. A resume inside an epoch is exact for the weights and for rank 0; the
others continue that epoch from rank 0's random state and running sums (theirs were not
saved), so only that epoch's noise and reported figures differ a little. A failed write on
any process ends every process (``shared_error``). Stop and Ctrl-C: ``SharedStop`` asks
every process at each step whether any was told to stop, so all of them leave at the same
step boundary and rank 0 saves.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

from kc_desktop.core.i18n import QT_TRANSLATE_NOOP
from kc_desktop.core.runs.layout import CHECKPOINT_FILE, CONFIG_FILE, METRICS_FILE, MODEL_FILE
from kc_desktop.core.training.control import RunControl

if TYPE_CHECKING:
    from kc_desktop.core.training.callbacks import Callback
    from kc_desktop.core.training.config import TrainConfig
    from kc_desktop.core.training.engine import Trainer
    from kc_desktop.core.training.tasks import Task


RANK_SEED_STRIDE = 7_919
"""Seeds of two ranks lie this far apart (a prime, beyond any epoch number)."""


@dataclass(frozen=True)
class DistributedRun:
    """This process's place in a data-parallel run."""

    rank: int
    world_size: int
    local_rank: int
    device: torch.device

    @property
    def is_writer(self) -> bool:
        """Rank 0 writes the run folder and prints; the others stay quiet."""
        return self.rank == 0

    def wrap(self, task: Task) -> None:
        """Make ``task``'s step average its gradients over every process."""
        ids = [self.device.index] if self.device.type == "cuda" else None
        task.distribute(lambda module: SharedModel(module, device_ids=ids))

    def rank_seed(self, seed: int) -> int:
        """This process's seed for ``seed``: rank 0 keeps it (as a single process would), the
        others draw other noise and dropout masks for their other images."""
        return seed + RANK_SEED_STRIDE * self.rank

    def agree(self, logs: dict[str, Any]) -> dict[str, Any]:
        """Rank 0's ``logs`` on every process (as JSON, one broadcast; a collective)."""
        data = json.dumps(logs).encode("utf-8") if self.is_writer else b""
        size = torch.tensor([len(data)], dtype=torch.int64, device=self.device)
        dist.broadcast(size, 0)
        buffer = torch.zeros(int(size.item()), dtype=torch.uint8)
        if self.is_writer:
            buffer = torch.frombuffer(bytearray(data), dtype=torch.uint8)
        buffer = buffer.to(self.device)
        dist.broadcast(buffer, 0)
        return json.loads(bytes(buffer.cpu().numpy().tobytes()).decode("utf-8"))

    def mean(self, values: torch.Tensor) -> torch.Tensor:
        """``values`` averaged over the processes (a collective: every rank must call it)."""
        total = values.detach().clone()
        dist.all_reduce(total)
        return total / self.world_size

    def barrier(self) -> None:
        dist.barrier()

    def shared_error(self, error: OSError | None) -> OSError | None:
        """``error``, or one saying so when another process could not write its files (a
        collective, at the same point on every process): rank 0's full disk stops them all,
        instead of leaving the others waiting for it at the next step."""
        flag = torch.tensor([0.0 if error is None else 1.0], device=self.device)
        dist.all_reduce(flag, op=dist.ReduceOp.MAX)
        if error is None and flag.item() > 0:
            return OSError(errno.EIO, "another process of this run could not write its files")
        return error


class SharedModel(DistributedDataParallel):
    """``DistributedDataParallel`` that saves and loads as the model it wraps and lends it its
    attributes (``latent_dim``, ``encode``...), so checkpoints match single-process runs."""

    def state_dict(self, *args, **kwargs):  # type: ignore[override]
        return self.module.state_dict(*args, **kwargs)

    def load_state_dict(self, state_dict, strict: bool = True, assign: bool = False):  # type: ignore[override]
        return self.module.load_state_dict(state_dict, strict=strict, assign=assign)

    def __getattr__(self, name: str):
        try:
            return super().__getattr__(name)
        except AttributeError:
            if name == "module":
                raise
            return getattr(self.module, name)


def launched_by_torchrun() -> bool:
    """True in a process started by ``torchrun`` with more than one process in all."""
    return int(os.environ.get("WORLD_SIZE", "1")) > 1


def from_environment(device_name: str = "auto") -> DistributedRun:
    """Join the process group torchrun described; CUDA (one GPU per local process) unless
    the config asks for the CPU or there is none."""
    rank = int(os.environ["RANK"])
    world_size = int(os.environ["WORLD_SIZE"])
    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    use_cuda = device_name != "cpu" and torch.cuda.is_available()
    if device_name not in ("auto", "cpu", "cuda") and not device_name.startswith("cuda"):
        raise ValueError(
            f"Distributed training runs on CUDA GPUs or the CPU, not {device_name!r}; "
            "use --device auto, cuda or cpu."
        )
    if device_name.startswith("cuda") and not torch.cuda.is_available():
        raise ValueError("No CUDA GPU is available on this computer; use --device cpu.")
    if use_cuda:
        device = torch.device("cuda", local_rank % torch.cuda.device_count())
        torch.cuda.set_device(device)
    else:
        device = torch.device("cpu")
    if not dist.is_initialized():
        dist.init_process_group("nccl" if use_cuda else "gloo")
    return DistributedRun(rank, world_size, local_rank, device)


def close() -> None:
    """Leave the process group (end of the command)."""
    if dist.is_initialized():
        dist.destroy_process_group()


@contextlib.contextmanager
def rank_zero_first(run: DistributedRun) -> Iterator[None]:
    """Each machine's first process (local rank 0) does the block first (e.g. decodes a folder
    into that machine's cache, downloads weights into its home), then the machine's others,
    who find it ready. Every process passes one barrier: the first ones after the block, the
    others before it, so it opens once every machine's first process is done."""
    first = run.local_rank == 0
    if not first:
        run.barrier()
    try:
        yield
    finally:
        if first:
            run.barrier()


@contextlib.contextmanager
def follower_folder(run: DistributedRun, resume_dir: str | Path | None) -> Iterator[Path | None]:
    """The run folder this process trains in: None for rank 0 (the real one), a scratch
    folder for the others, seeded with the run's checkpoint on resume and deleted after."""
    if run.is_writer:
        yield None
        return
    scratch = Path(tempfile.mkdtemp(prefix=f"kc-rank{run.rank}-"))
    try:
        if resume_dir is not None:
            for name in (MODEL_FILE, CHECKPOINT_FILE, CONFIG_FILE, METRICS_FILE):
                with contextlib.suppress(FileNotFoundError):
                    shutil.copy2(Path(resume_dir, name), scratch / name)
        yield scratch
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


class SharedStop(RunControl):
    """A RunControl whose stop reaches every process: at each step boundary the processes
    agree (one tiny all-reduce) whether any of them was asked to stop."""

    def __init__(self, run: DistributedRun) -> None:
        super().__init__()
        self._run = run
        self._flag = torch.zeros(1, device=run.device)

    def checkpoint(self) -> float:
        self._flag.fill_(1.0 if self.is_stopped else 0.0)
        dist.all_reduce(self._flag, op=dist.ReduceOp.MAX)
        if self._flag.item() > 0:
            self.stop()
        return super().checkpoint()


@contextlib.contextmanager
def stop_on_signals(control: RunControl) -> Iterator[None]:
    """Ctrl-C / SIGTERM (torchrun passes them on to every process) ask for a clean stop
    instead of killing the process mid-step; a second one interrupts as usual."""

    def handler(signum, frame) -> None:
        if control.is_stopped:
            raise KeyboardInterrupt
        control.stop()

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def train_distributed(
    config: TrainConfig,
    *,
    callbacks: Sequence[Callback] = (),
    resume_dir: str | Path | None = None,
    runs_parent: str | Path | None = None,
    notify: Callable[[str], None] | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> tuple[dict[str, Any], Trainer, bool]:
    """Train as one process of a torchrun launch: (summary, trainer, is rank 0).

    ``callbacks``, ``notify`` and ``progress`` (for a person) are used on rank 0 only.
    """
    from kc_desktop.core.studio import build_run

    run = from_environment(config.device)
    try:
        control = SharedStop(run)
        with stop_on_signals(control), follower_folder(run, resume_dir) as scratch:
            trainer = build_run(
                config,
                callbacks=callbacks if run.is_writer else (),
                control=control,
                resume_dir=resume_dir,
                runs_parent=runs_parent,
                notify=notify if run.is_writer else None,
                progress=progress if run.is_writer else None,
                distributed=run,
                run_dir=scratch,
            )
            summary = trainer.fit()
        return summary, trainer, run.is_writer
    finally:
        close()


ALL_GPUS = "all-gpus"
"""The device choice that trains on every local CUDA GPU through a torchrun child process."""
ALL_GPUS_LABEL = QT_TRANSLATE_NOOP("core", "All {count} GPUs")


def local_gpu_count() -> int:
    """CUDA devices on this computer (0 without CUDA)."""
    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def torchrun_command(config_file: str | Path, processes: int, runs_parent: str | Path) -> list[str]:
    """The child command that trains ``config_file`` (a config.json) on ``processes`` local
    GPUs and writes its run folder into ``runs_parent``."""
    return [
        sys.executable,
        "-m",
        "torch.distributed.run",
        "--standalone",
        f"--nproc_per_node={processes}",
        "-m",
        "kc_desktop",
        "train",
        "--config",
        str(config_file),
        "--out",
        str(runs_parent),
    ]
