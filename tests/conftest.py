"""Shared fixtures: the bundled archive's snapshots, read once per session."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from crawlers.warc import ArchivedResponse, read_responses

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = sorted((ROOT / "data" / "demo" / "snapshots").glob("*.warc.gz"))


@pytest.fixture(scope="session")
def snapshot_index() -> dict[str, dict[str, ArchivedResponse]]:
    """snapshot date → url → archived response."""
    return {p.name[:10]: {r.url: r for r in read_responses(p)} for p in SNAPSHOTS}


@pytest.fixture(scope="session")
def latest_snapshot(snapshot_index) -> dict[str, ArchivedResponse]:
    return snapshot_index[max(snapshot_index)]


def run_regwatch(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The CLI as a user runs it, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "regwatch", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
    )


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory) -> Path:
    """One `regwatch demo` into a fresh folder (data/ and public/ inside it), shared by the
    tests that only read it."""
    work = tmp_path_factory.mktemp("demo")
    proc = run_regwatch("demo", "--data", "data", "--out", "public", cwd=work)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "regwatch serve" in proc.stderr
    return work


@pytest.fixture(scope="session")
def demo_run_again(tmp_path_factory) -> Path:
    """A second `regwatch demo` into another fresh folder: what determinism is checked
    against (the same archive must give the same bytes)."""
    work = tmp_path_factory.mktemp("demo-again")
    proc = run_regwatch("demo", "--data", "data", "--out", "public", cwd=work)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return work
