"""One release folder as normalize/release.py wrote it, read and checked.

`{data}/releases/{release_id}/` holds release.json, measures.json, changes.json and
manifest.json. Before a folder is used, each file is checked against its manifest's sha256
and size (so are delta.jsonl and lists_changes.json, which publish puts online as they are),
the manifest against the previous one's sha256 (`previous_manifest_sha256`), each JSON file
against the published schema, and the ids against the chain of releases.

publish.history_cache spares the parsing and the schema check of a release read before.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from publish import jsonout, schemas

# normalize/release.py appends -2, -3… when two releases would share a crawl time.
RELEASE_ID = re.compile(r"^([0-9]{8}T[0-9]{6}Z)(?:-([0-9]+))?$")
RELEASE_FILES = ("release.json", "measures.json", "changes.json")
# Published byte for byte beside them (publish.api) when the release has them.
OPTIONAL_FILES = ("delta.jsonl", "lists_changes.json")
MANIFEST = "manifest.json"


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
    # The sha256 of each file checked against the manifest, and of manifest.json itself.
    sha256: dict[str, str] = field(default_factory=dict, compare=False)
    # Each checked file's (device, inode, size, mtime, ctime) when it was checked.
    signatures: dict[str, list[int]] = field(default_factory=dict, compare=False)

    @property
    def time(self) -> str:
        return self.meta["time"]

    @cached_property
    def lists_changes(self) -> dict[str, Any] | None:
        """lists_changes.json, read once: every measure's page and document looks into it."""
        path = self.path / "lists_changes.json"
        return jsonout.read(path) if path.exists() else None


def read_release(
    folder: Path,
    previous: Release | None,
    previous_manifest_sha: str | None,
    known: Mapping[str, dict[str, dict[str, Any]]] | None = None,
    seen: Mapping[str, dict[str, list[int]]] | None = None,
) -> tuple[Release, str]:
    """The release in `folder`, checked; and its manifest's sha256, which the next release's
    manifest must name. `known`: {manifest sha256: snapshot} of releases read and checked
    before (publish.history_cache): such a snapshot is taken as it is, not parsed and
    validated again. `seen`: {manifest sha256: {file: signature}} of files hashed before: a
    file whose signature is unchanged is not hashed again. The signature holds the ctime,
    which no one can set back, so a file written since, even with its size and mtime
    restored, is hashed again and refused."""
    release_order(folder.name)
    manifest_bytes = (folder / MANIFEST).read_bytes()
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    manifest = json.loads(manifest_bytes)
    if manifest["release"] != folder.name:
        raise HistoryError(f"{folder}/manifest.json names release {manifest['release']}")
    if manifest["previous_manifest_sha256"] != previous_manifest_sha:
        raise HistoryError(f"{folder}/manifest.json does not chain to the previous manifest")
    sha256 = {MANIFEST: manifest_sha}
    signatures: dict[str, list[int]] = {}
    raw = {}
    measures = (known or {}).get(manifest_sha)
    checked = (seen or {}).get(manifest_sha, {})
    optional = [n for n in OPTIONAL_FILES if n in manifest["files"] and (folder / n).exists()]
    for name in (*RELEASE_FILES, *optional):
        entry = manifest["files"][name]
        signatures[name] = signature(folder / name)
        unchanged = checked.get(name) == signatures[name]
        if unchanged and name == "measures.json" and measures is not None:
            sha256[name] = entry["sha256"]  # neither hashed nor parsed: known, unchanged
            continue
        data = (folder / name).read_bytes()
        sha256[name] = entry["sha256"] if unchanged else hashlib.sha256(data).hexdigest()
        if sha256[name] != entry["sha256"] or len(data) != entry["size"]:
            raise HistoryError(f"{folder}/{name} does not match its manifest")
        raw[name] = data
    meta, changes = json.loads(raw["release.json"]), json.loads(raw["changes.json"])
    ids = {meta["id"], changes["release"]}
    if measures is None:
        snapshot = json.loads(raw["measures.json"])
        _validate(folder, meta, _not_yet_valid(snapshot, previous), changes)
        ids.add(snapshot["release"])
        measures = _shared(snapshot["measures"], previous)
    expected_previous = previous.id if previous else None
    if ids != {folder.name} or {meta["previous"], changes["previous"]} != {expected_previous}:
        raise HistoryError(f"{folder}: ids or previous ids do not follow the release chain")
    release = Release(folder.name, folder, meta, measures, changes, sha256, signatures)
    return release, manifest_sha


def signature(path: Path) -> list[int]:
    st = os.stat(path)
    return [st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _validate(folder: Path, meta: Any, snapshot: Any, changes: Any) -> None:
    for name, schema, doc in (
        ("release.json", "release", meta),
        ("measures.json", "measures", snapshot),
        ("changes.json", "changes", changes),
    ):
        errors = sorted(schemas.validator(schema).iter_errors(doc), key=str)
        if errors:
            raise HistoryError(f"{folder}/{name}: {errors[0].message} at {errors[0].json_path}")


def _not_yet_valid(snapshot: dict[str, Any], previous: Release | None) -> dict[str, Any]:
    """The snapshot without the records the previous release holds exactly so: those were
    validated when it was read, and the schema checks each record on its own. Reading a
    history validates each version of a record once, not once per release (docs/scale.md)."""
    if (
        previous is None
        or not isinstance(snapshot, dict)
        or not isinstance(snapshot.get("measures"), list)
    ):
        return snapshot
    known = previous.measures
    fresh = [
        r for r in snapshot["measures"] if not isinstance(r, dict) or known.get(r.get("id")) != r
    ]
    return {**snapshot, "measures": fresh}


def _shared(records: list[dict[str, Any]], previous: Release | None) -> dict[str, dict[str, Any]]:
    """{id: record}, where a record the previous release holds exactly so is that release's
    object: a history holds each version of a record once in memory, not once per release
    (nothing in publish changes a record it has read)."""
    before = previous.measures if previous else {}
    shared = {}
    for record in records:
        old = before.get(record["id"])
        shared[record["id"]] = old if old == record else record
    return shared
