"""Guards between the network and the spiders: a response that is not the page it claims to be
never reaches a parser.

`PageGuardMiddleware` (a downloader middleware, after the archive so the bad page is still
kept as evidence) refuses:

- a body cut short (Scrapy's "dataloss" flag, or a replayed record shorter than its
  Content-Length);
- an HTML page larger than REGWATCH_MAX_PAGE_SIZE (no government release page is anywhere
  near it; a page that is would bloat the corpus and every feed), and any response larger
  than DOWNLOAD_MAXSIZE, which Scrapy enforces on the network but not on replayed archives;
- a body that does not decode in the charset it is read with (after crawlers/encoding.py has
  settled a header/<meta> disagreement): a Shift_JIS page labelled UTF-8, a UTF-16 file, a
  binary answer. It is refused rather than read as mojibake, which would rename every
  measure it touches; a handful of stray bytes is tolerated and read as U+FFFD.

Each refusal raises a `PageRefused`, which reaches the request's errback like any failed
download: the source is marked failed (an entry page) or partial (a release page), and
nothing already in the corpus is touched.

`SpiderErrorRecorder` (an extension) records each exception a spider callback or an item
pipeline raises (`LayoutError` when a selector finds nothing) on `spider.errors`, so a
release says what broke, not just that something did. Signals are per crawler, unlike
Scrapy's log counts, which count every crawler of the process.
"""

from __future__ import annotations

import codecs
import re

from scrapy import signals
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Request, Response, TextResponse
from twisted.internet.defer import CancelledError

DEFAULT_MAX_PAGE_SIZE = 5 * 1024 * 1024
# Stray bytes (a cp1252 quote pasted into a UTF-8 page) are read as U+FFFD; a page in another
# charset has hundreds of them (every Japanese character of a Shift_JIS page).
STRAY_BYTES = 16
STRAY_RATIO = 0.005


class PageRefused(IgnoreRequest):
    """The response is not a page a spider may read."""


class TruncatedPage(PageRefused):
    pass


class PageTooLarge(PageRefused):
    pass


class WrongCharset(PageRefused):
    pass


class _Invalid:
    """Counts the byte sequences a codec could not decode."""

    count = 0

    @classmethod
    def handler(cls, error: UnicodeDecodeError) -> tuple[str, int]:
        cls.count += 1
        return "\ufffd", error.end


codecs.register_error("regwatch-count", _Invalid.handler)


def invalid_sequences(body: bytes, encoding: str) -> int:
    """How many byte sequences of `body` do not decode under `encoding`."""
    before = _Invalid.count
    try:
        body.decode(encoding, "regwatch-count")
    except LookupError:
        return len(body) or 1  # an unknown charset decodes nothing
    return _Invalid.count - before


def decodes(body: bytes, encoding: str) -> bool:
    # NUL never occurs in an HTML page in an ASCII-compatible charset: such a body is UTF-16
    # or binary, whatever it declares.
    if b"\x00" in body and not encoding.startswith(("utf-16", "utf-32")):
        return False
    limit = max(STRAY_BYTES, int(len(body) * STRAY_RATIO))
    return invalid_sequences(body, encoding) <= limit


class PageGuardMiddleware:
    def __init__(self, stats, max_page_size: int, maxsize: int):
        self.stats = stats
        self.max_page_size = max_page_size
        self.maxsize = maxsize

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        return cls(
            crawler.stats,
            settings.getint("REGWATCH_MAX_PAGE_SIZE", DEFAULT_MAX_PAGE_SIZE),
            settings.getint("DOWNLOAD_MAXSIZE"),
        )

    def _refuse(self, error: PageRefused) -> PageRefused:
        self.stats.inc_value(f"regwatch/refused/{type(error).__name__}")
        return error

    def process_response(self, request: Request, response: Response, spider=None):
        url, size = response.url, len(response.body)
        declared_length = response.headers.get(b"Content-Length")
        # Only a 200 carries the whole entity: a 304 or a HEAD answer states its size without it.
        if "dataloss" in response.flags or (
            response.status == 200
            and request.method != "HEAD"
            and declared_length is not None
            and declared_length.isdigit()
            and int(declared_length) > size
        ):
            raise self._refuse(TruncatedPage(f"truncated body ({size} bytes received) at {url}"))
        if self.maxsize and size > self.maxsize:
            raise self._refuse(
                PageTooLarge(f"{size} bytes, over DOWNLOAD_MAXSIZE ({self.maxsize}) at {url}")
            )
        if isinstance(response, HtmlResponse) and size > self.max_page_size:
            raise self._refuse(
                PageTooLarge(
                    f"HTML page of {size} bytes, over REGWATCH_MAX_PAGE_SIZE "
                    f"({self.max_page_size}) at {url}"
                )
            )
        if isinstance(response, TextResponse) and response.status == 200 and size:
            return self._check_charset(response)
        return response

    def _check_charset(self, response: TextResponse) -> Response:
        encoding = response.encoding
        if not decodes(response.body, encoding):
            bad = invalid_sequences(response.body, encoding)
            nul = ", NUL bytes" if b"\x00" in response.body else ""
            raise self._refuse(
                WrongCharset(
                    f"body is not {encoding} as declared ({bad} undecodable sequences{nul}) "
                    f"at {response.url}"
                )
            )
        return response

    def process_exception(self, request: Request, exception: Exception, spider=None):
        # Scrapy cancels a download that outgrows DOWNLOAD_MAXSIZE; without a Content-Length
        # the cancellation carries no message, so name the likely cause.
        if type(exception) is CancelledError and not str(exception):
            raise self._refuse(
                PageTooLarge(
                    f"download cancelled: over DOWNLOAD_MAXSIZE ({self.maxsize}) "
                    f"or the crawl was stopped, at {request.url}"
                )
            )
        return None


_SPACES = re.compile(r"\s+")


class SpiderErrorRecorder:
    @classmethod
    def from_crawler(cls, crawler):
        ext = cls()
        crawler.signals.connect(ext.spider_error, signal=signals.spider_error)
        crawler.signals.connect(ext.item_error, signal=signals.item_error)
        ext.stats = crawler.stats
        return ext

    def spider_error(self, failure, response, spider) -> None:
        errors = getattr(spider, "errors", None)
        if errors is None:
            return
        message = _SPACES.sub(" ", failure.getErrorMessage()).strip()[:300]
        errors.append(f"{failure.type.__name__}: {message} ({response.url})")

    def item_error(self, item, response, spider, failure) -> None:
        self.stats.inc_value("regwatch/item_errors")
        self.spider_error(failure, response, spider)
