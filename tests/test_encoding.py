"""Pages in Shift_JIS, and pages whose HTTP charset contradicts their <meta>, read correctly:
through crawlers.encoding.CharsetMiddleware and a spider, as the engine would pass them."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import HtmlResponse
from scrapy.utils.test import get_crawler

from crawlers.encoding import CharsetMiddleware, resolve_charset
from crawlers.spiders.meti_news_ja import MetiNewsJa

FIXTURES = Path(__file__).parent / "fixtures" / "encoding"
URL = "https://www.meti.go.jp/press/2014/09/20140912001/20140912001.html"
TITLE = "対ロシア輸出に関する措置について"


def served(name: str, content_type: str) -> HtmlResponse:
    response = HtmlResponse(
        URL,
        body=(FIXTURES / name).read_bytes(),
        headers={"Content-Type": content_type},
        request=Request(URL),
    )
    return CharsetMiddleware().process_response(response.request, response)


def announcement(response: HtmlResponse) -> dict:
    spider = MetiNewsJa.from_crawler(get_crawler(MetiNewsJa))
    (item,) = spider.parse_item(response, listed="2014-09-12")
    return item


@pytest.mark.parametrize(
    "name, content_type",
    [
        ("meti_release_shift_jis.html", "text/html"),  # the meta tag decides
        ("meti_release_header_says_utf8.html", "text/html; charset=UTF-8"),  # header is wrong
        ("meti_release_utf8_stale_meta.html", "text/html; charset=UTF-8"),  # meta is wrong
    ],
)
def test_page_decodes_whatever_the_header_says(name, content_type):
    item = announcement(served(name, content_type))
    assert item["title"] == TITLE
    assert "① ロシアの特定の団体向けの武器等の輸出を禁止します。" in item["text"]
    assert "㈱窓口" in item["text"]  # a cp932 (NEC) character, absent from plain Shift_JIS
    assert "\ufffd" not in item["text"]


def test_conflict_is_settled_by_the_bytes():
    sjis = "① 措置".encode("cp932")
    assert resolve_charset("utf-8", "cp932", sjis) == "cp932"
    assert resolve_charset("cp932", "utf-8", "① 措置".encode()) == "utf-8"
    # A single-byte header decodes anything, so it never beats a multi-byte meta that fits.
    assert resolve_charset("cp1252", "cp932", sjis) == "cp932"
    assert resolve_charset("utf-8", "utf-8", sjis) is None  # no conflict: Scrapy's choice stands


def test_header_wins_without_the_middleware_which_is_why_it_exists():
    body = (FIXTURES / "meti_release_header_says_utf8.html").read_bytes()
    raw = HtmlResponse(URL, body=body, headers={"Content-Type": "text/html; charset=UTF-8"})
    assert TITLE not in raw.text
