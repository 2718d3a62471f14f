"""Scrapy settings: politeness, archiving and replay are configured here and nowhere else."""

from __future__ import annotations

import os

# Whoever runs regwatch should be reachable: REGWATCH_CONTACT (a URL or mailto:) goes into the
# User-Agent; REGWATCH_USER_AGENT replaces the whole string.
CONTACT = os.environ.get("REGWATCH_CONTACT", "https://github.com/regwatch/regwatch")
USER_AGENT = os.environ.get(
    "REGWATCH_USER_AGENT", f"regwatch/0.1 (+{CONTACT}; regulatory change tracker)"
)

SETTINGS: dict = {
    "BOT_NAME": "regwatch",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    # Scrapy starts this many asyncio tasks for the output of every response; pipelines here
    # are synchronous, so 100 (the default) only costs CPU: ~25% of a replay (docs/scale.md).
    "CONCURRENT_ITEMS": 4,
    "DOWNLOAD_DELAY": 1.0,
    "DOWNLOAD_TIMEOUT": 60,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    # crawlers/retry.py: the n-th retry waits BASE · 2^(n-1) seconds, at most MAX.
    "RETRY_BACKOFF_BASE": 10.0,
    "RETRY_BACKOFF_MAX": 120.0,
    # Conditional GET (crawlers/httpcache.py): max-age=0 makes a stored page stale, so the
    # request revalidates with If-None-Match / If-Modified-Since and an unchanged page costs a
    # 304. Listings ask so on every run; release pages accept a stored copy the site itself
    # still declares fresh, for at most REGWATCH_RECHECK_AFTER seconds (SourceSpider.follow).
    # The runner puts HTTPCACHE_DIR under the data folder.
    "DEFAULT_REQUEST_HEADERS": {
        "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        "Accept-Language": "en",
        "Cache-Control": "max-age=0",
    },
    # A site's freshness (Cache-Control max-age, Expires, or a tenth of the time since
    # Last-Modified) spares a release page confirmed within this many seconds another request:
    # polling often, a page is asked about at most once a day; listings every run. 0: always.
    "REGWATCH_RECHECK_AFTER": 86400,
    "HTTPCACHE_ENABLED": True,
    "HTTPCACHE_POLICY": "crawlers.httpcache.RevalidatePolicy",
    "HTTPCACHE_IGNORE_HTTP_CODES": [202, 403, 404, 408, 429, 500, 502, 503, 504],
    "DOWNLOAD_MAXSIZE": 20 * 1024 * 1024,
    "DOWNLOADER_MIDDLEWARES": {
        # Replay stands where the network would: robots.txt, retries and redirects above it
        # behave exactly as live; every response, replayed or not, reaches the archive.
        "crawlers.middlewares.ReplayMiddleware": 920,
        # Lower number = nearer the engine: bot-block checks run after archiving,
        # so even a block page is kept as evidence.
        "crawlers.middlewares.BotBlockMiddleware": 540,
        "crawlers.middlewares.ArchiveMiddleware": 950,
        # The stock cache and retry middlewares, replaced in place (same priorities).
        "scrapy.downloadermiddlewares.httpcache.HttpCacheMiddleware": None,
        "crawlers.httpcache.RevalidatingCacheMiddleware": 900,
        "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
        "crawlers.retry.BackoffRetryMiddleware": 550,
        # Header and <meta> charset disagree: the bytes decide (crawlers/encoding.py).
        "crawlers.encoding.CharsetMiddleware": 560,
        # After the charset is settled: refuse truncated, oversized and undecodable bodies
        # (crawlers/guards.py) before any spider reads them.
        "crawlers.guards.PageGuardMiddleware": 545,
    },
    # Each spider exception (a LayoutError) is named in the source's status.
    "EXTENSIONS": {"crawlers.guards.SpiderErrorRecorder": 500},
    # No release page comes near this; DOWNLOAD_MAXSIZE still caps every download.
    "REGWATCH_MAX_PAGE_SIZE": 5 * 1024 * 1024,
    "ITEM_PIPELINES": {
        "crawlers.list_documents.ListEditionWriter": 290,
        "crawlers.pipelines.AnnouncementWriter": 300,
    },
    "LOG_LEVEL": "INFO",
    # No listening sockets from a crawler: Scrapy's telnet console and (since 2.19) its
    # remote-control HTTP server are off. The latter also held each spider's close for seconds.
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "FEED_EXPORT_ENCODING": "utf-8",
}

# Replay is local and instant: no throttling, no robots.txt round trips beyond the archive.
REPLAY_OVERRIDES: dict = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_ENABLED": False,
    "HTTPCACHE_ENABLED": False,
}
