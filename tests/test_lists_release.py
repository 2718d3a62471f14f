"""Lists through the real stack: crawl output → normalize → release (versions, diffs, ids,
guards) → publish (JSON, CSV, FollowTheMoney, Frictionless data package, site pages)."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import pytest
from lists_helpers import RUSSIA

from normalize.canonical import read_json, write_json
from normalize.lists.documents import Document, read_edition
from normalize.lists.specs import all_specs
from publish.lists import CSV_FIELDS
from publish.lists_ftm import validate as ftm_validate
from regwatch import pipeline

SPEC = all_specs()["meti-russia-entities"]
URL = "https://www.meti.go.jp/policy/external_economy/trade_control/02_export/17_russia/list_russia_tokutei.pdf"
SOURCE = "meti_entity_lists"


@pytest.fixture(scope="module")
def editions():
    out = {}
    for day in ("2022-03-18", "2022-04-01", "2022-05-13"):
        data = (RUSSIA / f"list_russia_tokutei.{day}.pdf").read_bytes()
        out[day] = read_edition(SPEC, [Document(URL, data)], fetched_at=f"{day}T09:00:00Z")
    return out


def crawl(data: Path, day: str, edition=None, status: str = "ok") -> dict:
    """What a crawl leaves behind, then normalize and release as the CLI runs them."""
    crawl_id = f"{day.replace('-', '')}T090000Z"
    folder = data / "crawls" / crawl_id
    folder.mkdir(parents=True)
    if edition is not None:
        write_json(folder / "lists" / f"{edition.list}.json", edition.to_dict())
    source = {"status": status, "pages": 2, "announcements": 0, "error": None, "errors": []}
    write_json(
        folder / "status.json",
        {
            "crawl": crawl_id,
            "time": f"{day}T09:00:00+00:00",
            "replay": [],
            "sources": {SOURCE: source},
        },
    )
    pipeline.normalize(data, crawl_id)
    return pipeline.release(data)


def lists_of(data: Path, release: dict) -> tuple[dict, dict]:
    root = data / "releases" / release["id"]
    return read_json(root / f"list-{SPEC.id}.json"), read_json(root / "lists_changes.json")


@pytest.fixture(scope="module")
def history(tmp_path_factory, editions):
    data = tmp_path_factory.mktemp("lists") / "data"
    out = {"data": data}
    out["r1"] = crawl(data, "2022-03-18", editions["2022-03-18"])
    out["r2"] = crawl(data, "2022-04-01", editions["2022-04-01"])
    # 5 May: the ministry reorders the list (numbers change) and corrects one English name
    reordered = copy.deepcopy(editions["2022-04-01"])
    reordered.entries.reverse()
    for n, entry in enumerate(reordered.entries, 1):
        entry.number = n
    argut = next(e for e in reordered.entries if e.name_en == "Argut OOO")
    argut.name_en = "Argut LLC"
    reordered.sha256 = "0" * 64
    out["r3"] = crawl(data, "2022-05-05", reordered)
    # 9 May: a document that lost most of its entries arrives: refused, the list stays
    short = copy.deepcopy(editions["2022-05-13"])
    short.entries = short.entries[:60]
    short.sha256 = "1" * 64
    out["r4"] = crawl(data, "2022-05-09", short)
    out["r5"] = crawl(data, "2022-05-13", editions["2022-05-13"])
    out["r6"] = crawl(data, "2022-05-20", None, status="failed")
    return out


def test_first_edition_adds_every_entity_with_its_listing_date(history):
    doc, changes = lists_of(history["data"], history["r1"])
    assert len(doc["entities"]) == 49 and changes["lists"][SPEC.id]["status"] == "new"
    assert {e["listed"] for e in doc["entities"]} == {"2022-03-18"}
    assert {e["version"] for e in doc["entities"]} == {1}


def test_additions_are_diffed_and_extend_the_measure(history):
    doc, changes = lists_of(history["data"], history["r2"])
    change = changes["lists"][SPEC.id]
    assert change["counts"] == {"entities": 130, "added": 81, "removed": 0, "modified": 0}
    assert {r["listed"] for r in change["added"]} == {"2022-04-01"}
    measure = changes["measures"]["jp-export-ban-ru-by-military-end-users"]
    assert measure["added"] == 81 and measure["listed"] == {"2022-04-01": 81}


def test_ids_survive_renumbering_and_a_rename_is_a_modification(history):
    before, _ = lists_of(history["data"], history["r2"])
    after, changes = lists_of(history["data"], history["r3"])
    assert {e["id"] for e in before["entities"]} == {e["id"] for e in after["entities"]}
    change = changes["lists"][SPEC.id]
    assert change["counts"]["added"] == change["counts"]["removed"] == 0
    (modified,) = change["modified"]  # the numbers changed for all 130: not a change
    assert modified["fields"] == {"name_en": {"before": "Argut OOO", "after": "Argut LLC"}}
    argut = next(e for e in after["entities"] if e["name_en"] == "Argut LLC")
    assert argut["version"] == 2 and argut["number"] == 128  # was 3 of 130


def test_a_shrunken_edition_is_refused_and_the_source_flagged(history):
    doc, changes = lists_of(history["data"], history["r4"])
    assert len(doc["entities"]) == 130 and doc["status"] == "kept"
    assert changes["lists"][SPEC.id]["status"] == "kept"
    assert "count guard" in changes["lists"][SPEC.id]["reason"]
    release = history["r4"]
    assert release["result"] == "partial"
    assert release["sources"][SOURCE]["status"] == "failed"
    assert "would vanish at once" in release["sources"][SOURCE]["error"]


def test_the_next_good_edition_is_diffed_against_the_last_published(history):
    doc, changes = lists_of(history["data"], history["r5"])
    change = changes["lists"][SPEC.id]
    assert len(doc["entities"]) == 201 and change["counts"]["added"] == 71
    # the 5 May rename is reverted by the real document: the same id, modified again
    assert [m["fields"]["name_en"]["after"] for m in change["modified"]] == ["Argut OOO"]


def test_a_failed_source_keeps_the_list(history):
    doc, changes = lists_of(history["data"], history["r6"])
    assert len(doc["entities"]) == 201 and doc["status"] == "current"
    assert changes["lists"][SPEC.id]["status"] == "unchanged"


def test_list_files_are_in_the_manifest(history):
    root = history["data"] / "releases" / history["r6"]["id"]
    files = read_json(root / "manifest.json")["files"]
    assert f"list-{SPEC.id}.json" in files and "lists_changes.json" in files


@pytest.fixture(scope="module")
def published(history, tmp_path_factory):
    out = tmp_path_factory.mktemp("lists-site") / "public"
    pipeline.publish(history["data"], out)
    return out


def test_api_list_json_with_history(published):
    doc = json.loads((published / "api/v1/lists" / f"{SPEC.id}.json").read_text(encoding="utf-8"))
    assert len(doc["entities"]) == 201
    assert [h["status"] for h in doc["history"]] == ["new", "updated", "updated", "kept", "updated"]
    assert doc["files"]["csv"].endswith(f"/api/v1/lists/{SPEC.id}.csv")


def test_csv_has_the_documented_columns(published):
    text = (published / "api/v1/lists" / f"{SPEC.id}.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == [name for name, _, _ in CSV_FIELDS]
    assert len(rows) == 202


def test_followthemoney_entities_validate(published):
    lines = (published / "api/v1/lists" / f"{SPEC.id}.ftm.json").read_text(encoding="utf-8")
    items = [json.loads(line) for line in lines.splitlines()]
    assert len(items) == 402 and ftm_validate(items) == []
    schemas = {i["schema"] for i in items}
    assert schemas == {"LegalEntity", "Sanction"}


def test_ftm_validator_catches_what_followthemoney_rejects():
    bad = [
        {"id": "a", "schema": "LegalEntity", "properties": {"country": ["RU"], "birthDate": ["x"]}},
        {"id": "b", "schema": "Sanction", "properties": {"entity": ["missing"]}},
        {"id": "c", "schema": "Vessel", "properties": {}},
    ]
    found = "\n".join(ftm_validate(bad))
    assert "not a valid country" in found and "no property 'birthDate'" in found
    assert "not a valid entity" in found and "unknown schema" in found


def test_datapackage_validates_with_frictionless(published):
    from frictionless import validate

    report = validate(str(published / "api/v1/lists/datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_release_changes_are_published_per_release(published, history):
    rid = history["r2"]["id"]
    path = published / "api/v1/releases" / rid / "lists_changes.json"
    assert (
        path.read_bytes()
        == (history["data"] / "releases" / rid / "lists_changes.json").read_bytes()
    )


def test_list_page_has_search_and_changes(published):
    html = (published / "lists" / SPEC.id / "index.html").read_text(encoding="utf-8")
    assert 'class="rw-list-search"' in html and "Admiralty Shipyard JSC" in html
    assert "count guard" in html  # the refused edition is explained
    index = (published / "lists" / "index.html").read_text(encoding="utf-8")
    assert f"{SPEC.id}/" in index
