"""What every source spider shares: metadata, entry requests, failure accounting, the item shape."""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin, urlparse

import scrapy
from scrapy import signals
from scrapy.http import Response

from crawlers import parsecache
from crawlers.metadata import SourceMeta, load_metadata
from crawlers.middlewares import FETCHED_AT

REQUIRED_FIELDS = (
    "source",
    "url",
    "lang",
    "title",
    "published",
    "text",
    "attachments",
    "fetched_at",
)


class SourceSpider(scrapy.Spider):
    """A spider for one source. Subclasses implement `parse` (the listing) and
    `parse_item` (one release page → one announcement); they only yield."""

    source: SourceMeta

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        module_file = Path(__import__(cls.__module__, fromlist=["_"]).__file__)
        cls.source = load_metadata(module_file.with_suffix(".yml"))
        cls.name = cls.source.name
        cls.allowed_domains = list(cls.source.allowed_domains)
        if "parse_item" in cls.__dict__:
            cls.parse_item = parsecache.cached(cls.parse_item)

    def __init__(self, *args, entry_urls: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.errors: list[str] = []
        # Tests and mirrors point a spider at another host (a local server); its pages use
        # root-relative links, so following them stays on that host.
        self.entry_urls = entry_urls.split(",") if entry_urls else list(self.source.entry_urls)
        if entry_urls:
            self.allowed_domains = sorted({urlparse(u).hostname for u in self.entry_urls})

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        spider = super().from_crawler(crawler, *args, **kwargs)
        folder = crawler.settings.get("REGWATCH_PARSE_CACHE_DIR")
        if folder:  # crawlers/parsecache.py: the pages of the last crawl, parsed
            spider.parse_store = parsecache.Store(Path(folder) / f"{spider.name}.json")
            crawler.signals.connect(spider.parse_store.save, signal=signals.spider_closed)
        return spider

    async def start(self):
        for url in self.entry_urls:
            yield scrapy.Request(
                url, callback=self.parse, errback=self.failed, meta={"entry": True}
            )

    def follow(self, response: Response, href: str, **cb_kwargs) -> scrapy.Request:
        """A release page. Unlike a listing, it may be taken from the HTTP cache while the site
        declares the stored copy fresh (settings.py: REGWATCH_RECHECK_AFTER)."""
        settings = getattr(self, "settings", None)
        recheck = settings.getint("REGWATCH_RECHECK_AFTER") if settings else 0
        return scrapy.Request(
            urljoin(response.url, href),
            callback=self.parse_item,
            errback=self.failed,
            cb_kwargs=cb_kwargs,
            headers={"Cache-Control": f"max-age={max(0, recheck)}"},
        )

    def failed(self, failure) -> None:
        request = getattr(failure, "request", None)
        url = request.url if request is not None else "?"
        response = getattr(failure.value, "response", None)
        if response is not None:
            message = f"HTTP {response.status} ({url})"
        else:
            message = f"{failure.type.__name__}: {failure.getErrorMessage()} ({url})"
        self.errors.append(message)
        self.crawler.stats.inc_value("regwatch/failed_requests")
        if request is not None and request.meta.get("entry"):
            self.crawler.stats.inc_value("regwatch/failed_entries")
        self.logger.warning("request failed: %s", message)

    # How often a parse asked for the fetch time; a counter, not a flag, because Scrapy can
    # interleave the spider's callbacks: another callback's ask only makes a parse uncached.
    fetch_time_asked = 0

    def fetched_at(self, response: Response) -> datetime:
        # What a page's parse reads of the crawl, beyond the page, decides whether the parse
        # can be reused on the same bytes in another crawl (crawlers/parsecache.py).
        self.fetch_time_asked += 1
        return _fetched_at(response)

    def fetched_date(self, response: Response) -> date:
        return self.fetched_at(response).astimezone(UTC).date()

    @staticmethod
    def fetched_stamp(response: Response) -> str:
        """The `fetched_at` field of an announcement made from `response`."""
        return _fetched_at(response).astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    def announcement(
        self,
        response: Response,
        *,
        title: str,
        published: date,
        text: str,
        attachments: list[dict[str, str]],
        lang: str | None = None,
        url: str | None = None,
    ) -> dict:
        """One announcement. `url` defaults to the response's; a source whose announcements
        are entries of one page or records of an API names each one's own URL."""
        if lang is None:
            (lang,) = self.source.languages
        if not title or not text:
            raise ValueError(f"empty title or text at {response.url}")
        return {
            "source": self.name,
            "url": url or response.url,
            "lang": lang,
            "title": title,
            "published": published.isoformat(),
            "text": text,
            "attachments": attachments,
            "fetched_at": self.fetched_stamp(response),
            # Identifies the raw input, so a changed record can say whether its source changed.
            "raw_sha256": hashlib.sha256(response.body).hexdigest(),
        }


def _fetched_at(response: Response) -> datetime:
    return response.meta.get(FETCHED_AT) or datetime.now(UTC)


def attachment_links(response: Response, links) -> list[dict[str, str]]:
    out = []
    for link in links:
        href = link.attrib.get("href")
        if not href:
            continue
        url = urljoin(response.url, href)
        if url.lower().endswith((".pdf", ".xlsx", ".xls", ".csv", ".docx", ".zip")):
            title = " ".join(" ".join(link.css("::text").getall()).split())
            out.append({"url": url, "title": title})
    return out
