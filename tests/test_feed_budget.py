"""Head feeds within HEAD_BYTES however long a measure lives, losing no item.

A sanctions regime amended every week gains a source and an effective date each time; after
a few dozen amendments a head of 25 items that each list every effective date would weigh
far more than HEAD_BYTES. Here: one such measure amended 80 times (heads of its channels
over budget before items were bounded), then measures whose every scraped string is huge.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import feedparser
import pytest
from lxml import etree
from test_publish_data import bump, measure, source, write_releases
from test_publish_feeds import BASE, publish_feeds, read, spec_of

from publish import schemas
from publish.feed_archive import PAGE_SIZE
from publish.feeds import (
    EFFECTIVE_SHOWN,
    FEED_FIELDS_BYTES,
    HEAD_BYTES,
    ITEM_BYTES,
    item_bytes,
    write_feeds,
)
from publish.history import load_history

AMENDMENTS = 80
ATOM = "{http://www.w3.org/2005/Atom}"
FEED_KEYS = ["all", "russia", "jurisdiction/gb"]


def release_ids(count: int) -> list[str]:
    first = date(2024, 1, 1)
    return [(first + timedelta(weeks=n)).strftime("%Y%m%dT090000Z") for n in range(count)]


def designation(n: int) -> tuple[dict, dict]:
    """The source and the effective date of the n-th round of designations."""
    url = f"https://www.gov.uk/government/news/uk-sanctions-{n}-further-russian-individuals-and-entities-with-a-long-address-{n:04d}"
    announced = (date(2024, 1, 1) + timedelta(weeks=n)).isoformat()
    title = f"UK sanctions {n} further Russian individuals and entities ({'round ' * 20}{n})"
    entry = {"date": announced, "description": f"{n} individuals added " * 6, "source": url}
    return source(url, title, announced), entry


def long_lived_spec(rids: list[str]) -> list:
    """A GB asset freeze added in the first release, then amended in every later one: each
    amendment adds a source and an effective date."""
    first_source, first_date = designation(0)
    record = measure(
        "gb-asset-freeze-ru",
        "Asset freeze concerning Russia",
        jurisdiction="GB",
        authority="FCDO",
        type="asset_freeze",
        sources=[first_source],
        effective=[first_date],
        first_seen=rids[0],
        last_changed=rids[0],
    )
    spec = [(rids[0], {record["id"]: record}, {"added": [record], "modified": [], "removed": []})]
    for n, rid in enumerate(rids[1:], start=1):
        new_source, new_date = designation(n)
        old = record
        record = bump(
            old,
            rid,
            sources=[*old["sources"], new_source],
            effective=[*old["effective"], new_date],
        )
        fields = {
            name: {"before": old[name], "after": record[name]} for name in ("effective", "sources")
        }
        modified = {
            "id": record["id"],
            "title": record["title"],
            "version": record["version"],
            "kind": "amended",
            "fields": fields,
            "text_diffs": {},
        }
        spec.append(
            (rid, {record["id"]: record}, {"added": [], "modified": [modified], "removed": []})
        )
    return spec


@pytest.fixture(scope="module")
def long_lived(tmp_path_factory) -> Path:
    return publish_feeds(
        tmp_path_factory.mktemp("long"), long_lived_spec(release_ids(AMENDMENTS + 1))
    )


def walk_json(root: Path, key: str) -> tuple[list[dict], list[Path]]:
    """Every item reachable from the head by next_url, and the pages read."""
    items, pages = [], []
    path = root / f"feeds/{key}.json"
    while path is not None:
        page = json.loads(path.read_bytes())
        pages.append(path)
        items.extend(page["items"])
        url = page.get("next_url")
        path = root / url.removeprefix(BASE) if url else None
    return items, pages


def walk_xml(root: Path, key: str, ext: str) -> tuple[set[str], list[Path]]:
    """Every entry id reachable from the head by prev-archive links, as feedparser reads it."""
    ids, pages = set(), []
    path = root / f"feeds/{key}.{ext}"
    while path is not None:
        parsed = feedparser.parse(path.read_bytes())
        assert parsed.bozo == 0, (path, parsed.get("bozo_exception"))
        pages.append(path)
        ids |= {entry.id for entry in parsed.entries}
        prev = [link.href for link in parsed.feed.links if link.rel == "prev-archive"]
        path = root / prev[0].removeprefix(BASE) if prev else None
    return ids, pages


def expected_ids() -> set[str]:
    return {
        f"tag:regwatch.example,2022:measure/gb-asset-freeze-ru/v{v}"
        for v in range(1, AMENDMENTS + 2)
    }


@pytest.mark.parametrize("key", FEED_KEYS)
def test_heads_fit_the_budget_and_every_item_is_in_head_or_archive(long_lived, key):
    for ext in ("json", "xml", "atom"):
        size = (long_lived / f"feeds/{key}.{ext}").stat().st_size
        assert size <= HEAD_BYTES, (key, ext, size)
    items, pages = walk_json(long_lived, key)
    assert len(pages) == 1 + (AMENDMENTS + 1) // PAGE_SIZE  # the head and 3 full pages
    assert {item["id"] for item in items} == expected_ids()
    validator = schemas.validator("jsonfeed-1.1")
    for path in pages:
        errors = list(validator.iter_errors(json.loads(path.read_bytes())))
        assert not errors, (path, errors[:1])
    for ext in ("xml", "atom"):
        ids, xml_pages = walk_xml(long_lived, key, ext)
        assert ids == expected_ids() and len(xml_pages) == len(pages), ext


def test_an_amendment_names_the_sources_it_added_not_the_whole_list(long_lived):
    newest = read(long_lived, "feeds/all.json")["items"][0]
    html = newest["content_html"]
    added, added_date = designation(AMENDMENTS)
    assert added["title"] in html and f"{AMENDMENTS} unchanged" in html
    assert designation(1)[0]["title"] not in html  # an old source is not repeated
    # the effective dates: the latest ones, and how many more the measure page has
    assert added_date["date"] in html and designation(1)[1]["date"] not in html
    shown = AMENDMENTS + 1 - EFFECTIVE_SHOWN
    assert f"the latest {EFFECTIVE_SHOWN} of {AMENDMENTS + 1}; {shown} earlier" in html
    machine = newest["_regwatch"]
    assert machine["effective_total"] == AMENDMENTS + 1
    # the schema describes the extension: a count that is not one is refused
    feed = read(long_lived, "feeds/all.json")
    feed["items"][0]["_regwatch"]["effective_total"] = "81"
    assert not schemas.validator("jsonfeed-1.1").is_valid(feed)
    assert machine["effective"] == [designation(n)[1]["date"] for n in range(shown, AMENDMENTS + 1)]


def xml_item_sizes(path: Path) -> list[int]:
    root = etree.fromstring(path.read_bytes())
    entries = [*root.iter("item"), *root.iter(f"{ATOM}entry")]
    return [len(etree.tostring(entry, encoding="utf-8")) for entry in entries]


def feed_fields_bytes(path: Path) -> int:
    """A feed's bytes besides its items (what FEED_FIELDS_BYTES reserves)."""
    if path.suffix == ".json":
        doc = json.loads(path.read_bytes())
        return path.stat().st_size - sum(item_bytes(item) for item in doc["items"])
    return path.stat().st_size - sum(xml_item_sizes(path))


