"""METI's specified-entity lists (Russia, Belarus, third countries), linked as PDFs from the
Russia measures page; the link text states each list's size (`（201団体…）`), which the count
guard holds the parsed PDF to."""

from __future__ import annotations

from crawlers.base import SourceSpider
from crawlers.html import select_one
from crawlers.list_documents import ListDocumentSpider


class MetiEntityLists(ListDocumentSpider, SourceSpider):
    def parse(self, response):
        body = select_one(response, "div.wrapper2011", response.url)
        links = body.css("a[href$='.pdf']")
        unknown = [
            a.attrib["href"]
            for a in links
            if "tokutei" in a.attrib["href"]
            and not any(s.matches(a.attrib["href"]) for s in self.lists)
        ]
        if unknown:  # a new list: declare it in normalize/lists/lists.yml
            self.logger.warning("specified-entity list not declared: %s", unknown)
        yield from self.fetch_lists(response, links)
