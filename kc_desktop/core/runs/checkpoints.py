"""Safe, atomic persistence: weights in safetensors, everything else in JSON.

Nothing here unpickles, so opening a checkpoint can never run code from the file.
Every write goes to a temporary file in the same folder, is fsynced, then moved over the
old file with ``os.replace``: a crash mid-write leaves the previous checkpoint intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import torch
from safetensors import SafetensorError
from safetensors.torch import load as load_safetensors_bytes
from safetensors.torch import save as save_safetensors_bytes

from kc_desktop.core.errors import KcError
from kc_desktop.core.i18n import QT_TRANSLATE_NOOP


class CheckpointError(KcError, ValueError):
    """A checkpoint is missing, corrupt, foreign or does not fit the model."""


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new file, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def atomic_write_json(path: str | Path, obj: Any) -> None:
    atomic_write_bytes(path, (json.dumps(obj, indent=2, sort_keys=True) + "\n").encode())


def read_json(path: str | Path) -> Any:
    """Read a JSON file, turning absence and corruption into a CheckpointError."""
    path = Path(path)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP("core", "{name} is missing from {folder}.").format(
                name=path.name, folder=path.parent
            )
        ) from error
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP("core", "{name} is damaged (not valid JSON).").format(name=path.name)
        ) from error


CHECKPOINT_FORMAT = "kc_desktop.checkpoint.v1"
_OPTIMIZER_PREFIX = "optimizer."


def save_checkpoint(
    path: str | Path,
    model_state: dict[str, torch.Tensor],
    optimizer_states: list[dict[str, Any]],
    info: dict[str, Any],
) -> None:
    """Write weights, optimiser state and ``info`` as ONE safetensors file, atomically.

    One file means one ``os.replace``: a checkpoint is always whole, never new weights
    beside an old optimiser. Optimiser tensors are stored under ``optimizer.<i>.`` and
    their JSON-ready rest (param groups, step counters) in the file's metadata header.
    """
    tensors = {name: tensor for name, tensor in model_state.items()}
    optimizer_meta = []
    for index, state in enumerate(optimizer_states):
        flat, meta = flatten_optimizer_state(state)
        tensors.update({f"{_OPTIMIZER_PREFIX}{index}.{k}": v for k, v in flat.items()})
        optimizer_meta.append(meta)
    plain = {name: t.detach().to("cpu").contiguous().clone() for name, t in tensors.items()}
    header = {"format": CHECKPOINT_FORMAT, "info": info, "optimizers": optimizer_meta}
    data = save_safetensors_bytes(plain, metadata={"kc_desktop": json.dumps(header)})
    atomic_write_bytes(path, data)


def load_checkpoint(
    path: str | Path,
) -> tuple[dict[str, torch.Tensor], list[dict[str, Any]], dict[str, Any]]:
    """Read a checkpoint: (model state, optimiser states, info). Never unpickles."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP("core", "{name} is missing from {folder}.").format(
                name=path.name, folder=path.parent
            )
        ) from error
    try:
        tensors = load_safetensors_bytes(data)
        header = json.loads(_safetensors_metadata(data).get("kc_desktop", "{}"))
    except (SafetensorError, ValueError, RuntimeError, KeyError) as error:
        raise CheckpointError(
            QT_TRANSLATE_NOOP(
                "core", "{name} is not a kc_desktop checkpoint (safetensors) or is damaged."
            ).format(name=path.name)
        ) from error
    if header.get("format") != CHECKPOINT_FORMAT:
        raise CheckpointError(
            QT_TRANSLATE_NOOP("core", "{name} was not written by kc_desktop.").format(
                name=path.name
            )
        )
    model_state = {k: v for k, v in tensors.items() if not k.startswith(_OPTIMIZER_PREFIX)}
    optimizer_states = []
    for index, meta in enumerate(header.get("optimizers", [])):
        prefix = f"{_OPTIMIZER_PREFIX}{index}."
        flat = {k[len(prefix) :]: v for k, v in tensors.items() if k.startswith(prefix)}
        optimizer_states.append(unflatten_optimizer_state(flat, meta))
    return model_state, optimizer_states, header.get("info", {})


def _safetensors_metadata(data: bytes) -> dict[str, str]:
    """The ``__metadata__`` of a safetensors byte string (its JSON header)."""
    if len(data) < 8:
        raise ValueError("too short")
    header_size = int.from_bytes(data[:8], "little")
    if header_size > len(data) - 8:
        raise ValueError("header larger than file")
    header = json.loads(data[8 : 8 + header_size])
    return header.get("__metadata__") or {}


def flatten_optimizer_state(
    state_dict: dict[str, Any],
) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Split an optimizer state_dict into tensors (safetensors) and JSON-ready metadata."""
    tensors: dict[str, torch.Tensor] = {}
    scalars: dict[str, dict[str, Any]] = {}
    for param_id, param_state in state_dict["state"].items():
        for key, value in param_state.items():
            if isinstance(value, torch.Tensor):
                tensors[f"{param_id}.{key}"] = value
            else:
                scalars.setdefault(str(param_id), {})[key] = value
    groups = [
        {key: list(value) if isinstance(value, tuple) else value for key, value in group.items()}
        for group in state_dict["param_groups"]
    ]
    return tensors, {"param_groups": groups, "scalars": scalars}


def unflatten_optimizer_state(
    tensors: dict[str, torch.Tensor], meta: dict[str, Any]
) -> dict[str, Any]:
    """Inverse of :func:`flatten_optimizer_state`."""
    state: dict[int, dict[str, Any]] = {}
    for name, tensor in tensors.items():
        param_id, _, key = name.partition(".")
        state.setdefault(int(param_id), {})[key] = tensor
    for param_id, values in meta.get("scalars", {}).items():
        state.setdefault(int(param_id), {}).update(values)
    groups = []
    for group in meta["param_groups"]:
        restored = dict(group)
        if isinstance(restored.get("betas"), list):
            restored["betas"] = tuple(restored["betas"])
        groups.append(restored)
    return {"state": state, "param_groups": groups}
