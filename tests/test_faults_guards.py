"""crawlers/guards.py on single responses: what is refused, what passes, and the message."""

from __future__ import annotations

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.test import get_crawler
from twisted.internet.defer import CancelledError
from twisted.python.failure import Failure

from crawlers.base import SourceSpider
from crawlers.guards import (
    PageGuardMiddleware,
    PageTooLarge,
    SpiderErrorRecorder,
    TruncatedPage,
    WrongCharset,
)
from crawlers.html import LayoutError
from crawlers.registry import all_spiders

URL = "https://www.meti.go.jp/press/index.html"
JA = "<html><head><meta charset='{}'></head><body><h1>経済産業省</h1><p>{}</p></body></html>"
TEXT = "ロシア向けの奢侈品の輸出を禁止します。" * 40


@pytest.fixture()
def guard():
    crawler = get_crawler(
        settings_dict={"DOWNLOAD_MAXSIZE": 1_000_000, "REGWATCH_MAX_PAGE_SIZE": 100_000}
    )
    return PageGuardMiddleware.from_crawler(crawler)


def html(body: bytes, charset: str = "UTF-8", status: int = 200, **headers) -> HtmlResponse:
    return HtmlResponse(
        URL,
        status=status,
        body=body,
        headers={"Content-Type": f"text/html; charset={charset}", **headers},
        request=Request(URL),
    )


def test_a_good_page_passes_untouched(guard):
    page = html(JA.format("UTF-8", TEXT).encode())
    assert guard.process_response(page.request, page) is page


def test_a_properly_labelled_shift_jis_page_passes(guard):
    page = html(JA.format("Shift_JIS", TEXT).encode("cp932"), charset="Shift_JIS")
    assert guard.process_response(page.request, page) is page


def test_a_few_stray_bytes_pass_as_replacement_characters(guard):
    page = html(JA.format("UTF-8", TEXT).encode().replace("。".encode(), b"\x93", 3))
    assert guard.process_response(page.request, page) is page


@pytest.mark.parametrize(
    "body",
    [
        JA.format("UTF-8", TEXT).encode("cp932"),  # Shift_JIS behind a UTF-8 label
        JA.format("UTF-8", "Export ban").encode("utf-16-le"),  # NUL bytes
    ],
    ids=["shift_jis-labelled-utf8", "utf16-labelled-utf8"],
)
def test_a_body_not_in_its_declared_charset_is_refused(guard, body):
    page = html(body)
    with pytest.raises(WrongCharset, match=r"body is not utf-8 as declared \(\d+ undecodable"):
        guard.process_response(page.request, page)


def test_a_body_shorter_than_its_content_length_is_refused(guard):
    page = html(b"<html><body>cut", **{"Content-Length": "5000"})
    with pytest.raises(TruncatedPage, match="truncated body"):
        guard.process_response(page.request, page)
    # A 304 states the size of what it does not send.
    not_modified = html(b"", status=304, **{"Content-Length": "5000"})
    assert guard.process_response(not_modified.request, not_modified) is not_modified


def test_size_limits(guard):
    page = html(b"<html><body>" + b"x" * 200_000 + b"</body></html>")
    with pytest.raises(PageTooLarge, match="over REGWATCH_MAX_PAGE_SIZE"):
        guard.process_response(page.request, page)
    pdf = Response(URL, body=b"%PDF" + b"x" * 200_000, request=Request(URL))
    assert guard.process_response(pdf.request, pdf) is pdf  # only HTML pages are held to it
    huge = Response(URL, body=b"x" * 1_000_001, request=Request(URL))  # e.g. replayed
    with pytest.raises(PageTooLarge, match=r"over DOWNLOAD_MAXSIZE \(1000000\)"):
        guard.process_response(huge.request, huge)
    with pytest.raises(PageTooLarge, match="download cancelled: over DOWNLOAD_MAXSIZE"):
        guard.process_exception(Request(URL), CancelledError())


def test_a_plain_text_answer_is_checked_too(guard):
    text = TextResponse(
        URL, body="名簿".encode("cp932") * 100, encoding="utf-8", request=Request(URL)
    )
    with pytest.raises(WrongCharset):
        guard.process_response(text.request, text)


def test_spider_exceptions_are_named_on_the_source():
    cls = all_spiders()["meti_news_ja"]
    crawler = get_crawler(cls)
    spider: SourceSpider = cls.from_crawler(crawler)
    recorder = SpiderErrorRecorder.from_crawler(crawler)
    failure = Failure(LayoutError("expected exactly one 'dl#release_menulist', found 0"))
    recorder.spider_error(failure, html(b"<html></html>"), spider)
    assert spider.errors == [
        f"LayoutError: expected exactly one 'dl#release_menulist', found 0 ({URL})"
    ]
