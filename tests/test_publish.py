"""End to end: the fixture release history (test_publish_data) published into tmp_path,
read back the way a subscriber, a screener and a browser would.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import pytest
import yaml
from test_publish_data import R1, R2, R3, R4, TIMES, write_releases

from publish import publish, schemas
from publish.serve import make_server
from publish.vocabulary import FEED_TOPICS, TOPICS

REPO = Path(__file__).resolve().parents[1]
BASE = "http://127.0.0.1:8000/"
RELEASES = [R1, R2, R3, R4]
MEASURES_EVER = [
    "g7-statement-ru-energy",
    "ipef-supply-chain-agreement",
    "jp-asset-freeze-ru-individuals",
    "jp-economic-security-promotion-act",
    "jp-export-ban-ru-luxury-goods",
    "jp-policy-hostile",
]


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    return write_releases(tmp_path_factory.mktemp("data"))


@pytest.fixture(scope="module")
def published(data, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("first") / "public"
    report = publish(data, out, base_url=BASE)
    return out, report


@pytest.fixture(scope="module")
def republished(data, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("second") / "public"
    publish(data, out, base_url=BASE)
    return out


def read(path: Path):
    return json.loads(path.read_bytes())


def files_under(root: Path, *tops: str) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for top in tops
        for p in sorted((root / top).rglob("*"))
        if p.is_file()
    }


def test_every_path_of_the_layout_exists(published):
    out, report = published
    assert out.is_symlink()
    api = out / "api/v1"
    expected = [api / "index.json", api / "versions.json", api / "measures.json"]
    expected += [api / "measures" / f"{m}.json" for m in MEASURES_EVER]
    expected += [api / "topics" / f"{t}.json" for t in TOPICS]
    expected += [
        api / "releases" / r / n for r in RELEASES for n in ("changes.json", "measures.json")
    ]
    expected += [
        api / "schema" / f"{n}.schema.json"
        for n in ("index", "versions", "measures", "measure", "topic", "changes")
    ]
    expected += [out / "feeds" / f"{t}.{e}" for t in FEED_TOPICS for e in ("json", "xml", "atom")]
    expected += [out / "index.html", out / "releases/index.html", out / "topics/index.html"]
    expected += [out / "measures" / m / "index.html" for m in MEASURES_EVER]
    expected += [out / "releases" / r / "index.html" for r in RELEASES]
    expected += [out / "topics" / t / "index.html" for t in TOPICS]
    missing = [str(p.relative_to(out)) for p in expected if not p.is_file()]
    assert missing == []
    assert report["counts"]["measures_ever"] == len(MEASURES_EVER)
    assert report["release"] == R4


def test_api_validates_against_the_published_schemas(published):
    out, _ = published
    api = out / "api/v1"
    checks = [
        ("index", api / "index.json"),
        ("versions", api / "versions.json"),
        ("measures", api / "measures.json"),
    ]
    checks += [("measure", p) for p in (api / "measures").glob("*.json")]
    checks += [("topic", p) for p in (api / "topics").glob("*.json")]
    checks += [("measures", p) for p in (api / "releases").glob("*/measures.json")]
    checks += [("changes", p) for p in (api / "releases").glob("*/changes.json")]
    assert len(checks) == 3 + 6 + 4 + 4 + 4
    for name, path in checks:
        schemas.validate(name, read(path))
    for path in (api / "schema").glob("*.json"):
        assert (
            path.read_bytes() == schemas.path(path.name.removesuffix(".schema.json")).read_bytes()
        )


def test_index_lists_every_artifact_with_its_hash(published):
    out, _ = published
    index = read(out / "api/v1/index.json")
    assert (index["id"], index["previous"], index["result"]) == (R4, R3, "partial")
    on_disk = files_under(out, "api", "feeds")
    del on_disk["api/v1/index.json"]
    assert set(index["artifacts"]) == set(on_disk)
    for path, raw in on_disk.items():
        entry = index["artifacts"][path]
        assert entry == {"sha256": hashlib.sha256(raw).hexdigest(), "size": len(raw)}


def test_versions_list_every_release_newest_first(published):
    out, _ = published
    versions = read(out / "api/v1/versions.json")
    assert [r["id"] for r in versions["releases"]] == RELEASES[::-1]
    empty = next(r for r in versions["releases"] if r["id"] == R3)
    assert empty["counts"] == {"measures": 6, "added": 0, "modified": 0, "removed": 0}
    assert empty["changes_url"] == f"{BASE}api/v1/releases/{R3}/changes.json"
    assert read(out / f"api/v1/releases/{R3}/changes.json")["modified"] == []


def test_release_files_are_copied_verbatim(published, data):
    out, _ = published
    for rid in RELEASES:
        for name in ("changes.json", "measures.json"):
            copy = out / "api/v1/releases" / rid / name
            assert copy.read_bytes() == (data / "releases" / rid / name).read_bytes()


def test_measure_history_topics_and_removal(published):
    out, _ = published
    lux = read(out / "api/v1/measures/jp-export-ban-ru-luxury-goods.json")
    assert [(h["version"], h["release"], h["kind"]) for h in lux["history"]] == [
        (1, R1, "added"),
        (2, R2, "in_force"),
    ]
    assert lux["history"][1]["fields"]["status"] == {"before": "announced", "after": "in_force"}
    assert lux["history"][1]["time"] == TIMES[R2]
    assert lux["removed"] is None
    gone = read(out / "api/v1/measures/g7-statement-ru-energy.json")
    assert gone["removed"]["release"] == R4
    russia = [m["id"] for m in read(out / "api/v1/topics/russia.json")["measures"]]
    assert russia == ["jp-asset-freeze-ru-individuals", "jp-export-ban-ru-luxury-goods"]
    economic = [m["id"] for m in read(out / "api/v1/topics/economic-security.json")["measures"]]
    assert economic == ["jp-economic-security-promotion-act"]  # the hostile one was lifted


def test_json_feeds_validate_with_date_time_checked(published):
    out, _ = published
    validator = schemas.validator("jsonfeed-1.1")
    for topic in FEED_TOPICS:
        validator.validate(read(out / "feeds" / f"{topic}.json"))
    feed = read(out / "feeds/all.json")
    feed["items"][0]["date_published"] = "2022-03-32T25:00:00Z"
    with pytest.raises(jsonschema.ValidationError, match="date-time"):
        validator.validate(feed)


def test_feed_items_are_change_events_newest_first(published):
    out, _ = published
    feed = read(out / "feeds/all.json")
    items = feed["items"]
    assert len(items) == 10  # 5 + 2 + 0 + 3 change events
    dates = [i["date_published"] for i in items]
    assert dates == sorted(dates, reverse=True) and dates[0] == TIMES[R4]
    assert feed["_regwatch"]["updated"] == TIMES[R4]
    lux = next(i for i in items if i["id"].endswith("jp-export-ban-ru-luxury-goods/v2"))
    assert lux["id"] == "tag:regwatch.example,2022:measure/jp-export-ban-ru-luxury-goods/v2"
    assert lux["url"] == f"{BASE}measures/jp-export-ban-ru-luxury-goods/"
    assert lux["_regwatch"] | {"about": None, "api_url": None} == {
        "about": None,
        "api_url": None,
        "measure": "jp-export-ban-ru-luxury-goods",
        "version": 2,
        "kind": "in_force",
        "release": R2,
        "jurisdiction": "JP",
        "status": "in_force",
        "effective": ["2022-04-05"],
        "effective_total": 1,
        "reason": None,
    }
    assert "<ins>" in lux["content_html"] and "2022-04-05" in lux["content_html"]
    assert "&lt;script&gt;" in lux["content_html"]
    ipef = [i["id"] for i in read(out / "feeds/ipef.json")["items"]]
    assert ipef == ["tag:regwatch.example,2022:measure/ipef-supply-chain-agreement/v1"]


def test_rss_and_atom_parse_cleanly(published):
    out, _ = published
    json_ids = {
        t: [i["id"] for i in read(out / "feeds" / f"{t}.json")["items"]] for t in FEED_TOPICS
    }
    for topic in FEED_TOPICS:
        for ext in ("xml", "atom"):
            parsed = feedparser.parse((out / "feeds" / f"{topic}.{ext}").read_bytes())
            assert parsed.bozo == 0, (topic, ext, parsed.get("bozo_exception"))
            assert [e.id for e in parsed.entries] == json_ids[topic]
            # a feed is as new as its newest item: IPEF's only change came in R1
            newest = (2022, 3, 1) if topic == "ipef" else (2022, 3, 22)
            assert parsed.feed.updated_parsed[:6] == (*newest, 9, 0, 0)
            for entry in parsed.entries:
                assert entry.title_detail.type == "text/plain"
                assert "<script" not in entry.summary and "<img" not in entry.summary


def test_item_ids_are_unique_and_stable(published, republished):
    out, _ = published
    for topic in FEED_TOPICS:
        first = [i["id"] for i in read(out / "feeds" / f"{topic}.json")["items"]]
        second = [i["id"] for i in read(republished / "feeds" / f"{topic}.json")["items"]]
        assert len(first) == len(set(first)) and first == second


def test_api_and_feeds_are_byte_identical_across_publishes(published, republished):
    out, _ = published
    first, second = files_under(out, "api", "feeds"), files_under(republished, "api", "feeds")
    assert first.keys() == second.keys()
    assert [p for p in first if first[p] != second[p]] == []


def test_no_wall_clock_time_in_api_or_feeds(published):
    out, _ = published
    iso = re.compile(r"\b([0-9]{4})-[0-9]{2}-[0-9]{2}")
    rfc822 = re.compile(r"\b[0-9]{2} [A-Z][a-z]{2} ([0-9]{4}) [0-9]{2}:")
    years = set()
    for raw in files_under(out, "api", "feeds").values():
        years |= set(iso.findall(raw.decode())) | set(rfc822.findall(raw.decode()))
    assert years == {"2022"}


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.links.append((tag, dict(attrs)))


def html_pages(out: Path) -> dict[str, Links]:
    pages = {}
    for path in sorted(out.rglob("*.html")):
        parser = Links()
        parser.feed(path.read_text(encoding="utf-8"))
        pages[path.relative_to(out).as_posix()] = parser
    return pages


def test_every_relative_link_of_the_site_resolves(published):
    out, _ = published
    broken, checked = [], 0
    for page, parser in html_pages(out).items():
        for _tag, attrs in parser.links:
            for key in ("href", "src"):
                url = attrs.get(key)
                if not url or urlsplit(url).scheme or url.startswith(("#", "//")):
                    continue
                target = urlsplit(urljoin(f"http://x/{page}", url)).path.lstrip("/")
                path = out / target
                checked += 1
                if not (path.is_file() or (path / "index.html").is_file()):
                    broken.append((page, url))
    assert broken == [] and checked > 500


def test_nothing_external_is_loaded(published):
    out, _ = published
    for page, parser in html_pages(out).items():
        for tag, attrs in parser.links:
            if tag in ("script", "img", "iframe") and attrs.get("src"):
                assert not urlsplit(attrs["src"]).netloc, (page, attrs)
            if tag == "link" and attrs.get("rel") in ("stylesheet", "preconnect", "preload"):
                assert not urlsplit(attrs["href"]).netloc, (page, attrs)


def test_pages_announce_their_feeds(published):
    out, _ = published
    pages = html_pages(out)

    def alternates(page):
        return {
            a["href"] for t, a in pages[page].links if t == "link" and a.get("rel") == "alternate"
        }

    assert {
        "../../feeds/russia.atom",
        "../../feeds/russia.json",
        "../../feeds/russia.xml",
        "../../feeds/all.atom",
    } <= alternates("topics/russia/index.html")
    assert "../../feeds/ipef.xml" in alternates("measures/ipef-supply-chain-agreement/index.html")
    assert "feeds/g7.json" in {h.lstrip("./") for h in alternates("index.html")}


def test_measure_pages_are_not_in_the_nav(published):
    out, _ = published
    nav = yaml.safe_load((REPO / "mkdocs.yml").read_text())["nav"]
    names = [next(iter(entry)) for entry in nav]
    expected = ["Home", "Topics", "Jurisdictions", "Releases", "API and feeds", "Sources", "About"]
    assert [n for n in names if n in expected] == expected  # others may stand between them
    parser = html_pages(out)["index.html"]
    nav_links = [
        a["href"]
        for t, a in parser.links
        if t == "a" and re.search(r"md-(nav|tabs)__link", a.get("class", ""))
    ]
    assert nav_links and not [h for h in nav_links if "measures/" in h]
    assert (out / "measures/jp-export-ban-ru-luxury-goods/index.html").is_file()


def test_no_hostile_markup_survives_anywhere(published, data):
    out, _ = published
    verbatim = set()
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        raw = path.read_bytes().lower()
        rel = path.relative_to(out).as_posix()
        if b"<script>alert" in raw or b"<img src=x" in raw:
            verbatim.add(rel)
        assert b'href="javascript:' not in raw, rel
    # Only the release files published byte for byte carry the raw strings, as JSON data.
    assert verbatim and all(p.startswith("api/v1/releases/") for p in verbatim)
    page = (out / "measures/jp-policy-hostile/index.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<strong>bold</strong>" not in page  # Markdown never read the scraped text


def test_served_over_http(published):
    out, _ = published
    server = make_server(out, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as response:
            assert response.status == 200 and b"regwatch" in response.read()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/all.atom", timeout=5) as r:
            assert r.headers["Content-Type"] == "application/atom+xml"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feeds/all.xml", timeout=5) as r:
            assert r.headers["Content-Type"] == "application/rss+xml"
    finally:
        server.shutdown()
        server.server_close()
