"""The Prime Minister's Office of Japan in English: diplomatic pages, where G7 and bilateral
leaders' statements are kept (`/{cabinet}/diplomatic/YYYYMM/….html`, date line
`May 8, 2022`, Japanese originals marked `[Provisional translation]`).

The path starts with the cabinet (`101_kishida`), so a new cabinet means a new listing URL:
the entry URL in kantei_en.yml is the one place to change. Listing layout [assumed]:
`ul.news-list > li` with `span.date` and a link.
"""

from __future__ import annotations

import re

from crawlers.base import SourceSpider
from crawlers.html import select_first, select_one
from crawlers.pages import dated_links, dated_page

DIPLOMATIC = re.compile(r"/diplomatic/\d{6}/[\w-]+\.html$")


class KanteiEn(SourceSpider):
    def parse(self, response):
        listing = select_one(response, "ul.news-list", response.url)
        yield from dated_links(self, response, listing.css("li"), DIPLOMATIC)

    def parse_item(self, response, listed: str):
        body = select_first(response, ["article", "div#contents", "main"], response.url)
        yield dated_page(self, response, body, listed)
