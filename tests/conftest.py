"""Shared fixtures: the bundled archive's snapshots, read once per session."""

from __future__ import annotations

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
