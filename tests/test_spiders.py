"""Every spider, on saved pages from the bundled archive, wrapped in Scrapy responses with the
real URLs: listing → release requests, release page → one announcement with every field."""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urlparse

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawlers.base import REQUIRED_FIELDS
from crawlers.html import LayoutError
from crawlers.metadata import MetadataError, load_metadata
from crawlers.middlewares import FETCHED_AT
from crawlers.registry import all_spiders

SPIDERS = all_spiders()
SPINE = {"meti_news_ja", "meti_news_en", "meti_russia", "mofa_press_en", "mofa_press_ja"}


def make_spider(name):
    cls = SPIDERS[name]
    return cls.from_crawler(get_crawler(cls))


def response_for(archived, fetched: datetime, **meta) -> HtmlResponse:
    request = Request(archived.url, meta={FETCHED_AT: fetched, **meta})
    return HtmlResponse(
        archived.url, body=archived.body, request=request, headers=dict(archived.headers)
    )


def crawl_offline(name: str, snapshot: dict) -> tuple[list[Request], list[dict]]:
    """Runs a spider's callbacks over the saved pages of one snapshot, without the engine."""
    spider = make_spider(name)
    fetched = next(iter(snapshot.values())).date
    requests, items = [], []
    for url in spider.entry_urls:
        for out in spider.parse(response_for(snapshot[url], fetched)):
            if isinstance(out, Request):
                requests.append(out)
            else:
                items.append(out)
    for req in requests:
        archived = snapshot[req.url]
        items.extend(req.callback(response_for(archived, fetched), **req.cb_kwargs))
    return requests, items


def test_registry_has_the_spine_sources():
    assert set(SPIDERS) >= SPINE


@pytest.mark.parametrize("name", sorted(SPIDERS))
class TestEverySpider:
    def test_metadata_is_complete(self, name):
        meta = SPIDERS[name].source
        assert meta.name == name
        assert meta.entry_urls and all(u.startswith("https://") for u in meta.entry_urls)
        assert meta.publisher.country and meta.licence.attribution and meta.languages
        assert meta.expected_announcements.min <= meta.expected_announcements.max

    def test_metadata_facts_are_consistent(self, name):
        meta = SPIDERS[name].source
        assert meta.publisher.country in {"JP", "US", "GB", "EU"}  # the jurisdiction
        assert meta.publisher.short and meta.publisher.url.startswith("https://")
        assert meta.licence.url.startswith("https://") and meta.licence.name
        assert meta.date_formats, "say how the source writes dates"
        for url in meta.entry_urls:  # an entry outside allowed_domains would be dropped
            assert urlparse(url).hostname in meta.allowed_domains, url

    def test_has_saved_pages(self, name, latest_snapshot):
        for url in SPIDERS[name].source.entry_urls:
            assert url in latest_snapshot, f"no saved page for {url}"

    def test_extracts_every_field_from_each_saved_page(self, name, latest_snapshot):
        _, items = crawl_offline(name, latest_snapshot)
        # list spiders yield list editions (tests/test_lists_spiders.py), not announcements
        items = [i for i in items if isinstance(i, dict) and i.get("kind") != "list_edition"]
        bounds = SPIDERS[name].source.expected_announcements
        assert bounds.min <= len(items) <= bounds.max
        for item in items:
            assert set(REQUIRED_FIELDS) <= set(item)
            assert item["source"] == name
            assert item["lang"] in SPIDERS[name].source.languages
            assert item["title"].strip() and len(item["text"]) > 50
            datetime.strptime(item["published"], "%Y-%m-%d")
            assert item["published"] <= item["fetched_at"][:10]

    def test_survives_an_http_error(self, name):
        spider = make_spider(name)
        request = Request(spider.entry_urls[0], meta={"entry": True})
        failure = Failure(ConnectionRefusedError("connection refused"))
        failure.request = request
        spider.failed(failure)
        assert spider.errors and "ConnectionRefusedError" in spider.errors[0]
        assert spider.crawler.stats.get_value("regwatch/failed_entries") == 1

    def test_changed_layout_raises_instead_of_yielding_nothing(self, name, latest_snapshot):
        spider = make_spider(name)
        url = spider.entry_urls[0]
        empty = HtmlResponse(
            url, body=b"<html><body><p>maintenance</p></body></html>", request=Request(url)
        )
        if name in {"meti_news_en", "mofa_press_en"}:
            # Their listings are plain repeated items: an empty listing is legal, and the
            # runner's expected-count bounds flag it.
            assert list(spider.parse(empty)) == []
        else:
            with pytest.raises(LayoutError):
                list(spider.parse(empty))


def test_meti_fiscal_year_paths_give_the_calendar_date(latest_snapshot):
    _, items = crawl_offline("meti_news_ja", latest_snapshot)
    by_url = {i["url"]: i for i in items}
    march = by_url["https://www.meti.go.jp/press/2021/03/20220311001/20220311001.html"]
    assert march["published"] == "2022-03-11"  # filed under FY2021
    assert any(a["url"].endswith(".pdf") for a in march["attachments"])


def test_mofa_yearless_listing_dates_take_the_year_of_the_fetch(latest_snapshot):
    _, items = crawl_offline("mofa_press_ja", latest_snapshot)
    assert items and all(i["published"].startswith("2022-") for i in items)
    g7 = [i for i in items if "G7" in i["title"]]
    assert g7 and g7[0]["published"] == "2022-05-09"


def test_mofa_listing_skips_links_that_are_not_releases(latest_snapshot):
    requests, _ = crawl_offline("mofa_press_ja", latest_snapshot)
    assert requests and all("/press/release/pressit_" in r.url for r in requests)


def test_russia_page_is_dated_by_its_last_update(snapshot_index):
    _, items = crawl_offline("meti_russia", snapshot_index["2022-05-13"])
    (page,) = items
    assert page["published"] == "2022-05-13"
    assert "201" in page["text"]


def test_headings_are_marked_in_text(latest_snapshot):
    _, items = crawl_offline("meti_news_ja", latest_snapshot)
    release = next(i for i in items if i["url"].endswith("20220311001.html"))
    assert "\n# " in release["text"] or release["text"].startswith("# ")


def test_metadata_rejects_unknown_keys(tmp_path):
    path = tmp_path / "bad_source.yml"
    source = SPIDERS["meti_news_ja"].source
    path.write_text(
        f"name: bad_source\ntitle: x\npublisher: {{name: a, short: b, country: JP, url: u}}\n"
        f"licence: {{name: a, url: u, attribution: c}}\nlanguages: [ja]\n"
        f"entry_urls: [{source.entry_urls[0]}]\nallowed_domains: [x]\ndate_formats: [x]\n"
        f"expected_announcements: {{min: 1, max: 2}}\nentry_url: typo\n",
        encoding="utf-8",
    )
    with pytest.raises(MetadataError, match="unknown keys"):
        load_metadata(path)


def test_fetch_time_is_utc(latest_snapshot):
    _, items = crawl_offline("meti_news_en", latest_snapshot)
    assert all(i["fetched_at"].endswith("Z") for i in items)
    assert datetime.fromisoformat(items[0]["fetched_at"].replace("Z", "+00:00")).tzinfo == UTC
