"""One release folder as normalize/release.py wrote it, read and checked.

`{data}/releases/{release_id}/` holds release.json, measures.json, changes.json and
manifest.json. Before a folder is used, each file is checked against its manifest's sha256
and size (so are delta.jsonl and lists_changes.json, which publish puts online as they are),
the manifest against the previous one's sha256 (`previous_manifest_sha256`), each JSON file
against the published schema, and the ids against the chain of releases.

The schema check is the expensive one (jsonschema, about 0.5 ms a record). Its verdict
depends only on bytes that a manifest's sha256 pins down (the release's files and, through
the chain, every earlier release's), so it is skipped for a release whose manifest sha256
passed before (publish keeps that list in data/state/: `read_validated`). The files are
still hashed against their manifest every time, so a changed byte is refused all the same.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from publish import jsonout, schemas

log = logging.getLogger(__name__)

# normalize/release.py appends -2, -3… when two releases would share a crawl time.
RELEASE_ID = re.compile(r"^([0-9]{8}T[0-9]{6}Z)(?:-([0-9]+))?$")
RELEASE_FILES = ("release.json", "measures.json", "changes.json")
# Published byte for byte beside them (publish.api, publish.lists) when the release has them.
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
    validated: Collection[str] = (),
) -> tuple[Release, str]:
    """The release in `folder`, checked; and its manifest's sha256, which the next release's
    manifest must name. `validated`: manifest sha256s whose files passed the schemas before."""
    release_order(folder.name)
    manifest_bytes = (folder / MANIFEST).read_bytes()
    manifest_sha = hashlib.sha256(manifest_bytes).hexdigest()
    manifest = json.loads(manifest_bytes)
    if manifest["release"] != folder.name:
        raise HistoryError(f"{folder}/manifest.json names release {manifest['release']}")
    if manifest["previous_manifest_sha256"] != previous_manifest_sha:
        raise HistoryError(f"{folder}/manifest.json does not chain to the previous manifest")
    sha256 = {MANIFEST: manifest_sha}
    raw = {}
    optional = [n for n in OPTIONAL_FILES if n in manifest["files"] and (folder / n).exists()]
    for name in (*RELEASE_FILES, *optional):
        entry = manifest["files"][name]
        data = (folder / name).read_bytes()
        sha256[name] = hashlib.sha256(data).hexdigest()
        if sha256[name] != entry["sha256"] or len(data) != entry["size"]:
            raise HistoryError(f"{folder}/{name} does not match its manifest")
        raw[name] = data
    meta, snapshot, changes = (json.loads(raw[name]) for name in RELEASE_FILES)
    if manifest_sha not in validated:
        _validate(folder, meta, _not_yet_valid(snapshot, previous), changes)
    expected_previous = previous.id if previous else None
    ids = {meta["id"], snapshot["release"], changes["release"]}
    if ids != {folder.name} or {meta["previous"], changes["previous"]} != {expected_previous}:
        raise HistoryError(f"{folder}: ids or previous ids do not follow the release chain")
    measures = {record["id"]: record for record in snapshot["measures"]}
    return Release(folder.name, folder, meta, measures, changes, sha256), manifest_sha


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


# The list of validated manifests. Whoever can write it can write the releases too; it only
# spares jsonschema. New schemas (or a damaged list) mean validating everything again.
VALIDATED_FILE = "publish-validated.json"


@cache
def _schemas_sha256() -> str:
    digest = hashlib.sha256()
    for name in schemas.names():
        digest.update(schemas.path(name).read_bytes())
    return digest.hexdigest()


def read_validated(path: Path) -> frozenset[str]:
    """The manifest sha256s recorded at `path` as validated by these schemas."""
    try:
        doc = json.loads(path.read_bytes())
        if doc["schemas"] == _schemas_sha256():
            return frozenset(doc["manifests"])
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return frozenset()


def write_validated(path: Path, manifests: Iterable[str]) -> None:
    """Record these manifests as validated; atomically, so a crash leaves the old list. A data
    folder publish cannot write to is published all the same, validated every time."""
    doc = {"schemas": _schemas_sha256(), "manifests": sorted(set(manifests))}
    spare = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        spare.write_bytes(jsonout.dumps(doc))
        os.replace(spare, path)
    except OSError as error:
        log.warning("validated releases not recorded: %s", error)
