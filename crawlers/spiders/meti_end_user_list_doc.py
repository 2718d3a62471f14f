"""METI's End User List (外国ユーザーリスト): the notice page links the current edition as a
bilingual PDF table."""

from __future__ import annotations

from crawlers.base import SourceSpider
from crawlers.html import LayoutError, select_first
from crawlers.list_documents import ListDocumentSpider


class MetiEndUserListDoc(ListDocumentSpider, SourceSpider):
    def parse(self, response):
        body = select_first(response, ["#MainContents", "div.wrapper2011", "#main"], response.url)
        links = [
            a
            for a in body.css("a[href$='.pdf']")
            if "ユーザーリスト" in "".join(a.css("::text").getall())
            or "End User List" in "".join(a.css("::text").getall())
        ]
        if not links:
            raise LayoutError(f"no End User List PDF linked at {response.url}")
        yield from self.fetch_lists(response, links[:1])
