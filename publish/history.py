"""The release history that normalize/release.py wrote, as change events.

Everything publish writes is a function of `{data}/releases/*/`. Each folder is read and
checked by publish.release_folder; here the history as a whole is checked too: every
measure's versions run 1, 2, 3…, one per change event, and each snapshot shows its records
at the version their events reached. A history that fails a check stops the publish, so the
build online stays the last good one.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from publish import history_cache
from publish.release_folder import MANIFEST, HistoryError, Release, read_release, release_order

__all__ = ["Event", "History", "HistoryError", "Release", "load_history"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Event:
    """One change event, and so one feed item: a measure added (v1), modified (v2…) or removed.

    `record` is the measure as of the event; for a removal, as it was last published.
    """

    kind: str
    measure_id: str
    version: int
    release: Release
    record: dict[str, Any]
    fields: dict[str, Any]
    text_diffs: dict[str, Any]
    reason: str | None = None
    cause: str | None = None  # source, pipeline or calendar (normalize/provenance.py)


@dataclass(frozen=True)
class History:
    releases: list[Release]
    events: list[Event]

    @property
    def latest(self) -> Release:
        return self.releases[-1]

    @cached_property
    def records(self) -> dict[str, dict[str, Any]]:
        """The latest record of every measure ever published, removed ones included, by id."""
        known: dict[str, dict[str, Any]] = {}
        for release in self.releases:
            known.update(release.measures)
        return dict(sorted(known.items()))

    @cached_property
    def events_by_release(self) -> dict[str, list[Event]]:
        grouped: dict[str, list[Event]] = {}
        for event in self.events:
            grouped.setdefault(event.release.id, []).append(event)
        return grouped

    @cached_property
    def events_by_measure(self) -> dict[str, list[Event]]:
        grouped: dict[str, list[Event]] = {mid: [] for mid in self.records}
        for event in self.events:
            grouped[event.measure_id].append(event)
        return grouped


def load_history(data_dir: Path, cache: Path | None = None) -> History:
    """Every release, read and checked; `cache` (publish.history_cache) spares reading again
    the snapshots of releases read before, and is brought up to date."""
    root = Path(data_dir) / "releases"
    folders = [p for p in root.iterdir() if p.is_dir()] if root.is_dir() else []
    # normalize/release.py writes each release under a hidden temporary name first
    folders = sorted(
        (p for p in folders if not p.name.startswith(".")), key=lambda p: release_order(p.name)
    )
    if not folders:
        raise HistoryError(f"no release under {root}")
    known, seen = history_cache.read_all(cache) if cache else ({}, {})
    releases: list[Release] = []
    events: list[Event] = []
    manifest_sha: str | None = None
    for folder in folders:
        previous = releases[-1] if releases else None
        release, manifest_sha = read_release(folder, previous, manifest_sha, known, seen)
        events.extend(_events(release, previous))
        releases.append(release)
    _check_versions(releases, events)
    if cache and (
        set(known) != {release.sha256[MANIFEST] for release in releases}
        or any(seen.get(r.sha256[MANIFEST]) != r.signatures for r in releases)
    ):
        history_cache.write(cache, releases)
    return History(releases, events)


def _events(release: Release, previous: Release | None) -> list[Event]:
    changes = release.changes
    before = previous.measures if previous else {}
    events = []
    for record in changes["added"]:
        events.append(
            Event(
                "added",
                record["id"],
                1,
                release,
                _in(release, record["id"]),
                {},
                {},
                cause=record.get("cause"),
            )
        )
    for entry in changes["modified"]:
        record = _in(release, entry["id"])
        events.append(
            Event(
                entry["kind"],
                entry["id"],
                entry["version"],
                release,
                record,
                entry["fields"],
                entry["text_diffs"],
                cause=entry.get("cause"),
            )
        )
    for entry in changes["removed"]:
        if entry["id"] not in before or entry["id"] in release.measures:
            raise HistoryError(f"{release.id}: removal of {entry['id']} does not match snapshots")
        last = before[entry["id"]]
        events.append(
            Event("removed", entry["id"], last["version"], release, last, {}, {}, entry["reason"])
        )
    touched = {e.measure_id for e in events}
    for vanished in sorted(set(before) - set(release.measures) - touched):
        log.warning(
            "measure left the snapshot without a removal: measure=%s release=%s",
            vanished,
            release.id,
        )
    return sorted(events, key=lambda e: e.measure_id)


def _in(release: Release, measure_id: str) -> dict[str, Any]:
    try:
        return release.measures[measure_id]
    except KeyError:
        raise HistoryError(f"{release.id}: changed measure {measure_id} not in snapshot") from None


def _check_versions(releases: list[Release], events: list[Event]) -> None:
    """Every measure's versions run 1, 2, 3… and each snapshot shows the version reached."""
    reached: dict[str, int] = {}
    by_release: dict[str, list[Event]] = {}
    for event in events:
        by_release.setdefault(event.release.id, []).append(event)
    for release in releases:
        for event in by_release.get(release.id, []):
            if event.kind == "removed":
                continue
            if event.version != reached.get(event.measure_id, 0) + 1:
                raise HistoryError(
                    f"{release.id}: {event.measure_id} jumps to version {event.version}"
                )
            reached[event.measure_id] = event.version
        for mid, record in release.measures.items():
            if record["version"] != reached.get(mid):
                raise HistoryError(
                    f"{release.id}: {mid} is at version {record['version']} "
                    f"but its change events reach {reached.get(mid)}"
                )
