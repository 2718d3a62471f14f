"""What publish remembers between runs of the releases it has read and checked.

Reading a history parses every release's measures.json (ten years of weekly releases are
about 500 MB of JSON) and, the first time, checks it against the schemas (jsonschema: about
0.5 ms a record). A release never changes, so once a publish has read and checked one, its
snapshot is kept in data/state/publish-cache.json under the sha256 of its manifest. The next
publish still follows the manifest chain and hashes every release file against its
manifest unless the file's signature (device, inode, size, mtime, ctime) is the one it had
when it was hashed (publish.release_folder; ctime cannot be set back, so a file written
since is hashed again and a changed byte is refused as before); it takes the snapshot of a
release whose manifest it has seen from here instead of parsing and checking it again.

Consecutive snapshots share most records, so the file holds each version of a record once
(a table of records; each snapshot is a list of positions in it), and the history loaded
from it shares them likewise. The cache is void when the schemas change, and ignored if it
cannot be read: publish then reads and checks everything, as without it. It is JSON, not
pickle, so that reading it can never run code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from publish import schemas
from publish.release_folder import MANIFEST, Release

CACHE_FILE = "publish-cache.json"
FORMAT = 1

log = logging.getLogger(__name__)

Snapshots = dict[str, dict[str, dict[str, Any]]]  # manifest sha256 → {measure id: record}


@cache
def _schemas_sha256() -> str:
    digest = hashlib.sha256()
    for name in schemas.names():
        digest.update(schemas.path(name).read_bytes())
    return digest.hexdigest()


Files = dict[str, dict[str, list[int]]]  # manifest sha256 → {file: signature when hashed}


def read(path: Path) -> Snapshots:
    """The snapshots kept at `path`, if they were checked by these schemas; else {}."""
    return read_all(path)[0]


def read_all(path: Path) -> tuple[Snapshots, Files]:
    """The snapshots kept at `path` and the signatures of the files hashed (see
    release_folder.read_release); nothing if the file was written for other schemas."""
    try:
        doc = json.loads(path.read_bytes())
        if doc["format"] != FORMAT or doc["schemas"] != _schemas_sha256():
            return {}, {}
        records = doc["records"]
        snapshots = {
            sha: {records[i]["id"]: records[i] for i in positions}
            for sha, positions in doc["releases"].items()
        }
        return snapshots, {sha: dict(files) for sha, files in doc.get("files", {}).items()}
    except (OSError, ValueError, LookupError, TypeError, AttributeError):
        return {}, {}


def write(path: Path, releases: Sequence[Release]) -> None:
    """Keep these releases' snapshots, and no other."""
    positions: dict[int, int] = {}  # id(record) → its place in the table
    records: list[dict[str, Any]] = []
    snapshots = {}
    for release in releases:
        mine = []
        for record in release.measures.values():
            if id(record) not in positions:
                positions[id(record)] = len(records)
                records.append(record)
            mine.append(positions[id(record)])
        snapshots[release.sha256[MANIFEST]] = mine
    doc = {
        "format": FORMAT,
        "schemas": _schemas_sha256(),
        "records": records,
        "releases": snapshots,
        "files": {release.sha256[MANIFEST]: release.signatures for release in releases},
    }
    save_state(path, doc)


def save_state(path: Path, doc: Any) -> None:
    """Write what publish remembers, atomically (a crash leaves the old file). Publishing
    does not depend on it: if it cannot be written, the next publish does more work."""
    spare = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        spare.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        os.replace(spare, path)
    except OSError as error:
        log.warning("not remembered (the next publish does more work): %s", error)
        spare.unlink(missing_ok=True)