def assert_within_item_budgets(root: Path) -> None:
    heads = [p for p in (root / "feeds").rglob("*.*") if "archive" not in p.parts]
    assert len(heads) >= 3 * len(FEED_KEYS)
    for path in heads:
        assert feed_fields_bytes(path) <= FEED_FIELDS_BYTES, path
        if path.suffix == ".json":
            sizes = [item_bytes(item) for item in read(root, str(path.relative_to(root)))["items"]]
        else:
            sizes = xml_item_sizes(path)
        assert max(sizes, default=0) <= ITEM_BYTES, (path, max(sizes))
        assert path.stat().st_size <= HEAD_BYTES, path
    # which makes a head of PAGE_SIZE items fit, whatever the items
    assert PAGE_SIZE * ITEM_BYTES + FEED_FIELDS_BYTES <= HEAD_BYTES


def test_every_item_and_the_feed_fields_stay_within_their_share(long_lived):
    assert_within_item_budgets(long_lived)


def test_huge_scraped_text_still_makes_a_head_within_budget(tmp_path):
    """Titles, summaries and effective dates of 20-60 KB each: items fall back to their
    headline, cut, and a link; nothing is dropped."""
    huge = "Designation of persons and entities under the regulations. " * 800
    dates = [
        {
            "date": f"2022-{1 + n % 12:02d}-{1 + n % 28:02d}",
            "description": huge[:2000],
            "source": None,
        }
        for n in range(40)
    ]
    records = [
        measure(
            f"jp-huge-{n:02d}", huge, title_ja="経済安全保障" * 3000, summary=huge, effective=dates
        )
        for n in range(30)
    ]
    root = publish_feeds(tmp_path, spec_of([("20220301T090000Z", records)]))
    assert_within_item_budgets(root)
    items, _ = walk_json(root, "all")
    assert len({item["id"] for item in items}) == 30
    newest = items[0]
    assert newest["title"].endswith(" …") and len(newest["title"]) < 400
    assert newest["url"] in newest["content_html"]
    assert newest["_regwatch"]["effective_total"] == 40


def test_a_publish_that_changes_nothing_keeps_every_feed_byte_for_byte(long_lived, tmp_path):
    data = write_releases(tmp_path / "data", long_lived_spec(release_ids(AMENDMENTS + 1)))
    again = tmp_path / "again"
    write_feeds(load_history(data), again, BASE, previous=long_lived)
    first = sorted(p.relative_to(long_lived) for p in (long_lived / "feeds").rglob("*.*"))
    assert first == sorted(p.relative_to(again) for p in (again / "feeds").rglob("*.*"))
    for rel in first:
        assert (again / rel).read_bytes() == (long_lived / rel).read_bytes(), rel
