"""api/v1/: the machine-readable side of the published folder (see shared published-layout).

Files under api/v1/releases/{id}/ are copied byte for byte from the release folder (their
sha256 is in the release's manifest): they are immutable, and `check_immutable` refuses a
build that would change one already online. Everything else is derived from the history and
written as canonical JSON (publish.jsonout), so the same data gives the same bytes.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from publish import jsonout, schemas, urls
from publish.families import write_families_api
from publish.history import History
from publish.list_lag import list_updates
from publish.vocabulary import CURRENT_STATUSES, TOPICS

INDEX = f"{urls.API}/index.json"
# Copied verbatim from each release folder. manifest.json is the release's own index (the
# sha256 of each of its files and of the previous manifest: a chain anyone can verify);
# delta.jsonl is what a subscriber applies to move from the previous release to this one.
IMMUTABLE_FILES = ("measures.json", "changes.json", "manifest.json", "delta.jsonl")


class ImmutableReleaseChanged(RuntimeError):
    """A release file already published differs from the one about to replace it."""


def write_api(history: History, root: Path, base_url: str) -> None:
    """Every file of api/v1/ but index.json, which lists them all (write_index)."""
    api = root / urls.API
    latest = history.latest
    for release in history.releases:
        for name in IMMUTABLE_FILES:
            if not (release.path / name).exists():
                continue  # releases written before deltas existed
            target = root / urls.api_release(release.id, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(release.path / name, target)
    releases = [
        {
            **release.meta,
            "measures_url": urls.absolute(base_url, urls.api_release(release.id, "measures.json")),
            "changes_url": urls.absolute(base_url, urls.api_release(release.id, "changes.json")),
            "index_url": urls.absolute(base_url, urls.api_release(release.id, "manifest.json")),
            "delta_url": urls.absolute(base_url, urls.api_release(release.id, "delta.jsonl")),
        }
        for release in reversed(history.releases)
    ]
    jsonout.write(api / "versions.json", {"latest": latest.id, "releases": releases})
    current = list(latest.measures.values())
    jsonout.write(
        api / "measures.json", {"release": latest.id, "time": latest.time, "measures": current}
    )
    for measure_id in history.records:
        jsonout.write(root / urls.api_measure(measure_id), measure_document(history, measure_id))
    for topic in TOPICS:
        in_topic = [r for r in current if topic in r["topics"] and r["status"] in CURRENT_STATUSES]
        doc = {"topic": topic, "release": latest.id, "time": latest.time, "measures": in_topic}
        jsonout.write(api / "topics" / f"{topic}.json", doc)
    write_families_api(history, root)
    (api / "schema").mkdir(parents=True, exist_ok=True)
    for name in schemas.names():
        shutil.copyfile(schemas.path(name), api / "schema" / schemas.path(name).name)


def measure_document(history: History, measure_id: str) -> dict[str, Any]:
    """The latest record, one history entry per version, and the removal if any."""
    events = history.events_by_measure[measure_id]
    versions = [e for e in events if e.kind != "removed"]
    # Transaction time: each version was recorded by one release and superseded by the next
    # version's (or by a removal); valid time is in the record's own dates.
    entries = [
        {
            "version": e.version,
            "release": e.release.id,
            "time": e.release.time,
            "recorded": e.release.id,
            "superseded": events[i + 1].release.id if i + 1 < len(events) else None,
            "kind": e.kind,
            "cause": e.cause,
            "fields": e.fields,
            "text_diffs": e.text_diffs,
        }
        for i, e in enumerate(events)
        if e in versions
    ]
    last = events[-1]
    removed = None
    if last.kind == "removed":
        removed = {"release": last.release.id, "time": last.release.time, "reason": last.reason}
    return {
        **history.records[measure_id],
        "history": entries,
        "removed": removed,
        "list_updates": list_updates(history, measure_id),
    }


def write_index(history: History, root: Path) -> dict[str, Any]:
    """api/v1/index.json: the latest release and the sha256 and size of every other artifact."""
    artifacts = {}
    for path in sorted(p for top in ("api", "feeds") for p in (root / top).rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel != INDEX:
            artifacts[rel] = {"sha256": jsonout.sha256_file(path), "size": path.stat().st_size}
    index = {**history.latest.meta, "api": "v1", "artifacts": artifacts}
    jsonout.write(root / INDEX, index)
    return index


def check_immutable(new_root: Path, old_root: Path | None) -> None:
    """Refuse to publish a release file that differs from the copy already online."""
    if old_root is None:
        return
    for old in sorted((old_root / urls.API / "releases").glob("*/*.json")):
        new = new_root / old.relative_to(old_root)
        if new.exists() and new.read_bytes() != old.read_bytes():
            raise ImmutableReleaseChanged(
                f"{new.relative_to(new_root)} differs from the "
                "copy already published; releases are immutable"
            )
