"""METI news releases in English: fewer than the Japanese ones, and days later."""

from __future__ import annotations

import re
from urllib.parse import urljoin

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import element_text, inline_text, select_first
from normalize.dates import find_dates, parse_date

# /english/press/{FY}/{MMDD}_{NNN}.html (older releases: 2-digit serial)
RELEASE_URL = re.compile(r"/english/press/\d{4}/\d{4}_\d{2,3}\.html$")


class MetiNewsEn(SourceSpider):
    def parse(self, response):
        items = response.css("dl.date_sp")
        if not items:
            self.logger.warning("no listing items at %s", response.url)
        for item in items:
            listed = parse_date(inline_text(item.css("dt")))
            for link in item.css("dd a"):
                url = urljoin(response.url, link.attrib["href"])
                if RELEASE_URL.search(url):
                    yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        body = select_first(response, ["div#MainContents", "div.main", "div#main"], response.url)
        title = inline_text(select_first(response, ["div#MainContents h1", "h1"], response.url))
        text = element_text(body)
        # The page's own date line is the authority; the listing date is the fallback.
        page_dates = [m.value for m in find_dates(text[:400])]
        published = page_dates[0] if page_dates else parse_date(listed)
        yield self.announcement(
            response,
            title=title,
            published=published,
            text=text,
            attachments=attachment_links(response, body.css("a")),
        )
