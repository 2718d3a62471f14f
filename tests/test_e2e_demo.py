"""End to end: `regwatch demo` through the real CLI, the real Scrapy engine (replaying the
bundled archive) and the real mkdocs build, read the way a subscriber and a screener read it.

The expected facts are the seed briefing's (METI, June 2022), not the extractor's output.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from conftest import run_regwatch
from jsonschema import Draft202012Validator
from referencing import Registry, Resource

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT / "publish" / "schemas"
TOPIC_FEEDS = ("all", "russia", "ipef", "economic-security", "g7")

# The nine Russia/Belarus measures of the seed, with every date on which they or an amendment
# of them took effect. Measure (9) is two records: the import ban and the export ban.
SEED_RUSSIA = {
    "jp-export-ban-ru-by-regime-items": ["2022-03-18"],
    "jp-export-ban-ru-by-dual-use-goods": ["2022-03-18"],
    "jp-export-ban-ru-by-military-end-users": ["2022-03-18", "2022-04-01", "2022-05-17"],
    "jp-export-ban-ru-advanced-goods": ["2022-05-20"],
    "jp-export-ban-ru-oil-refining": ["2022-03-18", "2022-05-20"],
    "jp-export-ban-ru-luxury-goods": ["2022-04-05"],
    "jp-export-ban-ru-industrial-base": ["2022-06-17"],
    "jp-import-ban-ru-goods": ["2022-04-19"],
    "jp-import-ban-dpr-lpr": ["2022-02-26"],
    "jp-export-ban-dpr-lpr": ["2022-03-18"],
}
OTHERS = {
    "jp-economic-security-promotion-act",
    "jp-ipef",
    "g7-leaders-statement-2022-05-08",
    "jp-japan-us-joint-leaders-statement-2022-05-23",
    "jp-end-user-list",  # METI's End User List, revised in place (entity_listing)
}


@pytest.fixture(scope="module")
def demo(demo_run) -> Path:
    return demo_run


def load(demo: Path, rel: str):
    return json.loads((demo / "public" / rel).read_text(encoding="utf-8"))


def releases(demo: Path) -> list[dict]:
    return load(demo, "api/v1/versions.json")["releases"]


def test_one_release_per_snapshot_in_date_order(demo):
    snapshots = sorted(p.name[:10] for p in (ROOT / "data/demo/snapshots").glob("*.warc.gz"))
    published = sorted(r["as_of"] for r in releases(demo))
    assert published == snapshots
    assert len(snapshots) >= 8 and snapshots[0] == "2022-02-26" and snapshots[-1] == "2022-06-17"


def test_russia_topic_holds_the_nine_seed_measures_with_their_dates(demo):
    topic = load(demo, "api/v1/topics/russia.json")
    by_id = {m["id"]: m for m in topic["measures"] if m["jurisdiction"] == "JP"}
    assert set(by_id) == set(SEED_RUSSIA)  # partners' measures may stand beside them
    for mid, dates in SEED_RUSSIA.items():
        record = by_id[mid]
        assert [e["date"] for e in record["effective"]] == dates, mid
        assert record["status"] == "in_force", mid
        assert "russia" in record["topics"]


def test_amendments_are_versions_not_new_measures(demo):
    military = load(demo, "api/v1/measures/jp-export-ban-ru-by-military-end-users.json")
    assert military["targets"] == ["RU", "BY"]
    assert military["counts"]["entities"] == 203  # 201 Russian and 2 Belarusian entities
    descriptions = {e["date"]: e["description"] for e in military["effective"]}
    assert "added" in descriptions["2022-04-01"] and "added" in descriptions["2022-05-17"]
    oil = load(demo, "api/v1/measures/jp-export-ban-ru-oil-refining.json")
    assert "added" in oil["effective"][1]["description"]
    industrial = load(demo, "api/v1/measures/jp-export-ban-ru-industrial-base.json")
    assert industrial["counts"] == {"items": 146}


def test_japanese_and_english_releases_are_both_sources(demo):
    luxury = load(demo, "api/v1/measures/jp-export-ban-ru-luxury-goods.json")
    langs = {s["lang"] for s in luxury["sources"]}
    assert langs == {"ja", "en"}
    assert luxury["title"] == "Ban on exports of luxury goods to Russia"
    assert luxury["title_ja"]


def test_other_topics(demo):
    measures = {m["id"]: m for m in load(demo, "api/v1/measures.json")["measures"]}
    japan_and_g7 = {mid for mid, m in measures.items() if m["jurisdiction"] in ("JP", "G7")}
    assert japan_and_g7 == set(SEED_RUSSIA) | OTHERS  # unrelated releases made no measure
    act = measures["jp-economic-security-promotion-act"]
    assert {(m["event"], m["date"]) for m in act["milestones"]} == {
        ("passed", "2022-05-11"),
        ("promulgated", "2022-05-18"),
    }
    assert act["effective"] == []  # in force in stages "within N months": no date stated
    assert act["status"] == "announced"
    assert measures["jp-ipef"]["effective"][0]["date"] == "2022-05-23"
    assert "ipef" in measures["jp-ipef"]["topics"]
    assert measures["g7-leaders-statement-2022-05-08"]["jurisdiction"] == "G7"
    assert {s["lang"] for s in measures["g7-leaders-statement-2022-05-08"]["sources"]} == {
        "ja",
        "en",
    }


def test_each_release_tells_what_changed(demo):
    def changes(release_id):
        return load(demo, f"api/v1/releases/{release_id}/changes.json")

    by_day = {r["as_of"]: r["id"] for r in releases(demo)}
    march11 = changes(by_day["2022-03-11"])
    assert "jp-export-ban-ru-by-regime-items" in {a["id"] for a in march11["added"]}
    added = next(a for a in march11["added"] if a["id"] == "jp-export-ban-ru-by-regime-items")
    assert added["status"] == "announced"  # effective 18 March: still ahead on 11 March
    march18 = changes(by_day["2022-03-18"])
    in_force = {m["id"] for m in march18["modified"] if m["kind"] == "in_force"}
    assert "jp-export-ban-ru-by-regime-items" in in_force
    april1 = changes(by_day["2022-04-01"])
    amended = {m["id"]: m for m in april1["modified"] if m["kind"] == "amended"}
    effective = amended["jp-export-ban-ru-by-military-end-users"]["fields"]["effective"]
    assert [e["date"] for e in effective["after"]] == ["2022-03-18", "2022-04-01"]
    quiet = changes(by_day["2022-03-29"])  # only an unrelated hydrogen release that day
    assert quiet["added"] == [] and [m for m in quiet["modified"] if m["kind"] != "sources"] == []


def test_json_feeds_validate_with_date_time_checked(demo):
    schema = json.loads((SCHEMAS / "jsonfeed-1.1.schema.json").read_text())
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    assert not validator.is_valid(
        {
            **load(demo, "feeds/all.json"),
            "items": [{"id": "x", "content_text": "t", "date_published": "yesterday"}],
        }
    )
    feeds = sorted((demo / "public/feeds").rglob("*.json"))  # topics, jurisdictions, archives
    names = {p.relative_to(demo / "public/feeds").as_posix() for p in feeds}
    assert {f"{t}.json" for t in TOPIC_FEEDS} | {
        "jurisdiction/jp.json",
        "jurisdiction/g7.json",
    } <= names
    assert "archive/all/1.json" in names
    for path in feeds:
        feed = json.loads(path.read_bytes())
        errors = list(validator.iter_errors(feed))
        assert not errors, (path, errors[:3])
        ids = [i["id"] for i in feed["items"]]
        assert ids and len(ids) == len(set(ids)), path


def test_rss_and_atom_parse_cleanly(demo):
    feeds = demo / "public/feeds"
    documents = sorted([*feeds.rglob("*.xml"), *feeds.rglob("*.atom")])
    assert len(documents) == 2 * len(list(feeds.rglob("*.json")))
    for path in documents:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        ids = [e.id for e in parsed.entries]
        assert ids and len(ids) == len(set(ids)), path
        assert ids == [i["id"] for i in json.loads(path.with_suffix(".json").read_bytes())["items"]]
    russia = feedparser.parse((demo / "public/feeds/russia.atom").read_bytes())
    assert any("2022-04-05" in e.summary for e in russia.entries)  # dates readable in the item


def test_feeds_per_jurisdiction_small_heads_and_archives(demo):
    public = demo / "public"
    for head in sorted((public / "feeds").glob("**/*.*")):
        if "archive" not in head.parts:
            assert head.stat().st_size <= 250_000, head
    jp = load(demo, "feeds/jurisdiction/jp.json")
    assert {i["_regwatch"]["jurisdiction"] for i in jp["items"]} == {"JP"}
    everything = load(demo, "feeds/all.json")
    assert len(everything["items"]) == 25  # the head: the newest page's worth
    ids, url = set(), everything["next_url"]
    while url:  # walk the archive pages as a subscriber would, from the head
        page = load(demo, url.removeprefix("http://127.0.0.1:8000/"))
        assert page["_regwatch"]["archive_page"] and len(page["items"]) == 25
        ids |= {i["id"] for i in page["items"]}
        url = page.get("next_url")
    ids |= {i["id"] for i in everything["items"]}
    measures = load(demo, "api/v1/measures.json")["measures"]
    versions = sum(
        1
        for m in measures
        for h in load(demo, f"api/v1/measures/{m['id']}.json")["history"]
        if h["kind"] != "sources"
    )
    assert len(ids) == versions  # every change event once, none lost between the pages


def test_api_files_validate_against_the_published_schemas(demo):
    # As a consumer would: only the schema folder that regwatch publishes.
    published = {
        p.name: json.loads(p.read_text()) for p in (demo / "public/api/v1/schema").glob("*.json")
    }
    registry = Registry().with_resources(
        (s["$id"], Resource.from_contents(s)) for s in published.values()
    )
    measure_id = "jp-export-ban-ru-by-military-end-users"
    release_id = releases(demo)[0]["id"]
    for name, rel in [
        ("index", "api/v1/index.json"),
        ("versions", "api/v1/versions.json"),
        ("measures", "api/v1/measures.json"),
        ("topic", "api/v1/topics/russia.json"),
        ("measure", f"api/v1/measures/{measure_id}.json"),
        ("changes", f"api/v1/releases/{release_id}/changes.json"),
    ]:
        schema = published[f"{name}.schema.json"]
        validator = Draft202012Validator(
            schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        errors = list(validator.iter_errors(load(demo, rel)))
        assert not errors, (rel, errors[:2])


def test_site_was_built(demo):
    site = demo / "public"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "Latest changes" in home
    page = site / "measures" / "jp-export-ban-ru-luxury-goods" / "index.html"
    assert "2022-04-05" in page.read_text(encoding="utf-8")
    assert (site / "search" / "search_index.json").exists()
    assert "fonts.googleapis.com" not in home  # fully offline


def test_demo_again_continues_the_same_history(demo):
    before = releases(demo)
    proc = run_regwatch("demo", "--data", "data", "--out", "public", cwd=demo)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert releases(demo) == before


def test_same_archive_gives_byte_identical_api_and_feeds(demo, demo_run_again):
    tmp_path = demo_run_again
    for folder in ("api", "feeds"):
        ours = sorted(
            p.relative_to(demo / "public")
            for p in (demo / "public" / folder).rglob("*")
            if p.is_file()
        )
        theirs = sorted(
            p.relative_to(tmp_path / "public")
            for p in (tmp_path / "public" / folder).rglob("*")
            if p.is_file()
        )
        assert ours == theirs
        for rel in ours:
            assert (demo / "public" / rel).read_bytes() == (
                tmp_path / "public" / rel
            ).read_bytes(), rel


def test_entity_lists_are_published_with_a_diff_between_editions(demo):
    russia = load(demo, "api/v1/lists/meti-russia-entities.json")
    assert len(russia["entities"]) == 201
    added = [(h["status"], h["counts"]["added"]) for h in russia["history"]]
    assert added == [("new", 49), ("updated", 81), ("updated", 71)]
    mof = load(demo, "api/v1/lists/mof-asset-freeze.json")
    assert [h["counts"]["removed"] for h in mof["history"]][-1] == 1
    index = load(demo, "api/v1/lists/index.json")
    assert {entry["list"] for entry in index["lists"]} >= {
        "meti-russia-entities",
        "meti-belarus-entities",
        "meti-end-user-list",
        "mof-asset-freeze",
    }
