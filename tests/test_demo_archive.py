"""The bundled demo archive (data/demo): reproducible, complete and self-consistent.

The archive is what `regwatch` runs on without a network, and what the spiders and the
extraction are tested against, so its own guarantees are tested here: pack.py rebuilds the
committed snapshots exactly, every snapshot holds every entry page, every link a listing shows
can be followed inside the same snapshot, and the URLs follow the sites' real patterns.
"""

from __future__ import annotations

import datetime as dt
import gzip
import re
import subprocess
import sys
import uuid
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup
from warcio.archiveiterator import ArchiveIterator

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "data" / "demo"
TIMELINE = yaml.safe_load((DEMO / "timeline.yml").read_text(encoding="utf-8"))
SNAPSHOTS = [dt.date.fromisoformat(str(s["date"])) for s in TIMELINE["snapshots"]]
ENTRIES = {name: src["entry"] for name, src in TIMELINE["sources"].items()}
PAGES = TIMELINE["pages"]
RELEASES = [p for p in PAGES if p["kind"] in ("release", "other")]
LINK_ONLY = {p["url"] for p in PAGES if p["kind"] == "link"}  # listed, deliberately not archived
TIMELINE_URLS = {p["url"] for p in PAGES}
LISTING_SOURCES = ("meti_news_ja", "meti_news_en", "mofa_press_en", "mofa_press_ja")
# Page bodies, without site chrome: METI, MOFA; the Cabinet Office and the Kantei (div#contents);
# the Council of the EU and commerce.gov (main).
CONTENT = "#MainContents, #maincontents, div.wrapper2011, div#contents, main"
# What the archive's responses are: pages, robots.txt, API answers (GOV.UK, Federal Register)
# and the Cabinet Office's RSS 1.0 feed.
CONTENT_TYPES = {
    "text/html; charset=UTF-8",
    "text/plain; charset=UTF-8",
    "application/json; charset=utf-8",
    "application/rdf+xml; charset=UTF-8",
    # List documents (data/demo/lists): PDF, Excel, MOF's Shift_JIS CSV.
    "application/pdf",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "text/csv; charset=Shift_JIS",
}
META = '<meta charset="UTF-8">'


def _d(value: object) -> dt.date:
    return dt.date.fromisoformat(str(value))


@cache
def records(snapshot: dt.date) -> dict[str, tuple]:
    """URL -> (WARC headers, HTTP headers, body) of the committed snapshot's responses."""
    out = {}
    with open(DEMO / "snapshots" / f"{snapshot.isoformat()}.warc.gz", "rb") as f:
        for rec in ArchiveIterator(f):
            if rec.rec_type == "response":
                url = rec.rec_headers.get_header("WARC-Target-URI")
                assert url not in out, f"{url} twice in {snapshot}"
                out[url] = (rec.rec_headers, rec.http_headers, rec.content_stream().read())
    return out


def html_records(snapshot: dt.date) -> dict[str, str]:
    return {
        url: body.decode("utf-8")
        for url, (_w, http, body) in records(snapshot).items()
        if http.get_header("Content-Type").startswith("text/html")
    }


def generated(snapshot: dt.date) -> list[str]:
    """The listing and archive pages pack.py made for this snapshot (not in timeline.yml)."""
    return [u for u in html_records(snapshot) if u not in TIMELINE_URLS]


def content_links(url: str, text: str) -> list[str]:
    soup = BeautifulSoup(text, "lxml")
    links = [urljoin(url, a["href"]) for box in soup.select(CONTENT) for a in box.select("a[href]")]
    return list(dict.fromkeys(links))  # boxes may nest (MOFA: div#contents > div#maincontents)


# ------------------------------------------------------------------ reproducible


