"""MOFA press releases in English. Listing dates carry no year (`April 14`)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import element_text, inline_text, select_first
from normalize.dates import find_dates, parse_listing_date

RELEASE_URL = re.compile(r"/press/release/(pressite_\d+_\d+|press\d+e_\d+)\.html$")


class MofaPressEn(SourceSpider):
    def parse(self, response):
        fetched = self.fetched_date(response)
        for dt in response.css("dt.list-title"):
            listed = parse_listing_date(inline_text(dt), fetched)
            dd = dt.xpath("following-sibling::dd[1]")
            for link in dd.css("a"):
                url = urljoin(response.url, link.attrib["href"])
                if RELEASE_URL.search(url):
                    yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        body = select_first(response, ["div#maincontents", "div#main", "main"], response.url)
        title = inline_text(select_first(response, ["div#maincontents h1", "h1"], response.url))
        text = element_text(body)
        # Russia releases all share one title, so the page's date line matters for identity.
        page_dates = [m.value for m in find_dates(text[:400])]
        published = page_dates[0] if page_dates else date.fromisoformat(listed)
        yield self.announcement(
            response,
            title=title,
            published=published,
            text=text,
            attachments=attachment_links(response, body.css("a")),
        )
