"""METI's page on export measures concerning Russia: one page, revised as measures are added."""

from __future__ import annotations

import re

from crawlers.base import SourceSpider, attachment_links
from crawlers.html import LayoutError, element_text, inline_text, select_first, select_one
from normalize.dates import parse_date

LAST_UPDATED = re.compile(r"最終更新日\s*[:：]\s*(?P<date>[^\n]+)")


class MetiRussia(SourceSpider):
    def parse(self, response):
        body = select_one(response, "div.wrapper2011", response.url)
        text = element_text(body)
        # The page is a living document: its "last updated" line is its publication date.
        m = LAST_UPDATED.search(text)
        if m is None:
            raise LayoutError(f"no 最終更新日 line at {response.url}")
        title = inline_text(
            select_first(response, ["div.wrapper2011 h1", "h1", "title"], response.url)
        )
        yield self.announcement(
            response,
            title=title,
            published=parse_date(m.group("date")),
            text=text,
            attachments=attachment_links(response, body.css("a")),
        )