@pytest.fixture(scope="module")
def packed_twice(tmp_path_factory) -> tuple[Path, Path]:
    outs = []
    for name in ("first", "second"):
        out = tmp_path_factory.mktemp(name)
        subprocess.run(
            [sys.executable, str(DEMO / "pack.py"), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        outs.append(out)
    return outs[0], outs[1]


def test_pack_is_byte_for_byte_deterministic(packed_twice):
    first, second = packed_twice
    names = sorted(p.name for p in first.glob("*.warc.gz"))
    assert names == [f"{s.isoformat()}.warc.gz" for s in SNAPSHOTS]
    assert names == sorted(p.name for p in second.glob("*.warc.gz"))
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


def test_committed_snapshots_match_a_fresh_pack(packed_twice):
    # Compared after decompression: another zlib build (zlib-ng) may compress the same WARC
    # records into different bytes, which is not a change of the archive.
    fresh, _ = packed_twice
    committed = sorted(p.name for p in (DEMO / "snapshots").glob("*.warc.gz"))
    assert committed == sorted(p.name for p in fresh.glob("*.warc.gz")), "run data/demo/pack.py"
    for name in committed:
        assert gzip.decompress((DEMO / "snapshots" / name).read_bytes()) == gzip.decompress(
            (fresh / name).read_bytes()
        ), f"{name} is stale: run data/demo/pack.py"


def test_timeline_spans_the_period():
    assert len(SNAPSHOTS) >= 12
    assert sorted(SNAPSHOTS) == SNAPSHOTS
    assert SNAPSHOTS[0] == dt.date(2022, 2, 26) and SNAPSHOTS[-1] == dt.date(2022, 6, 17)


# ------------------------------------------------------------------ each snapshot


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_every_entry_url_and_robots_txt_is_archived(snapshot):
    urls = records(snapshot).keys()
    for source, entry in ENTRIES.items():
        assert entry in urls, f"{source} entry missing from {snapshot}"
    for robots in ("https://www.meti.go.jp/robots.txt", "https://www.mofa.go.jp/robots.txt"):
        assert records(snapshot)[robots][2] == b"User-agent: *\nDisallow:\n"


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_records_carry_the_snapshot_date_and_stable_ids(snapshot):
    with open(DEMO / "snapshots" / f"{snapshot.isoformat()}.warc.gz", "rb") as f:
        recs = [
            (
                r.rec_type,
                r.rec_headers.get_header("WARC-Date"),
                r.rec_headers.get_header("WARC-Target-URI"),
                r.rec_headers.get_header("WARC-Record-ID"),
            )
            for r in ArchiveIterator(f)
        ]
    assert recs[0][0] == "warcinfo"
    assert {date for _t, date, _u, _i in recs} == {f"{snapshot.isoformat()}T09:00:00Z"}
    for rec_type, _date, url, rec_id in recs[1:]:
        assert rec_type == "response"
        assert (
            rec_id
            == f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, f'{snapshot.isoformat()} {url}')}>"
        )


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_responses_are_200_with_a_content_type(snapshot):
    for url, (_w, http, body) in records(snapshot).items():
        assert http.protocol == "HTTP/1.1" and http.get_statuscode() == "200", url
        ctype = http.get_header("Content-Type")
        assert ctype in CONTENT_TYPES, url
        assert int(http.get_header("Content-Length")) == len(body), url


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_html_is_utf8_with_meta_charset(snapshot):
    for url, (_w, http, body) in records(snapshot).items():
        if http.get_header("Content-Type").startswith("text/html"):
            assert META in body.decode("utf-8"), url  # decode raises on invalid UTF-8


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_every_link_on_a_listing_resolves_in_the_same_snapshot(snapshot):
    urls = records(snapshot).keys()
    pages = html_records(snapshot)
    listings = generated(snapshot)
    assert len(listings) >= 4
    for listing in listings:
        links = content_links(listing, pages[listing])
        assert links, f"{listing} lists nothing"
        for link in links:
            assert link in urls or link in LINK_ONLY, f"{listing} -> {link} not in {snapshot}"


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_html_links_inside_page_bodies_resolve(snapshot):
    # Attachments (PDFs) are not archived; links between pages are.
    urls = records(snapshot).keys()
    for url, text in html_records(snapshot).items():
        for link in content_links(url, text):
            if link.endswith(".html"):
                assert link in urls or link in LINK_ONLY, f"{url} -> {link} not in {snapshot}"


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_listings_show_exactly_the_visible_items_newest_first(snapshot):
    pages = html_records(snapshot)
    listings = set(generated(snapshot))
    for source in LISTING_SOURCES:
        entry = ENTRIES[source]
        shown = [u for u in content_links(entry, pages[entry]) if u not in listings]
        expected = {
            p["url"]
            for p in PAGES
            if p["source"] == source and p["kind"] != "page" and _d(p["visible_from"]) <= snapshot
        }
        assert sorted(shown) == sorted(expected), f"{source} at {snapshot}"
        soup = BeautifulSoup(pages[entry], "lxml")
        days = [dt_.get_text() for dt_ in soup.select("#MainContents dt, #maincontents dt")]
        if source == "meti_news_en":  # "March 15, 2022"
            keys = [dt.datetime.strptime(d, "%B %d, %Y").date() for d in days]
        elif source == "mofa_press_en":  # "March 15": no year, all of 2022 here
            keys = [dt.datetime.strptime(f"{d} 2022", "%B %d %Y").date() for d in days]
        else:  # "2022年3月15日", "3月15日付"
            keys = [tuple(int(n) for n in re.findall(r"\d+", d)) for d in days]
        assert keys == sorted(keys, reverse=True), f"{source} at {snapshot} not newest first"


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=str)
def test_each_page_is_served_from_its_visible_from_snapshot_on(snapshot):
    recs = records(snapshot)
    for page in PAGES:
        versions = page.get("versions", [page])
        online = [v for v in versions if _d(v["visible_from"]) <= snapshot]
        if page["kind"] in ("link", "record"):  # a record lives inside its API's answer
            assert page["url"] not in recs
        elif not online:
            assert page["url"] not in recs, f"{page['url']} visible too early at {snapshot}"
        else:
            newest = max(online, key=lambda v: _d(v["visible_from"]))
            assert recs[page["url"]][2] == (DEMO / newest["file"]).read_bytes(), page["url"]


