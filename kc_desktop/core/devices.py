"""Which device trains (CUDA, then Apple MPS, then CPU) and how busy it is.

Readings feed the Train tab's device curves: GPU utilisation and memory on CUDA (NVML when
the optional ``nvidia-ml-py`` is installed, torch's allocator figures otherwise), CPU
utilisation and process memory elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import psutil
import torch

from kc_desktop.core.errors import ConfigError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP


@dataclass(frozen=True)
class DeviceChoice:
    """An entry of the device picker: ``id`` goes into TrainConfig.device."""

    id: str
    label: str


def cpu_threads() -> int:
    return torch.get_num_threads()


def available_devices() -> list[DeviceChoice]:
    """Auto first, then each CUDA GPU by name, MPS, and the CPU — only those present."""
    choices = [
        DeviceChoice(
            "auto",
            QT_TRANSLATE_NOOP("core", "Auto ({describe_device})").format(
                describe_device=describe_device(resolve_device("auto"))
            ),
        )
    ]
    if torch.cuda.is_available():
        for index in range(torch.cuda.device_count()):
            name = torch.cuda.get_device_name(index)
            choices.append(DeviceChoice(f"cuda:{index}", f"CUDA {index}: {name}"))
    if _mps_available():
        choices.append(DeviceChoice("mps", QT_TRANSLATE_NOOP("core", "Apple GPU (MPS)")))
    choices.append(
        DeviceChoice(
            "cpu",
            QT_TRANSLATE_NOOP("core", "CPU, {cpu_threads} threads").format(
                cpu_threads=cpu_threads()
            ),
        )
    )
    return choices


def _mps_available() -> bool:
    backend = getattr(torch.backends, "mps", None)
    return bool(backend is not None and backend.is_available())


def resolve_device(name: str = "auto") -> torch.device:
    """Turn a config value into a device; an absent device is a plain ValueError."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda", torch.cuda.current_device())
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    try:
        device = torch.device(name)
    except RuntimeError as error:
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "core", "Unknown device {name!r}; use auto, cpu, cuda or mps."
            ).format(name=name)
        ) from error
    if device.type == "cuda" and not torch.cuda.is_available():
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "core", "No CUDA GPU is available on this computer; choose Auto or CPU."
            )
        )
    if device.type == "mps" and not _mps_available():
        raise ConfigError(
            QT_TRANSLATE_NOOP(
                "core", "Apple's MPS GPU is not available on this computer; choose Auto or CPU."
            )
        )
    return device


def describe_device(device: torch.device) -> str:
    """Human words for the status bar: "CPU, 2 threads" or "CUDA: <GPU name>"."""
    if device.type == "cuda":
        return f"CUDA: {torch.cuda.get_device_name(device)}"
    if device.type == "mps":
        return QT_TRANSLATE_NOOP("core", "Apple GPU (MPS)")
    return QT_TRANSLATE_NOOP("core", "CPU, {cpu_threads} threads").format(cpu_threads=cpu_threads())


class UsageSampler:
    """Reads device load for the live device curves; cheap enough for a few times a second."""

    def __init__(self, device: torch.device) -> None:
        self.device = device
        self._process = psutil.Process(os.getpid())
        self._process.cpu_percent(None)
        self._nvml_handle = self._open_nvml(device)

    @staticmethod
    def _open_nvml(device: torch.device):
        if device.type != "cuda":
            return None
        try:
            import pynvml  # optional: pip install kc_desktop[gpu]

            pynvml.nvmlInit()
            return pynvml.nvmlDeviceGetHandleByIndex(device.index or 0)
        except Exception:
            return None

    def read(self) -> dict[str, float]:
        """GPU: gpu_util, gpu_mem_mb, gpu_mem_total_mb. CPU: cpu_percent, ram_mb, ram_percent.

        cpu_percent is this process's share of all cores (0-100); ram_percent is its
        resident memory as a share of the machine's.
        """
        if self.device.type == "cuda":
            return self._read_cuda()
        cpu = self._process.cpu_percent(None) / max(1, psutil.cpu_count() or 1)
        rss = self._process.memory_info().rss
        return {
            "cpu_percent": cpu,
            "ram_mb": rss / 2**20,
            "ram_percent": 100 * rss / psutil.virtual_memory().total,
        }

    def _read_cuda(self) -> dict[str, float]:
        index = self.device.index or 0
        if self._nvml_handle is not None:
            import pynvml

            util = pynvml.nvmlDeviceGetUtilizationRates(self._nvml_handle)
            memory = pynvml.nvmlDeviceGetMemoryInfo(self._nvml_handle)
            return {
                "gpu_util": float(util.gpu),
                "gpu_mem_mb": memory.used / 2**20,
                "gpu_mem_total_mb": memory.total / 2**20,
            }
        total = torch.cuda.get_device_properties(index).total_memory
        return {
            "gpu_util": float("nan"),
            "gpu_mem_mb": torch.cuda.memory_reserved(index) / 2**20,
            "gpu_mem_total_mb": total / 2**20,
        }
