"""Lists in a release: each list's entities versioned against the previous release.

`release_lists` is the hook normalize/release.py calls while it makes a release. It reads the
editions the crawl wrote (`data/crawls/{crawl}/lists/{list}.json`) and the previous release's
lists, and returns the files to add to the release folder (listed in its manifest):

- `list-{list}.json`: the list as of this release: the edition it comes from, every current
  entity with `version`, `first_seen`, `last_changed`, and the entities removed so far;
- `lists_changes.json`: per list, the entities `added`, `removed` and `modified` (field by
  field) against the previous release, and per implemented measure the entities it gained.

An edition that fails a count guard against the previous one (`guard.problems` with the
previous count) is not used: the previous list is carried forward unchanged, and the list's
source is marked failed in the release's `sources` with the reasons, so the release is
`partial`. A list whose source sent no edition this time (not crawled, failed, refused by
the spider's own guard) is carried forward too: a missing document never empties a list.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from normalize.canonical import read_json
from normalize.diff import changed_fields
from normalize.lists import guard
from normalize.lists.ids import assign_ids
from normalize.lists.model import Edition, Entry
from normalize.lists.specs import ListSpec, all_specs

CHANGES_FILE = "lists_changes.json"
BOOKKEEPING = ("version", "first_seen", "last_changed", "number", "category")


def list_path(list_id: str) -> str:
    """Flat in the release folder, like every release file (verify and rebuild walk it flat)."""
    return f"list-{list_id}.json"


def crawl_editions(data_dir: Path, crawl_id: str | None) -> dict[str, Edition]:
    folder = data_dir / "crawls" / (crawl_id or "-") / "lists"
    if crawl_id is None or not folder.is_dir():
        return {}
    editions = [Edition.from_dict(read_json(p)) for p in sorted(folder.glob("*.json"))]
    return {e.list: e for e in editions}


def release_lists(
    data_dir: Path, pending: dict[str, Any], previous_id: str | None, release_id: str
) -> dict[str, Any]:
    """{file name in the release folder: JSON value}; marks refusing sources in `pending`."""
    editions = crawl_editions(data_dir, pending.get("crawl"))
    previous_root = data_dir / "releases" / previous_id if previous_id else None
    files: dict[str, Any] = {}
    changes: dict[str, Any] = {}
    for spec in all_specs().values():
        old_path = previous_root / list_path(spec.id) if previous_root else None
        old = read_json(old_path) if old_path is not None and old_path.exists() else None
        edition = editions.get(spec.id)
        reason = None
        if edition is not None:
            previous_count = len(old["entities"]) if old else None
            problems = guard.problems(edition, spec, previous_count)
            if problems:
                reason = "count guard: " + "; ".join(problems)
                _flag(pending, spec.source, f"{spec.id}: {reason}")
                edition = None
        if edition is None and old is None:
            continue
        if edition is None or (old and old["edition"]["sha256"] == edition.sha256):
            doc, change = _carry(old, release_id, reason or _source_error(pending, spec))
        else:
            doc, change = _version(spec, edition, old, release_id)
        files[list_path(spec.id)] = doc
        changes[spec.id] = change
    files[CHANGES_FILE] = {
        "release": release_id,
        "previous": previous_id,
        "lists": changes,
        "measures": _measures(changes),
    }
    return files


def _flag(pending: dict[str, Any], source: str, reason: str) -> None:
    status = pending["sources"].setdefault(
        source, {"status": "failed", "pages": 0, "announcements": 0, "error": None, "errors": []}
    )
    status["status"] = "failed"
    status["error"] = reason if not status.get("error") else f"{status['error']}; {reason}"
    status.setdefault("errors", []).append(reason)


def _source_error(pending: dict[str, Any], spec: ListSpec) -> str | None:
    status = pending["sources"].get(spec.source)
    if status is None:
        return "source not crawled in this run"
    return status.get("error") if status.get("status") != "ok" else None


def _carry(old: dict[str, Any], release_id: str, reason: str | None):
    doc = {**old, "release": release_id, "status": "kept" if reason else "current", "note": reason}
    change = _change(old, "kept" if reason else "unchanged", reason, [], [], [])
    return doc, change


def _record(spec: ListSpec, entry: Entry, entity_id: str) -> dict[str, Any]:
    return {
        "id": entity_id,
        "list": spec.id,
        "schema": entry.schema,
        "name_en": entry.name_en,
        "name_ja": entry.name_ja,
        "aliases_en": entry.aliases_en,
        "aliases_ja": entry.aliases_ja,
        "country": entry.country,
        "addresses": entry.addresses,
        "listed": entry.listed,
        "programme": entry.programme,
        "measure": spec.measure_for(entry.programme),
        "details": entry.details,
        "number": entry.number,
        "category": entry.category,
    }


def _content(record: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in record.items() if k not in BOOKKEEPING}


def _version(spec: ListSpec, edition: Edition, old: dict[str, Any] | None, release_id: str):
    before = {r["id"]: r for r in old["entities"]} if old else {}
    removed_before = list(old["removed"]) if old else []
    ids = assign_ids(spec.id, edition.entries, list(before.values()), removed_before)
    first_edition = old is None
    entities, added, modified = [], [], []
    for entry, entity_id in zip(edition.entries, ids, strict=True):
        record = _record(spec, entry, entity_id)
        prior = before.get(entity_id)
        if record["listed"] is None:
            record["listed"] = _listed(edition, first_edition, prior)
        if prior is None:
            record.update(version=1, first_seen=release_id, last_changed=release_id)
            added.append(record)
        elif _content(prior) == _content(record):
            record.update({k: prior[k] for k in ("version", "first_seen", "last_changed")})
        else:
            record.update(
                version=prior["version"] + 1,
                first_seen=prior["first_seen"],
                last_changed=release_id,
            )
            modified.append(
                {
                    "id": entity_id,
                    "version": record["version"],
                    "fields": changed_fields(_content(prior), _content(record)),
                }
            )
        entities.append(record)
    kept_ids = set(ids)
    relisted = {r["id"] for r in removed_before} & kept_ids
    gone = [
        {**record, "removed_in": release_id}
        for rid, record in sorted(before.items())
        if rid not in kept_ids
    ]
    removed_all = [r for r in removed_before if r["id"] not in relisted] + gone
    entities.sort(key=lambda r: (r["programme"] or "", r["number"] or 0, r["id"]))
    doc = {
        "list": spec.id,
        "title": spec.title,
        "title_ja": spec.title_ja,
        "authority": spec.authority,
        "source": spec.source,
        "measure": spec.measure,
        "release": release_id,
        "status": "current",
        "note": None,
        "edition": {
            **{k: v for k, v in edition.to_dict().items() if k != "entries"},
            "count": len(entities),
            "first_release": release_id,
        },
        "entities": entities,
        "removed": sorted(removed_all, key=lambda r: r["id"]),
    }
    removed_change = [
        {"id": r["id"], "name_en": r["name_en"], "name_ja": r["name_ja"], "measure": r["measure"]}
        for r in gone
    ]
    status = "new" if first_edition else "updated"
    return doc, _change(doc, status, None, added, removed_change, modified)


def _listed(edition: Edition, first_edition: bool, prior: dict[str, Any] | None) -> str | None:
    """The listing date when the row does not state one: for an entity added by a later
    edition, the date that edition states (last update, else the date it applies from); in
    the first edition regwatch sees, the designation date only if the list was never updated
    since (otherwise nobody can tell which entries are original)."""
    if prior is not None:
        return prior["listed"]
    if not first_edition:
        return edition.updated or edition.effective
    if edition.designated and edition.updated in (None, edition.designated):
        return edition.designated
    return None


def _change(doc, status, reason, added, removed, modified) -> dict[str, Any]:
    return {
        "title": doc["title"],
        "measure": doc["measure"],
        "status": status,
        "reason": reason,
        "edition": {k: doc["edition"].get(k) for k in ("sha256", "updated", "effective", "urls")},
        "counts": {
            "entities": len(doc["entities"]),
            "added": len(added),
            "removed": len(removed),
            "modified": len(modified),
        },
        "added": added,
        "removed": removed,
        "modified": modified,
    }


def _measures(changes: dict[str, Any]) -> dict[str, Any]:
    """Per measure a list implements: the entities added and removed in this release, and
    the listing dates of the additions (so the measure's own effective dates can be checked)."""
    out: dict[str, Any] = {}
    for list_id, change in changes.items():
        for kind in ("added", "removed"):
            for record in change[kind]:
                if record["measure"] is None:
                    continue
                entry = out.setdefault(
                    record["measure"], {"added": 0, "removed": 0, "listed": {}, "lists": []}
                )
                entry[kind] += 1
                if list_id not in entry["lists"]:
                    entry["lists"].append(list_id)
                listed = record.get("listed") if kind == "added" else None
                if listed:
                    entry["listed"][listed] = entry["listed"].get(listed, 0) + 1
    return dict(sorted(out.items()))