# ------------------------------------------------------------------ the pages themselves


def test_page_files_are_utf8_and_all_referenced():
    referenced = {DEMO / v["file"] for p in PAGES for v in p.get("versions", [p]) if "file" in v}
    on_disk = {p for p in (DEMO / "pages").rglob("*") if p.is_file()}
    assert on_disk <= referenced, on_disk - referenced
    for path in on_disk:
        if path.suffix in (".html", ""):  # commerce.gov URLs have no extension
            assert META in path.read_text(encoding="utf-8"), path


def test_the_russia_page_has_several_versions_and_dates_its_updates():
    (russia,) = [p for p in PAGES if p["source"] == "meti_russia"]
    assert russia["url"] == ENTRIES["meti_russia"]
    assert len(russia["versions"]) >= 5
    for v in russia["versions"]:
        text = (DEMO / v["file"]).read_text(encoding="utf-8")
        soup = BeautifulSoup(text, "lxml")
        (box,) = soup.select("div.wrapper2011")
        d = _d(v["published"])
        assert f"最終更新日：{d.year}年{d.month}月{d.day}日" in box.get_text()


@pytest.mark.parametrize(
    "page", [p for p in RELEASES if p["source"] == "meti_news_ja"], ids=lambda p: p["url"][-16:]
)
def test_meti_ja_release_urls_use_the_fiscal_year(page):
    # A release of March 2022 is filed under fiscal year 2021 (April to March).
    published = _d(page["published"])
    fy = published.year if published.month >= 4 else published.year - 1
    m = re.fullmatch(
        r"https://www\.meti\.go\.jp/press/(\d{4})/(\d{2})/(\d{11})/(\d{11})\.html", page["url"]
    )
    assert m, page["url"]
    assert int(m[1]) == fy and int(m[2]) == published.month
    assert m[3] == m[4] and m[3][:8] == published.strftime("%Y%m%d")


@pytest.mark.parametrize(
    "page", [p for p in RELEASES if p["source"] == "meti_news_en"], ids=lambda p: p["url"][-16:]
)
def test_meti_en_release_urls_use_the_fiscal_year(page):
    published = _d(page["published"])
    fy = published.year if published.month >= 4 else published.year - 1
    m = re.fullmatch(
        r"https://www\.meti\.go\.jp/english/press/(\d{4})/(\d{4})_(\d{3})\.html", page["url"]
    )
    assert m, page["url"]
    assert int(m[1]) == fy and m[2] == published.strftime("%m%d")
    text = (DEMO / page["file"]).read_text(encoding="utf-8")
    month = published.strftime("%B")
    assert f"Back Issues</a> &gt; {month} FY{fy} &gt;" in text


@pytest.mark.parametrize(
    "page",
    [p for p in RELEASES if p["source"] in ("mofa_press_en", "mofa_press_ja")],
    ids=lambda p: p["url"][-20:],
)
def test_mofa_release_urls_follow_the_site_patterns(page):
    patterns = {
        "mofa_press_en": r"https://www\.mofa\.go\.jp/press/release/pressite_000001_\d{5}\.html",
        "mofa_press_ja": r"https://www\.mofa\.go\.jp/mofaj/press/release/pressit_000001_\d{5}\.html",
    }
    if page["kind"] == "release":
        assert re.fullmatch(patterns[page["source"]], page["url"])
    else:  # a listing link elsewhere on the site
        assert not re.fullmatch(patterns[page["source"]], page["url"])


def test_the_corpus_has_the_intended_size_and_mix():
    releases = [p for p in PAGES if p["kind"] == "release" and p["source"] in LISTING_SOURCES]
    assert 25 <= len(releases) <= 40
    assert {p["source"] for p in releases} == set(LISTING_SOURCES)
    # Every other source has pages too: partners' releases, API records, standing pages.
    assert {p["source"] for p in PAGES} == set(ENTRIES)
    assert any(p["kind"] == "other" for p in PAGES) and LINK_ONLY
