"""Downloader middlewares: replay from WARC, archive to WARC, refuse bot-block answers.

Order matters (see settings.py): replay answers a request before any network access; the
archive middleware then sees every response, replayed or live, so each crawl's WARC holds
the raw pages of its release and a release can always be rebuilt from raw.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Request, Response
from scrapy.http.headers import Headers
from scrapy.responsetypes import responsetypes

from crawlers.warc import ArchivedResponse, WarcWriterFile, read_responses

FETCHED_AT = "regwatch_fetched_at"


class BotBlocked(IgnoreRequest):
    """The site answered with a bot filter instead of content."""


class ReplayMiddleware:
    """Answers every request from WARC archives; a URL the archives lack answers 404."""

    # The spiders of one crawl replay the same archives: the index is read once, not once
    # per spider (the last one is kept; a replay of many crawls moves on to the next).
    _shared: tuple[tuple, dict[str, ArchivedResponse]] | None = None

    def __init__(self, paths: list[str], crawl_time: datetime):
        key = tuple((p, Path(p).stat().st_mtime_ns, Path(p).stat().st_size) for p in paths)
        if ReplayMiddleware._shared is None or ReplayMiddleware._shared[0] != key:
            index: dict[str, ArchivedResponse] = {}
            for path in paths:
                for archived in read_responses(Path(path)):
                    index[archived.url] = archived  # a later record of a URL wins
            ReplayMiddleware._shared = (key, index)
        self.index = ReplayMiddleware._shared[1]
        self.crawl_time = crawl_time

    @classmethod
    def from_crawler(cls, crawler):
        paths = crawler.settings.getlist("REGWATCH_REPLAY")
        if not paths:
            raise NotConfigured
        crawl_time = datetime.fromisoformat(crawler.settings["REGWATCH_CRAWL_TIME"])
        return cls(paths, crawl_time)

    def process_request(self, request: Request, spider=None):
        archived = self.index.get(request.url)
        if archived is None:
            request.meta[FETCHED_AT] = self.crawl_time
            return Response(request.url, status=404, body=b"", request=request)
        request.meta[FETCHED_AT] = archived.date
        headers = Headers(archived.headers)
        cls = responsetypes.from_args(headers=headers, url=archived.url, body=archived.body)
        return cls(
            url=archived.url,
            status=archived.status,
            headers=headers,
            body=archived.body,
            request=request,
            flags=["replayed"],
        )


class ArchiveMiddleware:
    """Writes every response to `{REGWATCH_ARCHIVE_DIR}/{spider}.warc.gz`."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.writer: WarcWriterFile | None = None

    @classmethod
    def from_crawler(cls, crawler):
        directory = crawler.settings.get("REGWATCH_ARCHIVE_DIR")
        if not directory:
            raise NotConfigured
        mw = cls(Path(directory))
        crawler.signals.connect(mw.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(mw.spider_closed, signal=signals.spider_closed)
        return mw

    def spider_opened(self, spider):
        self.writer = WarcWriterFile(self.directory / f"{spider.name}.warc.gz")

    def spider_closed(self, spider):
        if self.writer is not None:
            self.writer.close()

    def process_response(self, request: Request, response: Response, spider=None):
        fetched = request.meta.setdefault(FETCHED_AT, datetime.now(UTC))
        if self.writer is None:
            return response
        # A 304 answers the HTTP cache's revalidation (crawlers/httpcache.py): the page the
        # spider parses is the cached copy the server has just confirmed. That copy is archived
        # again, dated now, so that each crawl's WARC holds every page its release was built
        # from and replays on its own; the record says it was revalidated, not downloaded.
        archived, note = response, None
        cached = request.meta.get("cached_response")
        if response.status == 304 and cached is not None:
            archived, note = cached, "304 Not Modified"
        elif "cached" in response.flags:
            note = "served from cache"
        headers = [
            (k.decode("latin-1"), v.decode("latin-1"))
            for k, values in archived.headers.items()
            for v in values
        ]
        reason = "OK" if archived.status == 200 else ""
        self.writer.write_response(
            archived.url,
            archived.status,
            reason,
            headers,
            archived.body,
            fetched,
            revalidated=note,
        )
        return response


_CHALLENGE = re.compile(rb"<title>\s*(Just a moment|Attention Required|Access denied)", re.I)


def block_reason(response: Response) -> str | None:
    """Why a response is a bot filter's answer rather than content, or None."""
    if response.status == 202 and not response.body.strip():
        return "HTTP 202 with an empty body"
    if response.status in (200, 403, 503) and _CHALLENGE.search(response.body[:4096]):
        return "bot challenge page"
    return None


class BotBlockMiddleware:
    """METI answers unwanted clients with 403 or with 202 and an empty body; Cloudflare-style
    fronts answer a "Just a moment" page with 200 or 503. None of these is content."""

    def __init__(self, stats):
        self.stats = stats

    @classmethod
    def from_crawler(cls, crawler):
        return cls(crawler.stats)

    def process_response(self, request: Request, response: Response, spider=None):
        reason = block_reason(response)
        if reason is None:
            return response
        self.stats.inc_value("regwatch/blocked")
        raise BotBlocked(f"{reason} at {response.url}")
