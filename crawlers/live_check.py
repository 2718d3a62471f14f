"""`make live-check`: one entry page per source, fetched from the real sites, parsed by its
spider. Not part of the test suite (it needs the internet); run it after a layout change is
suspected, or before trusting a new source.

    python -m crawlers.live_check [--source NAME ...]

For each source: robots.txt allows it? HTTP status, size, content type, a bot filter's answer
(METI's 403 / empty 202, a "Just a moment" page), and what the spider's `parse` makes of the
page: how many requests (release pages to follow) and announcements it yields, or the
LayoutError it raises. The User-Agent is the crawler's (REGWATCH_USER_AGENT / REGWATCH_CONTACT).
Exit status 1 when any source is not ok.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit

import scrapy
from scrapy.http import Headers
from scrapy.responsetypes import responsetypes
from scrapy.utils.test import get_crawler

from crawlers.encoding import CharsetMiddleware
from crawlers.middlewares import FETCHED_AT, block_reason
from crawlers.registry import all_spiders
from crawlers.settings import SETTINGS, USER_AGENT

TIMEOUT = 30
PAUSE = 1.0  # between two requests to one host


@dataclass
class Check:
    source: str
    url: str
    status: int | None = None
    size: int = 0
    content_type: str = ""
    requests: int = 0
    announcements: int = 0
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def line(self) -> str:
        verdict = "ok" if self.ok else f"FAIL {self.problem}"
        return (
            f"{self.source:24} {self.status or '-':>4} {self.size:>8} B "
            f"{self.requests:>4} links {self.announcements:>4} announcements  {verdict}"
        )


_robots: dict[str, urllib.robotparser.RobotFileParser] = {}
_last_hit: dict[str, float] = {}


def _get(url: str) -> tuple[int, dict[str, str], bytes]:
    host = urlsplit(url).netloc
    wait = _last_hit.get(host, 0) + PAUSE - time.monotonic()
    if wait > 0:
        time.sleep(wait)
    _last_hit[host] = time.monotonic()
    headers = {**SETTINGS["DEFAULT_REQUEST_HEADERS"], "User-Agent": USER_AGENT}
    request = urllib.request.Request(url, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:  # noqa: S310 (https URLs from metadata)
            return answer.status, dict(answer.headers.items()), answer.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers.items()), error.read()


def allowed(url: str) -> bool:
    parts = urlsplit(url)
    root = f"{parts.scheme}://{parts.netloc}"
    if root not in _robots:
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        status, _headers, body = _get(root + "/robots.txt")
        if status >= 400:
            parser.allow_all = True  # no robots.txt: everything is allowed
        else:
            parser.parse(body.decode("utf-8", "replace").splitlines())
        _robots[root] = parser
    return _robots[root].can_fetch(USER_AGENT, url)


def check(name: str, url: str | None = None) -> Check:
    cls = all_spiders()[name]
    url = url or cls.source.entry_urls[0]
    result = Check(name, url)
    try:
        if not allowed(url):
            result.problem = "robots.txt disallows it"
            return result
        status, headers, body = _get(url)
    except OSError as error:  # DNS, refused, timeout, TLS
        result.problem = f"{type(error).__name__}: {error}"
        return result
    result.status, result.size = status, len(body)
    result.content_type = headers.get("Content-Type", "")
    scrapy_headers = Headers(headers)
    response_cls = responsetypes.from_args(headers=scrapy_headers, url=url, body=body)
    request = scrapy.Request(url, meta={FETCHED_AT: datetime.now(UTC)})
    response = response_cls(url, status=status, headers=scrapy_headers, body=body, request=request)
    response = CharsetMiddleware().process_response(request, response)
    reason = block_reason(response)
    if reason is not None:
        result.problem = reason
        return result
    if status != 200:
        result.problem = f"HTTP {status}"
        return result
    spider = cls.from_crawler(get_crawler(cls), entry_urls=url)
    try:
        for out in spider.parse(response):
            if isinstance(out, scrapy.Request):
                result.requests += 1
            else:
                result.announcements += 1
    except Exception as error:  # the point is to report a layout change, whatever it raises
        result.problem = f"{type(error).__name__}: {error}"
        return result
    if result.requests + result.announcements == 0:
        result.problem = "the spider found nothing on the page"
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", action="append", help="only this source (repeatable)")
    args = parser.parse_args(argv)
    names = args.source or list(all_spiders())
    print(f"User-Agent: {USER_AGENT}")
    results = [check(name) for name in names]
    for result in results:
        print(result.line())
        if not result.ok:
            print(f"{'':24} {result.url}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
