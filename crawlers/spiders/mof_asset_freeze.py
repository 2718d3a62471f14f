"""The Ministry of Finance's asset-freeze list page: the workbook and the dated CSV linked
from `div.unique-block`, and the list date the page states (`令和4年5月10日現在`)."""

from __future__ import annotations

import re

from crawlers.base import SourceSpider
from crawlers.html import LayoutError, element_text, select_one
from crawlers.list_documents import ListDocumentSpider
from normalize.dates import parse_date

AS_OF = re.compile(r"((?:令和|平成)\s*\S{1,3}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*現在")


class MofAssetFreeze(ListDocumentSpider, SourceSpider):
    def parse(self, response):
        block = select_one(response, "div.unique-block", response.url)
        m = AS_OF.search(element_text(select_one(response, "#contents", response.url)))
        if m is None:
            raise LayoutError(f"no 現在 (list date) line at {response.url}")
        links = block.css("a[href]")
        yield from self.fetch_lists(response, links, updated=parse_date(m.group(1)).isoformat())
