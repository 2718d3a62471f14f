"""Feeds per topic and per jurisdiction, kept small by immutable archive pages (RFC 5005).

Histories here are made of many small releases (publish.feeds is called directly, without
mkdocs): 60 measures added over two releases make two full archive pages of 25 items and a
head of the newest 25.
"""

from __future__ import annotations

import json
from pathlib import Path

import feedparser
import pytest
from test_publish_data import bump, measure, write_releases

import publish.channels
import publish.feeds
from publish import schemas
from publish.feed_archive import PAGE_SIZE, ArchivePageChanged
from publish.feeds import HEAD_BYTES, write_feeds
from publish.history import load_history

BASE = "http://127.0.0.1:8000/"
DAYS = [f"202203{d:02d}T090000Z" for d in range(1, 29)]
HISTORY_NS = "http://purl.org/syndication/history/1.0"


def added(rid: str, records: list[dict]) -> tuple[str, dict, list[dict]]:
    return rid, {r["id"]: r for r in records}, records


def spec_of(batches: list[tuple[str, list[dict]]]) -> list:
    """One release per batch, each adding its measures to those before."""
    spec, snapshot = [], {}
    for rid, records in batches:
        records = [{**r, "first_seen": rid, "last_changed": rid} for r in records]
        snapshot = {**snapshot, **{r["id"]: r for r in records}}
        spec.append((rid, dict(snapshot), {"added": records, "modified": [], "removed": []}))
    return spec


def batch(prefix: str, count: int, **fields) -> list[dict]:
    return [measure(f"{prefix}-{i:03d}", f"Measure {prefix} {i}", **fields) for i in range(count)]


SIXTY = [
    (DAYS[0], batch("jp-a", 20) + batch("us-a", 10, jurisdiction="US", authority="BIS")),
    (DAYS[1], batch("jp-b", 25) + batch("g7-b", 5, jurisdiction="G7", topics=["g7"])),
]


def publish_feeds(tmp: Path, spec, previous: Path | None = None) -> Path:
    data = write_releases(tmp / "data", spec)
    root = tmp / "out"
    write_feeds(load_history(data), root, BASE, previous=previous)
    return root


def read(root: Path, rel: str):
    return json.loads((root / rel).read_bytes())


@pytest.fixture(scope="module")
def sixty(tmp_path_factory) -> Path:
    return publish_feeds(tmp_path_factory.mktemp("sixty"), spec_of(SIXTY))


def test_head_holds_the_newest_page_and_archives_the_rest_from_the_oldest(sixty):
    assert PAGE_SIZE == 25
    head = read(sixty, "feeds/all.json")
    pages = {n: read(sixty, f"feeds/archive/all/{n}.json") for n in (1, 2)}
    assert not (sixty / "feeds/archive/all/3.json").exists()  # the third page is not full
    assert head["next_url"] == f"{BASE}feeds/archive/all/2.json"
    assert pages[2]["next_url"] == f"{BASE}feeds/archive/all/1.json"
    assert "next_url" not in pages[1]
    ids = {n: [i["id"] for i in page["items"]] for n, page in pages.items()}
    head_ids = [i["id"] for i in head["items"]]
    assert len(head_ids) == len(ids[1]) == len(ids[2]) == 25
    # page 1 holds the 25 oldest items: the first release's, by measure id
    assert [i["_regwatch"]["release"] for i in pages[1]["items"]] == [DAYS[0]] * 25
    assert ids[1][-1].endswith(":measure/jp-a-000/v1")
    everything = set(head_ids) | set(ids[1]) | set(ids[2])
    assert len(everything) == 60
    assert set(head_ids) & set(ids[2]) and not set(head_ids) & set(ids[1])  # overlap, no gap
    assert (head["_regwatch"]["archive_page"], pages[2]["_regwatch"]["archive_page"]) == (None, 2)
    assert pages[2]["feed_url"] == head["feed_url"] == f"{BASE}feeds/all.json"


def test_every_page_validates_and_parses(sixty):
    validator = schemas.validator("jsonfeed-1.1")
    pages = sorted((sixty / "feeds").rglob("*.json"))
    assert len(pages) >= 5 + 3 + 3  # heads of topics and jurisdictions, archive pages
    for path in pages:
        errors = list(validator.iter_errors(json.loads(path.read_bytes())))
        assert not errors, (path, errors[:2])
    for path in sorted([*(sixty / "feeds").rglob("*.xml"), *(sixty / "feeds").rglob("*.atom")]):
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        twin = json.loads(path.with_suffix(".json").read_bytes())
        assert [e.id for e in parsed.entries] == [i["id"] for i in twin["items"]], path


def links(path: Path) -> dict[str, str]:
    from lxml import etree

    root = etree.fromstring(path.read_bytes())
    found = root.iter("{http://www.w3.org/2005/Atom}link")
    return {e.get("rel"): e.get("href") for e in found}


def is_archive(path: Path) -> bool:
    return b"<fh:archive/>" in path.read_bytes() and HISTORY_NS.encode() in path.read_bytes()


