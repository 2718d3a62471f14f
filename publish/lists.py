"""api/v1/lists/: the entity lists for screeners, as of the latest release.

For each list `{id}` (see normalize/lists/lists.yml):

- `{id}.json`    the list: its edition (document URLs, sha256, header facts), every current
                 entity, the entities removed so far, and per release what changed;
- `{id}.csv`     one row per current entity, columns `CSV_FIELDS` (fixed; documented in
                 `datapackage.json` and docs/lists.md), multiple values joined by " | ";
- `{id}.ftm.json` FollowTheMoney entities, one JSON object a line (publish.lists_ftm);

and `index.json` (every list, its size and files) and `datapackage.json`, a Frictionless
Data Package of the CSVs. Per release, `api/v1/releases/{rid}/lists_changes.json` is the
release folder's file byte for byte (publish.api): immutable, like the release's other files.

Everything is read from the release folders; each list file is checked against its release's
manifest first, so a damaged folder stops the publish like any other.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path
from typing import Any

from publish import jsonout, urls
from publish.history import History, HistoryError, Release
from publish.lists_ftm import entities as ftm_entities
from publish.lists_ftm import validate as ftm_validate

LISTS_API = f"{urls.API}/lists"
JOIN = " | "
CSV_FIELDS = [
    ("id", "string", "Stable entity id: the list's id and a hash of its names (never reused)"),
    ("list", "string", "The list's id"),
    ("schema", "string", "FollowTheMoney schema: LegalEntity, Organization, Company or Person"),
    ("name_en", "string", "Name in English as printed"),
    ("name_ja", "string", "Name in Japanese as printed (NFKC)"),
    ("aliases_en", "string", "English aliases, joined by ' | '"),
    ("aliases_ja", "string", "Japanese aliases, joined by ' | '"),
    ("country", "string", "ISO 3166-1 alpha-2 code, where known"),
    ("addresses", "string", "Addresses, joined by ' | '"),
    ("listed", "date", "Listing date (YYYY-MM-DD) where the source states or implies it"),
    ("programme", "string", "The sanctions programme (MOF sheet title), if any"),
    ("measure", "string", "The regwatch measure the listing implements, if any"),
    ("number", "integer", "The entry's number in the current document (a position, not a key)"),
    ("version", "integer", "1 when first published, +1 on every release that changed it"),
    ("first_seen", "string", "Release id that first published the entity"),
    ("last_changed", "string", "Release id that last changed it"),
]


def list_docs(release: Release) -> dict[str, dict[str, Any]]:
    """The lists of a release, checked against its manifest; {} for a release without lists."""
    manifest = jsonout.read(release.path / "manifest.json")["files"]
    docs = {}
    for name, entry in sorted(manifest.items()):
        if not (name.startswith("list-") and name.endswith(".json")):
            continue
        raw = (release.path / name).read_bytes()
        if hashlib.sha256(raw).hexdigest() != entry["sha256"]:
            raise HistoryError(f"{release.path}/{name} does not match its manifest")
        doc = json.loads(raw)
        docs[doc["list"]] = doc
    return docs


def list_changes(release: Release) -> dict[str, Any] | None:
    return release.lists_changes


def list_history(history: History, list_id: str) -> list[dict[str, Any]]:
    """Per release in which the list changed (or was refused), what happened."""
    out = []
    for release in history.releases:
        changes = list_changes(release)
        change = (changes or {}).get("lists", {}).get(list_id)
        if change is None or change["status"] == "unchanged":
            continue
        out.append(
            {
                "release": release.id,
                "time": release.time,
                "status": change["status"],
                "reason": change["reason"],
                "counts": change["counts"],
                "added": [r["id"] for r in change["added"]],
                "removed": [r["id"] for r in change["removed"]],
                "modified": [m["id"] for m in change["modified"]],
            }
        )
    return out


def csv_bytes(doc: dict[str, Any]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow([name for name, _, _ in CSV_FIELDS])
    for record in doc["entities"]:
        row = []
        for name, _, _ in CSV_FIELDS:
            value = record[name]
            row.append(
                JOIN.join(value) if isinstance(value, list) else "" if value is None else value
            )
        writer.writerow(row)
    return buf.getvalue().encode("utf-8")


def ftm_bytes(doc: dict[str, Any]) -> bytes:
    items = ftm_entities(doc)
    problems = ftm_validate(items)
    if problems:
        raise HistoryError(f"{doc['list']}: FollowTheMoney entities invalid: {problems[:3]}")
    lines = (json.dumps(i, ensure_ascii=False, sort_keys=True) for i in items)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def datapackage(docs: dict[str, dict[str, Any]], base_url: str) -> dict[str, Any]:
    fields = [{"name": n, "type": t, "description": d} for n, t, d in CSV_FIELDS]
    return {
        "name": "regwatch-lists",
        "title": "regwatch: Japanese entity lists (METI, MOF) as of the latest release",
        "homepage": urls.absolute(base_url, "lists/index.md"),
        "licenses": [
            {
                "name": "PDL-1.0",
                "title": "Public Data License 1.0 (source data: METI, MOF)",
                "path": "https://www.digital.go.jp/resources/open_data/public_data_license_v1.0",
            }
        ],
        "resources": [
            {
                "name": list_id,
                "title": doc["title"],
                "path": f"{list_id}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": ["id"]},
            }
            for list_id, doc in docs.items()
        ],
    }


def write_lists_api(history: History, root: Path, base_url: str) -> int:
    """Every file of api/v1/lists/ (each release's lists_changes.json is published with the
    release's other files, publish.api); returns how many lists were published."""
    docs = list_docs(history.latest)
    folder = root / LISTS_API
    folder.mkdir(parents=True, exist_ok=True)
    index = []
    for list_id, doc in docs.items():
        files = {ext: f"{LISTS_API}/{list_id}.{ext}" for ext in ("json", "csv", "ftm.json")}
        jsonout.write(
            root / files["json"],
            {**doc, "history": list_history(history, list_id), "files": _absolute(base_url, files)},
        )
        (root / files["csv"]).write_bytes(csv_bytes(doc))
        (root / files["ftm.json"]).write_bytes(ftm_bytes(doc))
        index.append(
            {
                "list": list_id,
                "title": doc["title"],
                "title_ja": doc["title_ja"],
                "authority": doc["authority"],
                "measure": doc["measure"],
                "status": doc["status"],
                "count": len(doc["entities"]),
                "edition": {k: doc["edition"].get(k) for k in ("updated", "effective", "sha256")},
                "files": _absolute(base_url, files),
            }
        )
    jsonout.write(folder / "index.json", {"release": history.latest.id, "lists": index})
    if docs:  # a Data Package needs at least one resource
        jsonout.write(folder / "datapackage.json", datapackage(docs, base_url))
    return len(docs)


def _absolute(base_url: str, files: dict[str, str]) -> dict[str, str]:
    return {ext: urls.absolute(base_url, path) for ext, path in files.items()}
