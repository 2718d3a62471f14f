"""Pages a spider has already read are not parsed again.

A release page is listed for weeks, so a crawl fetches it again and again (a replay reads
it again from each snapshot; a live crawl has it confirmed by a 304) and its bytes are those
the spider parsed last time. `cached` wraps a spider's page callback (`parse_item`) so that
the same spider class given the same page — URL, status, content type, body and callback
arguments — yields copies of what it yielded before, instead of parsing again.

What is cached must depend on nothing else. The one thing an announcement takes from the
crawl rather than the page is `fetched_at`: it is stamped again from the response at hand.
A callback that asks for the fetch time for any other reason (MOFA's yearless dates take
their year from it) is not cached. A callback that raises, or yields anything but
announcements, is not cached either.

The cache lives in the process (a replay of many crawls runs them in a few processes) and,
between runs, in `{data}/state/parsecache/{spider}.json` (REGWATCH_PARSE_CACHE_DIR): the
pages of the spider's last crawl, keyed as above and by the parser fingerprint (the code
and rules that read pages, normalize.provenance), so a change of the spider's code parses
everything again. A live run then parses only the pages that are new or changed since the
last crawl; pages no longer listed fall out of the file when a crawl no longer asks for them.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
from collections import OrderedDict
from pathlib import Path
from typing import Any

from scrapy.http import Response

from normalize.canonical import write_atomic

# Entries kept per process. A release page stays listed for a few weeks, so the cache only
# needs the pages of the last few crawls; 20,000 announcements are a few tens of MB.
MAX_ENTRIES = 20_000

_entries: OrderedDict[str, list[dict]] = OrderedDict()
stats = {"hits": 0, "misses": 0, "uncacheable": 0}


def page_key(spider_cls: type, response: Response, kwargs: dict[str, Any]) -> str:
    from normalize.provenance import parser_fingerprint

    parts = (
        parser_fingerprint(),
        spider_cls.__module__,
        spider_cls.__qualname__,
        response.url,
        response.status,
        response.headers.get(b"Content-Type"),
        hashlib.sha256(response.body).hexdigest(),
        sorted((k, repr(v)) for k, v in kwargs.items()),
    )
    return hashlib.sha256(repr(parts).encode()).hexdigest()


class Store:
    """A spider's parses kept between runs: loaded when first asked, saved when the spider
    closes with the entries this crawl used (a cache: any failure only means parsing again)."""

    def __init__(self, path: Path):
        self.path = path
        self.loaded: dict[str, list[dict]] | None = None
        self.used: dict[str, list[dict]] = {}

    def get(self, key: str) -> list[dict] | None:
        if self.loaded is None:
            try:
                self.loaded = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.loaded = {}
        hit = self.loaded.get(key)
        if hit is not None:
            self.used[key] = hit
        return hit

    def put(self, key: str, items: list[dict]) -> None:
        self.used[key] = items

    def save(self, *_, **__) -> None:
        if self.used == (self.loaded or {}):
            return
        with contextlib.suppress(OSError):  # unsaved: the next crawl parses them again
            write_atomic(self.path, json.dumps(self.used, ensure_ascii=False))


def cached(callback):
    """Wrap a page callback (a generator of announcements) with the cache."""

    @functools.wraps(callback)
    def wrapper(self, response: Response, **kwargs):
        key = page_key(type(self), response, kwargs)
        store = getattr(self, "parse_store", None)
        hit = _entries.get(key)
        if hit is None and store is not None:
            hit = store.get(key)
        if hit is not None:
            stats["hits"] += 1
            _remember(key, hit, store)
            crawler = getattr(self, "crawler", None)
            if crawler is not None:
                crawler.stats.inc_value("regwatch/parses_reused")
            stamp = self.fetched_stamp(response)
            for item in hit:
                yield {**copy.deepcopy(item), "fetched_at": stamp}
            return
        stats["misses"] += 1
        asked = self.fetch_time_asked
        out = []
        for result in callback(self, response, **kwargs):
            out.append(result)
            yield result
        if self.fetch_time_asked != asked or not all(isinstance(r, dict) for r in out):
            stats["uncacheable"] += 1
            return
        _remember(key, [copy.deepcopy(r) for r in out], store)

    return wrapper


def _remember(key: str, items: list[dict], store: Store | None) -> None:
    """Keep a parse for this process (the least recently used go first) and the next run."""
    _entries[key] = items
    _entries.move_to_end(key)
    if len(_entries) > MAX_ENTRIES:
        _entries.popitem(last=False)
    if store is not None:
        store.put(key, items)


def clear() -> None:
    _entries.clear()
    for name in stats:
        stats[name] = 0
