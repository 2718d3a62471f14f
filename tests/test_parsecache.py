"""A page the spider read before, byte for byte, is not parsed again (crawlers/parsecache.py)."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from crawlers import parsecache
from crawlers.middlewares import FETCHED_AT
from crawlers.registry import all_spiders

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "data/demo/pages/www.meti.go.jp/press/2022/04/20220401004/20220401004.html"
URL = "https://www.meti.go.jp/press/2022/04/20220401004/20220401004.html"


@pytest.fixture
def spider():
    parsecache.clear()
    cls = all_spiders()["meti_news_ja"]
    yield cls.from_crawler(get_crawler(cls))
    parsecache.clear()


def response(body: bytes, fetched: datetime, url: str = URL) -> HtmlResponse:
    request = Request(url, meta={FETCHED_AT: fetched})
    return HtmlResponse(url, body=body, request=request, headers={"Content-Type": "text/html"})


def parse(spider, resp, listed="2022-04-01"):
    return list(spider.parse_item(resp, listed=listed))


def test_the_same_bytes_in_a_later_crawl_are_not_parsed_again(spider):
    body = PAGE.read_bytes()
    first = parse(spider, response(body, datetime(2022, 4, 2, tzinfo=UTC)))
    second = parse(spider, response(body, datetime(2022, 4, 9, tzinfo=UTC)))
    assert parsecache.stats["misses"] == 1 and parsecache.stats["hits"] == 1
    # The copy is the page's announcement, stamped with the crawl that fetched it this time.
    assert second[0]["fetched_at"] == "2022-04-09T00:00:00Z"
    assert first[0]["fetched_at"] == "2022-04-02T00:00:00Z"
    assert {**second[0], "fetched_at": None} == {**first[0], "fetched_at": None}
    # Items handed out are copies: a pipeline changing one cannot change the cache.
    second[0]["attachments"].append({"url": "x", "title": "x"})
    third = parse(spider, response(body, datetime(2022, 4, 16, tzinfo=UTC)))
    assert third[0]["attachments"] == first[0]["attachments"]


def test_a_changed_page_or_other_arguments_are_parsed_again(spider):
    body = PAGE.read_bytes()
    parse(spider, response(body, datetime(2022, 4, 2, tzinfo=UTC)))
    revised = body.replace("経済産業省".encode(), "経済産業省（訂正）".encode(), 1)
    assert revised != body
    changed = parse(spider, response(revised, datetime(2022, 4, 9, tzinfo=UTC)))
    parse(spider, response(body, datetime(2022, 4, 9, tzinfo=UTC)), listed="2022-04-02")
    other = URL.replace("20220401004", "20220401005")
    parse(spider, response(body, datetime(2022, 4, 9, tzinfo=UTC), url=other))
    assert parsecache.stats["misses"] == 4 and parsecache.stats["hits"] == 0
    assert (
        changed[0]["raw_sha256"]
        != parse(spider, response(body, datetime.now(UTC)))[0]["raw_sha256"]
    )


class Reader:
    """The least a cached callback needs of its spider: the fetch-time counter and stamp."""

    fetch_time_asked = 0

    def fetched_stamp(self, resp):
        return resp.meta[FETCHED_AT].strftime("%Y-%m-%dT%H:%M:%SZ")


def test_a_parse_that_reads_the_fetch_time_is_not_cached():
    parsecache.clear()

    def parse_item(self, resp):
        self.fetch_time_asked += 1  # as SourceSpider.fetched_date does
        yield {"year": resp.meta[FETCHED_AT].year}

    cached = parsecache.cached(parse_item)
    reader = Reader()
    body = PAGE.read_bytes()
    years = [
        list(cached(reader, response(body, datetime(year, 1, 5, tzinfo=UTC))))[0]["year"]
        for year in (2022, 2023)
    ]
    assert years == [2022, 2023]
    assert parsecache.stats["uncacheable"] == 2 and parsecache.stats["hits"] == 0


def test_a_parse_that_fails_is_not_cached():
    parsecache.clear()
    calls = []

    def parse_item(self, resp):
        calls.append(resp.url)
        raise ValueError("layout changed")
        yield  # a generator, as callbacks are

    cached = parsecache.cached(parse_item)
    for _ in range(2):
        with pytest.raises(ValueError):
            list(cached(Reader(), response(PAGE.read_bytes(), datetime.now(UTC))))
    assert len(calls) == 2


def test_a_live_run_parses_only_pages_new_or_changed_since_the_last_crawl(tmp_path):
    """Two runs, each its own crawler process (as `regwatch run` twice), every page asked
    again: the second parses none of the release pages it parsed the first time."""
    from test_recheck import crawl_twice

    first, second = crawl_twice(tmp_path, {"REGWATCH_RECHECK_AFTER": 0})
    assert second["not_modified"] == second["requests"]  # every page fetched (confirmed) again
    assert second["announcements"] == first["announcements"]
    for name, source in first["status"]["sources"].items():
        again = second["status"]["sources"][name]
        assert source["parses_reused"] == 0 and source["announcements"] > 0
        assert again["parses_reused"] == again["announcements"] == source["announcements"]
    stored = list((tmp_path / "state" / "parsecache").glob("*.json"))
    assert sorted(p.name for p in stored) == ["meti_news_ja.json", "mofa_press_en.json"]


def test_a_change_of_the_parsing_code_parses_again(spider, tmp_path, monkeypatch):
    import normalize.provenance

    spider.parse_store = parsecache.Store(tmp_path / "meti_news_ja.json")
    body = PAGE.read_bytes()
    parse(spider, response(body, datetime(2022, 4, 2, tzinfo=UTC)))
    spider.parse_store.save()
    parsecache.clear()  # another process: only the file remembers
    spider.parse_store = parsecache.Store(tmp_path / "meti_news_ja.json")
    parse(spider, response(body, datetime(2022, 4, 9, tzinfo=UTC)))
    assert parsecache.stats["hits"] == 1
    parsecache.clear()
    monkeypatch.setattr(normalize.provenance, "parser_fingerprint", lambda: "other code")
    spider.parse_store = parsecache.Store(tmp_path / "meti_news_ja.json")
    parse(spider, response(body, datetime(2022, 4, 16, tzinfo=UTC)))
    assert parsecache.stats["hits"] == 0 and parsecache.stats["misses"] == 1
