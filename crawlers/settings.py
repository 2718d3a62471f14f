"""Scrapy settings: politeness, archiving and replay are configured here and nowhere else."""

from __future__ import annotations

import os

USER_AGENT = os.environ.get(
    "REGWATCH_USER_AGENT",
    "regwatch/0.1 (+https://github.com/regwatch/regwatch; regulatory change tracker)",
)

SETTINGS: dict = {
    "BOT_NAME": "regwatch",
    "USER_AGENT": USER_AGENT,
    "ROBOTSTXT_OBEY": True,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 1.0,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 1.0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 1,
    "DOWNLOAD_DELAY": 1.0,
    "DOWNLOAD_TIMEOUT": 60,
    "RETRY_ENABLED": True,
    "RETRY_TIMES": 2,
    "DOWNLOAD_MAXSIZE": 20 * 1024 * 1024,
    "DOWNLOADER_MIDDLEWARES": {
        # Replay stands where the network would: robots.txt, retries and redirects above it
        # behave exactly as live; every response, replayed or not, reaches the archive.
        "crawlers.middlewares.ReplayMiddleware": 920,
        # Lower number = nearer the engine: bot-block checks run after archiving,
        # so even a block page is kept as evidence.
        "crawlers.middlewares.BotBlockMiddleware": 540,
        "crawlers.middlewares.ArchiveMiddleware": 950,
    },
    "ITEM_PIPELINES": {"crawlers.pipelines.AnnouncementWriter": 300},
    "LOG_LEVEL": "INFO",
    "TELNETCONSOLE_ENABLED": False,
    "FEED_EXPORT_ENCODING": "utf-8",
}

# Replay is local and instant: no throttling, no robots.txt round trips beyond the archive.
REPLAY_OVERRIDES: dict = {
    "AUTOTHROTTLE_ENABLED": False,
    "DOWNLOAD_DELAY": 0,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "RETRY_ENABLED": False,
}
