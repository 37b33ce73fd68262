"""Following a run folder written by another process: metrics.jsonl read as it grows."""

from __future__ import annotations

import json
import os
from pathlib import Path

from kc_desktop.core.runs.follower import RunFollower, is_being_written


def _line(record: dict) -> bytes:
    return (json.dumps(record) + "\n").encode()


def test_partial_last_line_waits_for_its_end(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text(json.dumps({"model": "mlp"}))
    metrics = tmp_path / "metrics.jsonl"
    first = _line({"kind": "step", "global_step": 1, "loss": 2.0})
    second = _line({"kind": "step", "global_step": 2, "loss": 1.5})
    follower = RunFollower(tmp_path)
    assert follower.poll().records == []  # nothing written yet: not an error
    metrics.write_bytes(first + second[:10])
    assert [r["global_step"] for r in follower.poll().records] == [1]
    assert follower.poll().records == []
    with metrics.open("ab") as file:
        file.write(second[10:] + b"{not json\n" + b"[1, 2]\n")
    poll = follower.poll()
    assert [r["global_step"] for r in poll.records] == [2]  # damaged lines are skipped
    assert poll.finished is None and is_being_written(tmp_path)
    assert follower.config() == {"model": "mlp"}


def test_rewritten_file_restarts_and_summary_ends(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    metrics = tmp_path / "metrics.jsonl"
    metrics.write_bytes(b"".join(_line({"kind": "step", "global_step": i}) for i in range(5)))
    follower = RunFollower(tmp_path)
    assert len(follower.poll().records) == 5
    metrics.write_bytes(_line({"kind": "step", "global_step": 0}))  # resume truncated it
    poll = follower.poll()
    assert poll.restarted and [r["global_step"] for r in poll.records] == [0]
    summary = tmp_path / "summary.json"
    summary.write_text(json.dumps({"status": "completed"}))
    stamp = metrics.stat().st_mtime_ns
    os.utime(summary, ns=(stamp + 10**9, stamp + 10**9))
    assert follower.poll().finished["status"] == "completed"
    assert not is_being_written(tmp_path)


def test_a_foreign_summary_is_made_safe_to_show(tmp_path: Path) -> None:
    (tmp_path / "config.json").write_text("{}")
    (tmp_path / "metrics.jsonl").write_bytes(_line({"kind": "step", "global_step": 1}))
    summary = {"status": "exploded", "reason": 3, "run_dir": "/srv/other/run", "epochs": 1}
    (tmp_path / "summary.json").write_text(json.dumps(summary))
    stamp = (tmp_path / "metrics.jsonl").stat().st_mtime_ns + 10**9
    os.utime(tmp_path / "summary.json", ns=(stamp, stamp))
    finished = RunFollower(tmp_path).poll().finished
    assert finished == {"status": "failed", "reason": "", "run_dir": str(tmp_path), "epochs": 1}
