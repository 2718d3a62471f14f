"""MOFA press releases in Japanese (報道発表). Listing dates carry no year (`9月30日付`)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import element_text, inline_text, select_first, select_one
from normalize.dates import parse_listing_date

RELEASE_URL = re.compile(r"/mofaj/press/release/pressit_\d+_\d+\.html$")


class MofaPressJa(SourceSpider):
    def parse(self, response):
        fetched = self.fetched_date(response)
        listing = select_one(response, "div#pressrelease", response.url)
        for dt in listing.css("dl.title-list > dt.list-title"):
            listed = parse_listing_date(inline_text(dt), fetched)
            dd = dt.xpath("following-sibling::dd[1]")
            for link in dd.css("ul.link-list > li > a"):
                url = urljoin(response.url, link.attrib["href"])
                if RELEASE_URL.search(url):  # some entries link to other sections of the site
                    yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        title = inline_text(
            select_first(response, ["div#contents-header h1.title1", "h1"], response.url)
        )
        body = select_first(response, ["div#maincontents", "div#contents-body"], response.url)
        yield self.announcement(
            response,
            title=title,
            published=date.fromisoformat(listed),
            text=element_text(body),
            attachments=attachment_links(response, body.css("a")),
        )
