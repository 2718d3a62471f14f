"""G7 statements as MOFA keeps them: a stable copy of each statement on MOFA's G7 pages
(`/ecm/ec/page{N}e_{NNNNNN}.html`: title, date line `May 8, 2022`, links to the statement
PDFs), listed on MOFA's page of G7 summits. The presidency's own site changes every year;
these copies stay.

Hub layout [assumed]: MOFA's English skeleton, `div#maincontents` holding `ul.link-list`
items, each a date `span.date` and a link.
"""

from __future__ import annotations

import re

from crawlers.base import SourceSpider
from crawlers.html import select_one
from crawlers.pages import dated_links, dated_page

G7_PAGE = re.compile(r"/ecm/ec/page\d+e_\d{6}\.html$")


class MofaG7(SourceSpider):
    def parse(self, response):
        hub = select_one(response, "div#maincontents", response.url)
        yield from dated_links(self, response, hub.css("ul.link-list > li"), G7_PAGE)

    def parse_item(self, response, listed: str):
        body = select_one(response, "div#maincontents", response.url)
        yield dated_page(self, response, body, listed)
