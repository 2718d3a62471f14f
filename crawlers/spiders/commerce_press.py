"""U.S. Department of Commerce press releases (IPEF, and Commerce's own export-control news).

Release pages (`/news/press-releases/YYYY/MM/{slug}`) show the title, `FOR IMMEDIATE
RELEASE`, a weekday date line (`Monday, May 23, 2022`), `Office of Public Affairs`, then the
body. Listing layout [assumed]: one `article` per item with an `h2 a` (title, href) and a
`time[datetime]`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawlers.base import SourceSpider
from crawlers.html import LayoutError, select_first, select_one
from crawlers.pages import dated_page
from normalize.dates import parse_date

RELEASE_URL = re.compile(r"/news/press-releases/\d{4}/\d{2}/[\w-]+$")


class CommercePress(SourceSpider):
    def parse(self, response):
        articles = response.css("main article")
        if not articles:
            raise LayoutError(f"no article in the listing at {response.url}")
        for article in articles:
            link = select_one(article, "h2 a", response.url)
            listed = parse_date(select_one(article, "time", response.url).attrib["datetime"])
            url = urljoin(response.url, link.attrib["href"])
            if RELEASE_URL.search(url):
                yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        article = select_first(response, ["main article", "main"], response.url)
        item = dated_page(self, response, article, listed, head=400)
        if "FOR IMMEDIATE RELEASE" not in item["text"]:
            self.logger.warning("no FOR IMMEDIATE RELEASE line at %s", response.url)
        yield item
