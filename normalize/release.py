"""Releases: immutable snapshots of the measure records, each diffed against the one before.

`data/releases/{id}/` holds release.json, measures.json, changes.json and manifest.json (see
docs/architecture.md). A release directory is written under a temporary name and renamed into
place, so a crash never leaves half a release.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from normalize.build import Publisher, build_measures
from normalize.canonical import dumps, read_json, sha256_bytes, write_json
from normalize.corpus import load_corpus, merge, save_corpus
from normalize.diff import content, modification

RELEASE_FILES = ("release.json", "measures.json", "changes.json")


class ReleaseError(RuntimeError):
    pass


def release_id_for(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def releases_dir(data_dir: Path) -> Path:
    return data_dir / "releases"


def list_releases(data_dir: Path) -> list[str]:
    root = releases_dir(data_dir)
    if not root.exists():
        return []
    return sorted(p.name for p in root.iterdir() if (p / "manifest.json").exists())


def load_release(data_dir: Path, release_id: str) -> dict:
    root = releases_dir(data_dir) / release_id
    return {
        name.removesuffix(".json"): read_json(root / name)
        for name in (*RELEASE_FILES, "manifest.json")
    }


def pending_path(data_dir: Path) -> Path:
    return data_dir / "state" / "pending.json"


def normalize_crawl(
    data_dir: Path,
    *,
    crawl_time: datetime,
    crawl_id: str | None,
    new_announcements: list[dict],
    source_status: dict[str, dict],
    publishers: dict[str, Publisher],
) -> dict:
    """Adds a crawl's announcements to the corpus and derives the measure records as of the
    crawl, ready to release (data/state/pending.json)."""
    existing = list_releases(data_dir)
    if existing:
        latest = read_json(releases_dir(data_dir) / existing[-1] / "release.json")
        if crawl_time < datetime.fromisoformat(latest["time"].replace("Z", "+00:00")):
            raise ReleaseError(
                f"crawl time {crawl_time.isoformat()} is older than the latest release "
                f"{existing[-1]}; an older archive must go into a fresh --data folder"
            )
    corpus, corpus_changes = merge(load_corpus(data_dir), new_announcements)
    save_corpus(data_dir, corpus)  # additive and idempotent: safe before the release exists
    as_of = crawl_time.astimezone(UTC).date()
    built = build_measures(list(corpus.values()), as_of, publishers)
    pending = {
        "crawl": crawl_id,
        "time": crawl_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "as_of": as_of.isoformat(),
        "sources": source_status,
        "announcements": len(corpus),
        "announcements_changed": corpus_changes,
        "measures": list(built.values()),
    }
    write_json(pending_path(data_dir), pending)
    return pending


def make_release(data_dir: Path) -> dict:
    """Versions the pending records against the latest release and writes the next release."""
    path = pending_path(data_dir)
    if not path.exists():
        raise ReleaseError("nothing to release: run `regwatch normalize` first")
    pending = read_json(path)
    existing = list_releases(data_dir)
    previous_id = existing[-1] if existing else None
    previous = load_release(data_dir, previous_id) if previous_id else None
    crawl_time = datetime.fromisoformat(pending["time"].replace("Z", "+00:00"))
    release_id = base = release_id_for(crawl_time)
    n = 2
    while release_id in existing:
        release_id, n = f"{base}-{n}", n + 1

    built = {m["id"]: m for m in pending["measures"]}
    before = {m["id"]: m for m in previous["measures"]["measures"]} if previous else {}
    records, added, modified = [], [], []
    for mid, record in built.items():
        old = before.get(mid)
        if old is None:
            record.update(version=1, first_seen=release_id, last_changed=release_id)
            added.append(record)
        elif content(old) == record:
            record.update(
                version=old["version"],
                first_seen=old["first_seen"],
                last_changed=old["last_changed"],
            )
        else:
            record.update(
                version=old["version"] + 1, first_seen=old["first_seen"], last_changed=release_id
            )
            modified.append(modification(old, record))
        records.append(record)
    # A measure no longer derived (a parser change, never a vanished page: the corpus keeps
    # pages) is carried forward unchanged; only a source saying so lifts or removes it.
    for mid in sorted(set(before) - set(built)):
        records.append(before[mid])
    records.sort(key=lambda r: r["id"])
    added.sort(key=lambda r: r["id"])
    modified.sort(key=lambda r: r["id"])

    failed = sorted(name for name, s in pending["sources"].items() if s.get("status") != "ok")
    release = {
        "id": release_id,
        "time": pending["time"],
        "as_of": pending["as_of"],
        "previous": previous_id,
        "crawl": pending["crawl"],
        "result": "partial" if failed else "ok",
        "sources": pending["sources"],
        "counts": {
            "measures": len(records),
            "added": len(added),
            "modified": len(modified),
            "removed": 0,
            "announcements": pending["announcements"],
            "announcements_changed": pending["announcements_changed"],
        },
    }
    changes = {
        "release": release_id,
        "previous": previous_id,
        "time": pending["time"],
        "added": added,
        "modified": modified,
        "removed": [],
    }
    _write_release(
        data_dir,
        release_id,
        release,
        {"release": release_id, "measures": records},
        changes,
        previous,
    )
    path.unlink()
    return release


def _write_release(
    data_dir: Path, release_id: str, release: dict, measures: dict, changes: dict, previous
) -> None:
    final = releases_dir(data_dir) / release_id
    tmp = releases_dir(data_dir) / f".{release_id}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    files = {"release.json": release, "measures.json": measures, "changes.json": changes}
    manifest_files = {}
    for name, value in files.items():
        raw = dumps(value).encode("utf-8")
        (tmp / name).write_bytes(raw)
        manifest_files[name] = {"sha256": sha256_bytes(raw), "size": len(raw)}
    previous_manifest = None
    if previous is not None:
        prev_raw = (releases_dir(data_dir) / release["previous"] / "manifest.json").read_bytes()
        previous_manifest = sha256_bytes(prev_raw)
    write_json(
        tmp / "manifest.json",
        {
            "release": release_id,
            "previous_manifest_sha256": previous_manifest,
            "files": manifest_files,
        },
    )
    tmp.rename(final)
