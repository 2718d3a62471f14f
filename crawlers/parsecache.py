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

The cache lives in the process: a replay of many crawls (rebuild, demo, a synthetic
archive) runs them in a few processes and gains; a live crawl is one process per run, where
parsing a few dozen pages again costs milliseconds.
"""

from __future__ import annotations

import copy
import functools
import hashlib
from collections import OrderedDict
from typing import Any

from scrapy.http import Response

# Entries kept per process. A release page stays listed for a few weeks, so the cache only
# needs the pages of the last few crawls; 20,000 announcements are a few tens of MB.
MAX_ENTRIES = 20_000

_entries: OrderedDict[tuple, list[dict]] = OrderedDict()
stats = {"hits": 0, "misses": 0, "uncacheable": 0}


def page_key(spider_cls: type, response: Response, kwargs: dict[str, Any]) -> tuple:
    return (
        spider_cls.__module__,
        spider_cls.__qualname__,
        response.url,
        response.status,
        response.headers.get(b"Content-Type"),
        hashlib.sha256(response.body).digest(),
        tuple(sorted((k, repr(v)) for k, v in kwargs.items())),
    )


def cached(callback):
    """Wrap a page callback (a generator of announcements) with the cache."""

    @functools.wraps(callback)
    def wrapper(self, response: Response, **kwargs):
        key = page_key(type(self), response, kwargs)
        hit = _entries.get(key)
        if hit is not None:
            stats["hits"] += 1
            _entries.move_to_end(key)
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
        _entries[key] = [copy.deepcopy(r) for r in out]
        if len(_entries) > MAX_ENTRIES:
            _entries.popitem(last=False)

    return wrapper


def clear() -> None:
    _entries.clear()
    for name in stats:
        stats[name] = 0
