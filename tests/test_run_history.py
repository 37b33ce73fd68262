"""Run history (Qt-free): the rows of the Runs view, rename and delete rules, curves, CSV."""

from __future__ import annotations

import csv
import json
import math
import shutil
from pathlib import Path

import pytest
from run_history_helpers import epoch_records, summary_of

from kc_desktop.core.paths import runs_dir
from kc_desktop.core.runs.history import (
    check_deletable,
    comparison_rows,
    delete_run,
    read_epoch_curves,
    rename_run,
    run_rows,
    shared_metrics,
    validate_run_name,
    write_comparison_csv,
)


def _rows_by_name(training: Path | None = None) -> dict:
    return {row.name: row for row in run_rows(training=training)}


def test_rows_describe_every_saved_run(saved_runs: list[Path]) -> None:
    mlp, cnn, vae = saved_runs
    (runs_dir() / "not-a-run").mkdir()
    rows = _rows_by_name()
    assert set(rows) == {run.name for run in saved_runs}
    for run, model, dataset in (
        (mlp, "mlp", "tiny"),
        (cnn, "small-cnn", "Handwritten digits (offline)"),
    ):
        row, summary = rows[run.name], summary_of(run)
        config = json.loads((run / "config.json").read_text())
        assert (row.model, row.dataset, row.task, row.status) == (
            model,
            dataset,
            "classify",
            "completed",
        )
        assert (row.epochs, row.epochs_done) == (config["epochs"], summary["epochs"])
        assert (row.batch_size, row.lr, row.optimizer) == (
            config["batch_size"],
            config["lr"],
            config["optimizer"],
        )
        assert row.accuracy == summary["test_accuracy"]
        assert row.loss == summary["test_loss"]
        assert (row.beta, row.latent_dim, row.d_loss) == (None, None, None)
    vae_row = rows[vae.name]
    assert (vae_row.model, vae_row.task, vae_row.accuracy) == ("vae", "vae", None)
    assert vae_row.beta == 1.0
    assert vae_row.latent_dim == json.loads((vae / "config.json").read_text())["latent_dim"]
    assert vae_row.loss == summary_of(vae)["test_loss"]


def test_unfinished_run_shows_its_last_checkpoint(saved_runs: list[Path]) -> None:
    run = saved_runs[0]
    (run / "summary.json").unlink()
    checkpoint = json.loads((run / "checkpoint.json").read_text())
    row = _rows_by_name()[run.name]
    assert (row.status, row.finished) == ("incomplete", False)
    assert row.accuracy == checkpoint["metrics"]["val_accuracy"]
    assert row.epochs_done == checkpoint["epoch"]
    assert _rows_by_name(training=run)[run.name].status == "training"


def test_rows_take_paths_from_the_folder_and_ignore_values_that_are_not_numbers(
    saved_runs: list[Path],
) -> None:
    run = saved_runs[0]
    summary = summary_of(run) | {"run_dir": "/etc", "test_accuracy": "100%"}
    (run / "summary.json").write_text(json.dumps(summary))
    config = json.loads((run / "config.json").read_text()) | {"lr": "fast", "epochs": True}
    (run / "config.json").write_text(json.dumps(config))
    row = _rows_by_name()[run.name]
    assert row.path == run
    assert (row.lr, row.epochs, row.accuracy) == (None, None, None)


def test_rename_moves_the_folder_and_keeps_the_run(saved_runs: list[Path]) -> None:
    run = saved_runs[0]
    before = _rows_by_name()[run.name]
    target = rename_run(run, "  best mlp  ")
    assert target == runs_dir() / "best mlp"
    assert target.is_dir() and not run.exists()
    after = _rows_by_name()["best mlp"]
    assert (after.model, after.accuracy, after.started) == (
        before.model,
        before.accuracy,
        before.started,
    )


@pytest.mark.parametrize(
    "name", ["../x", "a/b", "a\\b", "", "   ", ".hidden", "..", "bad.", "c:d", "x" * 101, "t\tab"]
)
def test_rename_refuses_names_that_are_not_plain_folder_names(
    saved_runs: list[Path], name: str
) -> None:
    run = saved_runs[0]
    with pytest.raises(ValueError):
        rename_run(run, name)
    assert run.is_dir()
    assert sorted(p.name for p in runs_dir().iterdir()) == sorted(r.name for r in saved_runs)
    assert not (runs_dir().parent / "x").exists()


