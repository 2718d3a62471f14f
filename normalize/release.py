"""Releases: immutable snapshots of the measure records, each diffed against the one before.

`data/releases/{id}/` holds release.json, measures.json, changes.json, delta.jsonl,
provenance.json (and what RELEASE_EXTRAS add) plus manifest.json with the sha256 of each file
and of the previous release's manifest (see docs/architecture.md). A release directory is
written under a temporary name and renamed into place, so a crash never leaves half a release.

A run makes no release when its release would repeat the latest one (`news`): no announcement
new or changed, the same state files (measures, provenance, lists), the same health of every
source it crawled, and no date of a measure passed since the latest release's `as_of`.
Everything published names "the latest release", so a release with nothing in it would
rewrite those files for nothing.
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
# Files describing the step from the previous release rather than the state as of this one:
# they always differ, so `news` leaves them out (and every `*changes.json` an extra adds).
STEP_FILES = ("release.json", "changes.json", "delta.jsonl")
# What a source's health is made of, as api/v1/health.json shows it: a source that starts
# failing, recovers or fails differently is news; a different page count alone is not.
HEALTH = ("status", "error")

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
    latest = latest_release(data_dir)
    if latest and crawl_time < datetime.fromisoformat(latest["time"].replace("Z", "+00:00")):
        raise ReleaseError(
            f"crawl time {crawl_time.isoformat()} is older than the latest release "
            f"{latest['id']}; an older archive must go into a fresh --data folder"
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


def latest_release(data_dir: Path) -> dict | None:
    """The latest release's release.json, or None before the first release."""
    existing = list_releases(data_dir)
    return read_json(releases_dir(data_dir) / existing[-1] / "release.json") if existing else None


def recorded_health(data_dir: Path, names: list[str]) -> dict[str, dict]:
    """Per source, its status at the last release that crawled it (sources no release
    crawled are left out): what api/v1/health.json says of it now."""
    found: dict[str, dict] = {}
    for release_id in reversed(list_releases(data_dir)):
        if len(found) == len(set(names)):
            break
        sources = read_json(releases_dir(data_dir) / release_id / "release.json")["sources"]
        for name in names:
            if name in sources and name not in found:
                found[name] = sources[name]
    return found


def _health(status: dict) -> tuple:
    return tuple(status.get(field) for field in HEALTH)


def _state(value: object) -> object:
    """A state file's content without the id of the release that holds it."""
    if isinstance(value, dict):
        return {k: v for k, v in value.items() if k not in ("release", "previous")}
    return value


def news(
    data_dir: Path, pending: dict, previous: dict, files: dict[str, object], added, modified
) -> list[str]:
    """Why this release differs from the latest one, in words; empty when it would repeat it."""
    reasons = []
    if pending["announcements_changed"]:
        reasons.append(f"{pending['announcements_changed']} announcements new or changed")
    if added or modified:
        reasons.append(f"{len(added)} measures added, {len(modified)} modified")
    previous_root = releases_dir(data_dir) / previous["release"]["id"]
    loaded = {"measures.json": previous["measures"], "provenance.json": previous["provenance"]}
    for name, value in sorted(files.items()):
        if name in STEP_FILES or name.endswith("changes.json"):
            continue
        if name in loaded:
            old = loaded[name]
        elif (previous_root / name).exists():
            old = read_json(previous_root / name)
        else:
            old = None
        if _state(value) != _state(old):
            reasons.append(f"{name} differs")
    recorded = recorded_health(data_dir, list(pending["sources"]))
    for name, status in sorted(pending["sources"].items()):
        before = recorded.get(name)
        if before is None or _health(before) != _health(status):
            reasons.append(f"source {name} is {status['status']}")
    # Site pages mark dates after the latest release's as_of as upcoming; once one has
    # passed, the release is due even if no status changed (an amendment's later date).
    since, until = previous["release"]["as_of"], pending["as_of"]
    dates = {
        day
        for record in files["measures.json"]["measures"]
        for day in (
            record.get("lifted"),
            *(e["date"] for e in record["effective"]),
            *(m["date"] for m in record.get("milestones", [])),
        )
    }
    passed = sorted(day for day in dates if day and since < day <= until)
    if passed:
        reasons.append(f"calendar: {', '.join(passed)} passed")
    return reasons


def make_release(data_dir: Path) -> dict | None:
    """Versions the pending records against the latest release and writes the next release;
    returns None, writing nothing, when there is no news since the latest release."""
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
    if previous is not None and not news(data_dir, pending, previous, files, added, modified):
        path.unlink()
        return None
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
