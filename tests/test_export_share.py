"""Sharing runs as .kcrun files: a round trip, and hostile archives refused in one line."""

from __future__ import annotations

import pickle
import zipfile
from pathlib import Path

import pytest
from export_helpers import run_entries, train_tiny_digits_run, tree, write_zip

from kc_desktop.cli import main
from kc_desktop.core.export import share
from kc_desktop.core.export.share import ShareError, import_run, pack_run
from kc_desktop.core.inference import load_run
from kc_desktop.core.paths import runs_dir


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train_tiny_digits_run(tmp_path_factory, "mlp")


def test_a_shared_run_opens_as_a_saved_run(
    tiny_run: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["share", str(tiny_run), "--out", str(tmp_path / "lesson")]) == 0
    kcrun = tmp_path / "lesson.kcrun"
    assert capsys.readouterr().out.strip() == str(kcrun)
    assert main(["import", str(kcrun)]) == 0
    first = Path(capsys.readouterr().out.strip())
    second = import_run(kcrun)
    assert first.parent == second.parent == runs_dir()
    assert first.name == tiny_run.name and second.name == f"{tiny_run.name}-2"
    assert tree(first) == tree(tiny_run)
    assert load_run(first).classes == load_run(tiny_run).classes
    assert sorted(p.name for p in runs_dir().iterdir()) == [first.name, second.name]


def _hostile(tiny_run: Path, tmp_path: Path, kind: str) -> Path:
    """A .kcrun holding a real run plus one hostile entry of ``kind``."""
    entries = run_entries(tiny_run)
    links = None
    if kind == "parent path":
        entries["../escaped.json"] = b"{}"
    elif kind == "absolute path":
        entries[str(tmp_path / "absolute.json")] = b"{}"
    elif kind == "link":
        links = {"samples/link.png": "/etc/passwd"}
    elif kind == "pickle":
        entries["extra.pkl"] = pickle.dumps({"weights": [1, 2, 3]})
    elif kind == "pickle as weights":
        entries["model.safetensors"] = pickle.dumps({"weights": [1, 2, 3]})
    elif kind == "bomb":
        entries["metrics.jsonl"] = b"\n" * (32 * 2**20)
    path = write_zip(tmp_path / "hostile.kcrun", entries, links)
    if kind == "truncated":
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    return path


@pytest.mark.parametrize(
    ("kind", "reason"),
    [
        ("parent path", "points outside the run folder"),
        ("absolute path", "points outside the run folder"),
        ("link", "is a link"),
        ("pickle", "could run code"),
        ("pickle as weights", "not the kind of file its name says"),
        ("bomb", "zip bomb"),
        ("truncated", "damaged or cut short"),
    ],
)
def test_hostile_kcrun_is_refused_in_one_line_and_leaves_nothing(
    tiny_run: Path, tmp_path: Path, kind: str, reason: str
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    hostile = _hostile(tiny_run, source, kind)
    before = tree(tmp_path)
    runs_dir().mkdir(parents=True, exist_ok=True)
    with pytest.raises(ShareError) as caught:
        import_run(hostile)
    message = str(caught.value)
    assert reason in message and "\n" not in message and message.startswith("hostile.kcrun")
    assert tree(tmp_path) == before
    assert list(runs_dir().iterdir()) == []
    assert not (runs_dir().parent / "escaped.json").exists()


def test_a_bomb_whose_header_lies_is_stopped_while_unpacking(
    tiny_run: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(share, "MAX_TOTAL_BYTES", 4 * 2**20)  # smaller than the run itself
    kcrun = pack_run(tiny_run, tmp_path / "run.kcrun")
    with pytest.raises(ShareError, match="zip bomb"):
        import_run(kcrun)
    assert list(runs_dir().iterdir()) == []


def test_too_many_files_and_a_foreign_zip_are_refused(tmp_path: Path) -> None:
    many = write_zip(tmp_path / "many.kcrun", {f"samples/{i}.png": b"" for i in range(2_001)})
    with pytest.raises(ShareError, match="at most 2000"):
        import_run(many)
    foreign = write_zip(tmp_path / "notes.kcrun", {"notes.json": b"{}"})
    with pytest.raises(ShareError, match="not a kc_desktop run"):
        import_run(foreign)
    assert list(runs_dir().iterdir()) == []


def test_import_command_prints_one_line_for_a_refused_file(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    broken = tmp_path / "broken.kcrun"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    assert main(["import", str(broken)]) == 2
    assert capsys.readouterr().err == (
        "error: broken.kcrun is damaged or cut short; ask for the .kcrun file again.\n"
    )


def test_packing_leaves_out_links_and_temporary_files(tiny_run: Path, tmp_path: Path) -> None:
    import shutil

    run = tmp_path / "run"
    shutil.copytree(tiny_run, run)
    (run / "link.json").symlink_to(run / "config.json")
    (run / ".config.json.123.tmp").write_text("{}")
    (run / "notes.py").write_text("print('hi')")
    with zipfile.ZipFile(pack_run(run, tmp_path / "out.kcrun")) as archive:
        names = set(archive.namelist())
    assert names == set(run_entries(tiny_run)) | {"kcrun.json"}