def test_rename_refuses_a_name_taken_even_in_another_case(saved_runs: list[Path]) -> None:
    first, second = saved_runs[0], saved_runs[1]
    with pytest.raises(ValueError, match="already exists"):
        rename_run(first, second.name)
    with pytest.raises(ValueError, match="already exists"):
        rename_run(first, second.name.upper())
    assert first.is_dir() and second.is_dir()
    assert rename_run(first, first.name) == first


def test_the_training_run_can_be_neither_renamed_nor_deleted(saved_runs: list[Path]) -> None:
    run = saved_runs[0]
    with pytest.raises(ValueError, match="training now"):
        rename_run(run, "other", training=run)
    with pytest.raises(ValueError, match="training now"):
        delete_run(run, training=run)
    assert run.is_dir()


def test_delete_removes_only_run_folders_inside_the_runs_folder(
    saved_runs: list[Path], tmp_path: Path
) -> None:
    outside = Path(shutil.copytree(saved_runs[0], tmp_path / "elsewhere"))
    with pytest.raises(ValueError, match="not a run folder"):
        check_deletable(outside)
    plain = runs_dir() / "holiday photos"
    plain.mkdir()
    with pytest.raises(ValueError, match="not a run folder"):
        delete_run(plain)
    link = runs_dir() / "link"
    link.symlink_to(outside, target_is_directory=True)
    with pytest.raises(ValueError, match="not a run folder"):
        delete_run(link)
    assert outside.is_dir() and plain.is_dir()
    delete_run(saved_runs[0])
    assert not saved_runs[0].exists()
    assert saved_runs[0].name not in _rows_by_name()


def test_validate_run_name_strips_spaces() -> None:
    assert validate_run_name("  cnn, lr 1e-3 ") == "cnn, lr 1e-3"


def test_epoch_curves_equal_the_epoch_lines_of_metrics_jsonl(saved_runs: list[Path]) -> None:
    for run in saved_runs:
        records = epoch_records(run)
        curves = read_epoch_curves(run)
        metrics = set(records[0]) - {"kind", "epoch", "seconds"}
        assert set(curves) == metrics
        for metric in metrics:
            assert curves[metric] == {r["epoch"]: r[metric] for r in records}


def test_epoch_curves_skip_lines_that_are_not_epoch_records(saved_runs: list[Path]) -> None:
    run = saved_runs[0]
    expected = read_epoch_curves(run)
    with (run / "metrics.jsonl").open("a", encoding="utf-8") as handle:
        handle.write('[1, 2]\n"text"\n{"kind": "epoch", "epoch": "3", "loss": 1.0}\n')
        handle.write('{"kind": "epoch", "epoch": 9, "loss": "low", "val_loss": NaN}\n{"kind": "ep')
    assert read_epoch_curves(run) == expected


def test_shared_metrics_put_validation_accuracy_first_and_keep_only_common_ones(
    saved_runs: list[Path],
) -> None:
    mlp, cnn, vae = (read_epoch_curves(run) for run in saved_runs)
    classifiers = shared_metrics([mlp, cnn])
    assert classifiers[0] == "val_accuracy"
    assert set(classifiers) == {"accuracy", "loss", "val_accuracy", "val_loss"}
    mixed = shared_metrics([mlp, vae])
    assert mixed == ["val_loss", "loss"]
    assert shared_metrics([]) == []


def test_comparison_csv_holds_the_points_of_metrics_jsonl(
    saved_runs: list[Path], tmp_path: Path
) -> None:
    mlp, cnn = saved_runs[0], saved_runs[1]
    curves = {run.name: read_epoch_curves(run) for run in (mlp, cnn)}
    path = tmp_path / "compare.csv"
    write_comparison_csv(path, comparison_rows(curves, "val_loss"))
    with path.open(newline="", encoding="utf-8") as handle:
        lines = list(csv.reader(handle))
    assert lines[0] == ["run", "epoch", "metric", "value"]
    expected = [
        (run.name, record["epoch"], "val_loss", record["val_loss"])
        for run in (mlp, cnn)
        for record in epoch_records(run)
    ]
    got = [(name, int(epoch), metric, float(value)) for name, epoch, metric, value in lines[1:]]
    assert got == expected
    assert all(math.isfinite(value) for *_, value in got)
