"""api/v1/: the machine-readable side of the published folder (see shared published-layout).

Files under api/v1/releases/{id}/ are the release folder's own files, byte for byte (their
sha256 is in the release's manifest, checked by publish.release_folder): they are immutable,
and `check_immutable` refuses a build that would change one already online. A release file
goes online once, as a copy; every later build hard-links the online build's file if it
still hashes as the manifest says (ten years of releases are about 500 MB, which every
publish used to copy and compare again), so it keeps its inode and mtime. Copies, not links to the release folder: a write
to a published file must never reach the data, nor a write to the data the site. Their
sha256 in index.json is the manifest's. Everything else is derived from the history and
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
from publish.unchanged import Documents
from publish.vocabulary import CURRENT_STATUSES, TOPICS

INDEX = f"{urls.API}/index.json"
# Published from each release folder as they are. manifest.json is the release's own index
# (the sha256 of each of its files and of the previous manifest: a chain anyone can verify);
# delta.jsonl is what a subscriber applies to move from the previous release to this one;
# lists_changes.json says what the release did to the entity lists (publish.lists).
IMMUTABLE_FILES = (
    "measures.json",
    "changes.json",
    "manifest.json",
    "delta.jsonl",
    "lists_changes.json",
)


class ImmutableReleaseChanged(RuntimeError):
    """A release file already published differs from the one about to replace it."""


def release_files(history: History) -> dict[str, tuple[Path, str | None]]:
    """{path in the build: (release folder's file, its sha256 if checked against the manifest)}"""
    files = {}
    for release in history.releases:
        for name in IMMUTABLE_FILES:
            source = release.path / name
            if name in release.sha256 or source.exists():  # no delta.jsonl in old releases
                files[urls.api_release(release.id, name)] = (source, release.sha256.get(name))
    return files


def online_sha256(online: Path | None) -> dict[str, str]:
    """The sha256 of every artifact of the online build, as its index.json lists them."""
    try:
        artifacts = jsonout.read(online / INDEX)["artifacts"] if online else {}
    except (OSError, ValueError, KeyError):
        return {}
    return {rel: entry["sha256"] for rel, entry in artifacts.items()}


def link_release_files(history: History, root: Path, online: Path | None) -> None:
    for rel, (source, sha) in release_files(history).items():
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if not (online and sha and jsonout.link_if_intact(online / rel, sha, target)):
            shutil.copyfile(source, target)


def write_api(
    history: History,
    root: Path,
    base_url: str,
    online: Path | None = None,
    memo: Path | None = None,
) -> None:
    """Every file of api/v1/ but index.json, which lists them all (write_index). `online` is
    the build online: its release files, and the measure documents that have not changed
    (publish.unchanged, remembered in `memo`), are linked rather than written again."""
    api = root / urls.API
    latest = history.latest
    link_release_files(history, root, online)
    documents = Documents(memo, online)
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
        documents.write(root, urls.api_measure(measure_id), measure_document(history, measure_id))
    documents.save()
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
    known = {rel: sha for rel, (_, sha) in release_files(history).items() if sha}
    artifacts = {}
    for path in sorted(p for top in ("api", "feeds") for p in (root / top).rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and rel != INDEX:
            sha = known.get(rel) or jsonout.sha256_file(path)
            artifacts[rel] = {"sha256": sha, "size": path.stat().st_size}
    index = {**history.latest.meta, "api": "v1", "artifacts": artifacts}
    jsonout.write(root / INDEX, index)
    return index


def check_immutable(history: History, online: Path | None) -> None:
    """Refuse to publish a release file that differs from the one already online. The online
    build's index.json gives the sha256 of its files and the manifests give the new ones'."""
    if online is None:
        return
    online_sums = online_sha256(online)
    for rel, (source, sha) in release_files(history).items():
        old = online_sums.get(rel)
        if old is None and (online / rel).is_file():  # a build without an index.json
            old = jsonout.sha256_file(online / rel)
        if old is not None and old != (sha or jsonout.sha256_file(source)):
            raise ImmutableReleaseChanged(
                f"{rel} differs from the copy already published; releases are immutable"
            )
