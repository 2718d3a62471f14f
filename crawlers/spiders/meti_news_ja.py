"""METI news releases in Japanese (ニュースリリース)."""

from __future__ import annotations

import re
from datetime import date
from urllib.parse import urljoin

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import LayoutError, element_text, inline_text, select_first, select_one
from normalize.dates import parse_date

# /press/{FY}/{MM}/{YYYYMMDDNNN}/{YYYYMMDDNNN}.html — the id is the release date plus a
# serial; FY is the Japanese fiscal year, so the path year is not the date's year in Jan–Mar.
RELEASE_URL = re.compile(r"/press/\d{4}/\d{2}/(?P<id>(?P<d>\d{8})\d{3})/(?P=id)\.html$")


def release_date(url: str) -> date | None:
    m = RELEASE_URL.search(url)
    if m is None:
        return None
    d = m.group("d")
    return date(int(d[:4]), int(d[4:6]), int(d[6:]))


class MetiNewsJa(SourceSpider):
    def parse(self, response):
        menu = select_one(response, "dl#release_menulist", response.url)
        for dt in menu.xpath("./dt"):
            listed = parse_date(inline_text(dt))
            dd = dt.xpath("following-sibling::dd[1]")
            for link in dd.css("a"):
                url = urljoin(response.url, link.attrib["href"])
                if release_date(url) is None:
                    continue  # links to other parts of the site are not releases
                yield self.follow(response, url, listed=listed.isoformat())

    def parse_item(self, response, listed: str):
        body = select_first(response, ["div#MainContents", "div.main", "div#main"], response.url)
        title = inline_text(select_first(response, ["div#MainContents h1", "h1"], response.url))
        published = release_date(response.url)
        if published is None:
            raise LayoutError(f"not a release URL: {response.url}")
        if published.isoformat() != listed:
            self.logger.warning("listing date %s differs from release id %s", listed, published)
        yield self.announcement(
            response,
            title=title,
            published=published,
            text=element_text(body),
            attachments=attachment_links(response, body.css("a")),
        )
