"""The one place announcements leave the crawler: JSON lines per spider per crawl."""

from __future__ import annotations

import json
from pathlib import Path

from scrapy.exceptions import DropItem, NotConfigured

from crawlers.base import REQUIRED_FIELDS


class AnnouncementWriter:
    def __init__(self, directory: Path, stats):
        self.directory = directory
        self.stats = stats
        self.fh = None
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        directory = crawler.settings.get("REGWATCH_CRAWL_DIR")
        if not directory:
            raise NotConfigured
        return cls(Path(directory), crawler.stats)

    def open_spider(self, spider=None):
        self.directory.mkdir(parents=True, exist_ok=True)

    def _file(self, spider_name: str):
        if self.fh is None:
            self.fh = open(self.directory / f"{spider_name}.jsonl", "a", encoding="utf-8")  # noqa: SIM115 (closed in close_spider)
        return self.fh

    def close_spider(self, spider=None):
        if self.fh is not None:
            self.fh.close()

    def process_item(self, item, spider=None):
        if item.get("kind") == "list_edition":  # written by crawlers.list_documents
            return item
        missing = [k for k in REQUIRED_FIELDS if k not in item]
        if missing:
            raise DropItem(f"announcement without {missing}: {item.get('url')}")
        if item["url"] in self.seen:  # a release linked from two listings
            raise DropItem(f"duplicate announcement {item['url']}")
        self.seen.add(item["url"])
        fh = self._file(item["source"])
        fh.write(json.dumps(dict(item), ensure_ascii=False, sort_keys=True) + "\n")
        fh.flush()
        self.stats.inc_value("regwatch/announcements")
        return item