@pytest.mark.parametrize("ext", ["atom", "xml"])
def test_rfc5005_links_in_atom_and_rss(sixty, ext):
    head = sixty / f"feeds/all.{ext}"
    second, first = (sixty / f"feeds/archive/all/{n}.{ext}" for n in (2, 1))
    assert links(head)["prev-archive"] == f"{BASE}feeds/archive/all/2.{ext}"
    assert "current" not in links(head) and not is_archive(head)
    assert links(second)["prev-archive"] == f"{BASE}feeds/archive/all/1.{ext}"
    assert links(second)["current"] == f"{BASE}feeds/all.{ext}"
    assert links(second)["self"] == f"{BASE}feeds/archive/all/2.{ext}"
    assert "prev-archive" not in links(first) and "next-archive" not in links(second)
    assert is_archive(second) and is_archive(first)
    if ext == "xml":  # RSS's own <link> is the site page, not the feed
        assert feedparser.parse(head.read_bytes()).feed.link == BASE


def test_jurisdiction_feeds_hold_only_their_measures(sixty):
    us = read(sixty, "feeds/jurisdiction/us.json")
    assert len(us["items"]) == 10 and "next_url" not in us
    assert {i["_regwatch"]["jurisdiction"] for i in us["items"]} == {"US"}
    assert us["title"] == "regwatch: United States (US)"
    assert us["home_page_url"] == f"{BASE}jurisdictions/us/"
    jp = read(sixty, "feeds/jurisdiction/jp.json")
    assert len(jp["items"]) == 25 and jp["next_url"].endswith("archive/jurisdiction/jp/1.json")
    assert read(sixty, "feeds/archive/jurisdiction/jp/1.json")["_regwatch"]["channel"] == (
        "jurisdiction/jp"
    )
    g7 = read(sixty, "feeds/jurisdiction/g7.json")
    assert g7["title"] == "regwatch: G7 (jurisdiction)"
    assert {i["id"] for i in g7["items"]} == {
        i["id"] for i in read(sixty, "feeds/g7.json")["items"]
    }
    # one change, one id, in every feed it appears in
    all_ids = {i["id"] for i in read(sixty, "feeds/all.json")["items"]}
    assert {i["id"] for i in us["items"]} <= all_ids | {
        i["id"] for n in (1, 2) for i in read(sixty, f"feeds/archive/all/{n}.json")["items"]
    }


def test_archive_pages_are_written_once_and_kept(tmp_path, monkeypatch):
    first = publish_feeds(tmp_path / "a", spec_of(SIXTY))
    page = first / "feeds/archive/all/1.json"
    before = page.read_bytes()
    # A later release appends; and the renderer changed meanwhile.
    monkeypatch.setattr(
        publish.feeds, "headline", lambda event: f"Changed headline {event.measure_id}"
    )
    later = [*SIXTY, (DAYS[2], batch("jp-c", 20))]
    second = publish_feeds(tmp_path / "b", spec_of(later), previous=first)
    for n in (1, 2):
        for ext in ("json", "xml", "atom"):
            rel = f"feeds/archive/all/{n}.{ext}"
            assert (second / rel).read_bytes() == (first / rel).read_bytes(), rel
    assert (second / "feeds/archive/all/1.json").read_bytes() == before
    third = read(second, "feeds/archive/all/3.json")  # 80 items: page 3 is full now
    assert third["items"][0]["title"].startswith("Changed headline")
    assert read(second, "feeds/all.json")["next_url"].endswith("/archive/all/3.json")


def test_an_archive_page_that_would_change_its_items_stops_the_publish(tmp_path, monkeypatch):
    first = publish_feeds(tmp_path / "a", spec_of(SIXTY))
    # the channel's selection changes under a published page (here: US measures left out)
    monkeypatch.setattr(
        publish.channels.Channel, "matches", lambda self, record: record["jurisdiction"] != "US"
    )
    with pytest.raises(ArchivePageChanged, match="archive/all/1.json"):
        publish_feeds(tmp_path / "b", spec_of(SIXTY), previous=first)


def test_a_new_base_url_regenerates_the_archive_pages(tmp_path):
    first = publish_feeds(tmp_path / "a", spec_of(SIXTY))
    data = write_releases(tmp_path / "data2", spec_of(SIXTY))
    other = tmp_path / "other"
    write_feeds(load_history(data), other, "https://regwatch.example/", previous=first)
    assert read(other, "feeds/archive/all/1.json")["feed_url"] == (
        "https://regwatch.example/feeds/all.json"
    )


def test_head_feeds_stay_small_whatever_the_diffs(tmp_path):
    """30 amendments of 40 KB of prose each: the items name the change and link to the page."""
    unit = "Supply chains of critical goods. "
    prose = unit * 1200
    one = [measure(f"jp-long-{i:02d}", f"Long {i}", summary=prose) for i in range(30)]
    spec = spec_of([(DAYS[0], one)])
    snapshot = dict(spec[0][1])
    after = prose.replace("critical", "essential")
    ops = [(-1, prose), (1, after)]  # a valid diff, if not a minimal one
    modified = []
    for old in one:
        old = snapshot[old["id"]]
        new = bump(old, DAYS[1], summary=after)
        snapshot[new["id"]] = new
        modified.append(
            {
                "id": new["id"],
                "title": new["title"],
                "version": 2,
                "kind": "amended",
                "fields": {"summary": {"before": old["summary"], "after": new["summary"]}},
                "text_diffs": {"summary": [[op, text] for op, text in ops]},
            }
        )
    spec.append((DAYS[1], snapshot, {"added": [], "modified": modified, "removed": []}))
    root = publish_feeds(tmp_path, spec)
    for ext in ("json", "xml", "atom"):
        size = (root / f"feeds/all.{ext}").stat().st_size
        assert size <= HEAD_BYTES, (ext, size)
    item = read(root, "feeds/all.json")["items"][0]
    assert "too long for a feed item" in item["content_html"]
    assert item["url"] in item["content_html"]
