"""Council of the EU press releases about Russia.

The listing groups items under date headings (`h2.gsc-excerpt-list__item-date`,
`15 March 2022`); an item (`li.gsc-excerpt-item`) shows only the time
(`time.gsc-date__date`, `19:50`, Brussels time), so its date is the heading above it. A
release page opens `Council of the EU` / `Press release` / `15 March 2022 19:50`. The site's
bot challenge ("Just a moment") is refused by BotBlockMiddleware, never parsed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawlers.base import SourceSpider
from crawlers.html import LayoutError, inline_text, select_first, select_one
from crawlers.pages import dated_page
from normalize.dates import parse_date

RELEASE_URL = re.compile(r"/press/press-releases/\d{4}/\d{2}/\d{2}/[\w-]+/?$")
HEADING = "h2.gsc-excerpt-list__item-date"


class EuCouncil(SourceSpider):
    def parse(self, response):
        items = response.css("li.gsc-excerpt-item")
        if not items and not response.css(HEADING):
            raise LayoutError(f"no press-release list at {response.url}")
        for item in items:
            heading = item.xpath(
                "preceding::h2[contains(concat(' ', normalize-space(@class), ' '),"
                " ' gsc-excerpt-list__item-date ')][1]"
            )
            if not heading:
                raise LayoutError(f"item without a date heading at {response.url}")
            listed = parse_date(inline_text(heading[0]))
            link = select_one(item, "a.gsc-excerpt-item__title", response.url)
            url = urljoin(response.url, link.attrib["href"])
            if RELEASE_URL.search(url):
                yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        body = select_first(response, ["main", "div#main-content"], response.url)
        item = dated_page(self, response, body, listed, head=200)
        if item["published"] != listed:
            self.logger.warning(
                "listing date %s differs from page date %s", listed, item["published"]
            )
        yield item
