"""One run at a time per data folder (regwatch/lock.py): a second run gives up with exit 5
(or waits, if asked), a lock left by a killed process is taken over, and every stage of the
pipeline holds the lock."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from regwatch import pipeline
from regwatch.cli import EXIT_BUSY, main
from regwatch.lock import LOCK_NAME, LockBusy, data_lock

HOLD = """
import sys, time
from pathlib import Path
from regwatch.lock import data_lock
with data_lock(Path(sys.argv[1])):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def hold(data: Path, seconds: float) -> subprocess.Popen:
    """Another process holding data's lock for `seconds`; returns once it holds it."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(data), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.fixture()
def holder(tmp_path):
    proc = hold(tmp_path / "data", 60)
    yield proc
    proc.kill()
    proc.wait()


def test_a_second_run_exits_5_naming_the_holder(tmp_path, holder, monkeypatch):
    monkeypatch.delenv("REGWATCH_LOCK_TIMEOUT", raising=False)
    result = CliRunner().invoke(main, ["release", "--data", str(tmp_path / "data")])
    assert result.exit_code == EXIT_BUSY == 5
    assert f"another regwatch process holds {tmp_path / 'data' / LOCK_NAME}" in result.output
    assert f"pid {holder.pid}" in result.output and "REGWATCH_LOCK_TIMEOUT" in result.output


@pytest.mark.parametrize(
    "stage",
    [
        lambda d: pipeline.crawl(d, sources=["meti_russia"]),
        lambda d: pipeline.normalize(d),
        lambda d: pipeline.release(d),
        lambda d: pipeline.publish(d, d.parent / "public"),
        lambda d: pipeline.run(d, d.parent / "public"),
        lambda d: pipeline.demo(d, d.parent / "public"),
    ],
    ids=["crawl", "normalize", "release", "publish", "run", "demo"],
)
def test_every_stage_holds_the_lock(tmp_path, holder, stage):
    with pytest.raises(LockBusy):
        stage(tmp_path / "data")
    assert not (tmp_path / "data/crawls").exists()  # refused before touching anything


def test_a_second_run_waits_when_asked(tmp_path, monkeypatch):
    proc = hold(tmp_path / "data", 1.0)
    monkeypatch.setenv("REGWATCH_LOCK_TIMEOUT", "20")
    start = time.monotonic()
    with data_lock(tmp_path / "data"):
        waited = time.monotonic() - start
    proc.wait()
    assert 0.3 < waited < 15


def test_a_lock_left_by_a_killed_process_is_taken_over(tmp_path):
    proc = hold(tmp_path / "data", 60)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = json.loads((tmp_path / "data" / LOCK_NAME).read_text())
    assert left["pid"] == proc.pid  # the file still names the dead holder
    notes: list[str] = []
    with data_lock(tmp_path / "data", timeout=0, notify=notes.append):
        mine = json.loads((tmp_path / "data" / LOCK_NAME).read_text())
        assert mine["pid"] == os.getpid()
    assert notes == [
        f"recovered a stale lock left by pid {proc.pid} in {tmp_path / 'data' / LOCK_NAME}"
    ]


def test_the_lock_is_reentrant_and_released(tmp_path):
    with data_lock(tmp_path), data_lock(tmp_path):
        pass
    assert (tmp_path / LOCK_NAME).read_text() == ""
    proc = hold(tmp_path, 0)  # another process gets it at once
    assert proc.wait() == 0
