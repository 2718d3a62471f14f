"""Releases: immutable snapshots of the measure records, each diffed against the one before.

`data/releases/{id}/` holds release.json, measures.json, changes.json, delta.jsonl,
provenance.json (and what RELEASE_EXTRAS add) plus manifest.json with the sha256 of each file
and of the previous release's manifest (see docs/architecture.md). A release directory is
written under a temporary name and renamed into place, so a crash never leaves half a release.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from normalize.build import Publisher, build_measures
from normalize.canonical import dumps, read_json, sha256_bytes, write_json
from normalize.corpus import load_corpus, merge, save_corpus
from normalize.delta import delta_lines
from normalize.diff import content, modification
from normalize.factcache import FactCache
from normalize.lists.versions import release_lists
from normalize.provenance import cause_of_addition, cause_of_change, provenance

RELEASE_FILES = ("release.json", "measures.json", "changes.json")

# Other stages add files to a release (the entity lists): each extra gets the data folder,
# the pending state, the previous release id and the new release id, and returns
# {file name: JSON value or text}. Their files are covered by the manifest like the rest.
ReleaseExtra = Callable[[Path, dict, str | None, str], dict]
RELEASE_EXTRAS: list[ReleaseExtra] = [release_lists]  # list-{list}.json, lists_changes.json


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
    out = {
        name.removesuffix(".json"): read_json(root / name)
        for name in (*RELEASE_FILES, "manifest.json")
    }
    prov = root / "provenance.json"
    out["provenance"] = read_json(prov) if prov.exists() else None
    return out


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
    cache = FactCache(data_dir / "state")
    built = list(build_measures(list(corpus.values()), as_of, publishers, cache).values())
    cache.save()
    pending = {
        "crawl": crawl_id,
        "time": crawl_time.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "as_of": as_of.isoformat(),
        "sources": source_status,
        "announcements": len(corpus),
        "announcements_changed": corpus_changes,
        "measures": built,
        "provenance": provenance(corpus, built),
    }
    write_json(pending_path(data_dir), pending)
    return pending


def _version(pending: dict, previous: dict | None, release_id: str):
    """Each record gets its version; new and changed ones become changes, with their cause."""
    built = {m["id"]: m for m in pending["measures"]}
    before = {m["id"]: m for m in previous["measures"]["measures"]} if previous else {}
    old_prov = previous["provenance"] if previous else None
    new_prov = pending["provenance"]
    records, added, modified = [], [], []
    for mid, record in built.items():
        old = before.get(mid)
        if old is None:
            record.update(version=1, first_seen=release_id, last_changed=release_id)
            added.append({**record, "cause": cause_of_addition(record, new_prov, old_prov)})
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
            modified.append(
                {**modification(old, record), "cause": cause_of_change(mid, new_prov, old_prov)}
            )
        records.append(record)
    # A measure no longer derived (a parser change, never a vanished page: the corpus keeps
    # pages) is carried forward unchanged; only a source saying so lifts or removes it.
    for mid in sorted(set(before) - set(built)):
        records.append(before[mid])
    return (
        sorted(records, key=lambda r: r["id"]),
        sorted(added, key=lambda r: r["id"]),
        sorted(modified, key=lambda r: r["id"]),
        before,
    )


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

    records, added, modified, before = _version(pending, previous, release_id)
    release = {
        "id": release_id,
        "time": pending["time"],
        "as_of": pending["as_of"],
        "previous": previous_id,
        "crawl": pending["crawl"],
        "result": "ok",  # set below, once the extras have judged their inputs
        "parser": pending["provenance"]["parser"],
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
    files: dict[str, object] = {
        "release.json": release,
        "measures.json": {"release": release_id, "measures": records},
        "changes.json": changes,
        "delta.jsonl": delta_lines(changes, before, {r["id"]: r for r in records}),
        "provenance.json": pending["provenance"],
    }
    for extra in RELEASE_EXTRAS:
        files.update(extra(data_dir, pending, previous_id, release_id))
    # An extra may refuse its input and flag the source (a list edition failing a count guard).
    if any(s.get("status") != "ok" for s in pending["sources"].values()):
        release["result"] = "partial"
    _write_release(data_dir, release_id, files, previous_id)
    path.unlink()
    return release


def _write_release(
    data_dir: Path, release_id: str, files: dict[str, object], previous_id: str | None
) -> None:
    final = releases_dir(data_dir) / release_id
    tmp = releases_dir(data_dir) / f".{release_id}.tmp"
    if tmp.exists():
        shutil.rmtree(tmp)
    tmp.mkdir(parents=True)
    manifest_files = {}
    for name, value in sorted(files.items()):
        raw = (
            value
            if isinstance(value, bytes)
            else (value if isinstance(value, str) else dumps(value)).encode("utf-8")
        )
        (tmp / name).write_bytes(raw)
        manifest_files[name] = {"sha256": sha256_bytes(raw), "size": len(raw)}
    previous_manifest = None
    if previous_id is not None:
        previous_manifest = sha256_bytes(
            (releases_dir(data_dir) / previous_id / "manifest.json").read_bytes()
        )
    write_json(
        tmp / "manifest.json",
        {
            "release": release_id,
            "previous_manifest_sha256": previous_manifest,
            "files": manifest_files,
        },
    )
    tmp.rename(final)
