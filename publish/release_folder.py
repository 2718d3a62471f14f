"""One release folder as normalize/release.py wrote it, read and checked.

`{data}/releases/{release_id}/` holds release.json, measures.json, changes.json and
manifest.json. Before a folder is used, each file is checked against its manifest's sha256
and size, the manifest against the previous one's sha256 (`previous_manifest_sha256`), each
JSON file against the published schema, and the ids against the chain of releases.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from publish import jsonout, schemas

# normalize/release.py appends -2, -3… when two releases would share a crawl time.
RELEASE_ID = re.compile(r"^([0-9]{8}T[0-9]{6}Z)(?:-([0-9]+))?$")
RELEASE_FILES = ("release.json", "measures.json", "changes.json")


class HistoryError(ValueError):
    """The release folders break the contract of normalize/release.py."""


def release_order(release_id: str) -> tuple[str, int]:
    """Sort key: time order, and 20220318T090000Z before …Z-2 before …Z-10."""
    match = RELEASE_ID.match(release_id)
    if match is None:
        raise HistoryError(f"not a release id: {release_id}")
    return match.group(1), int(match.group(2) or 1)


@dataclass(frozen=True)
class Release:
    id: str
    path: Path
    meta: dict[str, Any]
    measures: dict[str, dict[str, Any]]
    changes: dict[str, Any]

    @property
    def time(self) -> str:
        return self.meta["time"]


def read_release(
    folder: Path, previous: Release | None, previous_manifest_sha: str | None
) -> tuple[Release, str]:
    release_order(folder.name)
    manifest_bytes = (folder / "manifest.json").read_bytes()
    manifest = jsonout.read(folder / "manifest.json")
    if manifest["release"] != folder.name:
        raise HistoryError(f"{folder}/manifest.json names release {manifest['release']}")
    if manifest["previous_manifest_sha256"] != previous_manifest_sha:
        raise HistoryError(f"{folder}/manifest.json does not chain to the previous manifest")
    for name in RELEASE_FILES:
        entry = manifest["files"][name]
        data = (folder / name).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"] or len(data) != entry["size"]:
            raise HistoryError(f"{folder}/{name} does not match its manifest")
    meta, snapshot, changes = (jsonout.read(folder / name) for name in RELEASE_FILES)
    for name, schema, doc in (
        ("release.json", "release", meta),
        ("measures.json", "measures", _not_yet_valid(snapshot, previous)),
        ("changes.json", "changes", changes),
    ):
        errors = sorted(schemas.validator(schema).iter_errors(doc), key=str)
        if errors:
            raise HistoryError(f"{folder}/{name}: {errors[0].message} at {errors[0].json_path}")
    expected_previous = previous.id if previous else None
    ids = {meta["id"], snapshot["release"], changes["release"]}
    if ids != {folder.name} or {meta["previous"], changes["previous"]} != {expected_previous}:
        raise HistoryError(f"{folder}: ids or previous ids do not follow the release chain")
    measures = {record["id"]: record for record in snapshot["measures"]}
    release = Release(folder.name, folder, meta, measures, changes)
    return release, hashlib.sha256(manifest_bytes).hexdigest()


def _not_yet_valid(snapshot: dict[str, Any], previous: Release | None) -> dict[str, Any]:
    """The snapshot without the records the previous release holds exactly so: those were
    validated when it was read, and the schema checks each record on its own. Reading a
    history validates each version of a record once, not once per release (docs/scale.md)."""
    if previous is None or not isinstance(snapshot, dict) or not isinstance(snapshot.get("measures"), list):
        return snapshot
    known = previous.measures
    fresh = [r for r in snapshot["measures"] if not isinstance(r, dict) or known.get(r.get("id")) != r]
    return {**snapshot, "measures": fresh}

