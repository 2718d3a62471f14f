"""Cabinet Office, economic security (内閣府 経済安全保障): the portal's news list and the
Cabinet Office's RSS 1.0 feed, each leading to pages of the economic-security section.

The feed (news.rdf) carries news of the whole Cabinet Office; only items under
/keizai_anzen_hosho/ are this source's. Page layout [assumed, sources.md]: `h1` title, a date
line `令和4年5月18日`, paragraphs, PDF links under `doc/`. The portal's news list
(`ul.news > li` with `span.date` and a link) is assumed too.
"""

from __future__ import annotations

import re

from parsel import Selector

from crawlers.base import SourceSpider
from crawlers.html import LayoutError, select_first, select_one
from crawlers.pages import dated_links, dated_page
from normalize.dates import parse_date

SECTION = re.compile(r"^https?://[^/]+/keizai_anzen_hosho/")
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rss": "http://purl.org/rss/1.0/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class CaoEconomicSecurity(SourceSpider):
    def parse(self, response):
        if b"<rdf:RDF" in response.body[:2000]:
            yield from self.parse_feed(response)
            return
        news = select_one(response, "ul.news", response.url)
        yield from dated_links(self, response, news.css("li"), SECTION)

    def parse_feed(self, response):
        feed = Selector(body=response.body, type="xml")
        for prefix, uri in NS.items():
            feed.register_namespace(prefix, uri)
        if not feed.xpath("/rdf:RDF/rss:channel"):
            raise LayoutError(f"not an RSS 1.0 feed at {response.url}")
        for item in feed.xpath("/rdf:RDF/rss:item"):
            (link,) = item.xpath("rss:link/text()").getall()
            (when,) = item.xpath("dc:date/text()").getall()
            url = response.urljoin(link.strip())
            if SECTION.search(url):  # the rest of the Cabinet Office is not this source
                yield self.follow(response, url, listed=parse_date(when).isoformat())

    def parse_item(self, response, listed: str):
        body = select_first(response, ["div#contents", "main", "div#main"], response.url)
        yield dated_page(self, response, body, listed)
